import { describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { useTelegramHarness } from '../support/e2e.ts';

const OFFICIAL_CHAT = 731_001;
const RESIDENT_CHAT = 731_002;

const e2e = useTelegramHarness('webhook');

/** Waits until the bot has sent a chat a message containing this text (deliveries are jobs). */
async function waitFor(chatId: number, text: string): Promise<void> {
  await expect
    .poll(() => e2e.harness.texts(chatId).join('\n---\n'), { timeout: 15_000, interval: 50 })
    .toContain(text);
}

describe('officials’ reports in Telegram', () => {
  it('an official publishes, a resident reads, asks and rates, the official answers', async () => {
    const office = await e2e.db.prisma.office.findUniqueOrThrow({ where: { code: 'animals' } });
    const { code } = await issueLinkCode(e2e.db.prisma, { role: 'head', officeId: office.id });
    await e2e.harness.sendAll(command(OFFICIAL_CHAT, '/link', code));

    await e2e.harness.sendAll(command(OFFICIAL_CHAT, '/officials_publish'));
    expect(e2e.harness.lastText(OFFICIAL_CHAT)).toContain('Шаг 1 из 4');
    await e2e.harness.sendAll(textMessage(OFFICIAL_CHAT, 'Отлов и приюты: итоги года'));
    await e2e.harness.sendAll(textMessage(OFFICIAL_CHAT, 'Стерилизовано 900 собак, открыт приют.'));
    await e2e.harness.press(OFFICIAL_CHAT, '⏭ Пропустить');
    await e2e.harness.sendAll(
      textMessage(OFFICIAL_CHAT, 'https://docs.example.ru/animals-2030.pdf'),
    );
    await e2e.harness.press(OFFICIAL_CHAT, '📢 Опубликовать');
    expect(e2e.harness.lastText(OFFICIAL_CHAT)).toMatch(/Отчёт № \d+ опубликован/);
    const report = await e2e.db.prisma.officialReport.findFirstOrThrow({
      where: { officeId: office.id },
    });

    await e2e.harness.sendAll(command(RESIDENT_CHAT, '/start'));
    await e2e.harness.press(RESIDENT_CHAT, 'Согласен(на)');
    await e2e.harness.sendAll(textMessage(RESIDENT_CHAT, '📢 Отчёты чиновников'));
    await e2e.harness.press(RESIDENT_CHAT, `№ ${report.id} · Отлов и приюты: итоги года`);
    expect(e2e.harness.lastText(RESIDENT_CHAT)).toContain('Стерилизовано 900 собак');
    expect(e2e.harness.lastText(RESIDENT_CHAT)).toContain(
      '📄 Документ: https://docs.example.ru/animals-2030.pdf',
    );

    await e2e.harness.press(RESIDENT_CHAT, '⭐⭐⭐⭐');
    await e2e.harness.press(RESIDENT_CHAT, '❓ Задать вопрос');
    await e2e.harness.sendAll(textMessage(RESIDENT_CHAT, 'Где находится новый приют?'));
    expect(e2e.harness.lastText(RESIDENT_CHAT)).toContain('передан ведомству');

    await waitFor(OFFICIAL_CHAT, 'Где находится новый приют?');
    await e2e.harness.press(OFFICIAL_CHAT, '✍️ Ответить');
    await e2e.harness.sendAll(textMessage(OFFICIAL_CHAT, 'На улице Чернышевского, 10.'));
    expect(e2e.harness.lastText(OFFICIAL_CHAT)).toContain('отправлен жителю');

    await waitFor(RESIDENT_CHAT, 'На улице Чернышевского, 10.');
    await e2e.harness.press(RESIDENT_CHAT, '📢 Открыть отчёт');
    const shown = e2e.harness.lastText(RESIDENT_CHAT);
    expect(shown).toContain('❓ Где находится новый приют?');
    expect(shown).toContain('💬 На улице Чернышевского, 10.');
    expect(shown).toContain('⭐ 4 из 5 (1 оценка)');
  });
});
