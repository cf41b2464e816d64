import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../core/delivery/deliver.ts';
import type { Senders } from '../../core/delivery/senders.ts';
import { queueOfficeNotice } from '../../core/staff/office-notices.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { telegramSendersFor } from '../support/telegram-senders.ts';

let db: TestDatabase;
let telegram: FakeTelegramApi;
let senders: Senders;
let nextChat = 940_000;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await startFakeTelegramApi();
  senders = telegramSendersFor(telegram);
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});

async function officeId(code: string): Promise<number> {
  return (await db.prisma.office.findUniqueOrThrow({ where: { code } })).id;
}

async function member(role: 'official' | 'head' | 'dispatcher', office: number | null) {
  const chatId = nextChat++;
  await db.prisma.official.create({
    data: {
      channel: 'telegram',
      platformUserId: String(chatId),
      chatId: String(chatId),
      role,
      officeId: office,
    },
  });
  return chatId;
}

/** Runs every pending delivery once, as the worker would, until none is left. */
async function deliverAll(): Promise<void> {
  for (;;) {
    const pending = await db.prisma.delivery.findMany({ where: { status: 'pending' } });
    if (pending.length === 0) return;
    for (const row of pending) await deliver(db.prisma, senders, row.id);
  }
}

const card = (text: string) => [{ text }];

describe('an office notice refused by one of its chats', () => {
  it('still reaches the other members, and marks the blocked one', async () => {
    const office = await officeId('animals');
    const blocked = await member('official', office);
    const other = await member('official', office);
    telegram.blockChat(blocked);

    await queueOfficeNotice(db.prisma, {
      officeId: office,
      audience: 'team',
      key: 'fallback:1',
      messages: card('Новое обращение № 1'),
    });
    await deliverAll();
    expect(telegram.sentMessages(other).map((m) => m.text)).toEqual(['Новое обращение № 1']);
    const marked = await db.prisma.official.findFirstOrThrow({
      where: { chatId: String(blocked) },
    });
    expect(marked.unreachableAt).not.toBeNull();

    // The next card skips the blocked chat altogether.
    await queueOfficeNotice(db.prisma, {
      officeId: office,
      audience: 'team',
      key: 'fallback:2',
      messages: card('Новое обращение № 2'),
    });
    expect(await db.prisma.delivery.count({ where: { chatId: String(blocked) } })).toBe(1);
  });

  it('goes to the dispatchers when nobody at the office can be reached', async () => {
    const office = await officeId('architecture');
    const only = await member('official', office);
    const dispatcher = await member('dispatcher', null);
    telegram.blockChat(only);
    await queueOfficeNotice(db.prisma, {
      officeId: office,
      audience: 'team',
      key: 'fallback:3',
      messages: card('Новое обращение № 3'),
    });
    await deliverAll();
    expect(telegram.sentMessages(dispatcher).map((m) => m.text)).toContain('Новое обращение № 3');
  });

  it('leaves a group the bot was removed from, for the members', async () => {
    const office = await officeId('consumer-market');
    const group = -nextChat++;
    await db.prisma.officeChat.create({
      data: { officeId: office, channel: 'telegram', chatId: String(group) },
    });
    const person = await member('official', office);
    telegram.blockChat(group);
    await queueOfficeNotice(db.prisma, {
      officeId: office,
      audience: 'team',
      key: 'fallback:4',
      messages: card('Новое обращение № 4'),
    });
    // The group had it alone; once it refuses, the member gets it.
    expect(await db.prisma.delivery.count({ where: { chatId: String(person) } })).toBe(0);
    await deliverAll();
    expect(telegram.sentMessages(person).map((m) => m.text)).toEqual(['Новое обращение № 4']);
    const chat = await db.prisma.officeChat.findFirstOrThrow({ where: { chatId: String(group) } });
    expect(chat.active).toBe(false);
  });

  it('sends an overdue notice to the head, or to the team when the office has none', async () => {
    const office = await officeId('housing-utilities');
    const official = await member('official', office);
    await queueOfficeNotice(db.prisma, {
      officeId: office,
      audience: 'heads',
      key: 'fallback:5',
      messages: card('Просрочено обращение № 5'),
    });
    const head = await member('head', office);
    await queueOfficeNotice(db.prisma, {
      officeId: office,
      audience: 'heads',
      key: 'fallback:6',
      messages: card('Просрочено обращение № 6'),
    });
    await deliverAll();
    expect(telegram.sentMessages(official).map((m) => m.text)).toEqual([
      'Просрочено обращение № 5',
    ]);
    expect(telegram.sentMessages(head).map((m) => m.text)).toEqual(['Просрочено обращение № 6']);
  });
});
