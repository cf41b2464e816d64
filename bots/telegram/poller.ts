import { GrammyError, HttpError } from 'grammy';
import type { Logger } from '../../core/logger.ts';
import type { TelegramBot } from './bot.ts';

const POLL_TIMEOUT_SECONDS = 25;
const MAX_BACKOFF_MS = 30_000;
/** What residents' dialogues need; Telegram sends nothing else. */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
] as const;

export interface Poller {
  /** Resolves when polling has stopped. */
  stop(): Promise<void>;
}

/**
 * Long polling through the same intake as the webhook: each update is recorded (so a repeat is
 * ignored) and queued for its chat, and its offset is confirmed with the next getUpdates call.
 */
export function startPolling(telegram: TelegramBot, log: Logger): Poller {
  const controller = new AbortController();
  const done = loop(telegram, log, controller.signal);
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}

async function loop(telegram: TelegramBot, log: Logger, signal: AbortSignal): Promise<void> {
  const { api } = telegram.bot;
  await api.deleteWebhook({ drop_pending_updates: false });
  let offset = 0;
  let failures = 0;

  while (!signal.aborted) {
    try {
      const updates = await api.getUpdates(
        { offset, timeout: POLL_TIMEOUT_SECONDS, allowed_updates: [...ALLOWED_UPDATES] },
        // grammY types its signal with a polyfill's class; the platform one is what it uses.
        signal as Parameters<typeof api.getUpdates>[1],
      );
      for (const update of updates) {
        await telegram.receive(update);
        offset = update.update_id + 1;
      }
      failures = 0;
    } catch (err) {
      if (signal.aborted) break;
      failures += 1;
      const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 6));
      log.warn({ err: describe(err), waitMs: wait }, 'getUpdates failed; retrying');
      await sleep(wait, signal);
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof GrammyError) return `${err.error_code} ${err.description}`;
  if (err instanceof HttpError) return `network: ${String(err.error)}`;
  return String(err);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
