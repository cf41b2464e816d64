import { describe, expect, it } from 'vitest';
import { publishOfficialReport } from '../../core/official-reports/publish.ts';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { useVkHarness } from '../support/e2e.ts';

const OFFICIAL_CHAT = 891_001;
const PEER = 641_001;

const e2e = useVkHarness('callback');

describe('officials’ reports across platforms', () => {
  it('a VK resident reads, rates and asks; an official answers in Telegram', async () => {
    const office = await e2e.db.prisma.office.findUniqueOrThrow({
      where: { code: 'roads-transport' },
    });
    const { code } = await issueLinkCode(e2e.db.prisma, { role: 'official', officeId: office.id });
    await e2e.harness.telegramSendAll(command(OFFICIAL_CHAT, '/link', code));
    const published = await e2e.db.prisma.$transaction((tx) =>
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

    await e2e.harness.sendAll(messageNew(PEER, { text: 'Начать', payload: { command: 'start' } }));
    await e2e.harness.press(PEER, 'Согласен(на)');
    await e2e.harness.text(PEER, '📢 Отчёты чиновников');
    expect(e2e.harness.lastText(PEER)).toContain('Дороги 2030');
    await e2e.harness.press(PEER, `№ ${published.id} · Дороги 2030`);
    expect(e2e.harness.lastText(PEER)).toContain('🎬 Видео: https://video.example.ru/roads-2030');

    await e2e.harness.press(PEER, '⭐⭐⭐⭐⭐');
    await e2e.harness.press(PEER, '⭐⭐⭐');
    const ratings = await e2e.db.prisma.officialReportRating.findMany({
      where: { officialReportId: published.id },
    });
    expect(ratings.map((row) => row.rating)).toEqual([3]);

    await e2e.harness.press(PEER, '❓ Задать вопрос');
    await e2e.harness.text(PEER, 'Когда отремонтируют улицу Дзержинского?');
    expect(e2e.harness.lastText(PEER)).toContain('передан ведомству');

    await expect
      .poll(() => e2e.harness.telegramTexts(OFFICIAL_CHAT).join('\n'), { timeout: 15_000 })
      .toContain('улицу Дзержинского');
    await e2e.harness.telegramPress(OFFICIAL_CHAT, '✍️ Ответить');
    await e2e.harness.telegramSendAll(textMessage(OFFICIAL_CHAT, 'Ремонт назначен на июнь.'));

    await expect
      .poll(() => e2e.harness.texts(PEER).join('\n'), { timeout: 15_000 })
      .toContain('Ремонт назначен на июнь.');
    await e2e.harness.press(PEER, '📢 Открыть отчёт');
    expect(e2e.harness.lastText(PEER)).toContain('💬 Ремонт назначен на июнь.');
    expect(e2e.harness.lastText(PEER)).toContain('⭐ 3 из 5 (1 оценка)');
  });
});
