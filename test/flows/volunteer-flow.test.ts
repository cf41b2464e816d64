import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { volunteerButton } from '../../core/volunteering/buttons.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TestChat, testEngine } from '../support/dialogue.ts';
import { buttonPayload, DAY_MS, HOUR_MS, newVolunteerEvent } from '../support/volunteer-events.ts';

let db: TestDatabase;
let engine: ConversationEngine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());

async function resident(name?: string): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  if (name) {
    const found = await db.prisma.resident.findFirstOrThrow({ where: { chatId: chat.chatId } });
    await db.prisma.residentIdentity.create({ data: { residentId: found.id, fullName: name } });
  }
  return chat;
}

function open(chat: TestChat, eventId: number) {
  return chat.send({ kind: 'button', payload: volunteerButton('open', eventId) });
}

function pressMatching(chat: TestChat, label: RegExp) {
  return chat.send({ kind: 'button', payload: buttonPayload(chat.lastReply.messages, label) });
}

async function going(eventId: number): Promise<number> {
  return db.prisma.volunteerSignup.count({ where: { eventId, status: 'going' } });
}

describe('when a resident browses volunteer events', () => {
  it('lists upcoming ones soonest first, five a page, with seats, place and skills', async () => {
    const soon = Date.now() + HOUR_MS;
    const titles = ['Посадка деревьев', 'Уборка парка', 'Помощь приюту', 'Книжный обмен'];
    for (const [index, title] of titles.entries()) {
      await newVolunteerEvent(db.prisma, {
        title,
        startsAt: new Date(soon + (titles.length - index) * 60_000),
        skills: index === 0 ? ['лопата', 'перчатки'] : [],
      });
    }
    await newVolunteerEvent(db.prisma, { title: 'Отменённое дело', status: 'cancelled' });
    await newVolunteerEvent(db.prisma, {
      title: 'Прошедшее дело',
      startsAt: new Date(soon - DAY_MS),
    });
    await newVolunteerEvent(db.prisma, {
      title: 'Дальнее дело',
      startsAt: new Date(soon + DAY_MS),
    });
    await newVolunteerEvent(db.prisma, {
      title: 'Ещё дальше',
      startsAt: new Date(soon + 2 * DAY_MS),
    });

    const chat = new TestChat(engine);
    await chat.text('🤝 Волонтёрство');
    const page = chat.said;
    expect(page).toContain('стр. 1 из 2');
    const order = [...titles].reverse().map((title) => page.indexOf(title));
    expect(order.every((at, index) => at > (order[index - 1] ?? -1))).toBe(true);
    expect(page).toContain('Свободных мест: 10 из 10');
    expect(page).toContain('Что пригодится: лопата, перчатки');
    expect(page).toContain('ул. Ленина, 1');
    expect(page).toContain('https://yandex.ru/maps/?pt=129.732500,62.028500');
    expect(page).not.toContain('Отменённое дело');
    expect(page).not.toContain('Прошедшее дело');

    await chat.press('Далее ▶');
    expect(chat.said).toContain('стр. 2 из 2');
    expect(chat.said).toContain('Ещё дальше');
    await chat.command('volunteer');
    expect(chat.said).toContain('стр. 1 из 2');
  });

  it('shows an event in the city’s time, with its map link and the seats left', async () => {
    const id = await newVolunteerEvent(db.prisma, {
      title: 'Лыжня для всех',
      startsAt: new Date('2030-06-14T01:00:00Z'),
      seats: 4,
      skills: ['лыжи'],
    });
    const taker = await resident('Пётр');
    await open(taker, id);
    await taker.press('✅ Записаться');

    const chat = new TestChat(engine);
    await open(chat, id);
    expect(chat.said).toContain('Лыжня для всех');
    expect(chat.said).toContain('14.06.2030, 10:00–13:00');
    expect(chat.said).toContain('Свободных мест: 3 из 4');
    expect(chat.said).toContain('Что пригодится: лыжи');
    expect(chat.said).toContain('На карте: https://yandex.ru/maps/');
  });

  it('says a full event is full and offers no seat', async () => {
    const id = await newVolunteerEvent(db.prisma, { title: 'Маленькое дело', seats: 1 });
    const first = await resident('Анна');
    await open(first, id);
    await first.press('✅ Записаться');

    const second = await resident('Борис');
    await open(second, id);
    expect(second.said).toContain('Мест больше нет');
    expect(() => second.press('✅ Записаться')).toThrow();
    // A sign-up button pressed from an older message is refused just the same.
    await second.send({ kind: 'button', payload: volunteerButton('join', id) });
    expect(second.said).toContain('мест больше нет');
    expect(await going(id)).toBe(1);
  });
});

