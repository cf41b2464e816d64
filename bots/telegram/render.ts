import { type Api, InputFile, type RawApi } from 'grammy';
import type {
  InlineKeyboardMarkup,
  InputMediaPhoto,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import type { MediaRef, Outgoing } from '../../core/conversation/types.ts';
import type { MediaReader } from '../../core/delivery/senders.ts';
import { splitText } from '../../core/text/split.ts';

/** Telegram's limit for one message's text, in UTF-16 code units. */
export const TELEGRAM_TEXT_LIMIT = 4096;

type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

/**
 * Sends one Outgoing: its photos, then its text in as many messages as the limit needs, the
 * buttons on the last piece. No parse mode is ever set, so no user text can break a message.
 */
export async function sendOutgoing(
  api: Api<RawApi>,
  chatId: number | string,
  message: Outgoing,
  media?: MediaReader,
): Promise<void> {
  const photos = await resolvePhotos(message.photos ?? [], media);
  await sendPhotos(api, chatId, photos);

  const pieces = splitText(message.text, TELEGRAM_TEXT_LIMIT);
  const markup = markupOf(message);
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    await api.sendMessage(chatId, piece, last && markup ? { reply_markup: markup } : {});
  }
}

/**
 * What Telegram can show: its own file ids as they are, other platforms' photos as uploads of
 * our stored copies; a photo with neither is left out (the text still says how many).
 */
async function resolvePhotos(refs: MediaRef[], media?: MediaReader): Promise<TelegramPhoto[]> {
  const photos: TelegramPhoto[] = [];
  for (const ref of refs) {
    if (typeof ref === 'string') photos.push(ref);
    else if (ref.channel === 'telegram') photos.push(ref.fileId);
    else if (media) {
      const resolved = await media.resolve(ref, 'telegram');
      if (resolved && 'fileRef' in resolved) photos.push(resolved.fileRef);
      else if (resolved) photos.push(new InputFile(resolved.bytes, resolved.name));
    }
  }
  return photos;
}

type TelegramPhoto = string | InputFile;

async function sendPhotos(
  api: Api<RawApi>,
  chatId: number | string,
  photos: TelegramPhoto[],
): Promise<void> {
  if (photos.length === 1 && photos[0]) {
    await api.sendPhoto(chatId, photos[0]);
    return;
  }
  // An album holds 2 to 10 items.
  for (let i = 0; i < photos.length; i += 10) {
    const group = photos.slice(i, i + 10);
    if (group.length === 1 && group[0]) await api.sendPhoto(chatId, group[0]);
    else if (group.length > 1) {
      const media: InputMediaPhoto[] = group.map((media) => ({ type: 'photo', media }));
      await api.sendMediaGroup(chatId, media);
    }
  }
}

function markupOf(message: Outgoing): Markup | undefined {
  if (message.inline) {
    return {
      inline_keyboard: message.inline.map((row) =>
        row.map((button) => ({ text: button.label, callback_data: button.payload })),
      ),
    };
  }
  if (message.keyboard === 'remove') return { remove_keyboard: true };
  if (message.keyboard) {
    return {
      keyboard: message.keyboard.map((row) =>
        row.map((button) =>
          button.requestLocation
            ? { text: button.label, request_location: true }
            : button.requestContact
              ? { text: button.label, request_contact: true }
              : { text: button.label },
        ),
      ),
      resize_keyboard: true,
      is_persistent: true,
    };
  }
  return undefined;
}
