import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createService } from '../../app/service.ts';
import { parseConfig } from '../../core/config.ts';
import { deliver } from '../../core/delivery/deliver.ts';
import { queueDelivery } from '../../core/delivery/deliveries.ts';
import type { Senders } from '../../core/delivery/senders.ts';
import { type JobsRuntime, startJobs } from '../../core/jobs/runtime.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { createEmptyDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { telegramSendersFor } from '../support/telegram-senders.ts';

let db: TestDatabase;
let telegram: FakeTelegramApi;
let senders: Senders;
let nextChat = 930_000;

beforeAll(async () => {
  db = await createEmptyDatabase();
  telegram = await startFakeTelegramApi();
  senders = telegramSendersFor(telegram);
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
});
beforeEach(() => telegram.reset());

async function queued(chatId: number, text = 'Обращение № 1 передано в службу'): Promise<number> {
  await queueDelivery(db.prisma, {
    key: `test:${chatId}:${text}`,
    channel: 'telegram',
    chatId: String(chatId),
    messages: [{ text }],
  });
  const row = await db.prisma.delivery.findUniqueOrThrow({
    where: { key: `test:${chatId}:${text}` },
  });
  return row.id;
}

describe('when a notification is queued', () => {
  it('keeps one delivery and one job for the same key', async () => {
    const chatId = nextChat++;
    await queued(chatId);
    await queued(chatId);
    expect(await db.prisma.delivery.count({ where: { chatId: String(chatId) } })).toBe(1);
    expect(await db.prisma.outboxJob.count({ where: { queue: 'delivery' } })).toBeGreaterThan(0);
  });
});

describe('when a delivery is sent', () => {
  it('sends once, however often its job runs', async () => {
    const chatId = nextChat++;
    const id = await queued(chatId);
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
    expect(await deliver(db.prisma, senders, id)).toBe('skipped');
    expect(telegram.sentMessages(chatId)).toHaveLength(1);
  });

  it('waits out a 429 and sends', async () => {
    const chatId = nextChat++;
    const id = await queued(chatId);
    telegram.rateLimitNext('sendMessage', 1);
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
    expect(telegram.sentMessages(chatId)).toHaveLength(1);
  });

  it('marks a resident who blocked the bot unreachable', async () => {
    const chatId = nextChat++;
    await db.prisma.resident.create({
      data: {
        channel: 'telegram',
        platformUserId: String(chatId),
        chatId: String(chatId),
        consentAt: new Date(),
        consentVersion: 'test',
      },
    });
    telegram.blockChat(chatId);
    const id = await queued(chatId);
    expect(await deliver(db.prisma, senders, id)).toBe('unreachable');
    const resident = await db.prisma.resident.findFirstOrThrow({
      where: { chatId: String(chatId) },
    });
    expect(resident.unreachableAt).not.toBeNull();
  });

  it('puts a refused send back for a retry, counting the attempt', async () => {
    const chatId = nextChat++;
    const id = await queued(chatId);
    telegram.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: message text is empty',
    });
    await expect(deliver(db.prisma, senders, id)).rejects.toThrow(/message text is empty/);
    const row = await db.prisma.delivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
  });

  it('never sends twice a delivery a dead worker left mid-send', async () => {
    const chatId = nextChat++;
    const id = await queued(chatId);
    // What a worker that died during the platform call leaves behind.
    await db.prisma.delivery.update({ where: { id }, data: { status: 'sending', attempts: 1 } });
    expect(await deliver(db.prisma, senders, id)).toBe('uncertain');
    expect(telegram.sentMessages(chatId)).toHaveLength(0);
  });
});

describe('when the delivery worker is stopped in the middle of a send and started again', () => {
  it('delivers the message once', async () => {
    const prefix = testRedisPrefix();
    const log = pino({ level: 'silent' });
    const calendar = { addWorkingDays: (from: Date) => from };
    const options = { redisUrl: testRedisUrl(), prefix, prisma: db.prisma, log, calendar, senders };
    const chatId = nextChat++;
    telegram.delayNext('sendMessage', 1_500);

    let jobs: JobsRuntime = await startJobs({ ...options, runWorkers: true });
    await queued(chatId, 'Ответ по обращению');
    jobs.relay.kick();
    await telegram.waitForCalls('sendMessage', 1, { timeoutMs: 10_000 });
    await jobs.close();

    jobs = await startJobs({ ...options, runWorkers: true });
    await expect
      .poll(
        async () =>
          (await db.prisma.delivery.findFirstOrThrow({ where: { chatId: String(chatId) } })).status,
        {
          timeout: 10_000,
        },
      )
      .toBe('sent');
    await jobs.close();
    await clearRedisPrefix(prefix);
    expect(telegram.sentMessages(chatId)).toHaveLength(1);
  });
});

describe('when a process runs only the worker role', () => {
  it('still delivers to Telegram with the configured token', async () => {
    const prefix = testRedisPrefix();
    const config = parseConfig({
      DATABASE_URL: db.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      ROLES: 'worker',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
    });
    const service = await createService(config, { log: pino({ level: 'silent' }) });
    await service.start();
    const chatId = nextChat++;
    await queued(chatId, 'Срок ответа — до 15.12.2026');
    try {
      await expect.poll(() => telegram.sentMessages(chatId).length, { timeout: 10_000 }).toBe(1);
    } finally {
      await service.stop();
      await clearRedisPrefix(prefix);
    }
  });
});
