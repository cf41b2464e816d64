import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TelegramHarness } from '../support/telegram-harness.ts';

const OFFICIAL_CHAT = 731_001;
const RESIDENT_CHAT = 731_002;

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

/** Waits until the bot has sent a chat a message containing this text (deliveries are jobs). */
async function waitFor(chatId: number, text: string): Promise<void> {
  await expect
    .poll(() => harness.texts(chatId).join('\n---\n'), { timeout: 15_000, interval: 50 })
    .toContain(text);
}

describe('officials’ reports in Telegram', () => {
  it('an official publishes, a resident reads, asks and rates, the official answers', async () => {
    const office = await db.prisma.office.findUniqueOrThrow({ where: { code: 'animals' } });
    const { code } = await issueLinkCode(db.prisma, { role: 'head', officeId: office.id });
    await harness.sendAll(command(OFFICIAL_CHAT, '/link', code));

    await harness.sendAll(command(OFFICIAL_CHAT, '/officials_publish'));
    expect(harness.lastText(OFFICIAL_CHAT)).toContain('Шаг 1 из 4');
    await harness.sendAll(textMessage(OFFICIAL_CHAT, 'Отлов и приюты: итоги года'));
    await harness.sendAll(textMessage(OFFICIAL_CHAT, 'Стерилизовано 900 собак, открыт приют.'));
    await harness.press(OFFICIAL_CHAT, '⏭ Пропустить');
    await harness.sendAll(textMessage(OFFICIAL_CHAT, 'https://docs.example.ru/animals-2030.pdf'));
    await harness.press(OFFICIAL_CHAT, '📢 Опубликовать');
    expect(harness.lastText(OFFICIAL_CHAT)).toMatch(/Отчёт № \d+ опубликован/);
    const report = await db.prisma.officialReport.findFirstOrThrow({
      where: { officeId: office.id },
    });

    await harness.sendAll(command(RESIDENT_CHAT, '/start'));
    await harness.press(RESIDENT_CHAT, 'Согласен(на)');
    await harness.sendAll(textMessage(RESIDENT_CHAT, '📢 Отчёты чиновников'));
    await harness.press(RESIDENT_CHAT, `№ ${report.id} · Отлов и приюты: итоги года`);
    expect(harness.lastText(RESIDENT_CHAT)).toContain('Стерилизовано 900 собак');
    expect(harness.lastText(RESIDENT_CHAT)).toContain(
      '📄 Документ: https://docs.example.ru/animals-2030.pdf',
    );

    await harness.press(RESIDENT_CHAT, '⭐⭐⭐⭐');
    await harness.press(RESIDENT_CHAT, '❓ Задать вопрос');
    await harness.sendAll(textMessage(RESIDENT_CHAT, 'Где находится новый приют?'));
    expect(harness.lastText(RESIDENT_CHAT)).toContain('передан ведомству');

    await waitFor(OFFICIAL_CHAT, 'Где находится новый приют?');
    await harness.press(OFFICIAL_CHAT, '✍️ Ответить');
    await harness.sendAll(textMessage(OFFICIAL_CHAT, 'На улице Чернышевского, 10.'));
    expect(harness.lastText(OFFICIAL_CHAT)).toContain('отправлен жителю');

    await waitFor(RESIDENT_CHAT, 'На улице Чернышевского, 10.');
    await harness.press(RESIDENT_CHAT, '📢 Открыть отчёт');
    const shown = harness.lastText(RESIDENT_CHAT);
    expect(shown).toContain('❓ Где находится новый приют?');
    expect(shown).toContain('💬 На улице Чернышевского, 10.');
    expect(shown).toContain('⭐ 4 из 5 (1 оценка)');
  });
});
