import { type Api, GrammyError, type RawApi } from 'grammy';
import type { Outgoing } from '../../core/conversation/types.ts';
import type { ChannelSender, SendOutcome } from '../../core/delivery/senders.ts';
import { sendOutgoing } from './render.ts';

/** Telegram's answers that mean the chat will not take our messages again. */
const UNREACHABLE = [
  /bot was blocked by the user/i,
  /user is deactivated/i,
  /bot was kicked/i,
  /chat not found/i,
  /bot is not a member/i,
];

/** Sends deliveries through the Bot API; 429s are waited out by the client's auto-retry. */
export function createTelegramSender(api: Api<RawApi>): ChannelSender {
  return {
    async send(chatId: string, messages: Outgoing[]): Promise<SendOutcome> {
      try {
        for (const message of messages) await sendOutgoing(api, chatId, message);
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

function isUnreachable(err: GrammyError): boolean {
  return err.error_code === 403 || UNREACHABLE.some((pattern) => pattern.test(err.description));
}
