import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { VkHarness } from '../support/vk-harness.ts';

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

describe('the help desk across platforms', () => {
  it('a VK resident’s question is answered by an operator in Telegram, then rated', async () => {
    const operator = 890_001;
    const { code } = await issueLinkCode(db.prisma, { role: 'operator', officeId: null });
    await harness.telegramSendAll(command(operator, `/link ${code}`));

    const peer = 640_001;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '❓ Задать вопрос');
    await harness.text(peer, 'можно ли кормить голубей на площади ленина');
    await harness.press(peer, '👤 Спросить оператора');
    expect(harness.lastText(peer)).toContain('передан операторам');

    await expect
      .poll(() => harness.telegramTexts(operator).join('\n'), { timeout: 15_000 })
      .toContain('кормить голубей');
    await harness.telegramPress(operator, 'Ответить');
    await harness.telegramSendAll(
      textMessage(operator, 'Кормить птиц на площади не запрещено, но мусорить нельзя.'),
    );

    await expect
      .poll(() => harness.texts(peer).join('\n'), { timeout: 15_000 })
      .toContain('мусорить нельзя');
    await harness.press(peer, '⭐⭐⭐⭐');
    const rated = await db.prisma.helpQuestion.findFirstOrThrow({ where: { rating: 4 } });
    expect(rated.status).toBe('answered');
  });

  it('answers a VK resident at once from the seeded knowledge base', async () => {
    const peer = 640_002;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.text(peer, '❓ Задать вопрос');
    await harness.text(peer, 'какой номер скорой помощи с мобильного');
    expect(harness.lastText(peer)).toContain('Вот что нашлось');
  });
});
