import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConversationEngine,
  createConversationEngine,
} from '../../core/conversation/engine.ts';
import { loadDistrictLocator } from '../../core/geo/load-district-locator.ts';
import { submitComment } from '../../core/hearings/comments.ts';
import { createKnowledgeBase } from '../../core/helpdesk/knowledge-base.ts';
import { createHelpSearch } from '../../core/helpdesk/search.ts';
import { loadCategoryCatalog } from '../../core/reports/categories.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { roadsSuggester, TestChat } from '../support/dialogue.ts';
import { consentedResident } from '../support/residents.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 10 December 2026, 12:00 in Yakutsk (UTC+9). */
const NOON = new Date('2026-12-10T03:00:00Z');
const COMMENT = 'Прошу сохранить сквер у школы № 5 и не ставить там парковку.';

let db: TestDatabase;
let engine: ConversationEngine;
/** The engine's clock, moved by the tests. */
let now = NOON;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = createConversationEngine({
    prisma: db.prisma,
    log: pino({ level: 'silent' }),
    districts: await loadDistrictLocator(db.prisma),
    suggester: roadsSuggester,
    categories: await loadCategoryCatalog(db.prisma),
    calendar: await loadCityCalendar(),
    knowledge: createKnowledgeBase(db.prisma, createHelpSearch),
    now: () => now,
  });
});
afterAll(() => db.drop());

async function hearing(
  title: string,
  from: Date,
  until: Date,
  extra: { status?: 'announced' | 'concluded' | 'cancelled'; outcome?: string } = {},
) {
  return db.prisma.hearing.create({
    data: {
      title,
      description: 'Проект планировки квартала 203: дороги, парковки, сквер.',
      materialsUrl: 'https://example.org/hearings/203.pdf',
      commentsFrom: from,
      commentsUntil: until,
      ...extra,
    },
  });
}

async function resident(): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  return chat;
}

/** The engine's noon moved by whole days. */
function day(days: number): Date {
  return new Date(NOON.getTime() + days * DAY);
}

function showCard(chat: TestChat, hearingId: number) {
  return chat.send({ kind: 'button', payload: `v|hear-open|${hearingId}` });
}

/** Opens a hearing's card (as its button in the list or in a broadcast does) and comments. */
async function startComment(chat: TestChat, hearingId: number, button = '💬 Оставить замечание') {
  await showCard(chat, hearingId);
  await chat.press(button);
}

/** Name, address and a typed phone, as a resident without a contact button gives them. */
async function identify(chat: TestChat, phone = '8 914 123-45-67') {
  await chat.text('Иванова Мария Петровна');
  await chat.text('ул. Ленина, 10, кв. 5');
  await chat.text(phone);
}

async function writeAndSend(chat: TestChat, text = COMMENT): Promise<string> {
  await chat.text(text);
  expect(chat.said).toContain('Отправить?');
  await chat.press('✅ Отправить');
  return chat.said;
}

function numberIn(said: string): string | undefined {
  return /№ (\d+-\d+)/.exec(said)?.[1];
}

