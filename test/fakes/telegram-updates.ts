import type {
  CallbackQuery,
  Chat,
  ChatMemberUpdated,
  Message,
  MessageEntity,
  PhotoSize,
  Update,
  User,
} from 'grammy/types';
import {
  chatInstanceOf,
  fakeBotInfo,
  nextCallbackQueryId,
  nextFileIds,
  nextMediaGroupId,
  nextMessageId,
  nextUpdateId,
  unixNow,
} from './telegram-ids.ts';

/**
 * Builders of updates with the shapes the Bot API really sends (see the fixtures in
 * /work/shared/data/platforms/telegram_updates.json). update_id and message_id grow on every
 * call. A positive chat id is a private chat whose resident has the same id; a negative one
 * is a group, where the sender defaults to RESIDENT_IN_GROUP_ID.
 */

export const RESIDENT_IN_GROUP_ID = 500_000_001;

export interface SenderOptions {
  /** Overrides of the sender; in a private chat the chat follows the sender's names. */
  from?: Partial<User>;
  /** Unix time in seconds; now by default. */
  date?: number;
}

type NonChannel<M> = M & Update.NonChannel;

export type MessageUpdate<M extends Message = Message> = Update & { message: NonChannel<M> };
export type EditedMessageUpdate<M extends Message = Message> = Update & {
  edited_message: NonChannel<M> & Update.Edited;
};
export type CallbackQueryUpdate = Update & { callback_query: CallbackQuery };
export type MyChatMemberUpdate = Update & { my_chat_member: ChatMemberUpdated };

export function resident(chatId: number, from?: Partial<User>): User {
  return {
    id: chatId > 0 ? chatId : RESIDENT_IN_GROUP_ID,
    is_bot: false,
    first_name: 'Житель',
    language_code: 'ru',
    ...from,
  };
}

export function chatOf(chatId: number, user: User): Exclude<Chat, Chat.ChannelChat> {
  if (chatId > 0) {
    return {
      id: chatId,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name === undefined ? {} : { last_name: user.last_name }),
      ...(user.username === undefined ? {} : { username: user.username }),
    };
  }
  // Supergroup ids start with -100 followed by ten or more digits.
  return chatId < -1_000_000_000_000
    ? { id: chatId, type: 'supergroup', title: 'Двор на улице Ленина' }
    : { id: chatId, type: 'group', title: 'Двор на улице Ленина' };
}

/**
 * The bot as it appears in `from` of its own messages: the fake's default bot. A test that
 * starts the fake with another token passes `bot` (its botInfo) to the builders that use it.
 */
export function botUser(): User {
  const { id, is_bot, first_name, username } = fakeBotInfo();
  return { id, is_bot, first_name, username };
}

function base(chatId: number, opts: SenderOptions | undefined): NonChannel<Message> {
  const from = resident(chatId, opts?.from);
  return {
    message_id: nextMessageId(chatId),
    from,
    chat: chatOf(chatId, from),
    date: opts?.date ?? unixNow(),
  };
}

function wrap<M extends Message>(message: NonChannel<M>): MessageUpdate<M> {
  return { update_id: nextUpdateId(), message };
}

export function textMessage(
  chatId: number,
  text: string,
  opts?: SenderOptions & {
    entities?: MessageEntity[];
    replyTo?: NonNullable<Message['reply_to_message']>;
  },
): MessageUpdate<Message.TextMessage> {
  return wrap({
    ...base(chatId, opts),
    text,
    ...(opts?.entities === undefined ? {} : { entities: opts.entities }),
    ...(opts?.replyTo === undefined ? {} : { reply_to_message: opts.replyTo }),
  });
}

/** A command as a client sends it: the text and a bot_command entity over the command. */
export function command(
  chatId: number,
  name: string,
  args?: string,
  opts?: SenderOptions,
): MessageUpdate<Message.TextMessage> {
  const cmd = name.startsWith('/') ? name : `/${name}`;
  const entities: MessageEntity[] = [{ type: 'bot_command', offset: 0, length: cmd.length }];
  const text = args === undefined || args === '' ? cmd : `${cmd} ${args}`;
  return textMessage(chatId, text, { ...opts, entities });
}

export function locationMessage(
  chatId: number,
  latitude: number,
  longitude: number,
  opts?: SenderOptions & { livePeriod?: number; horizontalAccuracy?: number },
): MessageUpdate<Message.LocationMessage> {
  return wrap({
    ...base(chatId, opts),
    location: {
      latitude,
      longitude,
      ...(opts?.horizontalAccuracy === undefined
        ? {}
        : { horizontal_accuracy: opts.horizontalAccuracy }),
      ...(opts?.livePeriod === undefined ? {} : { live_period: opts.livePeriod }),
    },
  });
}

