import { invalidParam, VK_ERRORS, VkApiError, vkError } from './vk-api-errors.ts';
import type { VkParams } from './vk-api-http.ts';
import { parseKeyboard, type VkKeyboard } from './vk-api-keyboard.ts';
import type { VkConversationStore, VkSentMessage } from './vk-api-messages-store.ts';
import type { VkMethodHandler } from './vk-api-method.ts';

/**
 * messages.send, messages.edit and messages.sendMessageEventAnswer as VK answers a community
 * token. With peer_id (or user_id) messages.send answers the message id and fails as a whole;
 * with peer_ids it answers one entry per peer, where a peer that does not accept messages gets
 * an `error` entry instead of a message.
 */

export const MAX_MESSAGE_LENGTH = 4096;

/** Asks whether an attachment such as "photo-1_2_key" names something VK knows. */
export type AttachmentCheck = (attachment: string) => boolean;

interface Content {
  randomId: number;
  text: string;
  keyboardJson: string | undefined;
  attachments: string[];
  lat?: number;
  long?: number;
}

export function messageMethods(
  store: VkConversationStore,
  knows: AttachmentCheck,
): Record<string, VkMethodHandler> {
  return {
    'messages.send': (p) => send(store, knows, p),
    'messages.edit': (p) => edit(store, knows, p),
    'messages.sendMessageEventAnswer': (p) => answerEvent(store, p),
  };
}

function send(store: VkConversationStore, knows: AttachmentCheck, params: VkParams): unknown {
  const content = readContent(params, knows);
  if (params.peer_ids !== undefined) {
    return intList(params.peer_ids).map((peerId) => sendOne(store, peerId, content, true));
  }
  const peerId = intOf(params.peer_id ?? params.user_id);
  if (peerId === undefined) throw vkError(VK_ERRORS.noPeer);
  return sendOne(store, peerId, content, false);
}

function sendOne(store: VkConversationStore, peerId: number, content: Content, many: boolean) {
  if (store.isBlocked(peerId)) {
    if (!many) throw vkError(VK_ERRORS.noPermission);
    return { peer_id: peerId, error: { code: 901, description: VK_ERRORS.noPermission.error_msg } };
  }
  const keyboard = keyboardFor(store, peerId, content.keyboardJson);
  const { keyboardJson: _json, ...rest } = content;
  const message = store.send({ peerId, ...rest, ...(keyboard ? { keyboard } : {}) });
  if (!many) return message.messageId;
  return {
    peer_id: peerId,
    message_id: message.messageId,
    conversation_message_id: message.conversationMessageId,
  };
}

function readContent(params: VkParams, knows: AttachmentCheck): Content {
  const randomId = intOf(params.random_id);
  if (randomId === undefined) throw vkError(VK_ERRORS.randomIdRequired);
  const text = params.message ?? '';
  const attachments = readAttachments(params, knows);
  const lat = floatOf(params.lat);
  const long = floatOf(params.long);
  const hasGeo = lat !== undefined && long !== undefined;
  if (text.trim() === '' && attachments.length === 0 && !hasGeo) {
    throw vkError(VK_ERRORS.messageEmpty);
  }
  if (text.length > MAX_MESSAGE_LENGTH) throw vkError(VK_ERRORS.messageTooLong);
  return {
    randomId,
    text,
    keyboardJson: params.keyboard,
    attachments,
    ...(hasGeo ? { lat, long } : {}),
  };
}

function readAttachments(params: VkParams, knows: AttachmentCheck): string[] {
  const attachments = (params.attachment ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  // LIMITATION: only photos are checked against what the fake knows; other kinds pass as sent.
  const unknown = attachments.find((item) => item.startsWith('photo') && !knows(item));
  if (unknown !== undefined) throw invalidParam('attachment is invalid');
  return attachments;
}

function keyboardFor(
  store: VkConversationStore,
  peerId: number,
  json: string | undefined,
): VkKeyboard | undefined {
  return json === undefined || json === ''
    ? undefined
    : parseKeyboard(json, store.clientOf(peerId));
}

function edit(store: VkConversationStore, knows: AttachmentCheck, params: VkParams): number {
  const peerId = intOf(params.peer_id);
  if (peerId === undefined) throw invalidParam('peer_id is undefined');
  const messageId = intOf(params.message_id);
  const cmid = intOf(params.conversation_message_id);
  const message = store.find(peerId, {
    ...(messageId === undefined ? {} : { messageId }),
    ...(cmid === undefined ? {} : { cmid }),
  });
  if (message === undefined) throw invalidParam('message_id is undefined');
  applyEdit(store, message, params, knows);
  return 1;
}

function applyEdit(
  store: VkConversationStore,
  message: VkSentMessage,
  params: VkParams,
  knows: AttachmentCheck,
): void {
  const text = params.message ?? message.text;
  if (text.length > MAX_MESSAGE_LENGTH) throw vkError(VK_ERRORS.messageTooLong);
  const keyboard = keyboardFor(store, message.peerId, params.keyboard);
  if (params.attachment !== undefined) message.attachments = readAttachments(params, knows);
  message.text = text;
  // VK keeps the keyboard of an edited message unless a new one is given.
  if (keyboard !== undefined) message.keyboard = keyboard;
  message.edits += 1;
}

function answerEvent(store: VkConversationStore, params: VkParams): number {
  const eventId = params.event_id;
  const userId = intOf(params.user_id);
  const peerId = intOf(params.peer_id);
  if (eventId === undefined || eventId === '') throw invalidParam('event_id is undefined');
  if (userId === undefined) throw invalidParam('user_id is undefined');
  if (peerId === undefined) throw invalidParam('peer_id is undefined');
  const eventData = params.event_data === undefined ? undefined : jsonOf(params.event_data);
  store.eventAnswers.push({
    eventId,
    userId,
    peerId,
    ...(eventData === undefined ? {} : { eventData }),
  });
  return 1;
}

function jsonOf(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidParam('event_data is invalid');
  }
}

export function intOf(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

function floatOf(raw: string | undefined): number | undefined {
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function intList(raw: string): number[] {
  const ids = raw.split(',').map((item) => intOf(item));
  if (ids.length === 0 || ids.some((id) => id === undefined)) {
    throw new VkApiError(100, VK_ERRORS.noPeer.error_msg);
  }
  return ids as number[];
}
