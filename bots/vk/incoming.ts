import type {
  Incoming,
  IncomingContent,
  PhotoRef,
  UnsupportedKind,
} from '../../core/conversation/types.ts';
import {
  FIRST_CONVERSATION_PEER,
  type VkAttachment,
  type VkEvent,
  type VkMessage,
  type VkMessageEvent,
  type VkMessageNew,
  type VkPhoto,
} from './events.ts';

/** Files over the size a city office can use are refused like Telegram's. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** VK's language ids we map to our locales: 0 is Russian, 3 English. */
const LANGUAGES: Record<number, string> = { 0: 'ru', 3: 'en' };

/** The person's chat an event belongs to, for ordering; undefined for events without one. */
export function peerOf(event: VkEvent): string | undefined {
  if (event.type === 'message_new') {
    const message = (event.object as VkMessageNew | undefined)?.message;
    return message ? String(message.peer_id) : undefined;
  }
  if (event.type === 'message_event') {
    const object = event.object as VkMessageEvent | undefined;
    return object ? String(object.peer_id) : undefined;
  }
  const userId = (event.object as { user_id?: number } | undefined)?.user_id;
  return userId === undefined ? undefined : String(userId);
}

/**
 * Turns a VK event into what the dialogue understands. One VK message may carry up to ten
 * photos; each becomes its own Incoming (sharing an album id, as a Telegram album does), in
 * order. Events the dialogue ignores (group conversations, our own messages, other types)
 * give an empty list.
 */
export function toIncomings(event: VkEvent, eventId: string): Incoming[] {
  if (event.type === 'message_event') {
    const object = event.object as VkMessageEvent | undefined;
    const payload = buttonPayload(object?.payload);
    if (!object || payload === undefined || object.peer_id >= FIRST_CONVERSATION_PEER) return [];
    return [{ ...base(object.peer_id, object.user_id, eventId), kind: 'button', payload }];
  }
  if (event.type !== 'message_new') return [];
  const object = event.object as VkMessageNew | undefined;
  const message = object?.message;
  if (!message || message.peer_id >= FIRST_CONVERSATION_PEER || message.from_id <= 0) return [];

  const language = LANGUAGES[object.client_info?.lang_id ?? -1];
  const common = base(message.peer_id, message.from_id, eventId, language);
  return contents(message).map((content, index) => ({
    ...common,
    // The first part keeps the event's own id: that is the row the inbox claims.
    updateId: index === 0 ? eventId : `${eventId}#${index}`,
    ...content,
  }));
}

function base(peerId: number, userId: number, eventId: string, language?: string) {
  const common = { channel: 'vk' as const, chatId: String(peerId), userId: String(userId) };
  const withId = { ...common, updateId: eventId };
  return language ? { ...withId, languageCode: language } : withId;
}

/** Our own payloads travel as {"b": "<payload>"}; anything else is not a button of ours. */
export function buttonPayload(raw: unknown): string | undefined {
  const value = typeof raw === 'string' ? safeJson(raw) : raw;
  if (value && typeof value === 'object' && 'b' in value) {
    const payload = (value as { b: unknown }).b;
    return typeof payload === 'string' ? payload : undefined;
  }
  return undefined;
}

function contents(message: VkMessage): IncomingContent[] {
  const text = message.text?.trim() ?? '';
  const photos = (message.attachments ?? []).filter(isPicture);
  if (photos.length > 0) {
    const album =
      photos.length > 1 ? `vk:${message.peer_id}:${message.conversation_message_id}` : undefined;
    return photos.map((item, index) => ({
      kind: 'photo' as const,
      photo: item.photo ? photoRef(item.photo) : imageDocRef(item),
      // The message's words are the first photo's caption, as in Telegram.
      ...(index === 0 && text ? { caption: text } : {}),
      ...(album ? { mediaGroupId: album } : {}),
    }));
  }
  if (message.geo?.coordinates) {
    const { latitude, longitude } = message.geo.coordinates;
    return [{ kind: 'location', point: { latitude, longitude } }];
  }
  const first = message.attachments?.[0];
  if (first) return [{ kind: 'unsupported', what: unsupportedKind(first) }];
  // The "Start" button of a new chat sends {"command":"start"} with its label as text.
  if (isStartPayload(message.payload)) return [{ kind: 'command', command: 'start', args: '' }];
  const command = /^\/([a-z0-9_]{1,32})(?:\s+([\s\S]*))?$/i.exec(text);
  if (command?.[1]) {
    return [{ kind: 'command', command: command[1].toLowerCase(), args: command[2]?.trim() ?? '' }];
  }
  return [{ kind: 'text', text: message.text ?? '' }];
}

/** The largest size by area: VK lists sizes in no useful order. */
function photoRef(photo: VkPhoto): PhotoRef {
  const sizes = photo.sizes ?? [];
  const largest = sizes.reduce<(typeof sizes)[number] | undefined>(
    (best, size) => (!best || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  );
  const key = photo.access_key ? `_${photo.access_key}` : '';
  return {
    fileId: `photo${photo.owner_id}_${photo.id}${key}`,
    fileUniqueId: `photo${photo.owner_id}_${photo.id}`,
    ...(largest ? { width: largest.width, height: largest.height, sourceUrl: largest.url } : {}),
  };
}

/** An image sent "as a file" is still a photo, as in Telegram, when it is small enough. */
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'webp', 'heic']);

function isPicture(item: VkAttachment): boolean {
  if (item.type === 'photo') return Boolean(item.photo);
  const doc = item.doc;
  return (
    item.type === 'doc' &&
    doc !== undefined &&
    IMAGE_EXTENSIONS.has((doc.ext ?? '').toLowerCase()) &&
    (doc.size ?? 0) <= MAX_FILE_BYTES &&
    typeof doc.url === 'string' &&
    doc.id !== undefined &&
    doc.owner_id !== undefined
  );
}

function imageDocRef(item: VkAttachment): PhotoRef {
  const doc = item.doc ?? {};
  const key = doc.access_key ? `_${doc.access_key}` : '';
  return {
    fileId: `doc${doc.owner_id}_${doc.id}${key}`,
    fileUniqueId: `doc${doc.owner_id}_${doc.id}`,
    ...(doc.size ? { fileSize: doc.size } : {}),
    ...(doc.url ? { sourceUrl: doc.url } : {}),
  };
}

function unsupportedKind(attachment: VkAttachment): UnsupportedKind {
  switch (attachment.type) {
    case 'sticker':
      return 'sticker';
    case 'audio_message':
      return 'voice';
    case 'audio':
      return 'audio';
    case 'video':
      return 'video';
    case 'doc':
      return (attachment.doc?.size ?? 0) > MAX_FILE_BYTES ? 'file_too_large' : 'document';
    case 'poll':
      return 'poll';
    default:
      return 'other';
  }
}

function isStartPayload(raw: string | undefined): boolean {
  const value = raw ? safeJson(raw) : undefined;
  return Boolean(
    value && typeof value === 'object' && (value as { command?: unknown }).command === 'start',
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
