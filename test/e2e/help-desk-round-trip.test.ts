import { describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, textMessage } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { useVkHarness } from '../support/e2e.ts';

const e2e = useVkHarness('callback');

describe('the help desk across platforms', () => {
  it('a VK resident’s question is answered by an operator in Telegram, then rated', async () => {
    const operator = 890_001;
    const { code } = await issueLinkCode(e2e.db.prisma, { role: 'operator', officeId: null });
    await e2e.harness.telegramSendAll(command(operator, `/link ${code}`));

    const peer = 640_001;
    await e2e.harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await e2e.harness.press(peer, 'Согласен(на)');
    await e2e.harness.text(peer, '❓ Задать вопрос');
    await e2e.harness.text(peer, 'можно ли кормить голубей на площади ленина');
    await e2e.harness.press(peer, '👤 Спросить оператора');
    expect(e2e.harness.lastText(peer)).toContain('передан операторам');

    await expect
      .poll(() => e2e.harness.telegramTexts(operator).join('\n'), { timeout: 15_000 })
      .toContain('кормить голубей');
    await e2e.harness.telegramPress(operator, 'Ответить');
    await e2e.harness.telegramSendAll(
      textMessage(operator, 'Кормить птиц на площади не запрещено, но мусорить нельзя.'),
    );

    await expect
      .poll(() => e2e.harness.texts(peer).join('\n'), { timeout: 15_000 })
      .toContain('мусорить нельзя');
    await e2e.harness.press(peer, '⭐⭐⭐⭐');
    const rated = await e2e.db.prisma.helpQuestion.findFirstOrThrow({ where: { rating: 4 } });
    expect(rated.status).toBe('answered');
  });

  it('answers a VK resident at once from the seeded knowledge base', async () => {
    const peer = 640_002;
    await e2e.harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await e2e.harness.text(peer, '❓ Задать вопрос');
    await e2e.harness.text(peer, 'какой номер скорой помощи с мобильного');
    expect(e2e.harness.lastText(peer)).toContain('Вот что нашлось');
  });
});
