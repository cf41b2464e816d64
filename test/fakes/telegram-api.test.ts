import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegramApi, startFakeTelegramApi, TELEGRAM_ERRORS } from './telegram-api.ts';
import {
  album,
  callbackQuery,
  command,
  contactMessage,
  documentMessage,
  editedLiveLocation,
  forwardedLocation,
  groupMigratedTo,
  locationMessage,
  myChatMemberChanged,
  myChatMemberKicked,
  photoMessage,
  stickerMessage,
  supergroupMigratedFrom,
  textMessage,
  venueMessage,
  voiceMessage,
} from './telegram-updates.ts';

const RESIDENT = 1_001;

let telegram: FakeTelegramApi;

beforeAll(async () => {
  telegram = await startFakeTelegramApi();
});
afterEach(() => telegram.reset());
afterAll(() => telegram.close());

function newBot(api: FakeTelegramApi = telegram, timeoutSeconds?: number): Bot {
  return new Bot(api.token, {
    botInfo: api.botInfo,
    client: { apiRoot: api.apiRoot, ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }) },
  });
}

/** The GrammyError a call rejects with; fails the test if it resolves. */
async function refusal(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe('when the bot starts', () => {
  it('gets its identity from getMe through bot.init()', async () => {
    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
    await bot.init();
    expect(bot.botInfo).toEqual(telegram.botInfo);
    expect(bot.botInfo.is_bot).toBe(true);
    expect(telegram.calls('getMe')).toHaveLength(1);
  });

  it('answers a wrong token with 401 Unauthorized', async () => {
    const bot = new Bot('7000000001:wrong', { client: { apiRoot: telegram.apiRoot } });
    const error = await refusal(bot.api.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe('Unauthorized');
  });

  it('answers an unknown method with 404', async () => {
    const raw = newBot().api.raw as unknown as Record<string, (p: object) => Promise<unknown>>;
    const error = await refusal(raw.sendTelepathy?.({}) ?? Promise.resolve());
    expect(error.error_code).toBe(404);
    expect(error.description).toBe(TELEGRAM_ERRORS.methodNotFound);
  });
});

describe('when the bot long-polls', () => {
  it('handles queued updates and confirms them when it stops', async () => {
    const bot = newBot();
    bot.command('start', (ctx) => ctx.reply('Здравствуйте!'));
    bot.on('message:location', (ctx) => ctx.reply('Место получено'));
    telegram.enqueueUpdates([command(RESIDENT, '/start'), locationMessage(RESIDENT, 62.03, 129.7)]);

    const running = bot.start();
    await telegram.waitForCalls('sendMessage', 2);
    await bot.stop();
    await running;

    expect(telegram.sentMessages(RESIDENT).map((s) => s.text)).toEqual([
      'Здравствуйте!',
      'Место получено',
    ]);
    expect(await newBot().api.getUpdates()).toEqual([]);
  });

  it('serves updates by offset and limit and forgets confirmed ones', async () => {
    const [first, second, third] = [1, 2, 3].map((n) => textMessage(RESIDENT, `№${n}`));
    telegram.enqueueUpdates([first, second, third] as Update[]);
    const api = newBot().api;

    expect((await api.getUpdates({ limit: 2 })).map((u) => u.update_id)).toEqual([
      first?.update_id,
      second?.update_id,
    ]);
    const rest = await api.getUpdates({ offset: (second?.update_id ?? 0) + 1 });
    expect(rest.map((u) => u.update_id)).toEqual([third?.update_id]);
    expect(await api.getUpdates()).toHaveLength(1);
  });

  it('answers a waiting long poll as soon as an update arrives', async () => {
    const poll = newBot().api.getUpdates({ timeout: 10 });
    const update = textMessage(RESIDENT, 'Есть кто?');
    telegram.enqueueUpdate(update);

    expect((await poll).map((u) => u.update_id)).toEqual([update.update_id]);
  });

  it('lets a callback query be answered once', async () => {
    const bot = newBot();
    bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: 'Принято' }));
    const press = callbackQuery(RESIDENT, 'report:take:17');
    telegram.enqueueUpdate(press);

    const running = bot.start();
    await telegram.waitForCalls('answerCallbackQuery', 1);
    await bot.stop();
    await running;

    expect(telegram.calls('answerCallbackQuery')[0]?.error).toBeUndefined();
    const again = await refusal(bot.api.answerCallbackQuery(press.callback_query.id));
    expect(again.description).toBe(TELEGRAM_ERRORS.queryTooOld);
  });
});

