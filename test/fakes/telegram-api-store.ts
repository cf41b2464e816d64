import type { Chat, File, Message, Update } from 'grammy/types';
import { BotApiError, TELEGRAM_ERRORS } from './telegram-api-errors.ts';
import { noteMessageId } from './telegram-ids.ts';

/**
 * What the fake Bot API remembers about the world: chats and their messages (the residents'
 * from delivered updates and the bot's own), files, callback queries and who blocked the bot.
 */

export interface StoredMessage {
  message: Message;
  byBot: boolean;
}

/** A message the bot sent, with the reply markup as sent (reply keyboards included). */
export interface SentMessage {
  method: string;
  chatId: number;
  messageId: number;
  text?: string;
  caption?: string;
  replyMarkup?: unknown;
  message: Message;
}

export interface FileRegistration {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  /** Where getFile says the file lives; generated when absent. */
  file_path?: string;
  /** What a download of the file answers; zero bytes of file_size when absent. */
  content?: Uint8Array;
}

export interface StoredFile extends File {
  file_path: string;
  content?: Uint8Array;
}

type CallbackQueryState = 'open' | 'answered' | 'expired';

export class FakeChatStore {
  readonly sent: SentMessage[] = [];
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<number, Map<number, StoredMessage>>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly callbackQueries = new Map<string, CallbackQueryState>();
  private readonly blocked = new Set<number>();
  /** Groups the bot was removed from, with Telegram's refusal for each. */
  private readonly removedFrom = new Map<number, string>();
  /** Groups upgraded to supergroups: the old chat id to the new one. */
  private readonly migrations = new Map<number, number>();
  private fileSeq = 0;

  constructor(
    private readonly botId: number,
    private readonly initiallyBlocked: readonly number[] = [],
  ) {
    for (const chatId of initiallyBlocked) this.blocked.add(chatId);
  }

  /** Remembers what an update delivered to the bot tells: chats, messages, files, queries. */
  learn(update: Update): void {
    for (const message of [
      update.message,
      update.edited_message,
      update.channel_post,
      update.edited_channel_post,
    ]) {
      if (message !== undefined) this.learnMessage(message);
    }
    const query = update.callback_query;
    if (query !== undefined) {
      if (!this.callbackQueries.has(query.id)) this.callbackQueries.set(query.id, 'open');
      // An inaccessible message (date 0) carries no content; a known one is the fake's own.
      const message = query.message;
      const known = message && this.message(message.chat.id, message.message_id);
      if (message !== undefined && message.date !== 0 && known === undefined) {
        this.learnMessage(message as Message);
      }
    }
    const member = update.my_chat_member;
    if (member !== undefined) {
      this.chats.set(member.chat.id, member.chat);
      if (member.chat.type === 'private') this.learnBlock(member.chat.id, member.new_chat_member);
      else this.learnMembership(member.chat, member.new_chat_member);
    }
  }

  /** The bot removed from a group or channel, or added back to it. */
  private learnMembership(chat: Chat, member: { status: string }): void {
    const kind = chat.type === 'supergroup' || chat.type === 'channel' ? 'supergroup' : 'group';
    if (member.status === 'kicked') {
      const kicked = kind === 'group' ? 'botKickedFromGroup' : 'botKickedFromSupergroup';
      this.removedFrom.set(chat.id, TELEGRAM_ERRORS[kicked]);
    } else if (member.status === 'left') {
      const left = kind === 'group' ? 'botNotInGroup' : 'botNotInSupergroup';
      this.removedFrom.set(chat.id, TELEGRAM_ERRORS[left]);
    } else {
      this.removedFrom.delete(chat.id);
    }
  }

  /** A group upgraded to a supergroup: the old id refuses messages and names the new one. */
  migrate(fromChatId: number, toChatId: number): void {
    this.migrations.set(fromChatId, toChatId);
  }

  /**
   * Why Telegram would refuse to post in this chat now, checked in its order: an upgraded
   * group (400 naming the new id), a group the bot is not in, a resident who blocked the bot.
   */
  refusal(chatId: number): BotApiError | undefined {
    const migratedTo = this.migrations.get(chatId);
    if (migratedTo !== undefined) {
      return new BotApiError(400, TELEGRAM_ERRORS.groupUpgraded, {
        migrate_to_chat_id: migratedTo,
      });
    }
    const removed = this.removedFrom.get(chatId);
    if (removed !== undefined) return new BotApiError(403, removed);
    if (this.blocked.has(chatId)) return new BotApiError(403, TELEGRAM_ERRORS.botBlocked);
    return undefined;
  }

