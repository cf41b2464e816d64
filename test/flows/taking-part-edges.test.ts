import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { volunteerButton } from '../../core/volunteering/buttons.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TestChat, testEngine } from '../support/dialogue.ts';
import { DAY_MS, newVolunteerEvent } from '../support/volunteer-events.ts';

let db: TestDatabase;
let engine: ConversationEngine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());

async function resident(): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  return chat;
}

async function openHearing(): Promise<number> {
  const hearing = await db.prisma.hearing.create({
    data: {
      title: 'Сквер у школы',
      description: 'Проект благоустройства сквера.',
      commentsFrom: new Date(Date.now() - DAY_MS),
      commentsUntil: new Date(Date.now() + DAY_MS),
    },
  });
  return hearing.id;
}

async function residentOf(chat: TestChat) {
  return db.prisma.resident.findFirstOrThrow({ where: { chatId: chat.chatId } });
}

describe('when a resident writes a hearing comment', () => {
  it('says the length of too long a comment with the right Russian plural', async () => {
    const chat = await resident();
    const found = await residentOf(chat);
    await db.prisma.residentIdentity.create({
      data: {
        residentId: found.id,
        fullName: 'Иванова Мария',
        address: 'ул. Ленина, 10, кв. 5',
        phone: '+79141234567',
      },
    });
    await chat.send({ kind: 'button', payload: `v|hear-comment|${await openHearing()}` });

    await chat.text('х'.repeat(4001));
    expect(chat.said).toMatch(/4\s001 символ,/);
    await chat.text('х'.repeat(4002));
    expect(chat.said).toMatch(/4\s002 символа,/);
    await chat.text('х'.repeat(4005));
    expect(chat.said).toMatch(/4\s005 символов,/);
  });

  it('asks for words when a comment is only emoji or digits', async () => {
    const chat = await resident();
    const found = await residentOf(chat);
    await db.prisma.residentIdentity.create({
      data: {
        residentId: found.id,
        fullName: 'Сидоров Пётр',
        address: 'ул. Ленина, 12',
        phone: '+79141234568',
      },
    });
    await chat.send({ kind: 'button', payload: `v|hear-comment|${await openHearing()}` });

    await chat.text('😀'.repeat(11));
    expect(chat.said).toContain('Напишите замечание словами');
    await chat.text('1234567890 12');
    expect(chat.said).toContain('Напишите замечание словами');
    await chat.text('Против вырубки деревьев в сквере');
    expect(chat.said).not.toContain('словами');
  });

  it('leaves, keeping nothing, for a main-menu button typed as the address', async () => {
    const chat = await resident();
    await chat.send({ kind: 'button', payload: `v|hear-comment|${await openHearing()}` });
    await chat.text('Петрова Анна');

    await chat.text('🤝 Волонтёрство');
    expect(chat.said).toContain('замечание не отправлено');
    const found = await residentOf(chat);
    expect(await db.prisma.residentIdentity.findUnique({ where: { residentId: found.id } })).toBe(
      null,
    );
    // Back on the menu, the same button does what it says.
    await chat.text('🤝 Волонтёрство');
    expect(chat.said).toMatch(/волонтёрск/i);
    expect(chat.said).not.toContain('замечание');
  });
});

describe('when an event is shown', () => {
  it('says its time is Yakutsk time', async () => {
    const eventId = await newVolunteerEvent(db.prisma, {
      startsAt: new Date('2031-03-01T01:00:00Z'),
    });
    const chat = await resident();
    await chat.send({ kind: 'button', payload: volunteerButton('open', eventId) });
    expect(chat.said).toContain('01.03.2031, 10:00–13:00 (по якутскому времени)');
  });
});

describe('when someone without consent opens the subscriptions', () => {
  it('shows the subscriptions once they consent from the menu', async () => {
    const chat = new TestChat(engine);
    await chat.command('subscriptions');
    await chat.press('Согласен(на)');
    expect(chat.said).toContain('🔔 Подписки');
  });

  it('follows the topic they pressed once they consent', async () => {
    const chat = new TestChat(engine);
    await chat.send({ kind: 'button', payload: 'v|sub-on|hearings' });
    await chat.press('Согласен(на)');
    expect(chat.said).toContain('✅ Публичные слушания');
    const found = await residentOf(chat);
    const follows = await db.prisma.topicSubscription.findMany({ where: { residentId: found.id } });
    expect(follows.map((follow) => follow.topic)).toEqual(['hearings']);
  });
});
