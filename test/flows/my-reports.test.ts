import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { IN_CITY, TestChat, testEngine } from '../support/dialogue.ts';

let db: TestDatabase;
let engine: ConversationEngine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());

async function residentWithReports(count: number): Promise<{ chat: TestChat; numbers: number[] }> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  const numbers: number[] = [];
  for (let n = 0; n < count; n += 1) {
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.send({ kind: 'photo', photo: { fileId: `photo-${chat.chatId}-${n}` } });
    await chat.text('Готово ➡');
    await chat.text(`Яма на дороге номер ${n + 1}`);
    await chat.press('Дороги и тротуары');
    await chat.press('✅ Отправить');
    numbers.push(Number(/№ (\d+)/.exec(chat.said)?.[1]));
  }
  return { chat, numbers };
}

describe('when a resident opens "my reports"', () => {
  it('says there are none yet for a new resident', async () => {
    const { chat } = await residentWithReports(0);
    await chat.text('📋 Мои обращения');
    expect(chat.said).toContain('пока нет обращений');
  });

  it('lists them newest first, five to a page, and pages on', async () => {
    const { chat, numbers } = await residentWithReports(7);
    await chat.text('📋 Мои обращения');
    expect(chat.said).toContain('стр. 1 из 2');
    const listed = [...chat.said.matchAll(/№ (\d+) ·/g)].map((match) => Number(match[1]));
    expect(listed).toEqual(numbers.slice(2).reverse());
    expect(chat.said).toContain('принято');

    await chat.press('Старее ▶');
    const older = [...chat.said.matchAll(/№ (\d+) ·/g)].map((match) => Number(match[1]));
    expect(older).toEqual(numbers.slice(0, 2).reverse());
  });

  it('shows a report in detail, with its photos', async () => {
    const { chat, numbers } = await residentWithReports(1);
    await chat.command('my');
    await chat.press(`№ ${numbers[0]}`);
    const detail = chat.lastReply.messages[0];
    expect(detail?.text).toContain(`Обращение № ${numbers[0]}`);
    expect(detail?.text).toContain('Яма на дороге номер 1');
    expect(detail?.photos).toEqual([`photo-${chat.chatId}-0`]);
  });

  it("never shows another resident's report, even by a forged button", async () => {
    const owner = await residentWithReports(1);
    const { chat } = await residentWithReports(0);
    await chat.send({ kind: 'button', payload: `v|open|${owner.numbers[0]}` });
    expect(chat.said).toBe('Обращение не найдено.');
  });
});
