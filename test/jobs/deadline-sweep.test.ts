import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnReport } from '../../core/reports/act.ts';
import { type DeadlineSweepDeps, sweepDeadlines } from '../../core/reports/deadline-sweep.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  calendar,
  DAY_MS,
  deliveryKeys,
  deliveryTexts,
  HOUR_MS,
  newOffice,
  newReport,
  newStaff,
} from './sweep-fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/**
 * Each test sweeps at its own moment, a month before the previous test's, so that reports
 * earlier tests left are far from their deadlines and the counts are the test's own.
 */
let clock = Date.parse('2032-03-04T09:00:00Z');
function nextNow(): Date {
  clock -= 30 * DAY_MS;
  return new Date(clock);
}

const sweep = (now: Date, extra: Partial<DeadlineSweepDeps> = {}) =>
  sweepDeadlines(db.prisma, { now, reminderLeadMs: 24 * HOUR_MS, ...extra });

const events = (reportId: number, type: string) =>
  db.prisma.reportEvent.findMany({ where: { reportId, type }, orderBy: { id: 'asc' } });

describe('when a deadline is near', () => {
  it('reminds the office’s team once, with the reminder card', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const official = await newStaff(db.prisma, 'official', officeId);
    const head = await newStaff(db.prisma, 'head', officeId);
    const deadlineAt = new Date(now.getTime() + 2 * HOUR_MS);
    const report = await newReport(db.prisma, { officeId, status: 'in_progress', deadlineAt });

    const first = await sweep(now);
    expect(first).toMatchObject({ reminded: 1, escalated: 0, queued: 2, failed: 0 });
    const key = `report:${report.id}:reminder:${deadlineAt.toISOString()}`;
    expect(await deliveryKeys(db.prisma, official)).toEqual([
      `${key} > team > telegram:${official}`,
    ]);
    expect(await deliveryKeys(db.prisma, head)).toEqual([`${key} > team > telegram:${head}`]);
    expect((await deliveryTexts(db.prisma, official))[0]).toMatch(/^⏰ Напоминание/);
    expect(await events(report.id, 'escalated')).toEqual([]);

    const again = await sweep(new Date(now.getTime() + HOUR_MS));
    expect(again).toEqual({ reminded: 0, escalated: 0, queued: 0, failed: 0 });
    expect(await deliveryKeys(db.prisma, official)).toHaveLength(1);
    expect(await events(report.id, 'reminded')).toHaveLength(1);
  });

  it('waits until the deadline is within the lead time', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const official = await newStaff(db.prisma, 'official', officeId);
    await newReport(db.prisma, {
      officeId,
      status: 'routed',
      deadlineAt: new Date(now.getTime() + 30 * HOUR_MS),
    });

    expect(await sweep(now)).toMatchObject({ reminded: 0, queued: 0 });
    expect(await deliveryKeys(db.prisma, official)).toEqual([]);

    expect(await sweep(new Date(now.getTime() + 7 * HOUR_MS))).toMatchObject({ reminded: 1 });
    expect(await deliveryKeys(db.prisma, official)).toHaveLength(1);
  });

  it('sends no reminders with a lead time of 0', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const official = await newStaff(db.prisma, 'official', officeId);
    await newReport(db.prisma, {
      officeId,
      status: 'routed',
      deadlineAt: new Date(now.getTime() + 1_000),
    });

    expect(await sweep(now, { reminderLeadMs: 0 })).toMatchObject({ reminded: 0 });
    expect(await deliveryKeys(db.prisma, official)).toEqual([]);
  });

  it('reminds again of the new deadline after the resident reopens the report', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const official = await newStaff(db.prisma, 'official', officeId);
    const report = await newReport(db.prisma, {
      officeId,
      status: 'routed',
      deadlineAt: new Date(now.getTime() + 3 * HOUR_MS),
    });
    expect(await sweep(now)).toMatchObject({ reminded: 1 });

    const answeredAt = new Date(now.getTime() + HOUR_MS);
    await db.prisma.$transaction(async (tx) => {
      const answer = { type: 'answer', text: 'Отремонтировали', final: true } as const;
      const staff = { kind: 'official', officeId, role: 'official' } as const;
      const resident = { kind: 'resident', residentId: report.residentId } as const;
      const deps = { calendar, now: answeredAt };
      expect((await actOnReport(tx, deps, report.id, answer, staff)).ok).toBe(true);
      const reopen = { type: 'reopen', comment: 'Яма на месте' } as const;
      expect((await actOnReport(tx, deps, report.id, reopen, resident)).ok).toBe(true);
    });
    const { deadlineAt } = await db.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    if (!deadlineAt) throw new Error('a reopened report has a deadline');

    // Roads have 8 days; a reopened report gets half of them.
    expect(deadlineAt.getTime()).toBe(answeredAt.getTime() + 4 * DAY_MS);
    expect(await sweep(new Date(deadlineAt.getTime() - 2 * HOUR_MS))).toMatchObject({
      reminded: 1,
    });
    const reminders = (await deliveryKeys(db.prisma, official)).filter((key) =>
      key.includes(':reminder:'),
    );
    expect(reminders).toEqual([
      expect.stringContaining(`:reminder:${new Date(now.getTime() + 3 * HOUR_MS).toISOString()}`),
      expect.stringContaining(`:reminder:${deadlineAt.toISOString()}`),
    ]);
    expect(await events(report.id, 'reminded')).toHaveLength(2);
  });
});

