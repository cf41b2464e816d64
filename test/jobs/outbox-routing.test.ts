import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxRelay } from '../../core/jobs/outbox.ts';
import { QUEUES } from '../../core/jobs/queues.ts';
import { type JobsRuntime, startJobs } from '../../core/jobs/runtime.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { IN_CITY, TestChat, testEngine } from '../support/dialogue.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';

const log = pino({ level: 'silent' });
const calendar = {
  addWorkingDays: (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000),
};
const prefix = testRedisPrefix();
let db: TestDatabase;
let jobs: JobsRuntime | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await jobs?.close();
  await clearRedisPrefix(prefix);
  await db.drop();
});

async function fileReport(): Promise<number> {
  const chat = new TestChat(await testEngine(db));
  await chat.command('start');
  await chat.press('Согласен(на)');
  await chat.send({ kind: 'location', point: IN_CITY });
  await chat.send({ kind: 'photo', photo: { fileId: `p-${chat.chatId}` } });
  await chat.text('Готово ➡');
  await chat.text('Яма на дороге у перекрёстка');
  await chat.press('Дороги и тротуары');
  await chat.press('✅ Отправить');
  return Number(/№ (\d+)/.exec(chat.said)?.[1]);
}

describe('when Redis is down while a report is filed', () => {
  it('keeps the routing job in the outbox and routes the report once Redis is back', async () => {
    const number = await fileReport();
    expect(await db.prisma.outboxJob.count({ where: { relayedAt: null, queue: 'routing' } })).toBe(
      1,
    );

    // Nothing listens on port 1: this is Redis being down for the relay.
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, lazyConnect: true });
    down.on('error', () => undefined);
    const deadQueue = new Queue(QUEUES.routing, { connection: down, prefix });
    deadQueue.on('error', () => undefined);
    const failing = startOutboxRelay({ prisma: db.prisma, log, queues: () => deadQueue });
    expect(await failing.sweep()).toBe(0);
    await failing.stop();
    down.disconnect();
    expect(await db.prisma.outboxJob.count({ where: { relayedAt: null, queue: 'routing' } })).toBe(
      1,
    );

    jobs = await startJobs({
      redisUrl: testRedisUrl(),
      prefix,
      prisma: db.prisma,
      log,
      calendar,
      senders: {},
      runWorkers: true,
    });
    await expect
      .poll(async () => (await db.prisma.report.findUniqueOrThrow({ where: { number } })).status, {
        timeout: 15_000,
      })
      .toBe('routed');
    // Routing queued the resident's notification; the relay hands it on as well.
    await expect
      .poll(() => db.prisma.outboxJob.count({ where: { relayedAt: null, queue: 'routing' } }))
      .toBe(0);
    const report = await db.prisma.report.findUniqueOrThrow({
      where: { number },
      include: { office: true },
    });
    expect(report.office?.code).toBe('roads-transport');
  });

  it('relays a job once even when the relay runs twice', async () => {
    const number = await fileReport();
    const active = jobs;
    if (!active) throw new Error('jobs runtime not started');
    await Promise.all([active.relay.sweep(), active.relay.sweep()]);
    await expect
      .poll(async () => (await db.prisma.report.findUniqueOrThrow({ where: { number } })).status)
      .toBe('routed');
    const report = await db.prisma.report.findUniqueOrThrow({ where: { number } });
    expect(
      await db.prisma.reportEvent.count({ where: { reportId: report.id, type: 'routed' } }),
    ).toBe(1);
  });
});
