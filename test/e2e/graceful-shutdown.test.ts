import { describe, expect, it } from 'vitest';
import { command } from '../fakes/telegram-updates.ts';
import { useTelegramHarness } from '../support/e2e.ts';

const e2e = useTelegramHarness('webhook');

describe('when the service stops with an update in hand', () => {
  it('finishes it and sends its reply, then takes no more requests', async () => {
    const chatId = 640_001;
    const url = e2e.harness.webhookUrl;
    // The reply is slow to go out, so the update is still being handled when the stop begins.
    e2e.harness.api.delayNext('sendMessage', 300);
    const update = command(chatId, '/start');
    await e2e.harness.send(update);

    await e2e.harness.shutdown();

    const recorded = await e2e.db.prisma.inboundUpdate.findFirstOrThrow({
      where: { channel: 'telegram', updateId: String(update.update_id) },
    });
    expect(recorded.processedAt).not.toBeNull();
    expect(e2e.harness.api.sentMessages(chatId).length).toBeGreaterThan(0);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it('can be stopped twice, as a second signal would', async () => {
    await e2e.harness.boot();
    await Promise.all([e2e.harness.shutdown(), e2e.harness.shutdown()]);
  });
});
