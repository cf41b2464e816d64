import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeStats } from '../../core/reports/office-stats.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const HOUR = 3_600_000;
const T0 = new Date('2026-11-02T00:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe('office statistics', () => {
  it('counts received, solved, reopened, overdue, grades and first answers', async () => {
    const office = await db.prisma.office.findUniqueOrThrow({ where: { code: 'animals' } });
    const category = await db.prisma.category.findUniqueOrThrow({ where: { code: 'animals' } });
    const resident = await db.prisma.resident.create({
      data: {
        channel: 'console',
        platformUserId: 'stats',
        chatId: 'stats',
        consentAt: T0,
        consentVersion: 'v',
      },
    });
    const file = (
      hours: number,
      deadlineHours: number,
      status: 'routed' | 'resolved' | 'reopened',
    ) =>
      db.prisma.report.create({
        data: {
          residentId: resident.id,
          channel: 'console',
          categoryId: category.id,
          description: 'Стая собак у школы',
          officeId: office.id,
          status,
          createdAt: at(hours),
          deadlineAt: at(deadlineHours),
        },
      });
    const event = (reportId: number, type: string, hours: number) =>
      db.prisma.reportEvent.create({
        data: { reportId, type, toStatus: 'routed', actorKind: 'official', createdAt: at(hours) },
      });

    // A: answered after 2 h (interim), then solved; in time.
    const a = await file(0, 48, 'resolved');
    await event(a.id, 'answered_interim', 2);
    await event(a.id, 'answered_final', 30);
    await event(a.id, 'answer_graded_good', 31);
    // B: first answered after 10 h, past its 5 h deadline; reopened, answer returned.
    const b = await file(1, 6, 'reopened');
    await event(b.id, 'answered_final', 11);
    await event(b.id, 'reopened', 20);
    await event(b.id, 'answer_returned', 21);
    // C: never answered and overdue now.
    await file(2, 24, 'routed');
    // D: filed before the period: not received, but its answer in the period counts as solved.
    const d = await file(-100, -50, 'resolved');
    await event(d.id, 'answered_final', 3);

    const [stats] = await officeStats(db.prisma, {
      from: T0,
      to: at(24 * 30),
      now: at(24 * 30),
      officeId: office.id,
    });
    expect(stats).toMatchObject({
      officeId: office.id,
      received: 3,
      resolved: 3,
      reopened: 1,
      overdueNow: 2,
      gradedGood: 1,
      answersReturned: 1,
      answeredInTimeShare: 0.5,
    });
    // First answers of the period's reports: 2 h and 10 h, so the median is 6 h.
    expect(stats?.medianHoursToFirstAnswer).toBeCloseTo(6, 5);
  });
});
