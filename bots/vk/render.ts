import { createHash } from 'node:crypto';
import type { API, Upload } from 'vk-io';
import type { InlineButton, MediaRef, Outgoing } from '../../core/conversation/types.ts';
import type { MediaReader } from '../../core/delivery/senders.ts';
import { splitText } from '../../core/text/split.ts';
import {
  inlineKeyboard,
  REMOVE_KEYBOARD,
  replyKeyboard,
  VK_BUTTONS_PER_ROW,
  VK_INLINE_BUTTONS,
  VK_INLINE_ROWS,
  type VkKeyboard,
} from './keyboards.ts';

/** VK's limit for one message's text. */
export const VK_TEXT_LIMIT = 4096;
/** Attachments one message may carry. */
const VK_ATTACHMENTS = 10;
/** A message that only continues the buttons of the one before needs some text. */
const CONTINUED = '⋯';

export interface VkRenderDeps {
  api: API;
  upload: Upload;
  media?: MediaReader;
}

/**
 * Sends one Outgoing to a VK peer: photos attached to the first piece of text, the text split
 * at VK's limit, the keyboard on the last piece (an inline keyboard too tall for VK continues
 * in further messages). `sendKey` names this send: each piece's random_id derives from it, so
 * a retried send is recognised by VK and never shown twice.
 */
export async function sendVkOutgoing(
  deps: VkRenderDeps,
  peerId: number,
  message: Outgoing,
  sendKey: string,
): Promise<void> {
  const attachments = await resolvePhotos(deps, peerId, message.photos ?? []);
  const pieces = splitText(message.text, VK_TEXT_LIMIT);
  const keyboards = keyboardsOf(message);
  const sends: Array<{ text: string; keyboard?: VkKeyboard; attachment?: string }> = [];

  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    sends.push({
      text: piece,
      ...(index === 0 && attachments.length > 0
        ? { attachment: attachments.slice(0, VK_ATTACHMENTS).join(',') }
        : {}),
      ...(last && keyboards[0] ? { keyboard: keyboards[0] } : {}),
    });
  }
  for (let i = VK_ATTACHMENTS; i < attachments.length; i += VK_ATTACHMENTS) {
    sends.push({ text: CONTINUED, attachment: attachments.slice(i, i + VK_ATTACHMENTS).join(',') });
  }
  for (const keyboard of keyboards.slice(1)) sends.push({ text: CONTINUED, keyboard });

  for (const [index, send] of sends.entries()) {
    await deps.api.messages.send({
      peer_id: peerId,
      message: send.text,
      random_id: randomId(`${sendKey}:${index}`),
      ...(send.keyboard ? { keyboard: JSON.stringify(send.keyboard) } : {}),
      ...(send.attachment ? { attachment: send.attachment } : {}),
    });
  }
}

function keyboardsOf(message: Outgoing): VkKeyboard[] {
  if (message.inline && message.inline.length > 0) {
    return inlineChunks(message.inline).map(inlineKeyboard);
  }
  if (message.keyboard === 'remove') return [REMOVE_KEYBOARD];
  if (message.keyboard) return [replyKeyboard(message.keyboard)];
  return [];
}

/** Rows grouped into keyboards VK accepts: at most 6 rows and 10 buttons each. */
function inlineChunks(rows: InlineButton[][]): InlineButton[][][] {
  const chunks: InlineButton[][][] = [];
  let current: InlineButton[][] = [];
  let buttons = 0;
  for (const row of rows) {
    const width = Math.min(row.length, VK_BUTTONS_PER_ROW);
    if (current.length === VK_INLINE_ROWS || buttons + width > VK_INLINE_BUTTONS) {
      chunks.push(current);
      current = [];
      buttons = 0;
    }
    current.push(row);
    buttons += width;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * VK attachments for the photos: VK's own as they are, other platforms' uploaded from our
 * stored copies; one with neither is left out.
 */
async function resolvePhotos(
  deps: VkRenderDeps,
  peerId: number,
  refs: MediaRef[],
): Promise<string[]> {
  const attachments: string[] = [];
  for (const ref of refs) {
    if (typeof ref === 'string') attachments.push(ref);
    else if (ref.channel === 'vk') attachments.push(ref.fileId);
    else if (deps.media) {
      const resolved = await deps.media.resolve(ref, 'vk');
      if (resolved && 'fileRef' in resolved) attachments.push(resolved.fileRef);
      else if (resolved) {
        const { bytes, contentType, name } = resolved;
        const source = { value: bytes, contentType, filename: name };
        const photo = await deps.upload.messagePhoto({ peer_id: peerId, source });
        attachments.push(photo.toString());
      }
    }
  }
  return attachments;
}

/** A stable positive 31-bit id for a send, as VK's random_id wants (a signed int32). */
export function randomId(sendKey: string): number {
  const digest = createHash('sha256').update(sendKey).digest();
  return digest.readUInt32BE(0) & 0x7fffffff || 1;
}
