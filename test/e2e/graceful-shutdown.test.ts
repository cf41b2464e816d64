import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../fakes/telegram-updates.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TelegramHarness } from '../support/telegram-harness.ts';

let db: TestDatabase;
let harness: TelegramHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await TelegramHarness.start(db, 'webhook');
});
afterAll(async () => {
  await harness.close();
  await db.drop();
});

describe('when the service stops with an update in hand', () => {
  it('finishes it and sends its reply, then takes no more requests', async () => {
    const chatId = 640_001;
    const url = harness.webhookUrl;
    // The reply is slow to go out, so the update is still being handled when the stop begins.
    harness.api.delayNext('sendMessage', 300);
    const update = command(chatId, '/start');
    await harness.send(update);

    await harness.shutdown();

    const recorded = await db.prisma.inboundUpdate.findFirstOrThrow({
      where: { channel: 'telegram', updateId: String(update.update_id) },
    });
    expect(recorded.processedAt).not.toBeNull();
    expect(harness.api.sentMessages(chatId).length).toBeGreaterThan(0);
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it('can be stopped twice, as a second signal would', async () => {
    await harness.boot();
    await Promise.all([harness.shutdown(), harness.shutdown()]);
  });
});
