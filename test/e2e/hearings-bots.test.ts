import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, contactMessage, textMessage } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TelegramHarness } from '../support/telegram-harness.ts';
import { VkHarness } from '../support/vk-harness.ts';

const DAY = 86_400_000;
const TITLE = 'Проект планировки квартала 203';
const COMMENT = 'Прошу сохранить сквер у школы № 5 и не ставить там парковку.';
/** What the resident tells the bot and must never be seen in the logs. */
const PERSONAL = ['Иванова', 'Мария', 'Ленина', '9140000001', '9141234567', 'сквер у школы'];

async function openHearing(db: TestDatabase): Promise<number> {
  const hearing = await db.prisma.hearing.create({
    data: {
      title: TITLE,
      description: 'Дороги, парковки и сквер квартала 203.',
      commentsFrom: new Date(Date.now() - DAY),
      commentsUntil: new Date(Date.now() + DAY),
    },
  });
  return hearing.id;
}

function expectNoPersonalData(logLines: string[]): void {
  const log = logLines.join('');
  expect(log.length).toBeGreaterThan(0);
  for (const word of PERSONAL) expect(log, word).not.toContain(word);
}

describe('when a Telegram resident comments on a hearing', () => {
  let db: TestDatabase;
  let harness: TelegramHarness;
  let hearingId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    harness = await TelegramHarness.start(db, 'webhook');
    hearingId = await openHearing(db);
  });
  afterAll(async () => {
    await harness.close();
    await db.drop();
  });

  it('takes the phone from the contact button (own only), numbers the comment', async () => {
    const chatId = 731_001;
    await harness.sendAll(command(chatId, '/start'));
    await harness.press(chatId, 'Согласен(на)');
    await harness.sendAll(textMessage(chatId, '🏛 Публичные слушания'));
    await harness.press(chatId, `🟢 ${TITLE}`);
    await harness.press(chatId, '💬 Оставить замечание');
    expect(harness.texts(chatId).join('\n')).toContain('152-ФЗ');
    await harness.sendAll(textMessage(chatId, 'Иванова Мария Петровна'));
    await harness.sendAll(textMessage(chatId, 'ул. Ленина, 10, кв. 5'));
    expect(harness.api.sentMessages(chatId).at(-1)?.replyMarkup).toMatchObject({
      keyboard: [
        [{ text: '📱 Поделиться номером', request_contact: true }],
        [{ text: '✖ Отмена' }],
      ],
    });

    await harness.sendAll(contactMessage(chatId, { userId: 555, phoneNumber: '79145556677' }));
    expect(harness.lastText(chatId)).toContain('чужой контакт');
    await harness.sendAll(contactMessage(chatId));
    expect(harness.texts(chatId).join('\n')).toContain('данные сохранены');
    await harness.sendAll(textMessage(chatId, COMMENT));
    await harness.press(chatId, '✅ Отправить');
    expect(harness.lastText(chatId)).toContain(`№ ${hearingId}-1`);

    const stored = await db.prisma.hearingComment.findFirstOrThrow({ where: { hearingId } });
    expect(stored).toMatchObject({
      number: 1,
      fullName: 'Иванова Мария Петровна',
      phone: '+79140000001',
      text: COMMENT,
    });
    expectNoPersonalData(harness.logLines);
  });
});

describe('when a VK resident comments on a hearing', () => {
  let db: TestDatabase;
  let harness: VkHarness;
  let hearingId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    harness = await VkHarness.start(db, 'callback');
    hearingId = await openHearing(db);
  });
  afterAll(async () => {
    await harness.close();
    await db.drop();
  });

  it('asks for the phone in words, with no contact button, and numbers the comment', async () => {
    const peer = 641_001;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '🏛 Публичные слушания');
    await harness.press(peer, `🟢 ${TITLE}`);
    await harness.press(peer, '💡 Внести предложение');
    await harness.text(peer, 'Иванова Мария Петровна');
    await harness.text(peer, 'ул. Ленина, 10, кв. 5');
    const ask = harness.vk.sentMessages(peer).at(-1);
    expect(ask?.text).toContain('Напишите номер телефона');
    expect(ask?.keyboard?.buttons.flat().map((button) => button.action.label)).toEqual([
      '✖ Отмена',
    ]);

    await harness.text(peer, '+7 914 123-45-67');
    await harness.text(peer, COMMENT);
    await harness.press(peer, '✅ Отправить');
    expect(harness.lastText(peer)).toContain(`Предложение принято`);
    expect(harness.lastText(peer)).toContain(`№ ${hearingId}-1`);

    const identity = await db.prisma.residentIdentity.findFirstOrThrow({
      where: { resident: { channel: 'vk', chatId: String(peer) } },
    });
    expect(identity).toMatchObject({ phone: '+79141234567', phoneFromContact: false });
    expectNoPersonalData(harness.logLines);
  });
});