describe('when a resident presses a button under a message the bot sent', () => {
  it('lets the bot edit that message and answer the press', async () => {
    const bot = newBot();
    const keyboard = new InlineKeyboard().text('Подтвердить', 'confirm:17');
    const question = await bot.api.sendMessage(RESIDENT, 'Яма устранена?', {
      reply_markup: keyboard,
    });
    bot.callbackQuery('confirm:17', async (ctx) => {
      await ctx.editMessageText('Спасибо, заявка закрыта');
      await ctx.answerCallbackQuery();
    });
    telegram.enqueueUpdate(callbackQuery(RESIDENT, 'confirm:17', question.message_id));

    const running = bot.start();
    await telegram.waitForCalls('answerCallbackQuery', 1);
    await bot.stop();
    await running;

    expect(telegram.calls('editMessageText')[0]?.error).toBeUndefined();
    expect(telegram.message(RESIDENT, question.message_id)).toMatchObject({
      text: 'Спасибо, заявка закрыта',
    });
    expect(telegram.message(RESIDENT, question.message_id)).not.toHaveProperty('reply_markup');
  });
});

describe('when the bot sends messages', () => {
  it('answers with messages from the bot, numbered per chat', async () => {
    const api = newBot().api;
    const keyboard = new InlineKeyboard().text('Взять в работу', 'report:take:17');
    const first = await api.sendMessage(RESIDENT, 'Заявка принята', { reply_markup: keyboard });
    const second = await api.sendMessage(RESIDENT, 'Спасибо');

    expect(second.message_id).toBe(first.message_id + 1);
    expect(first.from?.id).toBe(telegram.botInfo.id);
    expect(first.chat).toMatchObject({ id: RESIDENT, type: 'private' });
    expect(first.reply_markup).toEqual(keyboard);
    expect(telegram.sentMessages(RESIDENT)[0]?.replyMarkup).toEqual(keyboard);
  });

  it('parses HTML and MarkdownV2 into text and entities', async () => {
    const api = newBot().api;
    const html = await api.sendMessage(RESIDENT, '<b>Заявка</b> №12 &amp; <i>фото</i>', {
      parse_mode: 'HTML',
    });
    const markdown = await api.sendMessage(RESIDENT, '*Заявка* \\#12 принята\\.', {
      parse_mode: 'MarkdownV2',
    });

    expect(html.text).toBe('Заявка №12 & фото');
    expect(html.entities).toEqual([
      { type: 'bold', offset: 0, length: 6 },
      { type: 'italic', offset: 13, length: 4 },
    ]);
    expect(markdown.text).toBe('Заявка #12 принята.');
    expect(markdown.entities).toEqual([{ type: 'bold', offset: 0, length: 6 }]);
  });

  it('accepts an uploaded photo (multipart) and an album', async () => {
    const api = newBot().api;
    const upload = new InputFile(Buffer.from('a photo of a pothole'), 'pothole.jpg');
    const photo = await api.sendPhoto(RESIDENT, upload, { caption: 'Яма на Ленина' });
    const known = photo.photo.at(-1)?.file_id ?? '';
    const albumSent = await api.sendMediaGroup(RESIDENT, [
      { type: 'photo', media: known, caption: 'До' },
      { type: 'photo', media: new InputFile(Buffer.from('after'), 'after.jpg') },
    ]);

    expect(photo.caption).toBe('Яма на Ленина');
    expect(photo.photo.map((size) => size.width)).toEqual([90, 320, 800]);
    expect(telegram.calls('sendPhoto')[0]?.params.photo).toMatchObject({
      kind: 'upload',
      filename: 'pothole.jpg',
    });
    expect(albumSent).toHaveLength(2);
    expect(new Set((albumSent as Message[]).map((m) => m.media_group_id)).size).toBe(1);
    expect(telegram.sentMessages(RESIDENT).map((s) => s.method)).toEqual([
      'sendPhoto',
      'sendMediaGroup',
      'sendMediaGroup',
    ]);
  });

  it('edits, re-marks and deletes its own messages', async () => {
    const api = newBot().api;
    const keyboard = new InlineKeyboard().text('Оценить', 'rate:17');
    const sent = await api.sendMessage(RESIDENT, 'Заявка в работе', { reply_markup: keyboard });
    const edited = await api.editMessageText(RESIDENT, sent.message_id, 'Заявка решена');
    const unchanged = await refusal(
      api.editMessageText(RESIDENT, sent.message_id, 'Заявка решена'),
    );
    const remarked = await api.editMessageReplyMarkup(RESIDENT, sent.message_id, {
      reply_markup: keyboard,
    });

    expect(edited).toMatchObject({ text: 'Заявка решена', edit_date: expect.any(Number) });
    expect(edited).not.toHaveProperty('reply_markup');
    expect(unchanged.description).toBe(TELEGRAM_ERRORS.messageNotModified);
    expect(remarked).toMatchObject({ reply_markup: keyboard });
    expect(await api.deleteMessage(RESIDENT, sent.message_id)).toBe(true);
    const again = await refusal(api.deleteMessage(RESIDENT, sent.message_id));
    expect(again.description).toBe(TELEGRAM_ERRORS.messageToDeleteNotFound);
  });

  it('gives the path of a photo a resident sent, and its bytes', async () => {
    const update = photoMessage(RESIDENT, { caption: 'Свалка' });
    telegram.enqueueUpdate(update);
    const largest = update.message.photo.at(-1);
    const file = await newBot().api.getFile(largest?.file_id ?? '');
    const download = await fetch(`${telegram.apiRoot}/file/bot${telegram.token}/${file.file_path}`);

    expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    expect((await download.arrayBuffer()).byteLength).toBe(largest?.file_size);
  });

  it('takes urlencoded bodies and query strings like Telegram', async () => {
    const url = `${telegram.apiRoot}/bot${telegram.token}/sendMessage`;
    const markup = JSON.stringify({ inline_keyboard: [[{ text: 'Да', callback_data: 'yes' }]] });
    const form = new URLSearchParams({
      chat_id: String(RESIDENT),
      text: 'Форма',
      reply_markup: markup,
    });
    const posted = await fetch(url, { method: 'POST', body: form });
    const got = await fetch(`${url}?chat_id=${RESIDENT}&text=${encodeURIComponent('Запрос')}`);

    expect(await posted.json()).toMatchObject({
      ok: true,
      result: { text: 'Форма', reply_markup: { inline_keyboard: [[{ callback_data: 'yes' }]] } },
    });
    expect(await got.json()).toMatchObject({ ok: true, result: { text: 'Запрос' } });
  });
});

