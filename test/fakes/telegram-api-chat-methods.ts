import type { BotCommand, File, Message, UserFromGetMe } from 'grammy/types';
import { BotApiError, badRequest, TELEGRAM_ERRORS } from './telegram-api-errors.ts';
import type { MethodHandler } from './telegram-api-method.ts';
import type { FakeChatStore, StoredMessage } from './telegram-api-store.ts';
import { messageText } from './telegram-formatting.ts';
import { unixNow } from './telegram-ids.ts';
import {
  type ApiParams,
  arrayParam,
  chatIdParam,
  intParam,
  objectParam,
  stringParam,
} from './telegram-params.ts';
import { checkReplyMarkup } from './telegram-reply-markup.ts';

/**
 * The methods that act on existing messages, callback queries, files and the bot's own
 * settings: editing and deleting, answering a button press, getFile, chat actions, commands.
 */

export interface ChatMethodsDeps {
  store: FakeChatStore;
  botInfo: UserFromGetMe;
}

// Bots may download files up to 20 MB through getFile.
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
const MAX_COMMANDS = 100;
const MAX_COMMAND_DESCRIPTION = 256;

export function chatMethods(deps: ChatMethodsDeps): Record<string, MethodHandler> {
  const { store } = deps;
  const commands = new Map<string, BotCommand[]>();
  return {
    getMe: () => deps.botInfo,
    editMessageText: (p) => editText(store, p),
    editMessageReplyMarkup: (p) => editMarkup(store, p),
    deleteMessage: (p) => deleteMessage(store, p),
    answerCallbackQuery: (p) => {
      const id = stringParam(p, 'callback_query_id') ?? '';
      if (!store.answerCallbackQuery(id)) throw new BotApiError(400, TELEGRAM_ERRORS.queryTooOld);
      return true;
    },
    getFile: (p) => getFile(store, p),
    sendChatAction: (p) => {
      const chatId = chatIdParam(p);
      if (!CHAT_ACTIONS.has(stringParam(p, 'action') ?? '')) {
        throw badRequest('wrong parameter action in request');
      }
      const refusal = store.refusal(chatId);
      if (refusal !== undefined) throw refusal;
      return true;
    },
    setMyCommands: (p) => {
      commands.set(commandsKey(p), checkCommands(arrayParam(p, 'commands')));
      return true;
    },
    getMyCommands: (p) => commands.get(commandsKey(p)) ?? [],
    deleteMyCommands: (p) => {
      commands.delete(commandsKey(p));
      return true;
    },
  };
}

/** The bot's own message in a chat it can still write to, or Telegram's refusal. */
function ownMessage(store: FakeChatStore, p: ApiParams, notFound: string): StoredMessage {
  const chatId = chatIdParam(p);
  const stored = store.message(chatId, intParam(p, 'message_id') ?? 0);
  const refusal = store.refusal(chatId);
  if (refusal !== undefined) throw refusal;
  if (stored === undefined) throw new BotApiError(400, notFound);
  if (!stored.byBot) throw new BotApiError(400, TELEGRAM_ERRORS.messageCantBeEdited);
  return stored;
}

function editText(store: FakeChatStore, p: ApiParams): Message | true {
  const text = messageText(stringParam(p, 'text'), stringParam(p, 'parse_mode'), p.entities);
  const markup = checkReplyMarkup(p.reply_markup);
  // Inline messages live outside any chat; Telegram answers true for them.
  if (p.inline_message_id !== undefined) return true;

  const { message } = ownMessage(store, p, TELEGRAM_ERRORS.messageToEditNotFound);
  if (message.text === undefined) throw badRequest('there is no text in the message to edit');
  const sameText = message.text === text.text && sameJson(message.entities ?? [], text.entities);
  if (sameText && sameJson(message.reply_markup, markup)) {
    throw new BotApiError(400, TELEGRAM_ERRORS.messageNotModified);
  }

  // Editing without reply_markup removes the inline keyboard, as on Telegram.
  const { entities: _entities, reply_markup: _markup, ...rest } = message;
  const edited: Message = {
    ...rest,
    text: text.text,
    ...(text.entities.length === 0 ? {} : { entities: text.entities }),
    ...(markup === undefined ? {} : { reply_markup: markup }),
    edit_date: unixNow(),
  };
  store.saveMessage(edited, true);
  return edited;
}

function editMarkup(store: FakeChatStore, p: ApiParams): Message | true {
  const markup = checkReplyMarkup(p.reply_markup);
  if (p.inline_message_id !== undefined) return true;

  const { message } = ownMessage(store, p, TELEGRAM_ERRORS.messageToEditNotFound);
  if (sameJson(message.reply_markup, markup)) {
    throw new BotApiError(400, TELEGRAM_ERRORS.messageNotModified);
  }
  const { reply_markup: _markup, ...rest } = message;
  const edited: Message = { ...rest, ...(markup === undefined ? {} : { reply_markup: markup }) };
  store.saveMessage(edited, true);
  return edited;
}

function deleteMessage(store: FakeChatStore, p: ApiParams): true {
  // A bot may delete residents' messages in its private chats too, so no ownership check.
  if (!store.deleteMessage(chatIdParam(p), intParam(p, 'message_id') ?? 0)) {
    throw new BotApiError(400, TELEGRAM_ERRORS.messageToDeleteNotFound);
  }
  return true;
}

function getFile(store: FakeChatStore, p: ApiParams): File {
  const stored = store.file(stringParam(p, 'file_id') ?? '');
  if (stored === undefined) throw new BotApiError(400, TELEGRAM_ERRORS.invalidFileId);
  if ((stored.file_size ?? 0) > MAX_DOWNLOAD_BYTES) {
    throw new BotApiError(400, TELEGRAM_ERRORS.fileTooBig);
  }
  const { content: _content, ...file } = stored;
  return file;
}

function checkCommands(commands: unknown[] | undefined): BotCommand[] {
  if (commands === undefined) throw badRequest('parameter "commands" is required');
  // Wording of these three not confirmed against Telegram; the limits are documented.
  if (commands.length > MAX_COMMANDS) throw badRequest('too many commands specified');
  return commands.map((item) => {
    const command = objectParam({ item }, 'item') ?? {};
    const name = stringParam(command, 'command') ?? '';
    const description = stringParam(command, 'description') ?? '';
    if (!COMMAND_NAME.test(name)) throw badRequest('BOT_COMMAND_INVALID');
    if (description.trim() === '' || description.length > MAX_COMMAND_DESCRIPTION) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command: name, description };
  });
}

function commandsKey(p: ApiParams): string {
  const scope = objectParam(p, 'scope') ?? { type: 'default' };
  return `${JSON.stringify(scope)}|${stringParam(p, 'language_code') ?? ''}`;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
