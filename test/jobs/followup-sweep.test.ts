import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnReport } from '../../core/reports/act.ts';
import { sweepFollowups } from '../../core/reports/followup-sweep.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { calendar, DAY_MS, deliveryKeys, newOffice, newReport } from './sweep-fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const sweep = (now: Date) => sweepFollowups(db.prisma, { calendar, now });

/** A report its office answered finally at `answeredAt`, as the bot would have done it. */
async function resolvedAt(answeredAt: Date) {
  const officeId = await newOffice(db.prisma);
  const report = await newReport(db.prisma, { officeId, status: 'in_progress' });
  const outcome = await db.prisma.$transaction((tx) =>
    actOnReport(
      tx,
      { calendar, now: answeredAt },
      report.id,
      { type: 'answer', text: 'Отремонтировали', final: true },
      { kind: 'official', officeId, role: 'official' },
    ),
  );
  expect(outcome).toMatchObject({ ok: true, status: 'resolved' });
  return report;
}

const statusOf = async (id: number) =>
  (await db.prisma.report.findUniqueOrThrow({ where: { id } })).status;

describe('when a resident does not answer the follow-up question', () => {
  it('closes the report after 15 days, not before, and tells the resident', async () => {
    const answeredAt = new Date('2031-01-10T09:00:00Z');
    const report = await resolvedAt(answeredAt);
    const asked = await deliveryKeys(db.prisma, report.residentChatId);

    expect(await sweep(new Date(answeredAt.getTime() + 14 * DAY_MS))).toMatchObject({ closed: 0 });
    expect(await statusOf(report.id)).toBe('resolved');

    const due = new Date(answeredAt.getTime() + 15 * DAY_MS);
    expect(await sweep(due)).toEqual({ closed: 1, skipped: 0, failed: 0 });
    const stored = await db.prisma.report.findUniqueOrThrow({
      where: { id: report.id },
      include: { events: { orderBy: { id: 'asc' } } },
    });
    expect(stored.status).toBe('closed');
    expect(stored.closedAt).toEqual(due);
    expect(stored.events.at(-1)).toMatchObject({
      type: 'closed_unanswered',
      fromStatus: 'resolved',
      toStatus: 'closed',
      actorKind: 'system',
    });
    const told = await deliveryKeys(db.prisma, report.residentChatId);
    expect(told).toHaveLength(asked.length + 1);

    expect(await sweep(new Date(due.getTime() + DAY_MS))).toEqual({
      closed: 0,
      skipped: 0,
      failed: 0,
    });
    expect(await deliveryKeys(db.prisma, report.residentChatId)).toHaveLength(told.length);
  });

  it('leaves a report the resident answered alone', async () => {
    const answeredAt = new Date('2031-03-10T09:00:00Z');
    const report = await resolvedAt(answeredAt);
    await db.prisma.$transaction((tx) =>
      actOnReport(
        tx,
        { calendar, now: answeredAt },
        report.id,
        { type: 'confirm_fixed' },
        { kind: 'resident', residentId: report.residentId },
      ),
    );

    expect(await sweep(new Date(answeredAt.getTime() + 20 * DAY_MS))).toMatchObject({
      closed: 0,
    });
    const events = await db.prisma.reportEvent.findMany({ where: { reportId: report.id } });
    expect(events.map((event) => event.type)).not.toContain('closed_unanswered');
  });

  it('closes each report once when two workers sweep at the same time', async () => {
    const answeredAt = new Date('2031-06-10T09:00:00Z');
    const reports = [await resolvedAt(answeredAt), await resolvedAt(answeredAt)];

    const now = new Date(answeredAt.getTime() + 16 * DAY_MS);
    const [one, two] = await Promise.all([sweep(now), sweep(now)]);
    expect(one.closed + two.closed).toBe(2);
    for (const report of reports) {
      const closings = await db.prisma.reportEvent.count({
        where: { reportId: report.id, type: 'closed_unanswered' },
      });
      expect(closings).toBe(1);
    }
  });
});