describe('when Telegram refuses a request', () => {
  const api = () => newBot().api;
  const photoId = () => telegram.registerFile({ file_id: 'AgACAgIAAxkBAAIfake', file_size: 10 });
  const cases: Array<[string, () => Promise<unknown>, number, string]> = [
    ['empty text', () => api().sendMessage(RESIDENT, '  \n '), 400, TELEGRAM_ERRORS.textEmpty],
    [
      'text over 4096 characters',
      () => api().sendMessage(RESIDENT, 'я'.repeat(4097)),
      400,
      TELEGRAM_ERRORS.textTooLong,
    ],
    [
      'caption over 1024 characters',
      () => api().sendPhoto(RESIDENT, photoId().file_id, { caption: 'я'.repeat(1025) }),
      400,
      TELEGRAM_ERRORS.captionTooLong,
    ],
    [
      'an unclosed HTML tag',
      () => api().sendMessage(RESIDENT, '<b>Заявка', { parse_mode: 'HTML' }),
      400,
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
    ],
    [
      'an unescaped MarkdownV2 character',
      () => api().sendMessage(RESIDENT, 'Ленина, 1.', { parse_mode: 'MarkdownV2' }),
      400,
      "Bad Request: can't parse entities: Character '.' is reserved " +
        "and must be escaped with the preceding '\\'",
    ],
    [
      'callback data over 64 bytes (33 Cyrillic letters)',
      () =>
        api().sendMessage(RESIDENT, 'Выберите', {
          reply_markup: new InlineKeyboard().text('Да', 'д'.repeat(33)),
        }),
      400,
      TELEGRAM_ERRORS.buttonDataInvalid,
    ],
    [
      'a missing chat_id',
      () => api().raw.sendMessage({ text: 'Кому?' } as never),
      400,
      TELEGRAM_ERRORS.chatNotFound,
    ],
    [
      'an unknown callback query',
      () => api().answerCallbackQuery('123456789'),
      400,
      TELEGRAM_ERRORS.queryTooOld,
    ],
  ];

  it.each(cases)('refuses %s', async (_name, call, code, description) => {
    const error = await refusal(call());
    expect(error.error_code).toBe(code);
    expect(error.description).toBe(description);
  });

  it('accepts 4096 characters once the HTML is parsed', async () => {
    const sent = await api().sendMessage(RESIDENT, `<b>${'я'.repeat(4096)}</b>`, {
      parse_mode: 'HTML',
    });
    expect(sent.text).toHaveLength(4096);
  });

  it('refuses a callback query that expired', async () => {
    const press = callbackQuery(RESIDENT, 'rate:5');
    telegram.enqueueUpdate(press);
    telegram.expireCallbackQuery(press.callback_query.id);
    const error = await refusal(api().answerCallbackQuery(press.callback_query.id));
    expect(error.description).toBe(TELEGRAM_ERRORS.queryTooOld);
  });

  it('answers 403 to a chat that blocked the bot, told or learnt from my_chat_member', async () => {
    telegram.blockChat(RESIDENT);
    telegram.enqueueUpdate(myChatMemberKicked(RESIDENT + 1));
    const told = await refusal(api().sendMessage(RESIDENT, 'Ваша заявка решена'));
    const learnt = await refusal(api().sendMessage(RESIDENT + 1, 'Ваша заявка решена'));

    for (const error of [told, learnt]) {
      expect(error.error_code).toBe(403);
      expect(error.description).toBe(TELEGRAM_ERRORS.botBlocked);
    }
  });

  it('answers 400 naming the supergroup to an upgraded group, told or learnt', async () => {
    telegram.migrateChat(-401, -1_000_000_000_401);
    telegram.enqueueUpdate(groupMigratedTo(-402, -1_000_000_000_402));
    telegram.enqueueUpdate(supergroupMigratedFrom(-1_000_000_000_403, -403));
    for (const group of [-401, -402, -403]) {
      const error = await refusal(api().sendMessage(group, 'Новая заявка'));
      expect(error.error_code).toBe(400);
      expect(error.description).toBe(TELEGRAM_ERRORS.groupUpgraded);
      expect(error.parameters.migrate_to_chat_id).toBe(-1_000_000_000_000 + group);
    }
    const sent = await api().sendMessage(-1_000_000_000_401, 'Новая заявка');
    expect(sent.chat.type).toBe('supergroup');
  });

  it('answers 403 in a group the bot was removed from, until it is added back', async () => {
    telegram.enqueueUpdate(myChatMemberChanged(-411, 'member', 'kicked'));
    telegram.enqueueUpdate(myChatMemberChanged(-1_000_000_000_412, 'member', 'left'));
    const kicked = await refusal(api().sendMessage(-411, 'Новая заявка'));
    expect(kicked.description).toBe(TELEGRAM_ERRORS.botKickedFromGroup);
    const left = await refusal(api().sendMessage(-1_000_000_000_412, 'Новая заявка'));
    expect(left.description).toBe(TELEGRAM_ERRORS.botNotInSupergroup);
    expect([kicked.error_code, left.error_code]).toEqual([403, 403]);

    telegram.enqueueUpdate(myChatMemberChanged(-411, 'kicked', 'member'));
    expect((await api().sendMessage(-411, 'Новая заявка')).chat.id).toBe(-411);
  });

  it('passes an injected failure with its parameters', async () => {
    telegram.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1_001_234_567_890 },
    });
    const error = await refusal(api().sendMessage(-123, 'Собрание жильцов'));
    expect(error.parameters.migrate_to_chat_id).toBe(-1_001_234_567_890);
  });
});

