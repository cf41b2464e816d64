import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOwningOffice } from '../../core/routing/owning-office.ts';
import { type DeadlineCalendar, routeReport } from '../../core/routing/route-report.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
const ids = { district: new Map<string, number>(), category: new Map<string, number>() };

/** Deadlines a fixed number of days on; the production calendar has its own tests. */
const calendar: DeadlineCalendar = {
  addWorkingDays: (from, days) => new Date(from.getTime() + days * 86_400_000),
};

beforeAll(async () => {
  db = await createTestDatabase();
  for (const d of await db.prisma.district.findMany()) ids.district.set(d.code, d.id);
  for (const c of await db.prisma.category.findMany()) ids.category.set(c.code, c.id);
});
afterAll(() => db.drop());

const category = (code: string) => ids.category.get(code) ?? -1;
const district = (code: string) => ids.district.get(code) ?? -1;

async function officeCode(categoryCode: string, districtCode: string | null): Promise<string> {
  const office = await findOwningOffice(
    db.prisma,
    category(categoryCode),
    districtCode === null ? null : district(districtCode),
  );
  return office.code;
}

describe('when the owning office of a report is looked up', () => {
  it('prefers the district’s own office for a category districts handle', async () => {
    expect(await officeCode('snow', 'tsentralny')).toBe('uprava-tsentralny');
  });

  it('falls back to the city-wide office', async () => {
    expect(await officeCode('roads', 'tsentralny')).toBe('roads-transport');
  });

  it('sends a report without a district, and "other", to the dispatcher', async () => {
    expect(await officeCode('roads', null)).toBe('dispatcher');
    expect(await officeCode('other', 'gubinsky')).toBe('dispatcher');
  });
});

async function newReport(categoryCode: string, districtCode: string | null): Promise<number> {
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'console',
      platformUserId: `r-${Math.random()}`,
      chatId: 'c',
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  const report = await db.prisma.report.create({
    data: {
      residentId: resident.id,
      channel: 'console',
      categoryId: category(categoryCode),
      description: 'Яма на дороге',
      districtId: districtCode === null ? null : district(districtCode),
    },
  });
  return report.id;
}

describe('when a report is routed', () => {
  it('gets its office, its deadline from the category and a history event', async () => {
    const id = await newReport('heating', 'oktyabrsky');
    const outcome = await routeReport(db.prisma, calendar, id);
    expect(outcome.routed).toBe(true);

    const report = await db.prisma.report.findUniqueOrThrow({
      where: { id },
      include: { office: true, events: true },
    });
    expect(report.status).toBe('routed');
    expect(report.office?.code).toBe('housing-utilities');
    expect(report.deadlineAt?.getTime()).toBe(report.createdAt.getTime() + 86_400_000);
    expect(report.events.map((event) => [event.type, event.fromStatus, event.toStatus])).toEqual([
      ['routed', 'new', 'routed'],
    ]);
  });

  it('routes once when the job runs twice', async () => {
    const id = await newReport('roads', null);
    await routeReport(db.prisma, calendar, id);
    expect(await routeReport(db.prisma, calendar, id)).toEqual({
      routed: false,
      reason: 'already_routed',
    });
    expect(await db.prisma.reportEvent.count({ where: { reportId: id } })).toBe(1);
  });

  it('says so for a report that does not exist', async () => {
    expect(await routeReport(db.prisma, calendar, 987_654)).toEqual({
      routed: false,
      reason: 'not_found',
    });
  });
});
