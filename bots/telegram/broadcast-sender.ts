import { Api, GrammyError, HttpError, type Transformer } from 'grammy';
import {
  RateLimitedError,
  SendOutcomeUnknownError,
  SendRefusedError,
} from '../../core/broadcast/send-errors.ts';
import type { ChannelSender, MediaReader } from '../../core/delivery/senders.ts';
import { createTelegramSender } from './sender.ts';

/** Network failures that happen before a request leaves: nothing reached Telegram. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** A later piece of one recipient's message waits out this many 429s at most. */
const MAX_WAITS = 3;
const MAX_WAIT_SECONDS = 60;

export interface TelegramBroadcastSenderOptions {
  token: string;
  apiRoot: string;
  media?: MediaReader;
  /** How long a call may wait for Telegram's answer; after it the outcome is unknown. */
  timeoutSeconds?: number;
}

/**
 * Sends broadcasts through the Bot API without the bot's auto-retry, so that a 429 reaches the
 * broadcast queue, which pauses every worker for Telegram's retry_after instead of leaving each
 * job asleep on its own. What the delivery sender recognises (a blocked chat) it still does.
 *
 * Each send gets an Api of its own (cheap: grammY shares the HTTP agent per API root) that
 * knows whether part of the message went out: once a piece has, a 429 on the next piece is
 * waited out here, since handing the whole message back to the queue would repeat that piece.
 */
export function createTelegramBroadcastSender(
  options: TelegramBroadcastSenderOptions,
): ChannelSender {
  return {
    async send(chatId, messages) {
      const progress = { delivered: false };
      const api = new Api(options.token, {
        apiRoot: options.apiRoot,
        timeoutSeconds: options.timeoutSeconds ?? 30,
      });
      api.config.use(waitOutLaterLimits(progress));
      const sender = createTelegramSender(api, options.media ? { media: options.media } : {});
      try {
        return await sender.send(chatId, messages);
      } catch (err) {
        throw broadcastError(err, progress.delivered);
      }
    },
  };
}

function waitOutLaterLimits(progress: { delivered: boolean }): Transformer {
  return async (prev, method, payload, signal) => {
    for (let waits = 0; ; waits += 1) {
      const result = await prev(method, payload, signal);
      if (result.ok) {
        progress.delivered = true;
        return result;
      }
      const retryAfter = result.parameters?.retry_after;
      const wait =
        result.error_code === 429 &&
        progress.delivered &&
        retryAfter !== undefined &&
        retryAfter <= MAX_WAIT_SECONDS &&
        waits < MAX_WAITS;
      if (!wait) return result;
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
  };
}

/** Says what a failed send means for the broadcast, in the words of send-errors.ts. */
function broadcastError(err: unknown, partlyDelivered: boolean): unknown {
  const reason = err instanceof GrammyError ? `${err.error_code} ${err.description}` : undefined;
  if (partlyDelivered) {
    return new SendRefusedError(`part of the message went out, then: ${reason ?? String(err)}`);
  }
  if (err instanceof GrammyError) {
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after ?? 1;
      return new RateLimitedError(seconds * 1000, { cause: err });
    }
    // Telegram's 5xx may pass; a 4xx is about the request and will not.
    return err.error_code >= 500 ? err : new SendRefusedError(reason);
  }
  if (err instanceof HttpError && !NOT_SENT_CODES.has(codeOf(err.error))) {
    return new SendOutcomeUnknownError(`no answer from Telegram: ${err.message}`);
  }
  return err;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
