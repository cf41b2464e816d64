import { randomBytes } from 'node:crypto';

/**
 * Identity of the fake community and the id counters that the fake VK API and the event
 * builders share, so a message a resident wrote (a built event) and one the community sent
 * (an answer of the fake) never share a message id or a conversation_message_id.
 */

export const API_VERSION = '5.199';

/** A community token looks like "vk1.a." followed by a long random tail. */
export const DEFAULT_VK_TOKEN = 'vk1.a.FakeCommunityTokenForTestsOnly_0123456789abcdefghijklmnop';
export const DEFAULT_GROUP_ID = 229_000_001;
export const DEFAULT_GROUP_NAME = 'Одно касание';

/** Chats with several members have peer ids from 2e9 up; a user's peer id is the user's id. */
export const CHAT_PEER_OFFSET = 2_000_000_000;

export function isUserPeer(peerId: number): boolean {
  return peerId > 0 && peerId < CHAT_PEER_OFFSET;
}

let lastMessageId = 10_000;

/** Community message ids grow across all its conversations. */
export function nextMessageId(): number {
  lastMessageId += 1;
  return lastMessageId;
}

const lastConversationMessageId = new Map<number, number>();

/** conversation_message_id grows per conversation, shared by both sides of it. */
export function nextConversationMessageId(peerId: number): number {
  const next = (lastConversationMessageId.get(peerId) ?? 0) + 1;
  lastConversationMessageId.set(peerId, next);
  return next;
}

let lastMediaId = 457_239_000;

/** Ids of photos, documents and voice messages, as large as VK's. */
export function nextMediaId(): number {
  lastMediaId += 1;
  return lastMediaId;
}

/** The top-level event_id of a Callback or Long Poll event: 40 hex digits. */
export function nextEventId(): string {
  return randomBytes(20).toString('hex');
}

/** The event_id of a callback button press: 12 hex digits. */
export function nextButtonEventId(): string {
  return randomBytes(6).toString('hex');
}

/** An access_key of a private attachment, or a long poll key. */
export function randomKey(bytes = 9): string {
  return randomBytes(bytes).toString('hex');
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1_000);
}
