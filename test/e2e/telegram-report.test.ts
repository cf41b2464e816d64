import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  album,
  command,
  editedLiveLocation,
  locationMessage,
  photoMessage,
  textMessage,
  venueMessage,
} from '../fakes/telegram-updates.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type DeliveryMode, TelegramHarness } from '../support/telegram-harness.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };
let nextChat = 710_000;

/** Walks a new resident through consent and a full report; returns the ticket number. */
async function fileReport(harness: TelegramHarness, chatId: number, photos = 1): Promise<number> {
  await harness.sendAll(command(chatId, '/start'));
  await harness.press(chatId, 'Согласен(на)');
  await harness.sendAll(textMessage(chatId, '📝 Сообщить о проблеме'));
  await harness.sendAll(locationMessage(chatId, CENTRE.latitude, CENTRE.longitude));
  const pictures = photos > 1 ? album(chatId, photos) : [photoMessage(chatId)];
  await harness.sendAll(...pictures);
  await harness.sendAll(textMessage(chatId, 'Готово ➡'));
  await harness.sendAll(textMessage(chatId, 'Глубокая яма на проезжей части у остановки'));
  await harness.press(chatId, 'Другие категории…');
  await harness.press(chatId, 'Дороги и тротуары');
  await harness.press(chatId, '✅ Отправить');
  // The routing notice may already follow the confirmation, so look through every reply.
  const ticket = harness
    .texts(chatId)
    .map((text) => /№ (\d+) принято/.exec(text))
    .find((match) => match !== null);
  expect(ticket, harness.texts(chatId).join('\n---\n')).toBeDefined();
  return Number(ticket?.[1]);
}

describe.each<DeliveryMode>(['webhook', 'polling'])('when updates arrive by %s', (mode) => {
  let db: TestDatabase;
  let harness: TelegramHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    harness = await TelegramHarness.start(db, mode);
  });
  afterAll(async () => {
    await harness.close();
    await db.drop();
  });

  it('lists its commands in Telegram’s menu, in Russian and in English', async () => {
    const calls = harness.api.calls('setMyCommands');
    expect(calls.map((call) => call.params.language_code)).toEqual([undefined, 'en']);
    const russian = calls[0]?.params.commands as Array<{ command: string; description: string }>;
    expect(russian).toContainEqual({ command: 'report', description: 'Сообщить о проблеме' });
    expect(russian.map((entry) => entry.command)).toContain('subscriptions');
  });

  it('files a full report once, in its location’s district, with the largest photo', async () => {
    const chatId = nextChat++;
    const number = await fileReport(harness, chatId);

    const report = await db.prisma.report.findUniqueOrThrow({
      where: { number },
      include: { photos: true, category: true, district: true },
    });
    expect(report.category.code).toBe('roads');
    expect(report.district?.code).toBe('tsentralny');
    expect(report.photos).toHaveLength(1);
    // The builder offers four sizes, 90 to 1280 px wide; the largest is kept.
    expect(report.photos[0]?.width).toBe(1280);
    expect(await db.prisma.report.count({ where: { resident: { chatId: String(chatId) } } })).toBe(
      1,
    );
  });

  it('routes the report and tells the resident which office has it, and by when', async () => {
    const chatId = nextChat++;
    const number = await fileReport(harness, chatId);
    await expect
      .poll(() => harness.lastText(chatId), { timeout: 15_000 })
      .toMatch(
        new RegExp(
          `Обращение № ${number} передано в службу: .+\\. ` +
            'Срок ответа — до \\d\\d\\.\\d\\d\\.\\d{4}',
        ),
      );
    const report = await db.prisma.report.findUniqueOrThrow({
      where: { number },
      include: { office: true },
    });
    expect(report.status).toBe('routed');
    expect(report.office?.code).toBe('roads-transport');
  });

  it('turns an album of three photos into one report', async () => {
    const chatId = nextChat++;
    const number = await fileReport(harness, chatId, 3);
    const photos = await db.prisma.reportPhoto.findMany({ where: { report: { number } } });
    expect(photos).toHaveLength(3);
  });
});

