import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { createUpdateIntake } from '../../core/conversation/intake.ts';
import type { Reply } from '../../core/conversation/types.ts';
import type { PrismaClient } from '../../core/db/client.ts';
import type { Logger } from '../../core/logger.ts';
import { metrics } from '../../core/metrics.ts';
import { setChatReachable } from '../../core/residents/residents.ts';
import { storableJson } from '../../core/text/sanitize.ts';
import { groupChats } from './group-chats.ts';
import { chatKeyOf, toIncoming } from './incoming.ts';
import { sendOutgoing } from './render.ts';

/** How long a pressed button may spin before we answer it, whatever the work still running. */
const CALLBACK_ANSWER_DEADLINE_MS = 1_000;

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  engine: ConversationEngine;
  /** Where updates are recorded (the inbox); a small pool of its own keeps webhooks fast. */
  prisma: PrismaClient;
  log: Logger;
  /** Known bot identity (skips getMe); tests and benchmarks pass it. */
  botInfo?: UserFromGetMe;
}

export interface TelegramBot {
  readonly bot: Bot;
  /** Records an update once and queues it; false for a redelivery. */
  receive(update: Update): Promise<boolean>;
  /** Queues updates recorded by an earlier process but never finished. */
  recover(): Promise<number>;
  /** Resolves when every queued update has been handled. */
  idle(): Promise<void>;
}

/**
 * A grammY bot configured as every part of the service uses it: 429s are retried after
 * Telegram's retry_after (a wait over a minute fails the call instead), and a call that hangs
 * is given up after 30 seconds so one slow answer cannot hold a chat's queue for minutes.
 */
export function createGrammyBot(token: string, apiRoot: string, botInfo?: UserFromGetMe): Bot {
  const bot = new Bot(token, {
    client: { apiRoot, timeoutSeconds: 30 },
    ...(botInfo ? { botInfo } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  return bot;
}

/** Assembles the Telegram adapter: grammY client, update handling and the error boundary. */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { engine, log } = options;
  const bot = createGrammyBot(options.token, options.apiRoot, options.botInfo);

  // Office team groups first: their commands and status changes never reach the dialogues.
  bot.use(groupChats({ prisma: options.prisma, log }));

  // A private chat's member status is the resident blocking or unblocking the bot.
  bot.on('my_chat_member', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const status = ctx.myChatMember.new_chat_member.status;
    const reachable = status !== 'kicked' && status !== 'left';
    await setChatReachable(options.prisma, 'telegram', String(ctx.chat.id), reachable);
    log.info({ channel: 'telegram', updateId: ctx.update.update_id, reachable }, 'chat status');
  });

  bot.use(async (ctx) => {
    const incoming = toIncoming(ctx.update);
    if (!incoming) {
      // A button we do not handle (no data, a channel post) still must stop spinning.
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const updateLog = log.child({ channel: 'telegram', updateId: ctx.update.update_id });

    const answer = callbackAnswerer(ctx.callbackQuery?.id, bot, updateLog);
    let reply: Reply;
    try {
      reply = await engine.handle(incoming, { fromInbox: true });
    } catch (err) {
      updateLog.error({ err }, 'dialogue failed; apologising');
      reply = engine.apology(incoming);
    }
    await answer(reply.buttonNotice);
    await deliver(bot, incoming.chatId, reply, engine.apology(incoming), updateLog);
    updateLog.info({ kind: incoming.kind, replies: reply.messages.length }, 'update handled');
    metrics.updatesHandled.inc({ channel: 'telegram' });
  });

  const intake = createUpdateIntake<Update>({
    prisma: options.prisma,
    channel: 'telegram',
    log,
    process: (update) => bot.handleUpdate(update),
  });

  return {
    bot,
    async receive(raw) {
      const update = storableJson(raw);
      const chatKey = chatKeyOf(update) ?? `update:${update.update_id}`;
      return intake.receive(String(update.update_id), chatKey, update);
    },
    recover: () => intake.recover(),
    idle: () => intake.idle(),
  };
}

/**
 * Answers a pressed button once: with the flow's notice when it is ready, or empty after a
 * deadline so the person's button never keeps spinning.
 */
function callbackAnswerer(queryId: string | undefined, bot: Bot, log: Logger) {
  let answered = false;
  const send = async (text?: string) => {
    if (!queryId || answered) return;
    answered = true;
    await bot.api
      .answerCallbackQuery(queryId, text ? { text } : {})
      .catch((err: unknown) => log.warn({ err }, 'callback answer failed'));
  };
  const timer = queryId ? setTimeout(() => void send(), CALLBACK_ANSWER_DEADLINE_MS) : undefined;
  return async (text?: string) => {
    clearTimeout(timer);
    await send(text);
  };
}

/**
 * Sends a reply. A chat that blocked the bot ends it quietly; any other refusal is logged and
 * the person gets the apology instead of silence (the dialogue has already moved on, and its
 * next prompt will ask again for what is needed).
 */
async function deliver(
  bot: Bot,
  chatId: string,
  reply: Reply,
  apology: Reply,
  log: Logger,
): Promise<void> {
  try {
    for (const message of reply.messages) await sendOutgoing(bot.api, chatId, message);
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 403) {
      log.info({ code: err.error_code }, 'chat unreachable: the bot was blocked or removed');
      return;
    }
    log.error({ err }, 'reply could not be sent; apologising');
    for (const message of apology.messages) {
      await sendOutgoing(bot.api, chatId, message).catch((again: unknown) =>
        log.error({ err: again }, 'apology could not be sent either'),
      );
    }
  }
}