describe('when a resident lists and reads hearings', () => {
  it('shows open ones first, marks soon and finished ones, leaves cancelled out', async () => {
    now = NOON;
    await hearing('Сквер на Ойунского', day(-1), day(1));
    await hearing('Мост через протоку', day(3), day(9));
    await hearing('Рынок на Лермонтова', day(-9), day(5), { status: 'cancelled' });
    await hearing('Генплан 2040', day(-30), day(-2), { status: 'concluded', outcome: 'Одобрен.' });
    const chat = new TestChat(engine);
    await chat.text('🏛 Публичные слушания');
    const said = chat.said;
    expect(said).toContain('🟢 Сквер на Ойунского — замечания принимаются до 11.12.2026 12:00');
    expect(said).toContain('🕒 Мост через протоку — скоро: приём замечаний с 13.12.2026 12:00');
    expect(said).toContain('📄 Генплан 2040 — итоги опубликованы');
    expect(said).toContain('Время указано якутское.');
    expect(said.indexOf('Сквер на Ойунского')).toBeLessThan(said.indexOf('Мост через протоку'));
    expect(said.indexOf('Мост через протоку')).toBeLessThan(said.indexOf('Генплан 2040'));
    expect(said).not.toContain('Рынок на Лермонтова');
    await chat.press('🕒 Мост через протоку');
    expect(chat.said).toContain('Приём замечаний начнётся 13.12.2026 12:00');
  });

  it('reads one without consent: period in city time, materials, count', async () => {
    now = NOON;
    const park = await hearing(
      'Парк Победы',
      new Date('2026-12-01T00:00:00Z'),
      new Date('2026-12-20T09:00:00Z'),
    );
    await db.prisma.hearing.update({ where: { id: park.id }, data: { commentCount: 4 } });
    const chat = new TestChat(engine);
    await showCard(chat, park.id);
    expect(chat.said).toContain('Приём замечаний: с 01.12.2026 09:00 до 20.12.2026 18:00');
    expect(chat.said).toContain('Материалы: https://example.org/hearings/203.pdf');
    expect(chat.said).toContain('Замечаний и предложений: 4');
    expect(chat.lastReply.messages[0]?.inline?.[0]?.map((button) => button.label)).toEqual([
      '💬 Оставить замечание',
      '💡 Внести предложение',
    ]);
  });

  it('shows the outcome of a concluded hearing and offers no comment', async () => {
    now = NOON;
    const done = await hearing('Генплан 2045', day(-30), day(-2), {
      status: 'concluded',
      outcome: 'Проект одобрен с учётом 12 замечаний.',
    });
    const chat = new TestChat(engine);
    await showCard(chat, done.id);
    expect(chat.said).toContain('Слушания завершены, итоги опубликованы.');
    expect(chat.said).toContain('Итоги: Проект одобрен с учётом 12 замечаний.');
    const labels = chat.lastReply.messages.flatMap((m) => m.inline ?? []).flat();
    expect(labels.map((button) => button.label)).toEqual(['◀ Все слушания']);
  });

  it('turns pages when there are more than fit in one message', async () => {
    now = NOON;
    for (let lot = 1; lot <= 7; lot += 1) await hearing(`Участок ${lot}`, day(-1), day(2));
    const chat = new TestChat(engine);
    await chat.command('hearings');
    await chat.press('Дальше ▶');
    expect(chat.said).toContain('🏛 Публичные слушания');
    const labels = chat.lastReply.messages.flatMap((m) => m.inline ?? []).flat();
    expect(labels.map((button) => button.label)).toContain('◀ Назад');
    expect(
      labels.filter((button) => button.payload.startsWith('v|hear-open|')).length,
    ).toBeGreaterThan(0);
  });
});

