import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { Outgoing } from '../../core/conversation/types.ts';
import { publishOfficialReport } from '../../core/official-reports/publish.ts';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TestChat, testEngine } from '../support/dialogue.ts';

let db: TestDatabase;
let engine: ConversationEngine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());

async function officeId(code: string): Promise<number> {
  return (await db.prisma.office.findUniqueOrThrow({ where: { code } })).id;
}

async function publish(
  code: string,
  fields: { title: string; text: string; videoUrl?: string; documentUrl?: string },
  publishedAt = new Date(),
): Promise<number> {
  const outcome = await db.prisma.$transaction(async (tx) =>
    publishOfficialReport(tx, {
      ...fields,
      officeId: await officeId(code),
      author: {},
      now: publishedAt,
    }),
  );
  if (!outcome.ok) throw new Error(`Not published: ${outcome.reason}`);
  return outcome.id;
}

async function resident(): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  return chat;
}

async function staff(role: StaffRole, office?: string): Promise<TestChat> {
  const chat = new TestChat(engine);
  const id = office ? await officeId(office) : null;
  const { code } = await issueLinkCode(db.prisma, { role, officeId: id });
  await chat.send({ kind: 'command', command: 'link', args: code });
  return chat;
}

function button(chat: TestChat, action: string, arg: string) {
  return chat.send({ kind: 'button', payload: `v|${action}|${arg}` });
}

async function deliveries(chat: TestChat): Promise<Outgoing[]> {
  const rows = await db.prisma.delivery.findMany({
    where: { chatId: chat.chatId },
    orderBy: { id: 'asc' },
  });
  return rows.flatMap((row) => row.messages as unknown as Outgoing[]);
}

function payloadOf(messages: Outgoing[], label: string): string {
  const found = messages
    .flatMap((message) => message.inline ?? [])
    .flat()
    .findLast((candidate) => candidate.label === label);
  if (!found) throw new Error(`No "${label}" in ${JSON.stringify(messages)}`);
  return found.payload;
}

