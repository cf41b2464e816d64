import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisOptions } from '../../core/jobs/connection.ts';
import { type MaintenanceJobs, startMaintenance } from '../../core/jobs/maintenance.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import {
  calendar,
  deliveryKeys,
  HOUR_MS,
  newOffice,
  newReport,
  newStaff,
} from './sweep-fixtures.ts';

let db: TestDatabase;
let jobs: MaintenanceJobs;
let kicks = 0;
const prefix = testRedisPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  jobs = await startMaintenance({
    connection: redisOptions(testRedisUrl(), { maxRetriesPerRequest: null }),
    prefix,
    prisma: db.prisma,
    log: pino({ level: 'silent' }),
    sweeps: {
      calendar,
      everyMs: 200,
      onJobsQueued: () => {
        kicks += 1;
      },
    },
  });
});
afterAll(async () => {
  await jobs.close();
  await clearRedisPrefix(prefix);
  await db.drop();
});

describe('when the maintenance worker sweeps deadlines on its schedule', () => {
  it('runs every sweep at the configured interval', async () => {
    const schedulers = await jobs.queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.every]).sort()).toEqual([
      ['deadline-sweep', 200],
      ['followup-sweep', 200],
      ['prune-inbox', 3_600_000],
      ['volunteer-reminders', 200],
    ]);
  });

  it('escalates an overdue report to the office’s head and kicks the relay', async () => {
    const officeId = await newOffice(db.prisma);
    const head = await newStaff(db.prisma, 'head', officeId);
    const deadlineAt = new Date(Date.now() - HOUR_MS);
    const report = await newReport(db.prisma, { officeId, status: 'routed', deadlineAt });

    await expect
      .poll(() =>
        db.prisma.reportEvent.count({ where: { reportId: report.id, type: 'escalated' } }),
      )
      .toBe(1);
    expect(await deliveryKeys(db.prisma, head)).toEqual([
      `report:${report.id}:overdue:${deadlineAt.toISOString()} > heads > telegram:${head}`,
    ]);
    // The relay is kicked once the sweep's transaction committed, just after the event shows.
    await expect.poll(() => kicks).toBeGreaterThan(0);
  });
});