/** A venue picked on the map: Telegram sends both `venue` and `location`. */
export function venueMessage(
  chatId: number,
  latitude: number,
  longitude: number,
  opts?: SenderOptions & { title?: string; address?: string },
): MessageUpdate<Message.VenueMessage> {
  const location = { latitude, longitude };
  return wrap({
    ...base(chatId, opts),
    location,
    venue: {
      location,
      title: opts?.title ?? 'Площадь Ленина',
      address: opts?.address ?? 'проспект Ленина, Якутск',
      foursquare_id: '4c8f1a2b3d4e5f6a7b8c9d0e',
    },
  });
}

/** A live location moving on: an edited_message with the same message_id and an edit_date. */
export function editedLiveLocation(
  original: Message | MessageUpdate,
  latitude: number,
  longitude: number,
  opts?: { editDate?: number; heading?: number },
): EditedMessageUpdate<Message.LocationMessage> {
  const message = 'update_id' in original ? original.message : original;
  const { text: _text, venue: _venue, ...rest } = message as NonChannel<Message>;
  const editDate = Math.max(opts?.editDate ?? unixNow(), message.date + 1);
  return {
    update_id: nextUpdateId(),
    edited_message: {
      ...rest,
      location: {
        latitude,
        longitude,
        ...(message.location?.live_period === undefined
          ? {}
          : { live_period: message.location.live_period }),
        ...(opts?.heading === undefined ? {} : { heading: opts.heading }),
      },
      edit_date: editDate,
    },
  };
}

// Telegram's thumbnails and sizes: 's', 'm', 'x', 'y', 'w' (the longest side in pixels).
const PHOTO_SIDES = [90, 320, 800, 1280, 2560] as const;

/** Photo sizes smallest first, each its own file, as Telegram lists them. */
export function photoSizes(count = 4): PhotoSize[] {
  const sides = PHOTO_SIDES.slice(0, Math.min(Math.max(count, 1), PHOTO_SIDES.length));
  return sides.map((side) => {
    const height = Math.round((side * 3) / 4);
    return {
      ...nextFileIds('photo'),
      file_size: Math.round(side * height * 0.11),
      width: side,
      height,
    };
  });
}

export function photoMessage(
  chatId: number,
  opts?: SenderOptions & { caption?: string; mediaGroupId?: string; sizes?: number },
): MessageUpdate<Message.PhotoMessage> {
  return wrap({
    ...base(chatId, opts),
    ...(opts?.mediaGroupId === undefined ? {} : { media_group_id: opts.mediaGroupId }),
    photo: photoSizes(opts?.sizes),
    ...(opts?.caption === undefined ? {} : { caption: opts.caption }),
  });
}

/** An album: one update per photo, one media_group_id, the caption on the first only. */
export function album(
  chatId: number,
  count: number,
  caption?: string,
  opts?: SenderOptions,
): Array<MessageUpdate<Message.PhotoMessage>> {
  const mediaGroupId = nextMediaGroupId();
  return Array.from({ length: count }, (_, i) =>
    photoMessage(chatId, {
      ...opts,
      mediaGroupId,
      ...(i === 0 && caption !== undefined ? { caption } : {}),
    }),
  );
}

export function stickerMessage(
  chatId: number,
  opts?: SenderOptions & { emoji?: string },
): MessageUpdate<Message.StickerMessage> {
  return wrap({
    ...base(chatId, opts),
    sticker: {
      ...nextFileIds('sticker'),
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      thumbnail: { ...nextFileIds('photo'), file_size: 5_416, width: 128, height: 128 },
      emoji: opts?.emoji ?? '👍',
      set_name: 'YakutskCity',
      file_size: 23_456,
    },
  });
}

export function voiceMessage(
  chatId: number,
  opts?: SenderOptions & { duration?: number },
): MessageUpdate<Message.VoiceMessage> {
  const duration = opts?.duration ?? 7;
  return wrap({
    ...base(chatId, opts),
    voice: {
      ...nextFileIds('voice'),
      duration,
      mime_type: 'audio/ogg',
      file_size: duration * 2_300,
    },
  });
}

export function documentMessage(
  chatId: number,
  file: { fileName: string; mimeType: string; fileSize: number },
  opts?: SenderOptions & { caption?: string },
): MessageUpdate<Message.DocumentMessage> {
  return wrap({
    ...base(chatId, opts),
    document: {
      file_name: file.fileName,
      mime_type: file.mimeType,
      ...nextFileIds('document'),
      file_size: file.fileSize,
    },
    ...(opts?.caption === undefined ? {} : { caption: opts.caption }),
  });
}

/**
 * A shared contact; by default the resident's own, from the "share my phone" button.
 * Clients send the number without "+" as often as with it, so the default has none.
 */
export function contactMessage(
  chatId: number,
  opts?: SenderOptions & {
    phoneNumber?: string;
    firstName?: string;
    lastName?: string;
    userId?: number;
  },
): MessageUpdate<Message.ContactMessage> {
  const message = base(chatId, opts);
  return wrap({
    ...message,
    contact: {
      phone_number: opts?.phoneNumber ?? '79140000001',
      first_name: opts?.firstName ?? message.from.first_name,
      ...(opts?.lastName === undefined ? {} : { last_name: opts.lastName }),
      user_id: opts?.userId ?? message.from.id,
    },
  });
}

