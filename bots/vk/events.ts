/**
 * The parts of VK's Callback API and Bots Long Poll events we read (API version 5.199). Both
 * transports deliver the same JSON; only the fields we use are typed, the rest passes through.
 */
export interface VkEvent {
  type: string;
  /** VK's id of this event; a redelivered event carries the same one. */
  event_id?: string;
  group_id?: number;
  secret?: string;
  object?: unknown;
}

export interface VkPhotoSize {
  type?: string;
  url: string;
  width: number;
  height: number;
}

export interface VkPhoto {
  id: number;
  owner_id: number;
  access_key?: string;
  sizes?: VkPhotoSize[];
}

export interface VkAttachment {
  type: string;
  photo?: VkPhoto;
  doc?: {
    id?: number;
    owner_id?: number;
    access_key?: string;
    ext?: string;
    size?: number;
    type?: number;
    title?: string;
    url?: string;
  };
}

export interface VkMessage {
  id?: number;
  conversation_message_id?: number;
  peer_id: number;
  from_id: number;
  text?: string;
  /** A keyboard button's payload: a JSON string. */
  payload?: string;
  attachments?: VkAttachment[];
  geo?: {
    type?: string;
    coordinates?: { latitude: number; longitude: number };
    place?: { title?: string; city?: string; country?: string };
  };
}

export interface VkMessageNew {
  message: VkMessage;
  client_info?: {
    button_actions?: string[];
    keyboard?: boolean;
    inline_keyboard?: boolean;
    lang_id?: number;
  };
}

export interface VkMessageEvent {
  user_id: number;
  peer_id: number;
  event_id: string;
  payload?: unknown;
  conversation_message_id?: number;
}

/** Peer ids from here up are group conversations, not a person's chat with the community. */
export const FIRST_CONVERSATION_PEER = 2_000_000_000;
