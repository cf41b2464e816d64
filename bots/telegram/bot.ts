import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { createUpdateIntake } from '../../core/conversation/intake.ts';
import type { Reply } from '../../core/conversation/types.ts';
import type { PrismaClient } from '../../core/db/client.ts';
import type { Logger } from '../../core/logger.ts';
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

/** Assembles the Telegram adapter: grammY client, update handling and the error boundary. */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { engine, log } = options;
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // 429s are retried after Telegram's retry_after; a wait over a minute fails the send instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  bot.use(async (ctx) => {
    const incoming = toIncoming(ctx.update);
    if (!incoming) return;
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
    await deliver(bot, incoming.chatId, reply, updateLog);
  });

  const intake = createUpdateIntake<Update>({
    prisma: options.prisma,
    channel: 'telegram',
    log,
    process: (update) => bot.handleUpdate(update),
  });

  return {
    bot,
    async receive(update) {
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

/** Sends a reply; a chat that blocked the bot ends the delivery quietly. */
async function deliver(bot: Bot, chatId: string, reply: Reply, log: Logger): Promise<void> {
  try {
    for (const message of reply.messages) await sendOutgoing(bot.api, chatId, message);
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 403) {
      log.info({ code: err.error_code }, 'chat unreachable: the bot was blocked or removed');
      return;
    }
    throw err;
  }
}
