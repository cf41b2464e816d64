import { describe, expect, it } from 'vitest';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import { command } from '../fakes/telegram-updates.ts';
import { messageNew } from '../fakes/vk-events.ts';
import { useVkHarness } from '../support/e2e.ts';

const e2e = useVkHarness('callback');

describe('when residents of both bots follow volunteering and an event is posted', () => {
  it('reaches each in their bot and language; unsubscribing from the update works', async () => {
    // A VK resident follows volunteering from the subscriptions menu.
    const peer = 640_001;
    await e2e.harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await e2e.harness.press(peer, 'Согласен(на)');
    await e2e.harness.text(peer, '🔔 Подписки');
    await e2e.harness.press(peer, 'Подписаться: Волонтёрство');
    expect(e2e.harness.lastText(peer)).toContain('✅ Волонтёрство');

    // A Telegram resident, in English, does the same.
    const chat = 890_001;
    await e2e.harness.telegramSendAll(command(chat, '/start'));
    await e2e.harness.telegramPress(chat, 'Согласен(на)');
    await e2e.harness.telegramSendAll(command(chat, '/language'));
    await e2e.harness.telegramSendAll(command(chat, '/subscriptions'));
    await e2e.harness.telegramPress(chat, 'Subscribe: Volunteering');
    expect(e2e.harness.telegramTexts(chat).at(-1)).toContain('✅ Volunteering');

    // An organiser posts an event over the admin API.
    const { token } = await issueApiToken(e2e.db.prisma, {
      name: 'organiser',
      role: 'organiser',
      officeId: null,
    });
    const startsAt = new Date(Date.now() + 7 * 24 * 3_600_000);
    const response = await fetch(`${e2e.harness.baseUrl}/api/v1/volunteer-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Субботник в Комсомольском сквере',
        description: 'Убираем сквер после зимы, инвентарь выдадим.',
        address: 'Комсомольский сквер',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        seats: 20,
      }),
    });
    expect(response.status).toBe(201);

    await expect
      .poll(() => e2e.harness.texts(peer).join('\n'), { timeout: 20_000 })
      .toContain('Субботник в Комсомольском сквере');
    await expect
      .poll(() => e2e.harness.telegramTexts(chat).join('\n'), { timeout: 20_000 })
      .toContain('Субботник в Комсомольском сквере');
    const english = e2e.harness.telegramTexts(chat).find((text) => text.includes('Субботник'));
    expect(english).toMatch(/[A-Za-z]{4}/);

    // "Unsubscribe" under the update in VK stops the topic.
    await e2e.harness.press(peer, '🔕 Отписаться от этих новостей');
    expect(e2e.harness.lastText(peer)).toContain('▫️ Волонтёрство');
    const follows = await e2e.db.prisma.topicSubscription.count({
      where: { resident: { channel: 'vk' } },
    });
    expect(follows).toBe(0);
  });
});
