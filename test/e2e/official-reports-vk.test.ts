import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishOfficialReport } from '../../core/official-reports/publish.ts';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { VkHarness } from '../support/vk-harness.ts';

const OFFICIAL_CHAT = 891_001;
const PEER = 641_001;

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

describe('officials’ reports across platforms', () => {
  it('a VK resident reads, rates and asks; an official answers in Telegram', async () => {
    const office = await db.prisma.office.findUniqueOrThrow({ where: { code: 'roads-transport' } });
    const { code } = await issueLinkCode(db.prisma, { role: 'official', officeId: office.id });
    await harness.telegramSendAll(command(OFFICIAL_CHAT, '/link', code));
    const published = await db.prisma.$transaction((tx) =>
      publishOfficialReport(tx, {
        title: 'Дороги 2030',
        text: 'Отремонтировано 40 км дорог и 12 мостов.',
        videoUrl: 'https://video.example.ru/roads-2030',
        officeId: office.id,
        author: {},
        now: new Date(),
      }),
    );
    if (!published.ok) throw new Error(published.reason);

    await harness.sendAll(messageNew(PEER, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(PEER, 'Согласен(на)');
    await harness.text(PEER, '📢 Отчёты чиновников');
    expect(harness.lastText(PEER)).toContain('Дороги 2030');
    await harness.press(PEER, `№ ${published.id} · Дороги 2030`);
    expect(harness.lastText(PEER)).toContain('🎬 Видео: https://video.example.ru/roads-2030');

    await harness.press(PEER, '⭐⭐⭐⭐⭐');
    await harness.press(PEER, '⭐⭐⭐');
    const ratings = await db.prisma.officialReportRating.findMany({
      where: { officialReportId: published.id },
    });
    expect(ratings.map((row) => row.rating)).toEqual([3]);

    await harness.press(PEER, '❓ Задать вопрос');
    await harness.text(PEER, 'Когда отремонтируют улицу Дзержинского?');
    expect(harness.lastText(PEER)).toContain('передан ведомству');

    await expect
      .poll(() => harness.telegramTexts(OFFICIAL_CHAT).join('\n'), { timeout: 15_000 })
      .toContain('улицу Дзержинского');
    await harness.telegramPress(OFFICIAL_CHAT, '✍️ Ответить');
    await harness.telegramSendAll(textMessage(OFFICIAL_CHAT, 'Ремонт назначен на июнь.'));

    await expect
      .poll(() => harness.texts(PEER).join('\n'), { timeout: 15_000 })
      .toContain('Ремонт назначен на июнь.');
    await harness.press(PEER, '📢 Открыть отчёт');
    expect(harness.lastText(PEER)).toContain('💬 Ремонт назначен на июнь.');
    expect(harness.lastText(PEER)).toContain('⭐ 3 из 5 (1 оценка)');
  });
});