describe('when a resident signs up', () => {
  it('asks for consent first, and nothing is kept before it', async () => {
    const id = await newVolunteerEvent(db.prisma);
    const chat = new TestChat(engine);
    await open(chat, id);
    await chat.press('✅ Записаться');
    expect(chat.said).toContain('нужно согласие');
    expect(await db.prisma.resident.count({ where: { chatId: chat.chatId } })).toBe(0);

    // Consenting carries on with the sign-up that asked for it.
    await chat.press('Согласен(на)');
    expect(chat.said).toContain('Как организатору к вам обращаться?');
  });

  it('asks the name once and keeps it for the organisers', async () => {
    const first = await newVolunteerEvent(db.prisma, { title: 'Первое дело' });
    const second = await newVolunteerEvent(db.prisma, { title: 'Второе дело' });
    const chat = await resident();
    await open(chat, first);
    await chat.press('✅ Записаться');
    await chat.text('Мария 2');
    expect(chat.said).toContain('имя буквами');
    await chat.text('  Мария   Петрова ');
    expect(chat.said).toContain('Приятно познакомиться, Мария Петрова!');
    expect(chat.said).toContain('Вы записаны: «Первое дело»');
    expect(chat.said).toContain('Напомним за день и за два часа');

    await open(chat, second);
    await chat.press('✅ Записаться');
    expect(chat.said).toContain('Вы записаны: «Второе дело»');
    expect(chat.said).not.toContain('обращаться');

    const residentRow = await db.prisma.resident.findFirstOrThrow({
      where: { chatId: chat.chatId },
      include: { identity: true },
    });
    expect(residentRow.identity?.fullName).toBe('Мария Петрова');
    expect(await going(first)).toBe(1);
    expect(await going(second)).toBe(1);
  });

  it('keeps a half-written report rather than ask a name over it', async () => {
    const id = await newVolunteerEvent(db.prisma);
    const chat = await resident();
    await chat.text('📝 Сообщить о проблеме');
    await open(chat, id);
    const reply = await chat.press('✅ Записаться');
    expect(reply.buttonNotice).toContain('Сначала завершите');
    const conversation = await db.prisma.conversation.findFirstOrThrow({
      where: { chatId: chat.chatId },
    });
    expect(conversation.state).toMatchObject({ screen: 'report' });
  });

  it('lets a resident stop at the name and signs nobody up', async () => {
    const id = await newVolunteerEvent(db.prisma);
    const chat = await resident();
    await open(chat, id);
    await chat.press('✅ Записаться');
    await chat.press('Отмена');
    expect(chat.said).toContain('запись не оформлена');
    expect(await going(id)).toBe(0);
  });

  it('gives the seat back, and takes it again on a second thought', async () => {
    const id = await newVolunteerEvent(db.prisma, { seats: 2 });
    const chat = await resident('Ольга');
    await open(chat, id);
    await chat.press('✅ Записаться');
    await chat.press('❌ Отменить запись');
    expect(chat.said).toContain('отменена');
    expect(await going(id)).toBe(0);
    await open(chat, id);
    expect(chat.said).toContain('Свободных мест: 2 из 2');

    await chat.press('✅ Записаться');
    expect(chat.said).toContain('Вы записаны');
    await chat.press('❌ Отменить запись');
    await chat.press('✅ Записаться снова');
    expect(chat.said).toContain('Вы записаны');
    const signups = await db.prisma.volunteerSignup.findMany({ where: { eventId: id } });
    expect(signups.map((signup) => signup.status)).toEqual(['going']);

    // Giving back a seat one does not hold changes nothing.
    await open(chat, id);
    await chat.press('❌ Отменить запись');
    await chat.send({ kind: 'button', payload: volunteerButton('leave', id) });
    expect(chat.said).toContain('не записаны');
  });

  it('never overbooks when residents race for the last seats', async () => {
    const id = await newVolunteerEvent(db.prisma, { title: 'Гонка за местом', seats: 1 });
    const pair = [await resident('Первый'), await resident('Второй')];
    for (const chat of pair) await open(chat, id);
    await Promise.all(pair.map((chat) => chat.press('✅ Записаться')));
    const outcomes = pair.map((chat) => chat.said).sort();
    expect(outcomes[0]).toContain('мест больше нет');
    expect(outcomes[1]).toContain('Вы записаны');
    expect(await going(id)).toBe(1);

    const crowded = await newVolunteerEvent(db.prisma, { seats: 3 });
    const crowd = await Promise.all(Array.from({ length: 7 }, (_, i) => resident(`Житель ${i}`)));
    await Promise.all(
      crowd.map((chat) => chat.send({ kind: 'button', payload: volunteerButton('join', crowded) })),
    );
    expect(crowd.filter((chat) => chat.said.includes('Вы записаны'))).toHaveLength(3);
    expect(await going(crowded)).toBe(3);
  });
});

