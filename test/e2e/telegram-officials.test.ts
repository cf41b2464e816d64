import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, locationMessage, photoMessage, textMessage } from '../fakes/telegram-updates.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TelegramHarness } from '../support/telegram-harness.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };
const OFFICIAL_CHAT = 730_001;
const RESIDENT_CHAT = 730_002;

let db: TestDatabase;
let harness: TelegramHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await TelegramHarness.start(db, 'polling');
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

describe('an official answering a resident through Telegram', () => {
  it('links, gets the card, takes and answers it; the resident reopens it', async () => {
    // Roads belong to the city's roads office everywhere (seed/category-routes.json).
    const office = await db.prisma.office.findUniqueOrThrow({ where: { code: 'roads-transport' } });
    const { code } = await issueLinkCode(db.prisma, { role: 'official', officeId: office.id });
    await harness.sendAll(command(OFFICIAL_CHAT, `/link ${code}`));
    expect(harness.lastText(OFFICIAL_CHAT)).toContain(office.name);

    await harness.sendAll(command(RESIDENT_CHAT, '/start'));
    await harness.press(RESIDENT_CHAT, 'Согласен(на)');
    await harness.sendAll(textMessage(RESIDENT_CHAT, '📝 Сообщить о проблеме'));
    await harness.sendAll(locationMessage(RESIDENT_CHAT, CENTRE.latitude, CENTRE.longitude));
    await harness.sendAll(photoMessage(RESIDENT_CHAT));
    await harness.sendAll(textMessage(RESIDENT_CHAT, 'Готово ➡'));
    await harness.sendAll(textMessage(RESIDENT_CHAT, 'Глубокая яма на проезжей части у остановки'));
    await harness.press(RESIDENT_CHAT, 'Другие категории…');
    await harness.press(RESIDENT_CHAT, 'Дороги и тротуары');
    await harness.press(RESIDENT_CHAT, '✅ Отправить');

    await waitFor(OFFICIAL_CHAT, 'Новое обращение №');
    expect(harness.texts(OFFICIAL_CHAT).join('\n')).toContain('yandex.ru/maps');

    await harness.press(OFFICIAL_CHAT, '🛠 Взять в работу');
    expect(harness.lastText(OFFICIAL_CHAT)).toContain('взято в работу');
    await waitFor(RESIDENT_CHAT, 'взято в работу');

    await harness.press(OFFICIAL_CHAT, '✅ Ответить (решено)');
    await harness.sendAll(textMessage(OFFICIAL_CHAT, 'Яму заделали асфальтом.'));
    await harness.press(OFFICIAL_CHAT, '📨 Отправить');
    await waitFor(RESIDENT_CHAT, 'действительно устранена');
    expect(harness.texts(RESIDENT_CHAT).join('\n')).toContain('Яму заделали асфальтом.');

    await harness.press(RESIDENT_CHAT, '❌ Нет, не устранена');
    await harness.sendAll(textMessage(RESIDENT_CHAT, 'Заделали только половину ямы'));
    expect(harness.lastText(RESIDENT_CHAT)).toContain('возобновлено');
    await waitFor(OFFICIAL_CHAT, 'возобновил обращение');

    await harness.sendAll(command(OFFICIAL_CHAT, '/inbox'));
    expect(harness.lastText(OFFICIAL_CHAT)).toContain('Открытые обращения: 1');
  });
});
