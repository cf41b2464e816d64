import type { Api, RawApi } from 'grammy';
import type {
  InlineKeyboardMarkup,
  InputMediaPhoto,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import type { Outgoing } from '../../core/conversation/types.ts';
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
): Promise<void> {
  await sendPhotos(api, chatId, message.photos ?? []);

  const pieces = splitText(message.text, TELEGRAM_TEXT_LIMIT);
  const markup = markupOf(message);
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    await api.sendMessage(chatId, piece, last && markup ? { reply_markup: markup } : {});
  }
}

async function sendPhotos(
  api: Api<RawApi>,
  chatId: number | string,
  photos: string[],
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
            : { text: button.label },
        ),
      ),
      resize_keyboard: true,
      is_persistent: true,
    };
  }
  return undefined;
}