describe('when a resident looks at their volunteering', () => {
  it('shows the seats they hold and the hours they gave, past events listed', async () => {
    const chat = await resident('Светлана');
    const residentRow = await db.prisma.resident.findFirstOrThrow({
      where: { chatId: chat.chatId },
    });
    const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
    const park = await newVolunteerEvent(db.prisma, { title: 'Парк Победы', startsAt: ago(10) });
    const shelter = await newVolunteerEvent(db.prisma, { title: 'Приют', startsAt: ago(5) });
    const missed = await newVolunteerEvent(db.prisma, { title: 'Пропущенное', startsAt: ago(3) });
    const residentId = residentRow.id;
    await db.prisma.volunteerSignup.createMany({
      data: [
        { eventId: park, residentId, attended: true },
        { eventId: shelter, residentId, attended: true, hours: 1.5 },
        { eventId: missed, residentId, attended: false },
      ],
    });
    const next = await newVolunteerEvent(db.prisma, { title: 'Будущее дело' });
    await open(chat, next);
    await chat.press('✅ Записаться');

    await chat.text('🤝 Волонтёрство');
    await chat.press('🙋 Моё участие');
    expect(chat.said).toContain('Будущее дело');
    expect(chat.said).toContain('Всего часов: 4,5');
    expect(chat.said).toMatch(/Приют, 1,5 ч[\s\S]*Парк Победы, 3 ч/);
    expect(chat.said).not.toContain('Пропущенное');
    await pressMatching(chat, /Будущее дело/);
    expect(chat.said).toContain('Вы записаны.');
  });

  it('leaves the name question for a main-menu button, taking no seat', async () => {
    const id = await newVolunteerEvent(db.prisma, { title: 'Дело без имени' });
    const chat = await resident();
    await open(chat, id);
    await chat.press('✅ Записаться');
    await chat.text('📋 Мои обращения');
    expect(chat.said).toContain('Хорошо, запись не оформлена.');
    expect(chat.said).not.toContain('имя буквами');
    expect(await going(id)).toBe(0);
  });

  it('tells a newcomer there is nothing yet', async () => {
    const chat = new TestChat(engine);
    await chat.send({ kind: 'button', payload: volunteerButton('mine') });
    expect(chat.said).toContain('ещё не записывались');
  });
});
