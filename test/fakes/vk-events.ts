import {
  API_VERSION,
  isUserPeer,
  nextButtonEventId,
  nextConversationMessageId,
  nextEventId,
  nextMediaId,
  nextMessageId,
  randomKey,
  unixNow,
} from './vk-api-ids.ts';
import type { VkPhoto } from './vk-api-photos.ts';

/**
 * Builders of Callback API / Bots Long Poll events with the shapes VK 5.199 sends (see
 * /work/shared/data/platforms/vk_callback_events.json; `geo` follows VK's API schema). A user's
 * peer id is the user's id (below 2e9); from 2e9 up it is a chat, where the sender defaults
 * to RESIDENT_IN_CHAT_ID. Each event carries a fresh event_id and v; the fake adds group_id
 * (and secret, for Callback deliveries).
 */

export const RESIDENT_IN_CHAT_ID = 100_000_002;

export interface VkEvent {
  type: string;
  object?: unknown;
  group_id?: number;
  event_id?: string;
  v?: string;
  secret?: string;
}

/** What the resident's client can show; a copy of it comes with every message_new. */
export interface VkClientInfo {
  button_actions: string[];
  keyboard: boolean;
  inline_keyboard: boolean;
  carousel: boolean;
  lang_id: number;
}

export interface VkGeo {
  type: 'point';
  coordinates: { latitude: number; longitude: number };
  place?: { title?: string; country?: string; city?: string };
}

export interface VkAttachment {
  type: string;
  [kind: string]: unknown;
}

export interface VkMessage {
  id: number;
  date: number;
  peer_id: number;
  from_id: number;
  text: string;
  out: 0;
  conversation_message_id: number;
  fwd_messages: VkMessage[];
  important: boolean;
  random_id: number;
  attachments: VkAttachment[];
  is_hidden: boolean;
  version: number;
  geo?: VkGeo;
  payload?: string;
}

export interface MessageNewEvent extends VkEvent {
  type: 'message_new';
  object: { message: VkMessage; client_info: VkClientInfo };
}

export interface MessageEventEvent extends VkEvent {
  type: 'message_event';
  object: {
    user_id: number;
    peer_id: number;
    event_id: string;
    payload: unknown;
    conversation_message_id: number;
  };
}

export interface MessageNewOptions {
  text?: string;
  geo?: VkGeo;
  attachments?: VkAttachment[];
  /** A button's payload: an object is sent as its JSON, as VK does. */
  payload?: unknown;
  /** The sender in a chat; in a private conversation it is the peer. */
  fromId?: number;
  clientInfo?: Partial<VkClientInfo>;
  date?: number;
}

/** A current mobile client: every button kind, keyboards and inline keyboards. */
export const FULL_CLIENT: Readonly<VkClientInfo> = {
  button_actions: ['text', 'vkpay', 'open_app', 'location', 'open_link', 'callback'],
  keyboard: true,
  inline_keyboard: true,
  carousel: true,
  lang_id: 0,
};

export function messageNew(peerId: number, opts: MessageNewOptions = {}): MessageNewEvent {
  const message: VkMessage = {
    // Bots see id 0 for messages in chats; a private conversation has real ids.
    id: isUserPeer(peerId) ? nextMessageId() : 0,
    date: opts.date ?? unixNow(),
    peer_id: peerId,
    from_id: opts.fromId ?? (isUserPeer(peerId) ? peerId : RESIDENT_IN_CHAT_ID),
    text: opts.text ?? '',
    out: 0,
    conversation_message_id: nextConversationMessageId(peerId),
    fwd_messages: [],
    important: false,
    random_id: 0,
    attachments: opts.attachments ?? [],
    is_hidden: false,
    version: 1,
    ...(opts.geo === undefined ? {} : { geo: opts.geo }),
    ...(opts.payload === undefined ? {} : { payload: payloadText(opts.payload) }),
  };
  const client_info = { ...FULL_CLIENT, ...opts.clientInfo };
  return { ...envelope('message_new'), object: { message, client_info } };
}

/** A location shared from the client's map: the `geo` field, no attachment. */
export function geoMessage(
  peerId: number,
  latitude: number,
  longitude: number,
  opts: Omit<MessageNewOptions, 'geo'> & { place?: VkGeo['place'] } = {},
): MessageNewEvent {
  const { place, ...rest } = opts;
  const geo: VkGeo = {
    type: 'point',
    coordinates: { latitude, longitude },
    ...(place === undefined ? {} : { place }),
  };
  return messageNew(peerId, { ...rest, geo });
}

