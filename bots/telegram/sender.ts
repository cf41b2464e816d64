import { type Api, GrammyError, type RawApi } from 'grammy';
import type { Outgoing } from '../../core/conversation/types.ts';
import type { ChannelSender, MediaReader, SendOutcome } from '../../core/delivery/senders.ts';
import { ensurePhotosReady } from '../../core/media/media-reader.ts';
import { sendOutgoing } from './render.ts';

/** Telegram's answers that mean the chat will not take our messages again. */
const UNREACHABLE = [
  /bot was blocked by the user/i,
  /user is deactivated/i,
  /bot was kicked/i,
  /chat not found/i,
  /bot is not a member/i,
];

export interface TelegramSenderOptions {
  /**
   * Telegram upgraded a group to a supergroup, which has a new chat id; whoever keeps chat ids
   * (an office's team chat) should move to it. The message is sent to the new id either way.
   */
  onChatMigrated?: (fromChatId: string, toChatId: string) => Promise<void>;
  /** Our copies of photos from other platforms, uploaded where Telegram has no file id. */
  media?: MediaReader;
}

/** Sends deliveries through the Bot API; 429s are waited out by the client's auto-retry. */
export function createTelegramSender(
  api: Api<RawApi>,
  options: TelegramSenderOptions = {},
): ChannelSender {
  return {
    async send(chatId: string, messages: Outgoing[]): Promise<SendOutcome> {
      try {
        await ensurePhotosReady(messages, 'telegram', options.media);
        await sendAll(api, chatId, messages, options);
        return { delivered: true };
      } catch (err) {
        if (err instanceof GrammyError && isUnreachable(err)) {
          return { delivered: false, unreachable: `${err.error_code} ${err.description}` };
        }
        throw err;
      }
    },
  };
}

/** Sends in order; on an upgraded group, records the move once and goes on in the new chat. */
async function sendAll(
  api: Api<RawApi>,
  chatId: string,
  messages: Outgoing[],
  options: TelegramSenderOptions,
): Promise<void> {
  let target = chatId;
  for (const message of messages) {
    try {
      await sendOutgoing(api, target, message, options.media);
    } catch (err) {
      const movedTo = migratedTo(err);
      if (movedTo === undefined || target !== chatId) throw err;
      await options.onChatMigrated?.(chatId, movedTo);
      target = movedTo;
      await sendOutgoing(api, target, message, options.media);
    }
  }
}

/** The new id Telegram names when a group was upgraded to a supergroup (a 400). */
function migratedTo(err: unknown): string | undefined {
  if (!(err instanceof GrammyError) || err.error_code !== 400) return undefined;
  const to = err.parameters.migrate_to_chat_id;
  return to === undefined ? undefined : String(to);
}

function isUnreachable(err: GrammyError): boolean {
  return err.error_code === 403 || UNREACHABLE.some((pattern) => pattern.test(err.description));
}
