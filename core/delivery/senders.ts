import type { Channel, Outgoing } from '../conversation/types.ts';

export type { MediaReader } from '../media/media-reader.ts';

/**
 * What became of a send: delivered, or the chat cannot be reached any more (the person
 * blocked the bot, left, or the chat is gone). Anything worth retrying is thrown instead.
 */
export type SendOutcome = { delivered: true } | { delivered: false; unreachable: string };

/** Sends messages to a chat on one platform; bots provide one per channel. */
export interface ChannelSender {
  /** `key` names the send; a platform with idempotent sends (VK) uses it to drop a repeat. */
  send(chatId: string, messages: Outgoing[], options?: { key?: string }): Promise<SendOutcome>;
  /** The platform recognises a repeated send with the same key, so resending is safe. */
  idempotent?: boolean;
}

export type Senders = Partial<Record<Channel, ChannelSender>>;