describe('when a resident comments on an open hearing', () => {
  it('asks consent first', async () => {
    now = NOON;
    const open = await hearing(
      'Набережная',
      new Date(NOON.getTime() - DAY),
      new Date(NOON.getTime() + DAY),
    );
    const chat = new TestChat(engine);
    await startComment(chat, open.id);
    expect(chat.said).toContain('согласие');
    expect(
      await db.prisma.conversation.findFirst({ where: { chatId: chat.chatId } }),
    ).toMatchObject({ state: { screen: 'menu' } });

    // Consenting carries on with the comment that asked for it.
    await chat.press('Согласен(на)');
    expect(
      await db.prisma.conversation.findFirst({ where: { chatId: chat.chatId } }),
    ).toMatchObject({ state: { screen: 'hearing-comment', step: 'name' } });
  });

  it('asks who they are once, with the notice, then reuses it; numbers each', async () => {
    now = NOON;
    const open = await hearing(
      'Улица Кирова',
      new Date(NOON.getTime() - DAY),
      new Date(NOON.getTime() + DAY),
    );
    const chat = await resident();
    await startComment(chat, open.id);
    expect(chat.said).toContain('152-ФЗ');
    expect(chat.said).toContain('организаторы слушаний');
    expect(chat.said).toContain('фамилию, имя и отчество');
    await chat.text('Иванова Мария Петровна');
    expect(chat.said).toContain('адрес');
    await chat.text('ул. Ленина, 10, кв. 5');
    expect(chat.said).toContain('номер телефона');
    await chat.send({ kind: 'contact', phone: '79140000001', own: true });
    expect(chat.said).toContain('данные сохранены');
    const first = await writeAndSend(chat);
    expect(numberIn(first)).toBe(`${open.id}-1`);
    expect(chat.lastReply.messages.at(-1)?.keyboard).not.toBeUndefined();

    const identity = await db.prisma.residentIdentity.findFirstOrThrow({
      where: { resident: { chatId: chat.chatId } },
    });
    expect(identity).toMatchObject({
      fullName: 'Иванова Мария Петровна',
      address: 'ул. Ленина, 10, кв. 5',
      phone: '+79140000001',
      phoneFromContact: true,
    });

    await startComment(chat, open.id, '💡 Внести предложение');
    expect(chat.said).toContain('Вы подаёте замечание от имени:\nИванова Мария Петровна');
    expect(chat.said).not.toContain('152-ФЗ');
    const second = await writeAndSend(chat, 'Предлагаю сделать велодорожку вдоль улицы.');
    expect(second).toContain('Предложение принято');
    expect(numberIn(second)).toBe(`${open.id}-2`);

    const stored = await db.prisma.hearingComment.findMany({
      where: { hearingId: open.id },
      orderBy: { number: 'asc' },
    });
    expect(stored.map((c) => [c.number, c.kind, c.fullName, c.phone])).toEqual([
      [1, 'comment', 'Иванова Мария Петровна', '+79140000001'],
      [2, 'proposal', 'Иванова Мария Петровна', '+79140000001'],
    ]);
  });

  it('refuses someone else’s contact, a foreign number and a bad one, politely', async () => {
    now = NOON;
    const open = await hearing(
      'Площадь Ленина',
      new Date(NOON.getTime() - DAY),
      new Date(NOON.getTime() + DAY),
    );
    const chat = await resident();
    await startComment(chat, open.id);
    await chat.text('Иванова');
    expect(chat.said).toContain('фамилия и имя');
    await chat.text('Иванова Мария');
    await chat.text('д 1');
    expect(chat.said).toContain('Адрес слишком короткий');
    await chat.text('ул. Ленина, 10');
    await chat.send({ kind: 'contact', phone: '79145556677', own: false });
    expect(chat.said).toContain('чужой контакт');
    await chat.text('+375 29 123-45-67');
    expect(chat.said).toContain('только российские');
    await chat.text('12-34');
    expect(chat.said).toContain('Не похоже на номер');
    await chat.text('8 914 765-43-21');
    expect(chat.said).toContain('данные сохранены');
    const identity = await db.prisma.residentIdentity.findFirstOrThrow({
      where: { resident: { chatId: chat.chatId } },
    });
    expect(identity).toMatchObject({ phone: '+79147654321', phoneFromContact: false });
  });

  it('refuses a contact shared outside the phone question', async () => {
    now = NOON;
    const chat = await resident();
    await chat.send({ kind: 'contact', phone: '79140000001', own: true });
    expect(chat.said).toContain('Выберите действие');
    expect(
      await db.prisma.residentIdentity.count({ where: { resident: { chatId: chat.chatId } } }),
    ).toBe(0);
  });

  it('lets the resident change their details, and cancel without sending', async () => {
    now = NOON;
    const open = await hearing(
      'Стадион Туймаада',
      new Date(NOON.getTime() - DAY),
      new Date(NOON.getTime() + DAY),
    );
    const chat = await resident();
    await startComment(chat, open.id);
    await identify(chat);
    await chat.text('✖ Отмена');
    expect(chat.said).toContain('не отправлено');

    await startComment(chat, open.id);
    await chat.press('✏️ Изменить данные');
    expect(chat.said).toContain('фамилию, имя и отчество');
    await chat.text('Петров Пётр');
    await chat.text('пр. Ленина, 1');
    await chat.text('+7 914 000-00-02');
    await chat.text(COMMENT);
    expect(chat.said).toContain('От: Петров Пётр, пр. Ленина, 1, +79140000002');
    await chat.press('✏️ Изменить текст');
    await chat.text('Коротко');
    expect(chat.said).toContain('Слишком коротко');
    await chat.text('Прошу оставить беговую дорожку открытой зимой.');
    await chat.press('✖ Отмена');
    const count = await db.prisma.hearingComment.count({
      where: { resident: { chatId: chat.chatId } },
    });
    expect(count).toBe(0);
  });

  it('sends a comment once however often Send is pressed', async () => {
    now = NOON;
    const open = await hearing(
      'Сквер Дружбы',
      new Date(NOON.getTime() - DAY),
      new Date(NOON.getTime() + DAY),
    );
    const chat = await resident();
    await startComment(chat, open.id);
    await identify(chat);
    await chat.text(COMMENT);
    const send = chat.lastReply;
    await chat.press('✅ Отправить');
    chat.lastReply = send;
    const again = await chat.press('✅ Отправить');
    expect(again.buttonNotice).toContain('не действует');
    expect(await db.prisma.hearingComment.count({ where: { hearingId: open.id } })).toBe(1);
  });
});

