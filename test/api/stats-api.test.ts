import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let api: AdminApi;

const HOUR = 3_600_000;
// Sixty days back, on the hour: the API judges "overdue" by the real clock.
const T0 = new Date(Math.floor((Date.now() - 60 * 24 * HOUR) / HOUR) * HOUR);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const PERIOD = `from=${T0.toISOString()}&to=${at(24 * 30).toISOString()}`;

type Status = 'routed' | 'resolved' | 'reopened' | 'in_progress';

async function file(
  office: string,
  district: string,
  hours: number,
  deadlineHours: number,
  status: Status,
  events: Array<[string, number]> = [],
) {
  const { prisma } = db;
  const resident = await prisma.resident.upsert({
    where: { channel_platformUserId: { channel: 'console', platformUserId: 'stats' } },
    create: {
      channel: 'console',
      platformUserId: 'stats',
      chatId: 'stats',
      consentAt: T0,
      consentVersion: 'v',
    },
    update: {},
  });
  const report = await prisma.report.create({
    data: {
      resident: { connect: { id: resident.id } },
      channel: 'console',
      category: { connect: { code: 'animals' } },
      description: 'Стая собак у школы',
      office: { connect: { code: office } },
      district: { connect: { code: district } },
      status,
      createdAt: at(hours),
      deadlineAt: at(deadlineHours),
    },
  });
  for (const [type, eventHours] of events) {
    await prisma.reportEvent.create({
      data: {
        reportId: report.id,
        type,
        toStatus: 'routed',
        actorKind: 'official',
        createdAt: at(eventHours),
      },
    });
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  // A: first answered after 2 h, solved in time, graded good.
  await file('animals', 'tsentralny', 0, 48, 'resolved', [
    ['answered_interim', 2],
    ['answered_final', 30],
    ['answer_graded_good', 31],
  ]);
  // B: first answered after 10 h, past its 5 h deadline; reopened, its answer returned.
  await file('animals', 'gubinsky', 1, 6, 'reopened', [
    ['answered_final', 11],
    ['reopened', 20],
    ['answer_returned', 21],
  ]);
  // C: never answered, overdue now.
  await file('animals', 'tsentralny', 2, 24, 'routed');
  // D: filed before the period; its answer in the period counts as answered and resolved.
  await file('animals', 'tsentralny', -100, -50, 'resolved', [['answered_final', 3]]);
  // E: another office, same district: first answered after 4 h, deadline far away.
  await file('uprava-tsentralny', 'tsentralny', 5, 24 * 90, 'in_progress', [
    ['answered_interim', 9],
  ]);
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

const group = (body: { groups: Array<{ name: string | null }> }, name: string) =>
  body.groups.find((row) => row.name === name);

async function officeName(code: string) {
  return (await db.prisma.office.findUniqueOrThrow({ where: { code } })).name;
}
async function districtName(code: string) {
  return (await db.prisma.district.findUniqueOrThrow({ where: { code } })).name;
}

describe('when statistics are grouped by office', () => {
  it('gives every office its hand-counted figures', async () => {
    const response = await api.get(await api.token('dispatcher'), `/api/v1/stats?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.groupBy).toBe('office');
    expect(group(body, await officeName('animals'))).toMatchObject({
      received: 3,
      answered: 3,
      resolved: 3,
      reopened: 1,
      overdueNow: 2,
      medianHoursToFirstAnswer: 6,
      answeredInTimeShare: 0.5,
      gradedGood: 1,
      answersReturned: 1,
    });
    expect(group(body, await officeName('uprava-tsentralny'))).toMatchObject({
      received: 1,
      answered: 1,
      resolved: 0,
      overdueNow: 0,
      medianHoursToFirstAnswer: 4,
      answeredInTimeShare: 1,
    });
  });

  it('shows a head their own office only', async () => {
    const head = await api.token('head', 'animals');
    const body = (await api.get(head, `/api/v1/stats?${PERIOD}`)).json();
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ name: await officeName('animals'), received: 3 });
  });
});

describe('when statistics are grouped by district', () => {
  it('counts the reports of each district, whichever office owns them', async () => {
    const moderator = await api.token('moderator');
    const response = await api.get(moderator, `/api/v1/stats?${PERIOD}&groupBy=district`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(group(body, await districtName('tsentralny'))).toMatchObject({
      received: 3,
      answered: 3,
      resolved: 2,
      reopened: 0,
      overdueNow: 1,
      medianHoursToFirstAnswer: 3,
      answeredInTimeShare: 1,
      gradedGood: 1,
      answersReturned: 0,
    });
    expect(group(body, await districtName('gubinsky'))).toMatchObject({
      received: 1,
      answered: 1,
      resolved: 1,
      reopened: 1,
      overdueNow: 1,
      medianHoursToFirstAnswer: 10,
      answeredInTimeShare: 0,
      answersReturned: 1,
    });
    const quiet = body.groups.filter((row: { received: number }) => row.received === 0);
    expect(quiet.length).toBeGreaterThan(0);
    expect(group(body, 'none')).toBeUndefined();
  });

  it('limits an official to their office’s reports in each district', async () => {
    const official = await api.token('official', 'animals');
    const body = (await api.get(official, `/api/v1/stats?${PERIOD}&groupBy=district`)).json();
    expect(group(body, await districtName('tsentralny'))).toMatchObject({
      received: 2,
      answered: 2,
      resolved: 2,
      overdueNow: 1,
      medianHoursToFirstAnswer: 2,
    });
  });
});

describe('when the request is not one we answer', () => {
  it('refuses operators', async () => {
    const operator = await api.token('operator');
    expect((await api.get(operator, `/api/v1/stats?${PERIOD}`)).statusCode).toBe(403);
  });

  it('refuses a reversed, empty or too long period', async () => {
    const admin = await api.token('admin');
    const url = (from: Date, to: Date) =>
      `/api/v1/stats?from=${from.toISOString()}&to=${to.toISOString()}`;
    expect((await api.get(admin, url(at(10), at(5)))).statusCode).toBe(400);
    expect((await api.get(admin, url(at(5), at(5)))).statusCode).toBe(400);
    expect((await api.get(admin, url(at(0), at(24 * 367)))).statusCode).toBe(400);
    expect((await api.get(admin, url(at(0), at(24 * 366)))).statusCode).toBe(200);
    expect((await api.get(admin, '/api/v1/stats?from=yesterday&to=today')).statusCode).toBe(400);
    expect((await api.get(undefined, url(at(0), at(1)))).statusCode).toBe(401);
  });
});
