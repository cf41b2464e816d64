import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInbound } from '../../core/conversation/inbox.ts';
import { redisOptions } from '../../core/jobs/connection.ts';
import { type MaintenanceJobs, startMaintenance } from '../../core/jobs/maintenance.ts';
import { createEmptyDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';

let db: TestDatabase;
let jobs: MaintenanceJobs;
const prefix = testRedisPrefix();

beforeAll(async () => {
  db = await createEmptyDatabase();
  jobs = await startMaintenance({
    connection: redisOptions(testRedisUrl(), { maxRetriesPerRequest: null }),
    prefix,
    prisma: db.prisma,
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await jobs.close();
  await clearRedisPrefix(prefix);
  await db.drop();
});

async function inbound(updateId: string, processedHoursAgo: number | null): Promise<void> {
  await recordInbound(db.prisma, { channel: 'telegram', updateId, chatKey: '1', payload: {} });
  if (processedHoursAgo === null) return;
  await db.prisma.inboundUpdate.update({
    where: { channel_updateId: { channel: 'telegram', updateId } },
    data: { processedAt: new Date(Date.now() - processedHoursAgo * 3_600_000) },
  });
}

describe('when the maintenance worker prunes the inbox', () => {
  it('is scheduled once, hourly', async () => {
    const schedulers = await jobs.queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.every])).toEqual([
      ['prune-inbox', 3_600_000],
    ]);
  });

  it('forgets processed updates older than two days and keeps the rest', async () => {
    await inbound('old', 72);
    await inbound('recent', 1);
    await inbound('unprocessed', null);

    const job = await jobs.queue.add('prune-inbox', {});
    await expect
      .poll(async () => (await job.getState()) === 'completed', { timeout: 10_000 })
      .toBe(true);

    const left = await db.prisma.inboundUpdate.findMany({ select: { updateId: true } });
    expect(left.map((row) => row.updateId).sort()).toEqual(['recent', 'unprocessed']);
  });
});