describe('when the comment period begins or ends', () => {
  it('refuses a comment 1 ms before the period, takes one exactly at its start', async () => {
    const from = new Date(NOON.getTime() + HOUR);
    const open = await hearing('Двор на Петровского', from, new Date(from.getTime() + DAY));
    const chat = await resident();
    now = new Date(from.getTime() - 1);
    await showCard(chat, open.id);
    expect(chat.said).toContain('Приём замечаний начнётся 10.12.2026 13:00');
    const card = chat.lastReply;

    now = from;
    await showCard(chat, open.id);
    const openCard = chat.lastReply;
    now = new Date(from.getTime() - 1);
    await chat.press('💬 Оставить замечание');
    expect(chat.said).toContain('ещё не начался: он откроется 10.12.2026 13:00');

    now = from;
    chat.lastReply = openCard;
    await chat.press('💬 Оставить замечание');
    await identify(chat);
    expect(numberIn(await writeAndSend(chat))).toBe(`${open.id}-1`);
    expect(card.messages[0]?.inline?.flat().map((button) => button.label)).toEqual([
      '◀ Все слушания',
    ]);
  });

  it('takes a comment 1 ms before the end, refuses one confirmed at the end', async () => {
    now = NOON;
    const until = new Date(NOON.getTime() + HOUR);
    const open = await hearing('Остановка Автовокзал', new Date(NOON.getTime() - DAY), until);
    const early = await resident();
    const late = await resident();
    for (const chat of [early, late]) {
      await startComment(chat, open.id);
      await identify(chat);
      await chat.text(COMMENT);
    }

    now = new Date(until.getTime() - 1);
    await early.press('✅ Отправить');
    expect(numberIn(early.said)).toBe(`${open.id}-1`);

    now = until;
    await late.press('✅ Отправить');
    expect(late.said).toContain('Простите, приём замечаний по слушаниям «Остановка Автовокзал»');
    expect(late.said).toContain('завершился 10.12.2026 13:00');
    const stored = await db.prisma.hearing.findUniqueOrThrow({ where: { id: open.id } });
    expect(stored.commentCount).toBe(1);
    expect(await db.prisma.hearingComment.count({ where: { hearingId: open.id } })).toBe(1);
  });

  it('refuses at confirmation a comment whose period the organisers moved later', async () => {
    now = NOON;
    const moved = await hearing('Дамба на Намском тракте', day(-1), day(3));
    const chat = await resident();
    await startComment(chat, moved.id);
    await identify(chat);
    await chat.text(COMMENT);
    await db.prisma.hearing.update({ where: { id: moved.id }, data: { commentsFrom: day(1) } });
    await chat.press('✅ Отправить');
    expect(chat.said).toContain('ещё не начался: он откроется 11.12.2026 12:00');
    expect(await db.prisma.hearingComment.count({ where: { hearingId: moved.id } })).toBe(0);
  });

  it('gives two comments confirmed at once two numbers', async () => {
    now = NOON;
    const open = await hearing(
      'Школа № 33',
      new Date(NOON.getTime() - DAY),
      new Date(NOON.getTime() + DAY),
    );
    const chats = [await resident(), await resident()];
    const payloads: string[] = [];
    for (const chat of chats) {
      await startComment(chat, open.id);
      await identify(chat);
      await chat.text(COMMENT);
      const send = chat.lastReply.messages.flatMap((m) => m.inline ?? []).flat();
      payloads.push(send.find((button) => button.label === '✅ Отправить')?.payload ?? '');
    }
    const replies = await Promise.all(
      chats.map((chat, index) => chat.send({ kind: 'button', payload: payloads[index] ?? '' })),
    );
    const numbers = replies.map((reply) => numberIn(reply.messages.map((m) => m.text).join('\n')));
    expect(numbers.sort()).toEqual([`${open.id}-1`, `${open.id}-2`]);
    const stored = await db.prisma.hearing.findUniqueOrThrow({ where: { id: open.id } });
    expect(stored.commentCount).toBe(2);
  });

  it('numbers ten comments sent at once 1 to 10, with no gap and no repeat', async () => {
    now = NOON;
    const busy = await hearing('Бюджет города', day(-1), day(1));
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        consentedResident(db.prisma, { userId: `busy-${index}` }),
      ),
    );
    const outcomes = await Promise.all(
      ids.map((resident) =>
        db.prisma.$transaction((tx) =>
          submitComment(tx, {
            hearingId: busy.id,
            residentId: resident.id,
            kind: 'comment',
            text: COMMENT,
            identity: {
              fullName: 'Петров Пётр',
              address: 'ул. Ленина, 1',
              phone: '+79140000000',
              phoneFromContact: false,
            },
            now: NOON,
          }),
        ),
      ),
    );
    const numbers = outcomes.map((outcome) => (outcome.ok ? outcome.number : 0));
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
