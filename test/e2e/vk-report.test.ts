import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmation,
  docMessage,
  geoMessage,
  messageNew,
  photoMessage,
  stickerMessage,
  voiceMessage,
} from '../fakes/vk-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { VK_SECRET, VkHarness, type VkMode } from '../support/vk-harness.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };
let nextPeer = 610_000;

/** A new resident through consent and a full report with `photos` photos in one message. */
async function fileReport(harness: VkHarness, peer: number, photos = 1): Promise<number> {
  await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
  expect(harness.lastText(peer)).toContain('согласие');
  await harness.press(peer, 'Согласен(на)');
  await harness.text(peer, '📝 Сообщить о проблеме');
  await harness.sendAll(geoMessage(peer, CENTRE.latitude, CENTRE.longitude));
  const pictures = Array.from({ length: photos }, () => harness.vk.registerPhoto());
  await harness.sendAll(photoMessage(peer, pictures));
  await harness.text(peer, 'Готово ➡');
  await harness.text(peer, 'Глубокая яма на проезжей части у остановки');
  await harness.press(peer, 'Другие категории…');
  await harness.press(peer, 'Дороги и тротуары');
  await harness.press(peer, '✅ Отправить');
  const ticket = harness
    .texts(peer)
    .map((text) => /№ (\d+) принято/.exec(text))
    .find((match) => match !== null);
  expect(ticket, harness.texts(peer).join('\n---\n')).toBeDefined();
  return Number(ticket?.[1]);
}

describe.each<VkMode>(['callback', 'polling'])('VK residents, events by %s', (mode) => {
  let db: TestDatabase;
  let harness: VkHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    harness = await VkHarness.start(db, mode);
  });
  afterAll(async () => {
    await harness.close();
    await db.drop();
  });

  it('files a full report once, in its district, with every photo of the message', async () => {
    const peer = nextPeer++;
    const number = await fileReport(harness, peer, 3);
    const report = await db.prisma.report.findUniqueOrThrow({
      where: { number },
      include: { photos: { orderBy: { position: 'asc' } }, category: true, district: true },
    });
    expect(report.channel).toBe('vk');
    expect(report.category.code).toBe('roads');
    expect(report.district?.code).toBe('tsentralny');
    expect(report.photos).toHaveLength(3);
    expect(report.photos[0]?.fileId).toMatch(/^photo\d+_\d+_\w+$/);
    expect(report.photos[0]?.sourceUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
    // The photos are copied into our own storage by the media worker.
    await expect
      .poll(
        () => db.prisma.reportPhoto.count({ where: { reportId: report.id, storageKey: null } }),
        {
          timeout: 15_000,
        },
      )
      .toBe(0);
    // Every button press was answered, so no button kept spinning.
    expect(harness.vk.eventAnswers().length).toBeGreaterThan(3);
  });

  it('lists the resident’s reports and opens one, with its photo', async () => {
    const peer = nextPeer++;
    const number = await fileReport(harness, peer);
    await harness.text(peer, '📋 Мои обращения');
    expect(harness.lastText(peer)).toContain(`№ ${number}`);
    await harness.press(peer, `№ ${number}`);
    const detail = harness.vk.sentMessages(peer).at(-1);
    expect(detail?.text).toContain(`Обращение № ${number}`);
    expect(detail?.attachments[0]).toMatch(/^photo\d+_\d+/);
  });

  it('keeps a half-written report across a restart', async () => {
    const peer = nextPeer++;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '📝 Сообщить о проблеме');
    await harness.sendAll(geoMessage(peer, CENTRE.latitude, CENTRE.longitude));
    await harness.shutdown();
    await harness.boot();
    await harness.sendAll(photoMessage(peer, [harness.vk.registerPhoto()]));
    await harness.text(peer, 'Готово ➡');
    expect(harness.lastText(peer)).toMatch(/опиш/i);
  });

  it('answers a sticker, a voice message and a document politely and carries on', async () => {
    const peer = nextPeer++;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '📝 Сообщить о проблеме');
    await harness.sendAll(geoMessage(peer, CENTRE.latitude, CENTRE.longitude));
    for (const event of [stickerMessage(peer), voiceMessage(peer), docMessage(peer)]) {
      const before = harness.texts(peer).length;
      await harness.sendAll(event);
      expect(harness.texts(peer).length).toBeGreaterThan(before);
    }
    expect(harness.texts(peer).join('\n')).toMatch(/фото/i);
    expect(await db.prisma.report.count({ where: { resident: { chatId: String(peer) } } })).toBe(0);
  });

  it('refuses a place outside the city and keeps the report going', async () => {
    const peer = nextPeer++;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '📝 Сообщить о проблеме');
    await harness.sendAll(geoMessage(peer, 55.7558, 37.6173));
    expect(harness.lastText(peer)).toMatch(/Якутск|города/);
  });
});

describe('the Callback API door', () => {
  let db: TestDatabase;
  let harness: VkHarness;

  beforeAll(async () => {
    db = await createTestDatabase();
    harness = await VkHarness.start(db, 'callback');
  });
  afterAll(async () => {
    await harness.close();
    await db.drop();
  });

  it('answers the confirmation request with the community code', async () => {
    const answer = await harness.vk.deliverCallback(confirmation(), {
      url: harness.callbackUrl,
      secret: VK_SECRET,
    });
    expect(answer).toMatchObject({ status: 200, body: harness.vk.confirmationCode });
  });

  it('refuses a wrong secret and records nothing', async () => {
    const event = messageNew(nextPeer++, { text: 'привет' });
    const answer = await harness.vk.deliverCallback(event, {
      url: harness.callbackUrl,
      secret: 'wrong',
    });
    expect(answer.status).toBe(403);
    const rows = await db.prisma.inboundUpdate.count({ where: { updateId: event.event_id ?? '' } });
    expect(rows).toBe(0);
  });

  it('handles an event VK delivers twice once', async () => {
    const peer = nextPeer++;
    const event = messageNew(peer, { text: 'Начать', payload: { command: 'start' } });
    await harness.sendAll(event);
    const replies = harness.texts(peer).length;
    await harness.sendAll(event);
    expect(harness.texts(peer)).toHaveLength(replies);
  });

  it('marks a resident who denies messages unreachable, reachable once allowed', async () => {
    const peer = nextPeer++;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    const { messageDeny, messageAllow } = await import('../fakes/vk-events.ts');
    await harness.sendAll(messageDeny(peer));
    const denied = await db.prisma.resident.findFirstOrThrow({ where: { chatId: String(peer) } });
    expect(denied.unreachableAt).not.toBeNull();
    await harness.sendAll(messageAllow(peer));
    const allowed = await db.prisma.resident.findFirstOrThrow({ where: { chatId: String(peer) } });
    expect(allowed.unreachableAt).toBeNull();
  });
});
