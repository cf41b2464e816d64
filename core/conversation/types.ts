import type { Channel } from '../../generated/prisma/enums.ts';

export type { Channel } from '../../generated/prisma/enums.ts';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A photo as the platform keeps it: the largest size it offered, by its file reference. */
export interface PhotoRef {
  fileId: string;
  fileUniqueId?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
  fileSize?: number | undefined;
  /** Where the platform serves the file directly, when it says (VK does; Telegram does not). */
  sourceUrl?: string | undefined;
}

/** What a resident sent that we cannot use where a photo or text is expected. */
export type UnsupportedKind =
  | 'sticker'
  | 'voice'
  | 'audio'
  | 'video'
  | 'animation'
  | 'document'
  | 'file_too_large'
  | 'contact'
  | 'poll'
  | 'other';

interface IncomingBase {
  channel: Channel;
  chatId: string;
  userId: string;
  /** The platform's id of this update, used to handle a redelivered update once. */
  updateId: string;
  /** The language the platform reports for the person, e.g. "ru" or "en-US". */
  languageCode?: string;
  /**
   * A button pressed under a message in a group chat (an office's card in its team group).
   * chatId is then the presser's private chat, where the answer goes.
   */
  fromGroup?: boolean;
}

/** What a person sent, without who and where. */
export type IncomingContent =
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: string; args: string }
  | { kind: 'location'; point: GeoPoint; venue?: { title: string; address: string } }
  | { kind: 'photo'; photo: PhotoRef; caption?: string; mediaGroupId?: string }
  | { kind: 'button'; payload: string }
  /**
   * A phone number shared with the platform's contact button. `own` is true when the contact
   * is the sender's own account (Telegram says whose it is), not someone else's card.
   */
  | { kind: 'contact'; phone: string; own: boolean }
  | { kind: 'unsupported'; what: UnsupportedKind };

/** One thing a person did in a chat, in platform-neutral terms. */
export type Incoming = IncomingBase & IncomingContent;

export interface InlineButton {
  label: string;
  /** Opaque to adapters; at most 64 bytes (Telegram's callback_data limit). */
  payload: string;
}

export interface KeyButton {
  label: string;
  /** Asks the platform to send the person's location when pressed. */
  requestLocation?: boolean;
  /**
   * Asks the platform to send the person's own phone number when pressed. VK has no such
   * button: the VK keyboard leaves it out, and the flow asks for the number in words.
   */
  requestContact?: boolean;
}

/**
 * A photo to show. A plain string is a file reference of the channel the message goes to. A
 * report photo names its channel and, once copied, our stored copy: the adapter uses the
 * reference on its own platform and uploads the copy on another (a VK resident's photo on a
 * Telegram official's card), or leaves out a photo it cannot show.
 */
export type MediaRef =
  | string
  | { channel: Channel; fileId: string; storageKey?: string; photoId?: number };

/** One message for a person, in platform-neutral terms; adapters render it. */
export interface Outgoing {
  /** Plain text: adapters send it without markup, so no user text can break it. */
  text: string;
  /** Buttons under the message. */
  inline?: InlineButton[][];
  /** A keyboard that replaces the person's keyboard, or 'remove' to take it away. */
  keyboard?: KeyButton[][] | 'remove';
  /** Photos to show with the text. */
  photos?: MediaRef[];
}

/** What handling one Incoming produced: messages to send and, for a button, a short notice. */
export interface Reply {
  messages: Outgoing[];
  /** Shown as a toast for a pressed button (e.g. "this button is no longer active"). */
  buttonNotice?: string;
}
