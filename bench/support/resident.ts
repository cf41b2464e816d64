import type { InlineKeyboardMarkup, ReplyKeyboardMarkup, Update } from 'grammy/types';
import type { FakeTelegramApi, RecordedCall } from '../../test/fakes/telegram-api.ts';
import { callbackQuery } from '../../test/fakes/telegram-updates.ts';

/** What the bot sent a chat, as a resident reads it: the text and the buttons offered. */
export interface Reply {
  method: string;
  text: string;
  labels: string[];
}

/** Where a resident's updates go: a webhook, as Telegram would POST them, via the fake. */
export interface WebhookTarget {
  api: FakeTelegramApi;
  url: string;
  secret: string;
  /** Told how long each webhook POST took to be answered, in milliseconds. */
  onAnswer?: (ms: number) => void;
  /** How long to wait for a reply before giving up; 20 s by default. */
  replyTimeoutMs?: number;
}

/** Raised when the bot's replies are not what the resident waited for. */
export class UnexpectedReplyError extends Error {
  override name = 'UnexpectedReplyError';
}

const SENDING_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendMediaGroup']);

/**
 * A person in one private chat with the bot: sends updates and waits for the bot's reply
 * before going on, as people do. Replies are read from the fake Bot API's record of calls,
 * scanning only the calls made since the update was sent.
 */
export class SimulatedResident {
  updatesSent = 0;

  constructor(
    private readonly target: WebhookTarget,
    readonly chatId: number,
    /** Replies that end the wait at once as a failure, such as the bot's apology. */
    private readonly failOn: ReadonlySet<string> = new Set(),
  ) {}

  /** POSTs the updates in order and resolves with the first reply `until` accepts. */
  async send(updates: readonly Update[], until: (reply: Reply) => boolean): Promise<Reply> {
    const waiting = this.waitForReply(until);
    try {
      for (const update of updates) await this.post(update);
    } catch (error) {
      waiting.cancel();
      throw error;
    }
    const reply = await waiting.reply;
    if (this.failOn.has(reply.text)) {
      throw new UnexpectedReplyError(`chat ${this.chatId}: the bot answered "${reply.text}"`);
    }
    return reply;
  }

  /** Presses the inline button with this label under the latest message offering it. */
  press(label: string, until: (reply: Reply) => boolean): Promise<Reply> {
    const offered = [...this.target.api.sentMessages(this.chatId)]
      .reverse()
      .map((sent) => ({
        sent,
        button: inlineButtons(sent.replyMarkup).find((b) => b.text === label),
      }))
      .find((candidate) => candidate.button?.callback_data !== undefined);
    const data = offered?.button?.callback_data;
    if (!offered || data === undefined) {
      throw new UnexpectedReplyError(`chat ${this.chatId}: no button "${label}" offered`);
    }
    return this.send([callbackQuery(this.chatId, data, offered.sent.messageId)], until);
  }

  private async post(update: Update): Promise<void> {
    const delivery = await this.target.api.deliverWebhook(update, {
      url: this.target.url,
      secret: this.target.secret,
    });
    this.updatesSent += 1;
    this.target.onAnswer?.(delivery.ms);
    if (delivery.status !== 200) {
      throw new UnexpectedReplyError(`chat ${this.chatId}: webhook answered ${delivery.status}`);
    }
  }

  private waitForReply(until: (reply: Reply) => boolean) {
    const chatId = this.chatId;
    const failOn = this.failOn;
    let cursor: number | undefined;
    let found: Reply | undefined;
    let cancelled = false;

    // The fake checks this once per turn of the event loop after a call; its first check runs
    // at once, before anything is sent, and marks where this chat's new replies start.
    const done = this.target.api.waitFor(
      (calls) => {
        if (cancelled) return true;
        const start = cursor ?? calls.length;
        cursor = calls.length;
        for (let i = start; i < calls.length && !found; i += 1) {
          const reply = replyOf(calls[i], chatId);
          if (reply && (until(reply) || failOn.has(reply.text))) found = reply;
        }
        return found !== undefined;
      },
      { timeoutMs: this.target.replyTimeoutMs ?? 20_000 },
    );
    const reply = done.then(() => {
      if (!found) throw new UnexpectedReplyError(`chat ${chatId}: waiting was cancelled`);
      return found;
    });
    reply.catch(() => undefined);
    return {
      reply,
      cancel: () => {
        cancelled = true;
      },
    };
  }
}

function replyOf(call: RecordedCall | undefined, chatId: number): Reply | undefined {
  if (!call || call.error || !SENDING_METHODS.has(call.method)) return undefined;
  if (Number(call.params.chat_id) !== chatId) return undefined;
  const text = call.params.text ?? call.params.caption;
  return {
    method: call.method,
    text: typeof text === 'string' ? text : '',
    labels: labelsOf(call.params.reply_markup),
  };
}

/** The labels of inline and reply keyboard buttons; markup may arrive as JSON text. */
function labelsOf(markup: unknown): string[] {
  const parsed = typeof markup === 'string' ? safeJson(markup) : markup;
  const inline = (parsed as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
  const keyboard = (parsed as ReplyKeyboardMarkup | undefined)?.keyboard ?? [];
  return [...inline.flat(), ...keyboard.flat()].map((button) =>
    typeof button === 'string' ? button : button.text,
  );
}

function inlineButtons(markup: unknown): Array<{ text: string; callback_data?: string }> {
  const parsed = typeof markup === 'string' ? safeJson(markup) : markup;
  const keyboard = (parsed as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
  return keyboard.flat().map((button) => button as { text: string; callback_data?: string });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