describe('when a deadline has passed', () => {
  it('escalates to the office’s heads once and records it in the history', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const official = await newStaff(db.prisma, 'official', officeId);
    const head = await newStaff(db.prisma, 'head', officeId);
    const deadlineAt = new Date(now.getTime() - HOUR_MS);
    const report = await newReport(db.prisma, { officeId, status: 'in_progress', deadlineAt });

    expect(await sweep(now)).toMatchObject({ escalated: 1, reminded: 0, queued: 1 });
    expect(await deliveryKeys(db.prisma, official)).toEqual([]);
    expect(await deliveryKeys(db.prisma, head)).toEqual([
      `report:${report.id}:overdue:${deadlineAt.toISOString()} > heads > telegram:${head}`,
    ]);
    expect((await deliveryTexts(db.prisma, head))[0]).toMatch(/^🚨 Просрочено обращение/);
    const escalated = await events(report.id, 'escalated');
    expect(escalated).toEqual([
      expect.objectContaining({
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        actorKind: 'system',
        data: { deadlineAt: deadlineAt.toISOString() },
      }),
    ]);

    expect(await sweep(new Date(now.getTime() + DAY_MS))).toMatchObject({
      escalated: 0,
      queued: 0,
    });
    expect(await deliveryKeys(db.prisma, head)).toHaveLength(1);
    expect(await events(report.id, 'escalated')).toHaveLength(1);
  });

  it('falls back to the team when the office has no head', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const official = await newStaff(db.prisma, 'official', officeId);
    const deadlineAt = new Date(now.getTime() - 5 * DAY_MS);
    const report = await newReport(db.prisma, { officeId, status: 'reopened', deadlineAt });

    expect(await sweep(now)).toMatchObject({ escalated: 1 });
    expect(await deliveryKeys(db.prisma, official)).toEqual([
      `report:${report.id}:overdue:${deadlineAt.toISOString()} > heads > telegram:${official}`,
    ]);
  });

  it('leaves reports the office is done with alone', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const head = await newStaff(db.prisma, 'head', officeId);
    const deadlineAt = new Date(now.getTime() - HOUR_MS);
    for (const status of ['resolved', 'closed', 'rejected', 'redirected'] as const) {
      await newReport(db.prisma, { officeId, status, deadlineAt });
    }

    expect(await sweep(now)).toMatchObject({ escalated: 0, reminded: 0 });
    expect(await deliveryKeys(db.prisma, head)).toEqual([]);
  });

  it('escalates once when two workers sweep at the same time', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const head = await newStaff(db.prisma, 'head', officeId);
    const reports = await Promise.all(
      [1, 2, 3, 4, 5].map((hours) =>
        newReport(db.prisma, {
          officeId,
          status: 'routed',
          deadlineAt: new Date(now.getTime() - hours * HOUR_MS),
        }),
      ),
    );

    const [one, two] = await Promise.all([sweep(now), sweep(now)]);
    expect(one.escalated + two.escalated).toBe(5);
    expect(await deliveryKeys(db.prisma, head)).toHaveLength(5);
    for (const report of reports) expect(await events(report.id, 'escalated')).toHaveLength(1);
  });

  it('takes a bounded batch per run and the rest on the next', async () => {
    const now = nextNow();
    const officeId = await newOffice(db.prisma);
    const head = await newStaff(db.prisma, 'head', officeId);
    for (const hours of [1, 2, 3]) {
      const deadlineAt = new Date(now.getTime() - hours * HOUR_MS);
      await newReport(db.prisma, { officeId, status: 'routed', deadlineAt });
    }

    expect(await sweep(now, { batchSize: 2 })).toMatchObject({ escalated: 2 });
    expect(await sweep(now, { batchSize: 2 })).toMatchObject({ escalated: 1 });
    expect(await deliveryKeys(db.prisma, head)).toHaveLength(3);
  });
});
