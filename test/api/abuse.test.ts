import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../../core/reports/reports.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { routeReport } from '../../core/routing/route-report.ts';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { consentedResident } from '../support/residents.ts';

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
  const resident = await consentedResident(db.prisma, {
    channel: 'console',
    userId: `abuse-${Math.random()}`,
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

  it('answers 400, never 500, to values the database cannot hold', async () => {
    const admin = await api.token('admin');
    const ancientCursor = Buffer.from('{"t":"0000-01-01T00:00:00Z","id":5}').toString('base64url');
    const bad = [
      '/api/v1/reports?q=%00',
      '/api/v1/reports?officeId=99999999999',
      '/api/v1/reports/0x9',
      '/api/v1/reports/1e1',
      '/api/v1/reports?createdFrom=0000-01-01T00:00:00Z',
      `/api/v1/reports?cursor=${ancientCursor}`,
      '/api/v1/offices/%00',
      '/open311/v2/services/%00.json',
      '/open311/v2/requests.json?start_date=0000-01-01&end_date=0000-02-01',
    ];
    for (const url of bad) {
      const answer = await api.get(admin, url);
      expect(answer.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode, url).toBeLessThan(500);
    }
    const nul = await api.post(admin, '/api/v1/tokens', { name: 'a\u0000b', role: 'admin' });
    expect(nul.statusCode).toBe(400);
    const emptyOffice = await api.post(admin, '/api/v1/tokens', {
      name: 'x',
      role: 'official',
      officeCode: '',
    });
    expect(emptyOffice.statusCode).toBe(400);
  });

  it('treats % and _ in a search as characters', async () => {
    const admin = await api.token('admin');
    await routedReport();
    const all = await api.get(admin, '/api/v1/reports?q=%25');
    expect(all.json().reports).toEqual([]);
  });

  it('lets an official merge only into a report they may see', async () => {
    const mine = await routedReport();
    const official = await api.token('official', 'uprava-tsentralny');
    const elsewhere = await db.prisma.report.findFirstOrThrow({ where: { number: mine } });
    const other = await db.prisma.office.findUniqueOrThrow({ where: { code: 'animals' } });
    const copy = await routedReport();
    await db.prisma.report.update({ where: { id: elsewhere.id }, data: { officeId: other.id } });
    const merged = await api.post(official, `/api/v1/reports/${copy}/actions`, {
      type: 'mark_duplicate',
      ofNumber: mine,
    });
    expect(merged.statusCode).toBe(404);
  });

  it('keeps exactly one dispatcher office, where unplaced reports go', async () => {
    const admin = await api.token('admin');
    const demote = await api.request(admin, {
      method: 'PATCH',
      url: '/api/v1/offices/dispatcher',
      payload: { kind: 'city' },
    });
    expect(demote.statusCode).toBe(409);
    const second = await api.post(admin, '/api/v1/offices', {
      code: 'second-dispatcher',
      name: 'Ещё один диспетчер',
      kind: 'dispatcher',
    });
    expect(second.statusCode).toBe(409);
  });

  it('sets security headers and limits the rate per address, failed logins too', async () => {
    const answer = await api.get(undefined, '/healthz');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');

    const strict = await AdminApi.start(db, { requestsPerMinute: 3 });
    try {
      const token = await strict.token('dispatcher');
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1)
        codes.push((await strict.get(token, '/api/v1/reports')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      // A guesser gets no more tries than an honest client.
      const guess = await strict.get('oc_guessing-tokens-one-by-one', '/api/v1/reports');
      expect(guess.statusCode).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