/** Photos as a resident sends them; get them from the fake's registerPhoto. */
export function photoMessage(
  peerId: number,
  photos: readonly VkPhoto[],
  opts: Omit<MessageNewOptions, 'attachments'> = {},
): MessageNewEvent {
  const attachments = photos.map((photo) => ({ type: 'photo', photo }));
  return messageNew(peerId, { ...opts, attachments });
}

export function docMessage(
  peerId: number,
  opts: Omit<MessageNewOptions, 'attachments'> & { title?: string; ext?: string } = {},
): MessageNewEvent {
  const { title = 'заявление.pdf', ext = 'pdf', ...rest } = opts;
  const id = nextMediaId();
  const owner = rest.fromId ?? peerId;
  const doc = {
    id,
    owner_id: owner,
    title,
    size: 48_213,
    ext,
    date: unixNow(),
    type: ext === 'pdf' ? 1 : 8,
    // Not served by the fake: the bot refuses documents and never downloads them.
    url: `https://vk.com/doc${owner}_${id}?hash=${randomKey()}`,
    access_key: randomKey(),
  };
  return messageNew(peerId, { ...rest, attachments: [{ type: 'doc', doc }] });
}

export function stickerMessage(
  peerId: number,
  stickerId = 163,
  opts: Omit<MessageNewOptions, 'attachments'> = {},
): MessageNewEvent {
  const images = [64, 128, 256].map((side) => ({
    url: `https://vk.com/sticker/1-${stickerId}-${side}`,
    width: side,
    height: side,
  }));
  const sticker = { product_id: 4, sticker_id: stickerId, images, images_with_background: images };
  return messageNew(peerId, { ...opts, attachments: [{ type: 'sticker', sticker }] });
}

/** A voice message: an `audio_message` attachment. */
export function voiceMessage(
  peerId: number,
  opts: Omit<MessageNewOptions, 'attachments'> & { duration?: number } = {},
): MessageNewEvent {
  const { duration = 4, ...rest } = opts;
  const id = nextMediaId();
  const owner = rest.fromId ?? peerId;
  const audio_message = {
    id,
    owner_id: owner,
    duration,
    waveform: Array.from({ length: 16 }, (_, i) => (i * 7) % 31),
    link_ogg: `https://psv4.vkuseraudio.net/audio_message/${owner}_${id}.ogg`,
    link_mp3: `https://psv4.vkuseraudio.net/audio_message/${owner}_${id}.mp3`,
    access_key: randomKey(),
  };
  return messageNew(peerId, { ...rest, attachments: [{ type: 'audio_message', audio_message }] });
}

/** A press of a callback button on a message of the community. */
export function messageEvent(
  peerId: number,
  payload: unknown,
  conversationMessageId: number,
  opts: { userId?: number } = {},
): MessageEventEvent {
  const object = {
    user_id: opts.userId ?? (isUserPeer(peerId) ? peerId : RESIDENT_IN_CHAT_ID),
    peer_id: peerId,
    event_id: nextButtonEventId(),
    payload,
    conversation_message_id: conversationMessageId,
  };
  return { ...envelope('message_event'), object };
}

/** What VK sends to confirm a server's address: no object, no event_id. */
export function confirmation(): VkEvent {
  return { type: 'confirmation' };
}

export function messageAllow(userId: number, key = 'one_click'): VkEvent {
  return { ...envelope('message_allow'), object: { user_id: userId, key } };
}

export function messageDeny(userId: number): VkEvent {
  return { ...envelope('message_deny'), object: { user_id: userId } };
}

const givenEventIds = new WeakMap<VkEvent, string>();

/**
 * The event as VK delivers it for a community: with group_id, event_id and v. An event built
 * by hand without an event_id gets one, the same each time it is delivered.
 */
export function withEnvelope(event: VkEvent, groupId: number): VkEvent {
  if (event.type === 'confirmation') return { ...event, group_id: groupId };
  let eventId = event.event_id ?? givenEventIds.get(event);
  if (eventId === undefined) {
    eventId = nextEventId();
    givenEventIds.set(event, eventId);
  }
  return { group_id: groupId, ...event, event_id: eventId, v: event.v ?? API_VERSION };
}

function envelope<T extends string>(type: T): { type: T; event_id: string; v: string } {
  return { type, event_id: nextEventId(), v: API_VERSION };
}

function payloadText(payload: unknown): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}
