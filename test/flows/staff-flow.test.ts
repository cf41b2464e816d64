import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { Outgoing } from '../../core/conversation/types.ts';
import { createReport } from '../../core/reports/reports.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { routeReport } from '../../core/routing/route-report.ts';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { IN_CITY, TestChat, testEngine } from '../support/dialogue.ts';

let db: TestDatabase;
let engine: ConversationEngine;
const calendar = await loadCityCalendar();

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());

async function officeId(code: string): Promise<number> {
  return (await db.prisma.office.findUniqueOrThrow({ where: { code } })).id;
}

/** A new person linked as staff with a fresh code. */
async function staff(role: 'official' | 'head' | 'moderator' | 'admin', office?: string) {
  const chat = new TestChat(engine);
  const id = office ? await officeId(office) : null;
  const { code } = await issueLinkCode(db.prisma, { role, officeId: id });
  await chat.send({ kind: 'command', command: 'link', args: code.toLowerCase() });
  expect(chat.said).toContain('Готово');
  return chat;
}

async function resident(): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  return chat;
}

/** Files a report in the Central okrug and routes it (yards belong to the district's uprava). */
async function routedReport(chat: TestChat): Promise<{ id: number; number: number }> {
  const person = await db.prisma.resident.findFirstOrThrow({ where: { chatId: chat.chatId } });
  const district = await db.prisma.district.findFirstOrThrow({ where: { code: 'tsentralny' } });
  const filed = await createReport(db.prisma, {
    residentId: person.id,
    channel: 'console',
    categoryCode: 'yards',
    description: 'Глубокая яма на проезжей части у остановки',
    point: IN_CITY,
    districtId: district.id,
    photos: [{ fileId: `photo-${chat.chatId}` }],
  });
  const outcome = await routeReport(db.prisma, calendar, filed.id);
  expect(outcome.routed).toBe(true);
  return filed;
}