/**
 * A press on an inline button under a bot's message. The fake Bot API learns the query id
 * when it delivers this update, so answerCallbackQuery succeeds once. With a messageId of a
 * message the bot sent, the fake keeps its own copy of that message rather than this sketch.
 */
export function callbackQuery(
  chatId: number,
  data: string,
  messageId?: number,
  opts?: SenderOptions & { message?: Message; bot?: User },
): CallbackQueryUpdate {
  const from = resident(chatId, opts?.from);
  const message: Message = opts?.message ?? {
    message_id: messageId ?? nextMessageId(chatId),
    from: opts?.bot ?? botUser(),
    chat: chatOf(chatId, from),
    date: opts?.date ?? unixNow(),
    text: 'Выберите вариант',
    reply_markup: { inline_keyboard: [[{ text: 'Выбрать', callback_data: data }]] },
  };
  return {
    update_id: nextUpdateId(),
    callback_query: {
      id: nextCallbackQueryId(),
      from,
      message,
      chat_instance: chatInstanceOf(chatId),
      data,
    },
  };
}

/** The resident blocked the bot (my_chat_member with status "kicked"). */
export function myChatMemberKicked(
  chatId: number,
  opts?: SenderOptions & { bot?: User },
): MyChatMemberUpdate {
  const from = resident(chatId, opts?.from);
  const bot = opts?.bot ?? botUser();
  return {
    update_id: nextUpdateId(),
    my_chat_member: {
      chat: chatOf(chatId, from),
      from,
      date: opts?.date ?? unixNow(),
      old_chat_member: { user: bot, status: 'member' },
      new_chat_member: { user: bot, status: 'kicked', until_date: 0 },
    },
  };
}

type BotStatus = 'member' | 'left' | 'kicked';

function botMember(bot: User, status: BotStatus): ChatMemberUpdated['new_chat_member'] {
  return status === 'kicked' ? { user: bot, status, until_date: 0 } : { user: bot, status };
}

/**
 * The bot's membership of a group changed: someone (opts.from, a group member by default)
 * added it or removed it (kicked), or it left.
 */
export function myChatMemberChanged(
  chatId: number,
  from: BotStatus,
  to: BotStatus,
  opts?: SenderOptions & { bot?: User },
): MyChatMemberUpdate {
  const user = resident(chatId, opts?.from);
  const bot = opts?.bot ?? botUser();
  return {
    update_id: nextUpdateId(),
    my_chat_member: {
      chat: chatOf(chatId, user),
      from: user,
      date: opts?.date ?? unixNow(),
      old_chat_member: botMember(bot, from),
      new_chat_member: botMember(bot, to),
    },
  };
}

/**
 * The service message Telegram posts in a group upgraded to a supergroup: the last message of
 * the old chat, naming the new one. `from` is who started the upgrade.
 */
export function groupMigratedTo(
  groupId: number,
  supergroupId: number,
  opts?: SenderOptions,
): MessageUpdate {
  return wrap({ ...base(groupId, opts), migrate_to_chat_id: supergroupId });
}

/**
 * The first message of the new supergroup, naming the old group. Telegram signs it as the
 * group itself (GroupAnonymousBot with sender_chat), not as a person.
 */
export function supergroupMigratedFrom(
  supergroupId: number,
  groupId: number,
  opts?: { date?: number },
): MessageUpdate {
  const anonymous: User = {
    id: 1_087_968_824,
    is_bot: true,
    first_name: 'Group',
    username: 'GroupAnonymousBot',
  };
  const chat = chatOf(supergroupId, anonymous);
  return wrap({
    message_id: nextMessageId(supergroupId),
    from: anonymous,
    sender_chat: chat,
    chat,
    date: opts?.date ?? unixNow(),
    migrate_from_chat_id: groupId,
  } as NonChannel<Message>);
}

/** A location forwarded from someone else's chat (forward_origin, Bot API 7+). */
export function forwardedLocation(
  chatId: number,
  latitude: number,
  longitude: number,
  opts?: SenderOptions & { originalSender?: Partial<User>; hiddenSenderName?: string },
): MessageUpdate<Message.LocationMessage> {
  const date = opts?.date ?? unixNow();
  const forwardDate = date - 3_600;
  const forward_origin: NonNullable<Message['forward_origin']> =
    opts?.hiddenSenderName === undefined
      ? {
          type: 'user',
          date: forwardDate,
          sender_user: resident(RESIDENT_IN_GROUP_ID + 1, {
            first_name: 'Соседка',
            ...opts?.originalSender,
          }),
        }
      : { type: 'hidden_user', date: forwardDate, sender_user_name: opts.hiddenSenderName };
  return wrap({
    ...base(chatId, { ...opts, date }),
    forward_origin,
    location: { latitude, longitude },
  });
}