describe('when Telegram asks the bot to slow down', () => {
  it('lets auto-retry send again after retry_after', async () => {
    const bot = newBot();
    bot.api.config.use(autoRetry());
    telegram.rateLimitNext('sendMessage', 1);

    const sent = await bot.api.sendMessage(RESIDENT, 'Напоминание о сроке');
    const calls = telegram.calls('sendMessage');

    expect(sent.text).toBe('Напоминание о сроке');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.error).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect(calls[1]?.error).toBeUndefined();
  });

  it('still delivers a message whose answer came after the client gave up', async () => {
    telegram.delayNext('sendMessage', 400);
    const call = newBot(telegram, 0.05).api.sendMessage(RESIDENT, 'Медленно');

    await expect(call).rejects.toBeInstanceOf(HttpError);
    await telegram.waitForCalls('sendMessage', 1);
    expect(telegram.sentMessages(RESIDENT)).toHaveLength(1);
  });
});

describe('when limits are enforced', () => {
  let limited: FakeTelegramApi;

  beforeAll(async () => {
    limited = await startFakeTelegramApi({ enforceLimits: true });
  });
  afterEach(() => limited.reset());
  afterAll(() => limited.close());

  it('refuses more than 30 messages a second with 429 and retry_after', async () => {
    const api = newBot(limited).api;
    const chats = Array.from({ length: 45 }, (_, i) => 20_000 + i);
    const results = await Promise.allSettled(chats.map((id) => api.sendMessage(id, 'Рассылка')));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));

    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(error).toBeInstanceOf(GrammyError);
      expect((error as GrammyError).error_code).toBe(429);
      expect((error as GrammyError).parameters.retry_after).toBeGreaterThanOrEqual(1);
    }
  });

  it('allows one message a second per chat, which auto-retry waits out', async () => {
    const bot = newBot(limited);
    bot.api.config.use(autoRetry());
    await bot.api.sendMessage(30_001, 'Первое');
    await bot.api.sendMessage(30_001, 'Второе');

    const outcomes = limited.calls('sendMessage').filter((c) => c.params.chat_id === 30_001);
    expect(outcomes.map((c) => c.error?.error_code ?? 200)).toEqual([200, 429, 200]);
  });
});

