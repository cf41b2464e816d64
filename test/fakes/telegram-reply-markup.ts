import type { InlineKeyboardMarkup } from 'grammy/types';
import { BotApiError, badRequest, TELEGRAM_ERRORS } from './telegram-api-errors.ts';

/**
 * Checks reply_markup the way Telegram does and returns what a sent Message echoes back:
 * Telegram echoes inline keyboards only; reply keyboards, removals and force_reply are
 * accepted but never appear in the Message.
 */

const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_INLINE_BUTTONS = 100;

// Fields that give an inline button something to do; a button with none is a "text button".
const INLINE_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
];

export function checkReplyMarkup(markup: unknown): InlineKeyboardMarkup | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== 'object' || Array.isArray(markup)) throw unparsable();
  const fields = markup as Record<string, unknown>;
  if ('inline_keyboard' in fields) return checkInlineKeyboard(fields.inline_keyboard);
  if ('keyboard' in fields) {
    checkRows(fields.keyboard, 'keyboard', 'ReplyKeyboardMarkup');
    return undefined;
  }
  if ('remove_keyboard' in fields || 'force_reply' in fields) return undefined;
  throw unparsable();
}

function checkInlineKeyboard(keyboard: unknown): InlineKeyboardMarkup {
  const rows = checkRows(keyboard, 'inline_keyboard', 'InlineKeyboardMarkup');
  let count = 0;
  for (const row of rows) {
    for (const button of row) {
      checkInlineButton(button);
      count += 1;
    }
  }
  if (count > MAX_INLINE_BUTTONS) throw badRequest('reply markup is too long');
  return { inline_keyboard: rows as InlineKeyboardMarkup['inline_keyboard'] };
}

function checkRows(rows: unknown, field: string, owner: string): unknown[][] {
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest(`field "${field}" of the ${owner} must be an Array of Arrays`);
  }
  return rows as unknown[][];
}

function checkInlineButton(button: unknown): void {
  if (typeof button !== 'object' || button === null) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== 'string') {
    throw badRequest(`can't parse inline keyboard button: Field "text" must be of type String`);
  }
  if (!INLINE_ACTIONS.some((action) => action in fields)) {
    throw badRequest(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  }
  if ('callback_data' in fields) checkCallbackData(fields.callback_data);
  if ('url' in fields && !isButtonUrl(fields.url)) {
    throw new BotApiError(400, TELEGRAM_ERRORS.buttonUrlInvalid);
  }
}

function checkCallbackData(data: unknown): void {
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : 0;
  if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
    throw new BotApiError(400, TELEGRAM_ERRORS.buttonDataInvalid);
  }
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    return ['http:', 'https:', 'tg:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function unparsable(): BotApiError {
  return badRequest("can't parse reply keyboard markup JSON object");
}