describe('when Telegram talks to the webhook', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    harness = await TelegramHarness.start(db, 'webhook');
  });
  afterAll(async () => {
    await harness.close();
    await db.drop();
  });

  it('handles an update delivered three times once', async () => {
    const chatId = nextChat++;
    const update = command(chatId, '/start');
    for (let i = 0; i < 3; i += 1) {
      const delivery = await harness.api.deliverWebhook(update, {
        url: harness.webhookUrl,
        secret: 'e2e-secret_token',
      });
      expect(delivery.status).toBe(200);
    }
    // A later update of the same chat is handled after any copy of the first would have been.
    await harness.sendAll(command(chatId, '/help'));
    expect(harness.texts(chatId).filter((text) => text.startsWith('Здравствуйте'))).toHaveLength(1);
    expect(harness.lastText(chatId)).toContain('Как сообщить о проблеме');
  });

  it('refuses a wrong or missing secret with 401 and records nothing', async () => {
    const update = command(nextChat++, '/start');
    for (const secret of ['wrong-secret', null]) {
      const delivery = await harness.api.deliverWebhook(update, {
        url: harness.webhookUrl,
        secret,
      });
      expect(delivery.status).toBe(401);
    }
    const recorded = await db.prisma.inboundUpdate.count({
      where: { updateId: String(update.update_id) },
    });
    expect(recorded).toBe(0);
  });

  it('refuses a body without the secret before reading it', async () => {
    const response = await fetch(harness.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"update_id": "not a number"',
    });
    expect(response.status).toBe(401);
  });

  it('answers a malformed body with 400', async () => {
    const response = await fetch(harness.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'e2e-secret_token',
      },
      body: '{"update_id": "not a number"',
    });
    expect(response.status).toBe(400);
  });

  it('counts a live location once, ignoring its edits', async () => {
    const chatId = nextChat++;
    await harness.sendAll(command(chatId, '/start'));
    await harness.press(chatId, 'Согласен(на)');
    const live = locationMessage(chatId, CENTRE.latitude, CENTRE.longitude, { livePeriod: 900 });
    await harness.sendAll(live);
    const before = harness.texts(chatId).length;
    await harness.sendAll(
      editedLiveLocation(live, CENTRE.latitude + 0.001, CENTRE.longitude),
      editedLiveLocation(live, CENTRE.latitude + 0.002, CENTRE.longitude),
    );
    expect(harness.texts(chatId).length).toBe(before);
    expect(harness.texts(chatId).filter((text) => text.startsWith('Место:'))).toHaveLength(1);
  });

  it('keeps a venue’s address with its point', async () => {
    const chatId = nextChat++;
    await harness.sendAll(command(chatId, '/start'));
    await harness.press(chatId, 'Согласен(на)');
    await harness.sendAll(
      venueMessage(chatId, CENTRE.latitude, CENTRE.longitude, { address: 'пр. Ленина, 1' }),
    );
    expect(harness.texts(chatId).join('\n')).toContain('пр. Ленина, 1, Центральный округ');
  });

  it('answers every pressed button and ignores a double tap', async () => {
    const chatId = nextChat++;
    const number = await fileReport(harness, chatId);
    const answers = harness.api.calls('answerCallbackQuery');
    expect(answers.length).toBeGreaterThanOrEqual(4);

    // The same submit button pressed again from the old summary.
    await harness.press(chatId, '✅ Отправить');
    const last = harness.api.calls('answerCallbackQuery').at(-1);
    expect(last?.params).toMatchObject({ text: 'Эта кнопка уже не действует.' });
    expect(await db.prisma.report.count({ where: { resident: { chatId: String(chatId) } } })).toBe(
      1,
    );
    expect(number).toBeGreaterThan(0);
  });

  it('never sends a parse mode, so user text cannot break a message', async () => {
    const chatId = nextChat++;
    await fileReport(harness, chatId);
    const sends = harness.api.calls('sendMessage').map((call) => call.params);
    expect(sends.length).toBeGreaterThan(0);
    expect(sends.every((params) => !('parse_mode' in params))).toBe(true);
  });

  it('keeps residents’ words, names and places out of the logs', async () => {
    const chatId = nextChat++;
    await fileReport(harness, chatId);
    const logs = harness.logLines.join('');
    expect(logs).not.toContain('Глубокая яма');
    expect(logs).not.toContain('Житель');
    expect(logs).not.toContain(String(CENTRE.latitude));
    expect(logs).toContain('"updateId"');
  });
});
