import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { Outgoing } from '../../core/conversation/types.ts';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TestChat, testEngine } from '../support/dialogue.ts';

let db: TestDatabase;
let engine: ConversationEngine;

const ARTICLES = [
  {
    slug: 'test-hot-water',
    question: 'Что делать, если нет горячей воды?',
    phrasings: ['отключили горячую воду', 'нет горячей воды в квартире'],
    answer: 'Сообщите в свою управляющую компанию; перерыв дольше 4 часов подряд недопустим.',
    tags: ['вода'],
    topic: 'utilities',
  },
  {
    slug: 'test-emergency',
    question: 'Какой номер у экстренных служб?',
    phrasings: ['куда звонить при пожаре', 'номер скорой помощи'],
    answer: 'Единый номер экстренных служб — 112.',
    tags: ['экстренные'],
    topic: 'emergency',
  },
  {
    slug: 'test-hidden',
    question: 'Где находится отдел по вывозу снега?',
    phrasings: ['кто вывозит снег со двора'],
    answer: 'Контакты уточняют операторы.',
    tags: [],
    topic: 'snow',
    needsContact: true,
  },
];

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.article.deleteMany({});
  for (const article of ARTICLES) await db.prisma.article.create({ data: article });
  engine = await testEngine(db);
});
afterAll(() => db.drop());

async function resident(): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  return chat;
}

async function operator(): Promise<TestChat> {
  const chat = new TestChat(engine);
  const { code } = await issueLinkCode(db.prisma, { role: 'operator', officeId: null });
  await chat.send({ kind: 'command', command: 'link', args: code });
  expect(chat.said).toContain('оператор');
  return chat;
}

async function lastDelivery(chat: TestChat): Promise<Outgoing[]> {
  const row = await db.prisma.delivery.findFirst({
    where: { chatId: chat.chatId },
    orderBy: { id: 'desc' },
  });
  return (row?.messages ?? []) as unknown as Outgoing[];
}

function buttonOf(messages: Outgoing[], label: string): string {
  const button = messages
    .flatMap((message) => message.inline ?? [])
    .flat()
    .find((candidate) => candidate.label === label);
  if (!button) throw new Error(`No "${label}" in ${JSON.stringify(messages)}`);
  return button.payload;
}

describe('the help desk', () => {
  it('answers from the knowledge base, typos and all', async () => {
    const chat = await resident();
    await chat.text('❓ Задать вопрос');
    await chat.text('у меня дома нет гарячей воды, что делать?');
    expect(chat.said).toContain('Вот что нашлось');
    await chat.press('Что делать, если нет горячей воды?');
    expect(chat.said).toContain('управляющую компанию');
  });

  it('never shows an article whose city contact is not confirmed', async () => {
    const chat = await resident();
    await chat.text('❓ Задать вопрос');
    await chat.text('кто вывозит снег со двора');
    expect(chat.said).not.toContain('отдел по вывозу снега');
  });

  it('offers to file a problem report instead, carrying the words over', async () => {
    const chat = await resident();
    await chat.text('❓ Задать вопрос');
    await chat.text('у нас во дворе огромная яма, машины не проедут');
    expect(chat.said).toContain('Оформить обращение');
    await chat.press('📝 Да, оформить обращение');
    const conversation = await db.prisma.conversation.findFirstOrThrow({
      where: { chatId: chat.chatId },
    });
    expect(conversation.state).toMatchObject({
      screen: 'report',
      step: 'location',
      draft: { description: 'у нас во дворе огромная яма, машины не проедут' },
    });
  });

  it('hands an unanswered question to an operator and brings the answer back, rated', async () => {
    const desk = await operator();
    const chat = await resident();
    await chat.text('❓ Задать вопрос');
    await chat.text('можно ли выгуливать собаку на стадионе зимой');
    expect(chat.said).toContain('нет подходящего ответа');
    await chat.press('👤 Спросить оператора');
    const asked = /Вопрос № (\d+) передан/.exec(chat.said);
    expect(asked).not.toBeNull();

    const card = await lastDelivery(desk);
    expect(card[0]?.text).toContain('выгуливать собаку');
    await desk.send({ kind: 'button', payload: buttonOf(card, 'Ответить') });
    await desk.text('На стадионах города выгул собак запрещён правилами благоустройства.');
    expect(desk.said).toContain('отправлен жителю');

    const answer = await lastDelivery(chat);
    expect(answer[0]?.text).toContain('выгул собак запрещён');
    const reply = await chat.send({ kind: 'button', payload: buttonOf(answer, '⭐⭐⭐⭐⭐') });
    expect(reply.buttonNotice).toContain('Спасибо');
    const again = await chat.send({ kind: 'button', payload: buttonOf(answer, '⭐') });
    expect(again.buttonNotice).toContain('уже оценён');
    const stored = await db.prisma.helpQuestion.findUniqueOrThrow({
      where: { id: Number(asked?.[1]) },
    });
    expect(stored).toMatchObject({ status: 'answered', rating: 5 });

    // One step makes it an article, and the next resident gets the answer at once.
    await desk.press('📚 Сделать статьёй справочника');
    expect(desk.said).toContain('добавлена в справочник');
    const next = await resident();
    await next.text('❓ Задать вопрос');
    await next.text('выгуливать собаку на стадионе можно?');
    expect(next.said).toContain('Вот что нашлось');
  });

  it('lists open questions for operators only', async () => {
    const chat = await resident();
    await chat.text('❓ Задать вопрос');
    await chat.text('как получить парковочное разрешение для жителя центра');
    await chat.press('👤 Спросить оператора');
    const desk = await operator();
    await desk.command('questions');
    expect(desk.said).toContain('парковочное разрешение');
    await chat.command('questions');
    expect(chat.said).toContain('операторам справочной службы');
  });
});
