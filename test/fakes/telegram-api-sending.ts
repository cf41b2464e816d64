import type { Message, PhotoSize, User } from 'grammy/types';
import {
  BotApiError,
  badRequest,
  TELEGRAM_ERRORS,
  tooManyRequests,
} from './telegram-api-errors.ts';
import type { MethodHandler } from './telegram-api-method.ts';
import type { FakeChatStore } from './telegram-api-store.ts';
import { mediaCaption, messageText } from './telegram-formatting.ts';
import type { FormattedText } from './telegram-html.ts';
import { nextFileIds, nextMediaGroupId, nextMessageId, unixNow } from './telegram-ids.ts';
import {
  type ApiParams,
  arrayParam,
  boolParam,
  chatIdParam,
  intParam,
  isUpload,
  numberParam,
  objectParam,
  stringParam,
} from './telegram-params.ts';
import type { BroadcastLimits } from './telegram-rate-limits.ts';
import { checkReplyMarkup } from './telegram-reply-markup.ts';
import { photoSizes } from './telegram-updates.ts';

/** The methods that put a new message into a chat, with Telegram's checks in its order. */

export interface SendingDeps {
  store: FakeChatStore;
  bot: User;
  limits: BroadcastLimits | undefined;
}

type Content = Partial<Message>;
type ReplyTo = Message['reply_to_message'];

const MEDIA_GROUP_TYPES = new Set(['photo', 'video', 'document', 'audio']);
const MIN_MEDIA_GROUP = 2;
const MAX_MEDIA_GROUP = 10;

export function sendingMethods(deps: SendingDeps): Record<string, MethodHandler> {
  const outbox = new Outbox(deps);
  return {
    sendMessage: (p) => outbox.sendMessage(p),
    sendPhoto: (p) => outbox.sendPhoto(p),
    sendDocument: (p) => outbox.sendDocument(p),
    sendMediaGroup: (p) => outbox.sendMediaGroup(p),
    sendLocation: (p) => outbox.sendLocation(p),
  };
}

class Outbox {
  constructor(private readonly deps: SendingDeps) {}

  sendMessage(p: ApiParams): Message {
    const chatId = chatIdParam(p);
    const text = messageText(stringParam(p, 'text'), stringParam(p, 'parse_mode'), p.entities);
    const markup = checkReplyMarkup(p.reply_markup);
    const reply = this.admit(chatId, p);
    const content: Content = { text: text.text, ...entitiesOf(text, 'entities') };
    return this.post('sendMessage', chatId, { ...content, ...markupOf(markup) }, p, reply);
  }

  sendPhoto(p: ApiParams): Message {
    const chatId = chatIdParam(p);
    this.checkFile(p.photo, 'photo');
    const caption = captionOf(p);
    const markup = checkReplyMarkup(p.reply_markup);
    const reply = this.admit(chatId, p);
    const content = { photo: this.photo(), ...caption, ...markupOf(markup) };
    return this.post('sendPhoto', chatId, content, p, reply);
  }

  sendDocument(p: ApiParams): Message {
    const chatId = chatIdParam(p);
    this.checkFile(p.document, 'document');
    const caption = captionOf(p);
    const markup = checkReplyMarkup(p.reply_markup);
    const reply = this.admit(chatId, p);
    const content = { ...this.media('document', p.document), ...caption, ...markupOf(markup) };
    return this.post('sendDocument', chatId, content, p, reply);
  }

  sendMediaGroup(p: ApiParams): Message[] {
    const chatId = chatIdParam(p);
    const items = this.checkMediaGroup(arrayParam(p, 'media'));
    const reply = this.admit(chatId, p);
    const mediaGroupId = nextMediaGroupId();
    return items.map((item) => {
      const caption = captionOf(item);
      const media =
        item.type === 'photo' ? { photo: this.photo() } : this.media(item.type, item.media);
      const content = { media_group_id: mediaGroupId, ...media, ...caption };
      return this.post('sendMediaGroup', chatId, content, {}, reply);
    });
  }

  sendLocation(p: ApiParams): Message {
    const chatId = chatIdParam(p);
    const latitude = numberParam(p, 'latitude');
    const longitude = numberParam(p, 'longitude');
    // Wording not confirmed against Telegram.
    if (latitude === undefined || Math.abs(latitude) > 90) throw badRequest('wrong latitude');
    if (longitude === undefined || Math.abs(longitude) > 180) throw badRequest('wrong longitude');
    const markup = checkReplyMarkup(p.reply_markup);
    const reply = this.admit(chatId, p);
    const livePeriod = intParam(p, 'live_period');
    const location = {
      latitude,
      longitude,
      ...(livePeriod === undefined ? {} : { live_period: livePeriod }),
    };
    return this.post('sendLocation', chatId, { location, ...markupOf(markup) }, p, reply);
  }

  /** Checks made once the content is valid: the replied message, a block, the limits. */
  private admit(chatId: number, p: ApiParams): ReplyTo {
    const reply = this.repliedMessage(chatId, p);
    const refusal = this.deps.store.refusal(chatId);
    if (refusal !== undefined) throw refusal;
    const retryAfter = this.deps.limits?.take(chatId, Date.now());
    if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
    return reply;
  }