describe('when a resident reads officials’ reports', () => {
  it('lists them newest first, a page at a time', async () => {
    const base = Date.parse('2030-01-01T00:00:00Z');
    for (let i = 1; i <= 6; i += 1) {
      await publish(
        'architecture',
        { title: `Отчёт архитектуры ${i}`, text: 'Итоги.' },
        new Date(base + i * 60_000),
      );
    }
    const chat = new TestChat(engine);
    await chat.text('📢 Отчёты чиновников');
    expect(chat.said).toMatch(/страница 1 из \d+/);
    const first = chat.said.indexOf('Отчёт архитектуры 6');
    expect(first).toBeGreaterThan(-1);
    expect(chat.said.indexOf('Отчёт архитектуры 5')).toBeGreaterThan(first);
    expect(chat.said).not.toContain('Отчёт архитектуры 1');
    await chat.press('Дальше ▶');
    expect(chat.said).toContain('Отчёт архитектуры 1');
  });

  it('shows one with its links written out, its office and its rating', async () => {
    const id = await publish('roads-transport', {
      title: 'Ремонт дорог за год',
      text: 'Отремонтировано 40 км дорог.',
      videoUrl: 'https://video.example.ru/roads',
      documentUrl: 'https://docs.example.ru/roads.pdf',
    });
    const chat = new TestChat(engine);
    await chat.command('officials');
    await button(chat, 'orep-open', String(id));
    expect(chat.said).toContain('Ремонт дорог за год');
    expect(chat.said).toContain('Отремонтировано 40 км дорог.');
    expect(chat.said).toContain('🎬 Видео: https://video.example.ru/roads');
    expect(chat.said).toContain('📄 Документ: https://docs.example.ru/roads.pdf');
    expect(chat.said).toContain('Департамент дорожного хозяйства и транспорта');
    expect(chat.said).toContain('Оценок пока нет');
  });

  it('asks for consent before a question or a rating', async () => {
    const id = await publish('animals', { title: 'Отлов животных', text: 'Итоги года.' });
    const chat = new TestChat(engine);
    await button(chat, 'orep-ask', String(id));
    expect(chat.said).toContain('согласие на обработку персональных данных');
    await button(chat, 'orep-rate', `${id}-4`);
    expect(chat.said).toContain('согласие');
    expect(await db.prisma.officialReportRating.count({ where: { officialReportId: id } })).toBe(0);

    // Consenting carries on with the rating that asked for it.
    await chat.press('Согласен(на)');
    expect(await db.prisma.officialReportRating.count({ where: { officialReportId: id } })).toBe(1);
    await button(chat, 'orep-ask', String(id));
    expect(chat.said).toContain('Напишите ваш вопрос к отчёту «Отлов животных»');
  });

  it('replaces a rating given again, and shows the resident theirs', async () => {
    const id = await publish('animals', { title: 'Приюты', text: 'Построен приют.' });
    const chat = await resident();
    const first = await button(chat, 'orep-rate', `${id}-5`);
    expect(first.buttonNotice).toContain('5 из 5');
    const second = await button(chat, 'orep-rate', `${id}-2`);
    expect(second.buttonNotice).toContain('2 из 5');
    const other = await resident();
    await button(other, 'orep-rate', `${id}-5`);

    const rows = await db.prisma.officialReportRating.findMany({ where: { officialReportId: id } });
    expect(rows.map((row) => row.rating).sort()).toEqual([2, 5]);
    await button(chat, 'orep-open', String(id));
    expect(chat.said).toContain('⭐ 3,5 из 5 (2 оценки)');
    expect(chat.said).toContain('Ваша оценка: 2 из 5');
  });

  it('refuses a rating button it never issued', async () => {
    const id = await publish('animals', { title: 'Вакцинация', text: 'Привито 300 собак.' });
    const chat = await resident();
    for (const arg of [`${id}-9`, `${id}-0`, 'abc', `${id}`, `${id}-3-1`, `-${id}-3`]) {
      const reply = await button(chat, 'orep-rate', arg);
      expect(reply.buttonNotice, arg).toContain('Эта кнопка устарела');
    }
    const gone = await button(chat, 'orep-rate', '999999-3');
    expect(gone.buttonNotice).toContain('Такого отчёта нет');
    expect(await db.prisma.officialReportRating.count({ where: { officialReportId: id } })).toBe(0);
  });

  it('sends a too long question back to be shortened, then takes a short one', async () => {
    const id = await publish('city-improvement', {
      title: 'Озеленение',
      text: 'Высажено 500 деревьев.',
    });
    const chat = await resident();
    await button(chat, 'orep-ask', String(id));
    await chat.text('а'.repeat(2001));
    expect(chat.said).toMatch(/Длина вопроса — 2\s001, а можно не больше 2\s000/);
    expect(await db.prisma.officialReportQuestion.count({ where: { officialReportId: id } })).toBe(
      0,
    );
    await chat.text('Где именно высадили деревья?');
    expect(chat.said).toMatch(/Вопрос № \d+ передан ведомству/);
    const stored = await db.prisma.officialReportQuestion.findFirstOrThrow({
      where: { officialReportId: id },
    });
    expect(stored.text).toBe('Где именно высадили деревья?');
  });

  it('leaves the question screen for a main-menu button, sending nothing', async () => {
    const id = await publish('city-improvement', { title: 'Парки', text: 'Открыт парк.' });
    const chat = await resident();
    await button(chat, 'orep-ask', String(id));
    await chat.text('📋 Мои обращения');
    expect(chat.said).toContain('Вопрос не отправлен');
    expect(await db.prisma.officialReportQuestion.count({ where: { officialReportId: id } })).toBe(
      0,
    );
  });
});

