import type { Channel, Outgoing } from '../conversation/types.ts';

/**
 * What became of a send: delivered, or the chat cannot be reached any more (the person
 * blocked the bot, left, or the chat is gone). Anything worth retrying is thrown instead.
 */
export type SendOutcome = { delivered: true } | { delivered: false; unreachable: string };

/** Sends messages to a chat on one platform; bots provide one per channel. */
export interface ChannelSender {
  send(chatId: string, messages: Outgoing[]): Promise<SendOutcome>;
}

export type Senders = Partial<Record<Channel, ChannelSender>>;