  private learnBlock(chatId: number, member: { status: string }): void {
    if (member.status === 'kicked') this.blocked.add(chatId);
    if (member.status === 'member') this.blocked.delete(chatId);
  }

  private learnMessage(message: Message): void {
    this.chats.set(message.chat.id, message.chat);
    if (message.migrate_to_chat_id !== undefined) {
      this.migrate(message.chat.id, message.migrate_to_chat_id);
    }
    if (message.migrate_from_chat_id !== undefined) {
      this.migrate(message.migrate_from_chat_id, message.chat.id);
    }
    noteMessageId(message.chat.id, message.message_id);
    this.saveMessage(message, message.from?.id === this.botId);
    for (const photo of message.photo ?? []) this.learnFile(photo, 'photos', 'jpg');
    const document = message.document;
    if (document !== undefined) {
      const ext = /\.([A-Za-z0-9]{1,8})$/.exec(document.file_name ?? '')?.[1] ?? 'dat';
      this.learnFile(document, 'documents', ext);
    }
    if (message.voice !== undefined) this.learnFile(message.voice, 'voice', 'oga');
    if (message.audio !== undefined) this.learnFile(message.audio, 'music', 'mp3');
    if (message.video !== undefined) this.learnFile(message.video, 'videos', 'mp4');
    if (message.video_note !== undefined) this.learnFile(message.video_note, 'video_notes', 'mp4');
    if (message.sticker !== undefined) {
      this.learnFile(message.sticker, 'stickers', 'webp');
      if (message.sticker.thumbnail) this.learnFile(message.sticker.thumbnail, 'thumbnails', 'jpg');
    }
  }

  private learnFile(file: File, dir: string, ext: string): void {
    if (this.files.has(file.file_id)) return;
    this.registerFile(file, dir, ext);
  }

  registerFile(file: FileRegistration, dir = 'documents', ext = 'dat'): StoredFile {
    const known = this.files.get(file.file_id);
    if (known !== undefined) return known;
    this.fileSeq += 1;
    const stored: StoredFile = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id ?? `AQAD${this.fileSeq.toString(36)}`,
      file_path: file.file_path ?? `${dir}/file_${this.fileSeq}.${ext}`,
    };
    const size = file.file_size ?? file.content?.length;
    if (size !== undefined) stored.file_size = size;
    if (file.content !== undefined) stored.content = file.content;
    this.files.set(stored.file_id, stored);
    this.filesByPath.set(stored.file_path, stored);
    return stored;
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  fileAt(path: string): StoredFile | undefined {
    return this.filesByPath.get(path);
  }

  /** A known chat, or the chat an id implies: positive ids are residents' private chats. */
  chat(chatId: number): Chat {
    const known = this.chats.get(chatId);
    if (known !== undefined) return known;
    if (chatId > 0) return { id: chatId, type: 'private', first_name: 'Житель' };
    return chatId < -1_000_000_000_000
      ? { id: chatId, type: 'supergroup', title: 'Чат жителей' }
      : { id: chatId, type: 'group', title: 'Чат жителей' };
  }

  saveMessage(message: Message, byBot: boolean): void {
    let chat = this.messages.get(message.chat.id);
    if (chat === undefined) {
      chat = new Map();
      this.messages.set(message.chat.id, chat);
    }
    chat.set(message.message_id, { message, byBot });
  }

  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  deleteMessage(chatId: number, messageId: number): boolean {
    return this.messages.get(chatId)?.delete(messageId) ?? false;
  }

  isBlocked(chatId: number): boolean {
    return this.blocked.has(chatId);
  }

  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  registerCallbackQuery(id: string): void {
    this.callbackQueries.set(id, 'open');
  }

  expireCallbackQuery(id: string): void {
    if (this.callbackQueries.has(id)) this.callbackQueries.set(id, 'expired');
  }

  /** True once per known, unexpired query; Telegram refuses a second answer. */
  answerCallbackQuery(id: string): boolean {
    if (this.callbackQueries.get(id) !== 'open') return false;
    this.callbackQueries.set(id, 'answered');
    return true;
  }

  reset(): void {
    this.sent.length = 0;
    this.chats.clear();
    this.messages.clear();
    this.files.clear();
    this.filesByPath.clear();
    this.callbackQueries.clear();
    this.blocked.clear();
    this.removedFrom.clear();
    this.migrations.clear();
    for (const chatId of this.initiallyBlocked) this.blocked.add(chatId);
  }
}