describe('when officials answer residents’ questions', () => {
  it('brings the question to the office and the answer to the asker and the report', async () => {
    const official = await staff('official', 'housing-utilities');
    const id = await publish('housing-utilities', { title: 'Отопительный сезон', text: 'Итоги.' });
    const chat = await resident();
    await button(chat, 'orep-ask', String(id));
    await chat.text('Когда заменят трубы на улице Ленина?');

    const card = await deliveries(official);
    expect(card.map((message) => message.text).join('\n')).toContain('трубы на улице Ленина');
    await official.command('officials_questions');
    expect(official.said).toContain('трубы на улице Ленина');

    await official.send({ kind: 'button', payload: payloadOf(card, '✍️ Ответить') });
    expect(official.said).toContain('Напишите ответ');
    await official.text('Замена труб запланирована на июль.');
    expect(official.said).toContain('отправлен жителю');

    const answer = await deliveries(chat);
    expect(answer.map((message) => message.text).join('\n')).toContain('запланирована на июль');
    await chat.send({ kind: 'button', payload: payloadOf(answer, '📢 Открыть отчёт') });
    expect(chat.said).toContain('❓ Когда заменят трубы на улице Ленина?');
    expect(chat.said).toContain('💬 Замена труб запланирована на июль.');

    // A second press of the card's button finds the question answered.
    await official.send({ kind: 'button', payload: payloadOf(card, '✍️ Ответить') });
    expect(official.said).toContain('уже ответили');
    await official.command('officials_questions');
    expect(official.said).toContain('Вопросов без ответа нет');
  });

  it('keeps another office’s official and other roles from answering', async () => {
    const id = await publish('consumer-market', { title: 'Ярмарки', text: 'Прошло 12 ярмарок.' });
    const chat = await resident();
    await button(chat, 'orep-ask', String(id));
    await chat.text('Будут ли ярмарки зимой?');
    const question = await db.prisma.officialReportQuestion.findFirstOrThrow({
      where: { officialReportId: id },
    });

    const stranger = await staff('head', 'animals');
    await button(stranger, 'orep-answer', String(question.id));
    expect(stranger.said).toContain('нет среди вопросов к отчётам вашего ведомства');
    await stranger.command('officials_questions');
    expect(stranger.said).not.toContain('ярмарки зимой');
    const dispatcher = await staff('dispatcher');
    await button(dispatcher, 'orep-answer', String(question.id));
    expect(dispatcher.said).toContain('могут сотрудники ведомства и администраторы');
    await button(chat, 'orep-answer', String(question.id));
    expect(chat.said).toContain('для сотрудников ведомств');

    const admin = await staff('admin');
    await button(admin, 'orep-answer', String(question.id));
    await admin.text('Да, с декабря по февраль.');
    const answered = await db.prisma.officialReportQuestion.findUniqueOrThrow({
      where: { id: question.id },
    });
    expect(answered.answer).toBe('Да, с декабря по февраль.');
  });
});

describe('when officials publish in the bot', () => {
  it('takes the title, text and links step by step and announces the report', async () => {
    const official = await staff('head', 'architecture');
    await official.command('officials_publish');
    expect(official.said).toContain('Департамент градостроительства и архитектуры');
    await official.text('Генплан: итоги обсуждения');
    await official.text('Учтено 120 предложений жителей.');
    await official.text('не ссылка');
    expect(official.said).toContain('не похоже на ссылку');
    await official.text('javascript:alert(1)');
    expect(official.said).toContain('не похоже на ссылку');
    await official.text('https://video.example.ru/genplan');
    await official.press('⏭ Пропустить');
    expect(official.said).toContain('Видео: https://video.example.ru/genplan');
    expect(official.said).toContain('Документ: нет');
    await official.press('📢 Опубликовать');
    const published = /Отчёт № (\d+) опубликован/.exec(official.said);
    expect(published).not.toBeNull();

    const id = Number(published?.[1]);
    const report = await db.prisma.officialReport.findUniqueOrThrow({ where: { id } });
    expect(report).toMatchObject({
      title: 'Генплан: итоги обсуждения',
      officeId: await officeId('architecture'),
      videoUrl: 'https://video.example.ru/genplan',
      documentUrl: null,
    });
    const update = await db.prisma.broadcast.findUniqueOrThrow({
      where: { key: `official-report:${id}:published` },
    });
    expect(update.topic).toBe('official_reports');
  });

  it('has an admin name the office, and refuses residents', async () => {
    const admin = await staff('admin');
    await admin.command('officials_publish');
    expect(admin.said).toContain('roads-transport — Департамент дорожного хозяйства');
    await admin.send({ kind: 'command', command: 'officials_publish', args: 'roads-transport' });
    expect(admin.said).toContain('Шаг 1 из 4');
    await admin.command('cancel');
    expect(admin.said).toContain('Главное меню');

    const chat = await resident();
    await chat.command('officials_publish');
    expect(chat.said).toContain('Публиковать отчёты могут');
  });
});