describe('when a test waits for calls that never come', () => {
  it('rejects naming the calls the fake did receive, without their texts', async () => {
    await newBot().api.sendMessage(RESIDENT, 'Личные данные жителя');
    const waiting = telegram.waitForCalls('sendPhoto', 1, { timeoutMs: 50 });

    await expect(waiting).rejects.toThrow(/sendMessage\(chat_id=1001\) -> ok/);
    await expect(waiting).rejects.not.toThrow(/Личные/);
  });
});

describe('when the bot uses a webhook', () => {
  let server: Server;
  let url: string;
  const secret = 'oc_webhook-secret_1';

  beforeAll(async () => {
    const bot = newBot();
    bot.on('message:text', (ctx) => ctx.reply('Получено'));
    const handle = webhookCallback(bot, 'http', { secretToken: secret });
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records the webhook and delivers updates with the secret header', async () => {
    const api = newBot().api;
    await api.setWebhook(url, { secret_token: secret, allowed_updates: ['message'] });
    const delivery = await telegram.deliverWebhook(textMessage(RESIDENT, 'Яма во дворе'));

    expect(telegram.webhook).toMatchObject({
      url,
      secretToken: secret,
      allowedUpdates: ['message'],
    });
    expect((await api.getWebhookInfo()).url).toBe(url);
    expect(delivery.status).toBe(200);
    expect(telegram.sentMessages(RESIDENT).map((s) => s.text)).toEqual(['Получено']);
  });

  it('sees a wrong secret refused by the bot', async () => {
    const delivery = await telegram.deliverWebhook(textMessage(RESIDENT, 'Привет'), {
      url,
      secret: 'not-the-secret',
    });
    expect(delivery.status).toBe(401);
    expect(telegram.calls('sendMessage')).toHaveLength(0);
  });

  it('refuses getUpdates while the webhook is set, and a bad secret token', async () => {
    const api = newBot().api;
    await api.setWebhook(url, { secret_token: secret });
    const polling = await refusal(api.getUpdates());
    const badSecret = await refusal(api.setWebhook(url, { secret_token: 'has spaces!' }));

    expect(polling.error_code).toBe(409);
    expect(polling.description).toBe(TELEGRAM_ERRORS.webhookActive);
    expect(badSecret.description).toBe(TELEGRAM_ERRORS.secretTokenCharacters);
  });
});

