import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../../core/reports/reports.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { routeReport } from '../../core/routing/route-report.ts';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let api: AdminApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

const SCRIPT = '<script>alert(1)</script>';
const SQL = `'; DROP TABLE "Report"; --`;

async function routedReport(): Promise<number> {
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'console',
      platformUserId: `abuse-${Math.random()}`,
      chatId: 'abuse',
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  const district = await db.prisma.district.findFirstOrThrow({ where: { code: 'tsentralny' } });
  const filed = await createReport(db.prisma, {
    residentId: resident.id,
    channel: 'console',
    categoryCode: 'yards',
    description: `${SCRIPT} ${SQL}`,
    districtId: district.id,
    photos: [],
  });
  await routeReport(db.prisma, await loadCityCalendar(), filed.id);
  return filed.number;
}

describe('the admin API under abuse', () => {
  it('refuses an expired token', async () => {
    const expired = await issueApiToken(db.prisma, {
      name: 'old',
      role: 'admin',
      officeId: null,
      expiresAt: new Date(Date.now() - 1000),
    });
    const answer = await api.get(expired.token, '/api/v1/reports');
    expect(answer.statusCode).toBe(401);
  });

  it('refuses malformed JSON and an oversized body with a reason', async () => {
    const admin = await api.token('admin');
    const number = await routedReport();
    const malformed = await api.request(admin, {
      method: 'POST',
      url: `/api/v1/reports/${number}/actions`,
      headers: { 'content-type': 'application/json' },
      payload: '{"type": "take",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toBeTruthy();

    const huge = await api.post(admin, `/api/v1/reports/${number}/actions`, {
      type: 'reject',
      reason: 'x'.repeat(100 * 1024),
    });
    expect(huge.statusCode).toBe(413);
  });

  it('stores and returns script- and SQL-looking text exactly, as inert JSON', async () => {
    const admin = await api.token('admin');
    const number = await routedReport();
    const rejected = await api.post(admin, `/api/v1/reports/${number}/actions`, {
      type: 'reject',
      reason: `${SQL} ${SCRIPT}`,
    });
    expect(rejected.statusCode).toBe(200);
    const detail = await api.get(admin, `/api/v1/reports/${number}`);
    expect(detail.headers['content-type']).toContain('application/json');
    const body = detail.json();
    expect(body.description).toBe(`${SCRIPT} ${SQL}`);
    expect(body.history.at(-1).text).toBe(`${SQL} ${SCRIPT}`);
    expect(await db.prisma.report.count()).toBeGreaterThan(0);

    const search = await api.get(admin, `/api/v1/reports?q=${encodeURIComponent(SQL)}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().reports.map((r: { number: number }) => r.number)).toContain(number);
  });

  it('sets security headers and limits the rate per token', async () => {
    const answer = await api.get(undefined, '/healthz');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');

    const strict = await AdminApi.start(db, { requestsPerMinute: 3 });
    try {
      const token = await strict.token('dispatcher');
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1)
        codes.push((await strict.get(token, '/api/v1/reports')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      // Another token has its own allowance.
      const other = await strict.token('dispatcher');
      expect((await strict.get(other, '/api/v1/reports')).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
