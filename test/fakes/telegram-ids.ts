import type { UserFromGetMe } from 'grammy/types';

/**
 * Identity of the fake bot and the id counters that the fake Bot API and the update builders
 * share. Sharing them keeps message ids unique within a chat whether a message came from a
 * resident (a built update) or from the bot (an answer of the fake), as in a real chat.
 */

/** Same shape as a real token: the bot's id, a colon, 35 characters of [A-Za-z0-9_-]. */
export const DEFAULT_BOT_TOKEN = '7000000001:AAFakeTokenForTestsOnly_abcdefghijk';

const FALLBACK_BOT_ID = 7000000001;

/** The bot's id is the number before the colon of its token, as in Telegram. */
export function botIdFromToken(token: string): number {
  const id = Number(token.split(':')[0]);
  return Number.isSafeInteger(id) && id > 0 ? id : FALLBACK_BOT_ID;
}

/** What getMe answers for the fake bot. */
export function fakeBotInfo(token: string = DEFAULT_BOT_TOKEN): UserFromGetMe {
  return {
    id: botIdFromToken(token),
    is_bot: true,
    first_name: 'Одно касание',
    username: 'one_click_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

// Real update ids are large and sequential; starting high keeps them clear of message ids.
let lastUpdateId = 300_000_000;

export function nextUpdateId(): number {
  lastUpdateId += 1;
  return lastUpdateId;
}

const lastMessageIdByChat = new Map<number, number>();

/** The next message id in a chat: ids grow per chat, shared by both sides of it. */
export function nextMessageId(chatId: number): number {
  const id = (lastMessageIdByChat.get(chatId) ?? 0) + 1;
  lastMessageIdByChat.set(chatId, id);
  return id;
}

/** Keeps the chat's counter past a message id that came from elsewhere (a raw fixture). */
export function noteMessageId(chatId: number, messageId: number): void {
  if ((lastMessageIdByChat.get(chatId) ?? 0) < messageId) {
    lastMessageIdByChat.set(chatId, messageId);
  }
}

/** Kinds of files, each with the file_id prefix Telegram gives it. */
export const FILE_ID_PREFIX = {
  photo: 'AgACAgIAAxkBAAI',
  document: 'BQACAgIAAxkBAAI',
  voice: 'AwACAgIAAxkBAAI',
  sticker: 'CAACAgIAAxkBAAI',
  video: 'BAACAgIAAxkBAAI',
} as const;

export type FileKind = keyof typeof FILE_ID_PREFIX;

let lastFileSeq = 0;

/** A fresh file_id / file_unique_id pair that looks like Telegram's (base64url, long). */
export function nextFileIds(kind: FileKind): { file_id: string; file_unique_id: string } {
  lastFileSeq += 1;
  const seq = Buffer.from(`oc-file-${lastFileSeq}`).toString('base64url');
  return {
    file_id: `${FILE_ID_PREFIX[kind]}${seq}AAHkvJ9xQm0ZsT3aWdLpY8cN_kAAQMCAAN4AAM2BA`,
    file_unique_id: `AQAD${seq}`,
  };
}

let lastCallbackSeq = 0n;

/** Callback query ids are decimal strings of 64-bit numbers. */
export function nextCallbackQueryId(): string {
  lastCallbackSeq += 1n;
  return (4_382_000_000_000_000_000n + lastCallbackSeq).toString();
}

let lastMediaGroupSeq = 0n;

/** Media group ids are decimal strings of 17 or so digits. */
export function nextMediaGroupId(): string {
  lastMediaGroupSeq += 1n;
  return (13_579_246_810_000_000n + lastMediaGroupSeq).toString();
}

/** chat_instance is a stable opaque number per chat; derived so it stays stable here too. */
export function chatInstanceOf(chatId: number): string {
  return (BigInt(chatId) * 7_919n - 5_342_186_917_263_451n).toString();
}

/** Unix time in seconds, as in every date field of the Bot API. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