describe('when updates are built', () => {
  it('gives each of them the shape grammY filters recognise', async () => {
    const bot = newBot();
    const seen: string[] = [];
    bot.on('message:photo', () => void seen.push('photo'));
    bot.on('message:venue', () => void seen.push('venue'));
    bot.on('edited_message:location', () => void seen.push('live location moved'));
    bot.on('message:sticker', () => void seen.push('sticker'));
    bot.on('message:voice', () => void seen.push('voice'));
    bot.on('message:document', () => void seen.push('document'));
    bot.on('message:contact', () => void seen.push('contact'));
    bot.on('message:forward_origin', () => void seen.push('forwarded'));
    bot.on('my_chat_member', () => void seen.push('blocked'));
    const live = locationMessage(RESIDENT, 62.03, 129.73, { livePeriod: 900 });
    const updates: Update[] = [
      photoMessage(RESIDENT),
      venueMessage(RESIDENT, 62.03, 129.73),
      editedLiveLocation(live, 62.04, 129.74),
      stickerMessage(RESIDENT),
      voiceMessage(RESIDENT),
      documentMessage(RESIDENT, {
        fileName: 'акт.pdf',
        mimeType: 'application/pdf',
        fileSize: 9e4,
      }),
      contactMessage(RESIDENT),
      forwardedLocation(RESIDENT, 62.03, 129.73),
      myChatMemberKicked(RESIDENT),
    ];
    for (const update of updates) await bot.handleUpdate(update);

    expect(seen).toEqual([
      'photo',
      'venue',
      'live location moved',
      'sticker',
      'voice',
      'document',
      'contact',
      'forwarded',
      'blocked',
    ]);
  });

  it('builds albums, photos, commands and edits the way Telegram sends them', () => {
    const photos = album(RESIDENT, 3, 'Двор после ремонта');
    const sizes = photoMessage(RESIDENT, { sizes: 5 }).message.photo;
    const start = command(RESIDENT, '/start', 'report_17');
    const live = locationMessage(RESIDENT, 62.03, 129.73, { livePeriod: 900 });
    const moved = editedLiveLocation(live, 62.04, 129.74);

    expect(new Set(photos.map((p) => p.message.media_group_id)).size).toBe(1);
    expect(photos.map((p) => p.message.caption)).toEqual([
      'Двор после ремонта',
      undefined,
      undefined,
    ]);
    expect(sizes.map((s) => s.width)).toEqual([90, 320, 800, 1280, 2560]);
    expect(start.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(start.message.text).toBe('/start report_17');
    expect(moved.edited_message.message_id).toBe(live.message.message_id);
    expect(moved.edited_message.edit_date).toBeGreaterThan(live.message.date);
    expect(moved.update_id).toBeGreaterThan(live.update_id);
    expect(live.message.from.id).toBe(live.message.chat.id);
  });
});
