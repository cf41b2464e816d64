import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShortStart } from '../../core/volunteering/event-text.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TelegramHarness } from '../support/telegram-harness.ts';
import { VkHarness } from '../support/vk-harness.ts';
import { DAY_MS, newVolunteerEvent } from '../support/volunteer-events.ts';

/** The label of an event's button in the list. */
function listButton(title: string, startsAt: Date): string {
  return `${formatShortStart(startsAt)} · ${title}`;
}

async function seats(db: TestDatabase, eventId: number) {
  const rows = await db.prisma.volunteerSignup.findMany({
    where: { eventId },
    include: { resident: { include: { identity: true } } },
  });
  return rows.map((row) => ({
    status: row.status,
    channel: row.resident.channel,
    name: row.resident.identity?.fullName,
  }));
}

describe('when a Telegram resident volunteers', () => {
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

  it('browses the events, signs up with a name and gives the seat back', async () => {
    const chat = 720_001;
    const startsAt = new Date(Date.now() + 2 * DAY_MS);
    const eventId = await newVolunteerEvent(db.prisma, { title: 'Сбор макулатуры', startsAt });

    await harness.sendAll(command(chat, '/start'));
    await harness.press(chat, 'Согласен(на)');
    await harness.sendAll(textMessage(chat, '🤝 Волонтёрство'));
    expect(harness.lastText(chat)).toContain('Сбор макулатуры');
    expect(harness.lastText(chat)).toContain('Свободных мест: 10 из 10');

    await harness.press(chat, listButton('Сбор макулатуры', startsAt));
    expect(harness.lastText(chat)).toContain('Убираем листья');
    await harness.press(chat, '✅ Записаться');
    expect(harness.lastText(chat)).toContain('Как организатору к вам обращаться?');
    await harness.sendAll(textMessage(chat, 'Алексей'));
    expect(harness.lastText(chat)).toContain('Вы записаны: «Сбор макулатуры»');
    expect(await seats(db, eventId)).toEqual([
      { status: 'going', channel: 'telegram', name: 'Алексей' },
    ]);

    await harness.press(chat, '❌ Отменить запись');
    expect(harness.lastText(chat)).toContain('отменена');
    expect(await seats(db, eventId)).toMatchObject([{ status: 'cancelled' }]);
  });
});

describe('when a VK resident volunteers', () => {
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

  it('browses the events, signs up with a name and gives the seat back', async () => {
    const peer = 620_001;
    const startsAt = new Date(Date.now() + 2 * DAY_MS);
    const eventId = await newVolunteerEvent(db.prisma, { title: 'Помощь в приюте', startsAt });

    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '🤝 Волонтёрство');
    expect(harness.lastText(peer)).toContain('Помощь в приюте');

    await harness.press(peer, listButton('Помощь в приюте', startsAt));
    expect(harness.lastText(peer)).toContain('Свободных мест: 10 из 10');
    await harness.press(peer, '✅ Записаться');
    expect(harness.lastText(peer)).toContain('Как организатору к вам обращаться?');
    await harness.text(peer, 'Дарья Семёнова');
    expect(harness.lastText(peer)).toContain('Вы записаны: «Помощь в приюте»');
    expect(await seats(db, eventId)).toEqual([
      { status: 'going', channel: 'vk', name: 'Дарья Семёнова' },
    ]);

    await harness.press(peer, '❌ Отменить запись');
    expect(harness.lastText(peer)).toContain('отменена');
    await harness.press(peer, '✅ Записаться снова');
    expect(harness.lastText(peer)).toContain('Вы записаны');
    expect(await seats(db, eventId)).toMatchObject([{ status: 'going' }]);
    // Every button press was answered, so none kept spinning.
    expect(harness.vk.eventAnswers().length).toBeGreaterThanOrEqual(5);
  });
});