  private repliedMessage(chatId: number, p: ApiParams): ReplyTo {
    const parameters = objectParam(p, 'reply_parameters') ?? {};
    const id = intParam(p, 'reply_to_message_id') ?? intParam(parameters, 'message_id');
    if (id === undefined) return undefined;
    const stored = this.deps.store.message(chatId, id);
    if (stored !== undefined) {
      const { reply_to_message: _nested, ...replied } = stored.message;
      return replied as ReplyTo;
    }
    const allowMissing =
      boolParam(p, 'allow_sending_without_reply') ||
      boolParam(parameters, 'allow_sending_without_reply');
    if (allowMissing) return undefined;
    throw new BotApiError(400, TELEGRAM_ERRORS.replyNotFound);
  }

  private post(method: string, chatId: number, content: Content, p: ApiParams, reply: ReplyTo) {
    const message = {
      message_id: nextMessageId(chatId),
      from: this.deps.bot,
      chat: this.deps.store.chat(chatId),
      date: unixNow(),
      ...(reply === undefined ? {} : { reply_to_message: reply }),
      ...content,
    } as Message;
    this.deps.store.saveMessage(message, true);
    this.deps.store.sent.push({
      method,
      chatId,
      messageId: message.message_id,
      ...(message.text === undefined ? {} : { text: message.text }),
      ...(message.caption === undefined ? {} : { caption: message.caption }),
      ...(p.reply_markup === undefined ? {} : { replyMarkup: p.reply_markup }),
      message,
    });
    return message;
  }

  /** A file parameter: an upload, an http(s) URL, or the file_id of a file Telegram knows. */
  private checkFile(value: unknown, field: string): void {
    if (value === undefined || value === null || value === '') {
      throw badRequest(`there is no ${field} in the request`);
    }
    if (isUpload(value)) {
      if (value.size === 0) throw badRequest('file must be non-empty');
      return;
    }
    if (typeof value === 'string' && (/^https?:\/\//.test(value) || this.deps.store.file(value))) {
      return;
    }
    throw new BotApiError(400, TELEGRAM_ERRORS.wrongFileId);
  }

  private checkMediaGroup(media: unknown[] | undefined): Array<Record<string, unknown>> {
    if (media === undefined) throw badRequest('parameter "media" is required');
    // Wording not confirmed against Telegram; the 2-10 rule is documented.
    if (media.length < MIN_MEDIA_GROUP || media.length > MAX_MEDIA_GROUP) {
      throw badRequest('media group must include 2-10 items');
    }
    const items = media.map((item) => {
      const fields = typeof item === 'object' && item !== null ? item : {};
      const type = String((fields as Record<string, unknown>).type);
      if (!MEDIA_GROUP_TYPES.has(type)) throw badRequest("can't parse InputMedia: wrong type");
      this.checkFile((fields as Record<string, unknown>).media, type);
      captionOf(fields as Record<string, unknown>);
      return fields as Record<string, unknown>;
    });
    // Documents and audio only group with their own kind.
    const types = new Set(items.map((item) => item.type));
    for (const single of ['document', 'audio']) {
      if (types.has(single) && types.size > 1) {
        throw badRequest(`${single} can't be mixed with other media types`);
      }
    }
    return items;
  }

  private photo(): PhotoSize[] {
    const sizes = photoSizes(3);
    for (const size of sizes) this.deps.store.registerFile(size, 'photos', 'jpg');
    return sizes;
  }

  private media(type: unknown, source: unknown): Content {
    const upload = isUpload(source) ? source : undefined;
    const fileSize = upload?.size ?? 48_213;
    switch (type) {
      case 'video': {
        const ids = this.register(nextFileIds('video'), fileSize, 'videos', 'mp4');
        const video = { ...ids, width: 1280, height: 720, duration: 10, mime_type: 'video/mp4' };
        return { video: { ...video, file_size: fileSize } };
      }
      case 'audio': {
        const ids = this.register(nextFileIds('document'), fileSize, 'music', 'mp3');
        return { audio: { ...ids, duration: 60, mime_type: 'audio/mpeg', file_size: fileSize } };
      }
      default: {
        const name = upload?.filename ?? 'document.pdf';
        const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? 'dat';
        const ids = this.register(nextFileIds('document'), fileSize, 'documents', ext);
        return { document: { ...ids, file_name: name, file_size: fileSize } };
      }
    }
  }

  private register(
    ids: { file_id: string; file_unique_id: string },
    size: number,
    dir: string,
    ext: string,
  ) {
    this.deps.store.registerFile({ ...ids, file_size: size }, dir, ext);
    return ids;
  }
}

function captionOf(p: ApiParams): Content {
  const caption = mediaCaption(
    stringParam(p, 'caption'),
    stringParam(p, 'parse_mode'),
    p.caption_entities,
  );
  return caption === undefined
    ? {}
    : { caption: caption.text, ...entitiesOf(caption, 'caption_entities') };
}

function entitiesOf(formatted: FormattedText, field: 'entities' | 'caption_entities'): Content {
  return formatted.entities.length === 0 ? {} : { [field]: formatted.entities };
}

function markupOf(markup: ReturnType<typeof checkReplyMarkup>): Content {
  return markup === undefined ? {} : { reply_markup: markup };
}
