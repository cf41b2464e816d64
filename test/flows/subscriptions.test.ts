import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inEveryLocale, publishUpdate } from '../../core/broadcast/publish.ts';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TestChat, testEngine } from '../support/dialogue.ts';

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

async function residentId(chat: TestChat): Promise<number> {
  const row = await db.prisma.resident.findFirstOrThrow({ where: { chatId: chat.chatId } });
  return row.id;
}

function buttons(chat: TestChat): string[] {
  return chat.lastReply.messages
    .flatMap((message) => message.inline ?? [])
    .flat()
    .map((b) => b.label);
}

describe('when a resident manages subscriptions', () => {
  it('asks for consent first', async () => {
    const chat = new TestChat(engine);
    await chat.text('🔔 Подписки');
    expect(chat.said).toContain('согласие');
    expect(buttons(chat)).toContain('Согласен(на)');
  });

  it('lists every topic, follows and unfollows one from the menu', async () => {
    const chat = await resident();
    await chat.text('🔔 Подписки');
    expect(chat.said).toContain('▫️ Публичные слушания');
    expect(chat.said).toContain('▫️ Новости района');

    await chat.press('Подписаться: Публичные слушания');
    expect(chat.lastReply.buttonNotice).toBe('Подписка оформлена: Публичные слушания');
    expect(chat.said).toContain('✅ Публичные слушания');
    expect(buttons(chat)).toContain('Отписаться: Публичные слушания');

    await chat.press('Отписаться: Публичные слушания');
    expect(chat.said).toContain('▫️ Публичные слушания');
    const follows = await db.prisma.topicSubscription.count({
      where: { residentId: await residentId(chat) },
    });
    expect(follows).toBe(0);
  });

  it('follows one district for district news and can move to another', async () => {
    const chat = await resident();
    await chat.command('subscriptions');
    await chat.press('Подписаться: Новости района');
    expect(chat.said).toContain('Новости какого округа');
    const [first, second] = buttons(chat);
    if (!first || !second) throw new Error('expected the districts as buttons');

    await chat.press(first);
    expect(chat.said).toContain(`✅ Новости района — ${first}`);
    await chat.press('Выбрать другой округ');
    await chat.press(second);
    expect(chat.said).toContain(`✅ Новости района — ${second}`);
    const rows = await db.prisma.topicSubscription.findMany({
      where: { residentId: await residentId(chat) },
    });
    expect(rows).toHaveLength(1);
  });

  it('answers a forged topic or district politely', async () => {
    const chat = await resident();
    await chat.send({ kind: 'button', payload: 'v|sub-on|everything' });
    expect(chat.lastReply.buttonNotice).toContain('устарела');
    await chat.send({ kind: 'button', payload: 'v|sub-district|999999' });
    expect(chat.lastReply.buttonNotice).toContain('устарела');
  });
});

describe('when an update is published', () => {
  it('goes once to each reachable follower of its topic, with a way to unsubscribe', async () => {
    const follower = await resident();
    await follower.command('subscriptions');
    await follower.press('Подписаться: Волонтёрство');
    const blocked = await resident();
    await blocked.command('subscriptions');
    await blocked.press('Подписаться: Волонтёрство');
    await db.prisma.resident.update({
      where: { id: await residentId(blocked) },
      data: { unreachableAt: new Date() },
    });
    const other = await resident();
    await other.command('subscriptions');
    await other.press('Подписаться: Публичные слушания');

    const update = {
      key: 'test:volunteer-news:1',
      topic: 'volunteering' as const,
      title: 'Субботник',
      messages: inEveryLocale((t) => ({ text: `${t('menu-volunteer')}: субботник` })),
    };
    const published = await db.prisma.$transaction((tx) => publishUpdate(tx, update));
    expect(published?.recipients).toBe(1);
    const again = await db.prisma.$transaction((tx) => publishUpdate(tx, update));
    expect(again).toBeNull();

    const recipients = await db.prisma.broadcastRecipient.findMany({
      where: { broadcastId: published?.broadcastId ?? -1 },
    });
    expect(recipients.map((row) => row.residentId)).toEqual([await residentId(follower)]);
    const broadcast = await db.prisma.broadcast.findUniqueOrThrow({
      where: { id: published?.broadcastId ?? -1 },
    });
    const messages = broadcast.messages as Record<string, { inline: { label: string }[][] }>;
    expect(messages.ru?.inline.flat().map((b) => b.label)).toContain(
      '🔕 Отписаться от этих новостей',
    );
    expect(messages.en?.inline.flat().map((b) => b.label)).toContain(
      '🔕 Unsubscribe from these updates',
    );
  });

  it('takes each follower in the language they chose', async () => {
    const chat = await resident();
    await chat.command('language');
    await chat.command('subscriptions');
    await chat.press("Subscribe: Officials' reports");
    const published = await db.prisma.$transaction((tx) =>
      publishUpdate(tx, {
        key: 'test:official-reports:1',
        topic: 'official_reports',
        title: 'Отчёт',
        messages: inEveryLocale((t) => ({ text: t('menu-official-reports') })),
      }),
    );
    const [recipient] = await db.prisma.broadcastRecipient.findMany({
      where: { broadcastId: published?.broadcastId ?? -1 },
    });
    expect(recipient?.locale).toBe('en');
  });

  it('sends district news only to that district followers', async () => {
    const [central, other] = await db.prisma.district.findMany({ take: 2, orderBy: { id: 'asc' } });
    if (!central || !other) throw new Error('seeded districts expected');
    const near = await resident();
    await near.command('subscriptions');
    await near.press('Подписаться: Новости района');
    await near.press(central.name);
    const far = await resident();
    await far.command('subscriptions');
    await far.press('Подписаться: Новости района');
    await far.press(other.name);

    const published = await db.prisma.$transaction((tx) =>
      publishUpdate(tx, {
        key: 'test:district:1',
        topic: 'district_news',
        districtId: central.id,
        title: 'Ремонт дороги',
        messages: inEveryLocale(() => ({ text: 'Ремонт дороги' })),
      }),
    );
    const recipients = await db.prisma.broadcastRecipient.findMany({
      where: { broadcastId: published?.broadcastId ?? -1 },
    });
    expect(recipients.map((row) => row.residentId)).toEqual([await residentId(near)]);
  });

  it('unsubscribes from the button under a broadcast', async () => {
    const chat = await resident();
    await chat.command('subscriptions');
    await chat.press('Подписаться: Отчёты чиновников');
    await chat.send({ kind: 'button', payload: 'v|sub-off|official_reports' });
    expect(chat.lastReply.buttonNotice).toBe('Вы отписались: Отчёты чиновников');
    expect(chat.said).toContain('▫️ Отчёты чиновников');
  });
});