async function deliveriesTo(chat: TestChat): Promise<Outgoing[][]> {
  const rows = await db.prisma.delivery.findMany({
    where: { chatId: chat.chatId },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.messages as unknown as Outgoing[]);
}

async function lastDeliveryText(chat: TestChat): Promise<string> {
  const all = await deliveriesTo(chat);
  return (all.at(-1) ?? []).map((message) => message.text).join('\n');
}

/** Presses a button of the latest delivery to this chat (a card, a follow-up question). */
async function pressDelivered(chat: TestChat, label: string) {
  const all = await deliveriesTo(chat);
  const button = (all.at(-1) ?? [])
    .flatMap((message) => message.inline ?? [])
    .flat()
    .find((candidate) => candidate.label === label);
  if (!button) throw new Error(`No "${label}" in the last delivery: ${JSON.stringify(all.at(-1))}`);
  return chat.send({ kind: 'button', payload: button.payload });
}

async function statusOf(id: number) {
  return db.prisma.report.findUniqueOrThrow({ where: { id } });
}

const OFFICE = 'uprava-tsentralny';

describe('an official linked to an office', () => {
  it('gets a new report as a card, takes it, answers it, and the resident closes it', async () => {
    const official = await staff('official', OFFICE);
    const person = await resident();
    const report = await routedReport(person);

    const card = await lastDeliveryText(official);
    expect(card).toContain(`Новое обращение № ${report.number}`);
    expect(card).toContain('Дворы и детские площадки');
    expect(card).toContain('https://yandex.ru/maps/?pt=');
    expect(card).toContain('Глубокая яма');
    expect((await deliveriesTo(official)).at(-1)?.[0]?.photos).toEqual([
      { channel: 'console', fileId: `photo-${person.chatId}`, photoId: expect.any(Number) },
    ]);

    await pressDelivered(official, '🛠 Взять в работу');
    expect(official.said).toContain('взято в работу');
    expect((await statusOf(report.id)).status).toBe('in_progress');
    expect(await lastDeliveryText(person)).toContain('взято в работу');

    await pressDelivered(official, '✅ Ответить (решено)');
    await official.send({ kind: 'photo', photo: { fileId: 'after-photo' } });
    expect(official.said).toContain('Фото добавлено (1)');
    await official.text('Яму заделали асфальтом 3 декабря.');
    expect(official.said).toContain('Яму заделали');
    await official.press('📨 Отправить');
    expect(official.said).toContain('отправлен жителю');
    const resolved = await statusOf(report.id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();

    const notice = (await deliveriesTo(person)).at(-1) ?? [];
    expect(notice[0]?.text).toContain('Яму заделали асфальтом');
    expect(notice[0]?.photos).toEqual([{ channel: 'console', fileId: 'after-photo' }]);
    expect(notice[1]?.text).toContain('действительно устранена');

    // The resident's own view shows who answered what, and asks the same question.
    await person.command('my');
    await person.press(`№ ${report.number}`);
    expect(person.said).toContain('Ход рассмотрения');
    expect(person.said).toContain('ответ: проблема решена: Яму заделали асфальтом');
    await person.press('✅ Да, устранена');
    expect(person.said).toContain(`Обращение № ${report.number} закрыто`);
    const closed = await statusOf(report.id);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();

    // A second tap on the old question changes nothing.
    await pressDelivered(person, '✅ Да, устранена');
    expect(person.said).toContain('уже нельзя ответить');
  });

  it('reopens a report its resident says is not fixed, flagged, with less time', async () => {
    const official = await staff('official', OFFICE);
    const person = await resident();
    const report = await routedReport(person);
    await pressDelivered(official, '✅ Ответить (решено)');
    await official.text('Сделано.');
    await official.press('📨 Отправить');
    const firstDeadline = (await statusOf(report.id)).deadlineAt;

    await pressDelivered(person, '❌ Нет, не устранена');
    await person.text('Яму засыпали песком, асфальта нет');
    expect(person.said).toContain('возобновлено');

    const reopened = await statusOf(report.id);
    expect(reopened.status).toBe('reopened');
    expect(reopened.flagged).toBe(true);
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.deadlineAt).not.toEqual(firstDeadline);
    const card = await lastDeliveryText(official);
    expect(card).toContain('возобновил обращение');
    expect(card).toContain('Возобновлялось: 1');
  });

  it('redirects a report with a reason; the other office gets the card', async () => {
    const official = await staff('official', OFFICE);
    const other = await staff('official', 'roads-transport');
    const person = await resident();
    const report = await routedReport(person);

    await pressDelivered(official, '↪️ Перенаправить');
    const target = await db.prisma.office.findUniqueOrThrow({ where: { code: 'roads-transport' } });
    await official.press(target.name.slice(0, 60));
    await official.text('Это федеральная трасса, не наш участок');
    expect(official.said).toContain('передано в другую службу');
    expect((await statusOf(report.id)).status).toBe('redirected');
    expect(await lastDeliveryText(person)).toContain('не наш участок');

    const job = await db.prisma.outboxJob.findFirstOrThrow({
      where: {
        name: 'route-report',
        payload: { equals: { reportId: report.id, officeId: target.id } },
      },
    });
    expect(job).toBeTruthy();
    await routeReport(db.prisma, calendar, report.id, new Date(), target.id);
    const rerouted = await statusOf(report.id);
    expect(rerouted.status).toBe('routed');
    expect(rerouted.officeId).toBe(target.id);
    expect(await lastDeliveryText(other)).toContain(`Новое обращение № ${report.number}`);

    // The first office no longer sees it.
    await pressDelivered(official, '⛔ Отклонить');
    expect(official.said).toContain('другой службе');
  });

  it('merges a duplicate into an open report; its resident then follows the original', async () => {
    const official = await staff('official', OFFICE);
    const first = await resident();
    const second = await resident();
    const original = await routedReport(first);
    const copy = await routedReport(second);

    await pressDelivered(official, '🔗 Дубликат');
    await official.text(String(copy.number));
    expect(official.said).toContain('нельзя объединить с самим собой');
    await official.send({ kind: 'button', payload: `v|duplicate|${copy.id}` });
    await official.text('№ 999999');
    expect(official.said).toContain('не найдено');
    await official.text(`№ ${original.number}`);
    expect(official.said).toContain('объединено с другим');
    expect((await statusOf(copy.id)).status).toBe('duplicate');
    expect(await lastDeliveryText(second)).toContain(`обращением № ${original.number}`);

    await official.send({ kind: 'button', payload: `v|take|${original.id}` });
    const followed = await lastDeliveryText(second);
    expect(followed).toContain('к которому вы присоединились');
    expect(followed).toContain('взято в работу');
  });

  it('rejects with a reason and refuses a blank one', async () => {
    const official = await staff('official', OFFICE);
    const person = await resident();
    const report = await routedReport(person);
    await pressDelivered(official, '⛔ Отклонить');
    await official.text('   ');
    expect(official.said).toContain('причину');
    await official.text('Дубль обращения, работы уже ведутся');
    expect((await statusOf(report.id)).status).toBe('rejected');
    expect(await lastDeliveryText(person)).toContain('Причина: Дубль обращения');
  });

  it('lists open work in /inbox, overdue first, and opens a card from it', async () => {
    const official = await staff('official', 'uprava-saysarsky');
    const person = await resident();
    const person2 = await resident();
    const district = await db.prisma.district.findFirstOrThrow({ where: { code: 'saysarsky' } });
    const ids: number[] = [];
    for (const chat of [person, person2]) {
      const who = await db.prisma.resident.findFirstOrThrow({ where: { chatId: chat.chatId } });
      const filed = await createReport(db.prisma, {
        residentId: who.id,
        channel: 'console',
        categoryCode: 'yards',
        description: 'Яма во дворе у подъезда',
        districtId: district.id,
        address: 'ул. Примерная, 1',
        photos: [],
      });
      await routeReport(db.prisma, calendar, filed.id);
      ids.push(filed.id);
    }
    const overdueId = ids[1] ?? 0;
    await db.prisma.report.update({
      where: { id: overdueId },
      data: { deadlineAt: new Date(Date.now() - 86_400_000) },
    });
    await official.command('inbox');
    const lines = official.said.split('\n');
    expect(lines[0]).toContain('просрочено: 1');
    const overdueNumber = (await statusOf(overdueId)).number;
    expect(lines[1]).toContain(`🚨 № ${overdueNumber}`);
    await official.press(`№ ${overdueNumber}`);
    expect(official.said).toContain('ПРОСРОЧЕН');
    expect(official.said).toContain('ул. Примерная, 1');
  });

  it('keeps other offices reports out of reach', async () => {
    const official = await staff('official', 'uprava-gubinsky');
    const person = await resident();
    const report = await routedReport(person);
    await official.send({ kind: 'button', payload: `v|take|${report.id}` });
    expect(official.said).toContain('не найдено');
    await official.send({ kind: 'button', payload: `v|card|${report.id}` });
    expect(official.said).toContain('не найдено');
    expect((await statusOf(report.id)).status).toBe('routed');
  });

  it('ignores a card button pressed by someone who is not staff', async () => {
    const person = await resident();
    const report = await routedReport(person);
    const reply = await person.send({ kind: 'button', payload: `v|take|${report.id}` });
    expect(reply.buttonNotice).toContain('только сотрудникам');
    expect((await statusOf(report.id)).status).toBe('routed');
  });
});

describe('link codes', () => {
  it('links once; a used, an expired or an unknown code is refused politely', async () => {
    const id = await officeId(OFFICE);
    const { code } = await issueLinkCode(db.prisma, { role: 'official', officeId: id });
    const first = new TestChat(engine);
    await first.send({ kind: 'command', command: 'link', args: code });
    expect(first.said).toContain('служба');
    const second = new TestChat(engine);
    await second.send({ kind: 'command', command: 'link', args: code });
    expect(second.said).toContain('уже использован');

    const old = await issueLinkCode(db.prisma, { role: 'official', officeId: id }, new Date(0));
    await second.send({ kind: 'command', command: 'link', args: old.code });
    expect(second.said).toContain('истёк');
    await second.send({ kind: 'command', command: 'link', args: 'NOPE-NOPE' });
    expect(second.said).toContain('Такого кода нет');
    await second.send({ kind: 'command', command: 'link', args: '' });
    expect(second.said).toContain('/link КОД');
  });

  it('links through the bot link /start link-CODE', async () => {
    const { code } = await issueLinkCode(db.prisma, { role: 'moderator', officeId: null });
    const chat = new TestChat(engine);
    await chat.send({ kind: 'command', command: 'start', args: `link-${code}` });
    expect(chat.said).toContain('модератор');
  });

  it('lets a head issue codes for their own office only, and an official none', async () => {
    const head = await staff('head', OFFICE);
    await head.command('code');
    const code = /Код привязки: (\w+)/.exec(head.said)?.[1];
    expect(code).toBeDefined();
    const newcomer = new TestChat(engine);
    await newcomer.send({ kind: 'command', command: 'link', args: code ?? '' });
    expect(newcomer.said).toContain('сотрудник службы');

    await head.send({ kind: 'command', command: 'code', args: 'admin' });
    expect(head.said).toContain('не указывается');

    const official = await staff('official', OFFICE);
    await official.command('code');
    expect(official.said).toContain('только руководители');
  });

  it('lets an admin issue any code, naming the office', async () => {
    const admin = await staff('admin');
    await admin.command('code');
    expect(admin.said).toContain('uprava-tsentralny');
    await admin.send({ kind: 'command', command: 'code', args: 'roads-transport head' });
    expect(admin.said).toContain('руководитель службы');
    await admin.send({ kind: 'command', command: 'code', args: 'dispatcher' });
    expect(admin.said).toContain('диспетчер');
    await admin.send({ kind: 'command', command: 'code', args: 'no-such-office' });
    expect(admin.said).toContain('Службы с таким кодом нет');
  });
});

describe('office statistics in the bot', () => {
  it('shows a head their office and refuses an official', async () => {
    const head = await staff('head', 'uprava-oktyabrsky');
    await head.command('stats');
    expect(head.said).toContain('Статистика с');
    expect(head.said).toContain('Октябрьск');
    expect(head.said).toContain('Поступило: 0');
    const official = await staff('official', 'uprava-oktyabrsky');
    await official.command('stats');
    expect(official.said).toContain('доступна руководителям');
  });
});

describe('a moderator grading answers', () => {
  it('grades a good answer and returns a poor one with a comment', async () => {
    const moderator = await staff('moderator');
    const official = await staff('official', OFFICE);
    const person = await resident();
    const report = await routedReport(person);
    await pressDelivered(official, '💬 Промежуточный ответ');
    await official.text('Работы запланированы на следующую неделю.');
    await official.press('📨 Отправить');
    expect((await statusOf(report.id)).status).toBe('answered');

    await moderator.command('review');
    await moderator.press(`№ ${report.number}`);
    expect(moderator.said).toContain('запланированы на следующую неделю');
    await moderator.press('↩️ Вернуть на доработку');
    await moderator.text('Назовите точную дату работ');
    expect(moderator.said).toContain('возвращён');
    const returned = await statusOf(report.id);
    expect(returned.status).toBe('in_progress');
    expect(returned.flagged).toBe(true);
    expect(await lastDeliveryText(official)).toContain('возвращён на доработку');
    expect(await lastDeliveryText(person)).toContain('Назовите точную дату');

    await pressDelivered(official, '💬 Промежуточный ответ');
    await official.text('Работы пройдут 10 декабря.');
    await official.press('📨 Отправить');
    await moderator.command('review');
    await moderator.press(`№ ${report.number}`);
    await moderator.press('👍 Хороший ответ');
    expect(moderator.said).toContain('сохранена');
    const grades = await db.prisma.reportEvent.count({
      where: { reportId: report.id, type: 'answer_graded_good' },
    });
    expect(grades).toBe(1);
    await moderator.command('review');
    expect(moderator.said).not.toContain(`№ ${report.number}`);
  });

  it('refuses /review to an official', async () => {
    const official = await staff('official', OFFICE);
    await official.command('review');
    expect(official.said).toContain('модераторам');
  });
});
