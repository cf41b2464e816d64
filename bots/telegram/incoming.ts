import type { Message, PhotoSize, Update } from 'grammy/types';
import type {
  Incoming,
  IncomingContent,
  PhotoRef,
  UnsupportedKind,
} from '../../core/conversation/types.ts';

/** The Bot API lets a bot download files up to 20 MB; a larger one is useless to an office. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** The chat an update belongs to, for ordering; undefined for updates without one. */
export function chatKeyOf(update: Update): string | undefined {
  const query = update.callback_query;
  // A button under a card in a group is handled in the presser's private dialogue.
  if (query && isGroup(query.message?.chat.type)) return String(query.from.id);
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    query?.message?.chat ??
    update.my_chat_member?.chat;
  if (chat) return String(chat.id);
  return query ? String(query.from.id) : undefined;
}

/**
 * Turns a Telegram update into an Incoming, or null for what residents' dialogues ignore:
 * edits (a live location's updates arrive as edits, and must count once), messages in group
 * chats, channel posts and membership changes. A button pressed in a group (under an office's
 * card) is the presser's: it arrives in their private chat, whose id is their user id.
 */
export function toIncoming(update: Update): Incoming | null {
  if (update.callback_query) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    if (!query.data || chat?.type === 'channel') return null;
    const button = { kind: 'button' as const, payload: query.data };
    if (chat && isGroup(chat.type)) {
      return { ...base(update, String(query.from.id), query.from), ...button, fromGroup: true };
    }
    return { ...base(update, String(chat?.id ?? query.from.id), query.from), ...button };
  }

  const message = update.message;
  if (message?.chat.type !== 'private' || !message.from) return null;
  return { ...base(update, String(message.chat.id), message.from), ...content(message) };
}

function isGroup(type: string | undefined): boolean {
  return type === 'group' || type === 'supergroup';
}

function base(update: Update, chatId: string, from: { id: number; language_code?: string }) {
  const common = { channel: 'telegram' as const, chatId, userId: String(from.id) };
  const withUpdate = { ...common, updateId: String(update.update_id) };
  return from.language_code ? { ...withUpdate, languageCode: from.language_code } : withUpdate;
}

function content(message: Message): IncomingContent {
  if (message.text !== undefined) return textContent(message.text);
  if (message.location) {
    const point = { latitude: message.location.latitude, longitude: message.location.longitude };
    const venue = message.venue && { title: message.venue.title, address: message.venue.address };
    return venue ? { kind: 'location', point, venue } : { kind: 'location', point };
  }
  if (message.contact) {
    const own =
      message.contact.user_id !== undefined && message.contact.user_id === message.from?.id;
    return { kind: 'contact', phone: message.contact.phone_number, own };
  }
  if (message.photo && message.photo.length > 0)
    return photoContent(message, largest(message.photo));
  // An animation also carries a `document` field; it is not a photo sent as a file.
  if (message.document && !message.animation) return documentContent(message);
  return { kind: 'unsupported', what: unsupportedKind(message) };
}

function textContent(text: string): IncomingContent {
  const command = /^\/([a-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (command?.[1]) {
    return { kind: 'command', command: command[1].toLowerCase(), args: command[2]?.trim() ?? '' };
  }
  return { kind: 'text', text };
}

/** Telegram lists a photo's sizes smallest first; keep the largest by area, not by position. */
function largest(sizes: PhotoSize[]): PhotoSize {
  return sizes.reduce((best, size) =>
    size.width * size.height > best.width * best.height ? size : best,
  );
}

function photoContent(message: Message, size: PhotoRefSource): IncomingContent {
  const photo: PhotoRef = {
    fileId: size.file_id,
    fileUniqueId: size.file_unique_id,
    ...(size.width ? { width: size.width } : {}),
    ...(size.height ? { height: size.height } : {}),
    ...(size.file_size ? { fileSize: size.file_size } : {}),
  };
  return {
    kind: 'photo',
    photo,
    ...(message.caption ? { caption: message.caption } : {}),
    ...(message.media_group_id ? { mediaGroupId: message.media_group_id } : {}),
  };
}

type PhotoRefSource = {
  file_id: string;
  file_unique_id: string;
  width?: number;
  height?: number;
  file_size?: number;
};

/** An image sent "as a file" is still a photo, if we are allowed to download it. */
function documentContent(message: Message): IncomingContent {
  const document = message.document;
  if (!document) return { kind: 'unsupported', what: 'other' };
  if ((document.file_size ?? 0) > MAX_DOWNLOAD_BYTES)
    return { kind: 'unsupported', what: 'file_too_large' };
  if (!/^image\/(jpeg|png|webp|heic|heif)$/.test(document.mime_type ?? '')) {
    return { kind: 'unsupported', what: 'document' };
  }
  return photoContent(message, document);
}

function unsupportedKind(message: Message): UnsupportedKind {
  if (message.sticker) return 'sticker';
  if (message.voice) return 'voice';
  if (message.audio) return 'audio';
  if (message.video || message.video_note) return 'video';
  if (message.animation) return 'animation';
  if (message.poll) return 'poll';
  return 'other';
}
