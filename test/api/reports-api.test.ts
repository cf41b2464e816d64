import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReport } from '../../core/reports/reports.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { routeReport } from '../../core/routing/route-report.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { consentedResident } from '../support/residents.ts';

let db: TestDatabase;
let api: AdminApi;
const calendar = await loadCityCalendar();
let residentId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  const resident = await consentedResident(db.prisma, { userId: '700001' });
  residentId = resident.id;
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

async function routed(category: string, district: string, description: string) {
  const place = await db.prisma.district.findFirstOrThrow({ where: { code: district } });
  const filed = await createReport(db.prisma, {
    residentId,
    channel: 'telegram',
    categoryCode: category,
    description,
    districtId: place.id,
    address: 'ул. Ленина, 1',
    photos: [],
  });
  await routeReport(db.prisma, calendar, filed.id);
  return filed;
}

describe('the reports API', () => {
  it('refuses a missing, unknown or revoked token', async () => {
    expect((await api.get(undefined, '/api/v1/reports')).statusCode).toBe(401);
    const unknown = await api.get('oc_not-a-real-token-at-all', '/api/v1/reports');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ error: 'unauthorized' });

    const admin = await api.token('admin');
    const listed = await api.get(admin, '/api/v1/tokens');
    const own = listed.json().tokens.at(-1);
    const doomed = await api.token('dispatcher');
    const tokens = (await api.get(admin, '/api/v1/tokens')).json().tokens;
    const doomedId = tokens.at(-1).id;
    expect(own.name).toBe('test admin');
    const revoked = await api.request(admin, {
      method: 'DELETE',
      url: `/api/v1/tokens/${doomedId}`,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await api.get(doomed, '/api/v1/reports')).statusCode).toBe(401);
  });

  it('shows officials only their office: another office’s report is a 404', async () => {
    const yard = await routed('yards', 'tsentralny', 'Сломанные качели во дворе');
    const snow = await routed('yards', 'gubinsky', 'Разбитая скамейка у подъезда');
    const official = await api.token('official', 'uprava-tsentralny');

    const list = await api.get(official, '/api/v1/reports?limit=100');
    expect(list.statusCode).toBe(200);
    const numbers = list.json().reports.map((report: { number: number }) => report.number);
    expect(numbers).toContain(yard.number);
    expect(numbers).not.toContain(snow.number);
    expect((await api.get(official, `/api/v1/reports/${snow.number}`)).statusCode).toBe(404);

    const gubinsky = await db.prisma.office.findUniqueOrThrow({
      where: { code: 'uprava-gubinsky' },
    });
    const forged = await api.get(official, `/api/v1/reports?officeId=${gubinsky.id}`);
    expect(forged.statusCode).toBe(403);
  });

  it('acts through the same lifecycle as the bot, refusing what it refuses', async () => {
    const report = await routed('yards', 'tsentralny', 'Яма во дворе у подъезда');
    const official = await api.token('official', 'uprava-tsentralny');
    const url = `/api/v1/reports/${report.number}/actions`;

    expect((await api.post(official, url, { type: 'take' })).json()).toMatchObject({
      status: 'in_progress',
    });
    const again = await api.post(official, url, { type: 'take' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('invalid_transition');
    const blank = await api.post(official, url, { type: 'reject', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    const graded = await api.post(official, url, { type: 'grade_good' });
    expect(graded.statusCode).toBe(403);

    const answered = await api.post(official, url, {
      type: 'answer',
      text: 'Яму засыпали щебнем',
      final: true,
    });
    expect(answered.json()).toMatchObject({ status: 'resolved' });
    const detail = (await api.get(official, `/api/v1/reports/${report.number}`)).json();
    expect(detail.history.map((step: { type: string }) => step.type)).toEqual([
      'created',
      'routed',
      'taken',
      'answered_final',
    ]);
    expect(JSON.stringify(detail)).not.toContain('700001');
  });

  it('filters by status, category and text, and pages with a cursor without repeats', async () => {
    for (let i = 0; i < 7; i += 1) await routed('rubbish', 'saysarsky', `Переполнены баки №${i}`);
    const dispatcher = await api.token('dispatcher');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { reports: Array<{ number: number }>; nextCursor: string | null } = (
        await api.get(
          dispatcher,
          `/api/v1/reports?category=rubbish&q=${encodeURIComponent('баки')}&limit=3${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        )
      ).json();
      seen.push(...page.reports.map((report) => report.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);

    const bad = await api.get(dispatcher, '/api/v1/reports?cursor=%7B%7D');
    expect(bad.statusCode).toBe(400);
    const wrongStatus = await api.get(dispatcher, '/api/v1/reports?status=lost');
    expect(wrongStatus.statusCode).toBe(400);
    expect(wrongStatus.json().error).toBe('invalid_request');
  });

  it('lets only admins manage tokens, and an issued token works at once', async () => {
    for (const role of ['dispatcher', 'moderator', 'operator'] as const) {
      const token = await api.token(role);
      expect((await api.get(token, '/api/v1/tokens')).statusCode, role).toBe(403);
      const issue = await api.post(token, '/api/v1/tokens', { name: 'x', role: 'admin' });
      expect(issue.statusCode, role).toBe(403);
    }
    const head = await api.token('head', 'uprava-tsentralny');
    expect(
      (await api.post(head, '/api/v1/tokens', { name: 'x', role: 'official' })).statusCode,
    ).toBe(403);

    const admin = await api.token('admin');
    const noOffice = await api.post(admin, '/api/v1/tokens', { name: 'Иванова', role: 'official' });
    expect(noOffice.statusCode).toBe(400);
    const issued = await api.post(admin, '/api/v1/tokens', {
      name: 'Иванова',
      role: 'official',
      officeCode: 'uprava-tsentralny',
    });
    expect(issued.statusCode).toBe(201);
    const { token } = issued.json();
    expect((await api.get(token, '/api/v1/reports')).statusCode).toBe(200);
    const listed = JSON.stringify((await api.get(admin, '/api/v1/tokens')).json());
    expect(listed).not.toContain(token);
  });

  it('lets a moderator grade an answer, and only that', async () => {
    const report = await routed('yards', 'tsentralny', 'Не горит фонарь во дворе');
    const official = await api.token('official', 'uprava-tsentralny');
    const moderator = await api.token('moderator');
    const url = `/api/v1/reports/${report.number}/actions`;
    expect((await api.post(moderator, url, { type: 'take' })).statusCode).toBe(403);
    await api.post(official, url, {
      type: 'answer',
      text: 'Заменим лампу в пятницу',
      final: false,
    });
    const returned = await api.post(moderator, url, {
      type: 'return_answer',
      comment: 'Укажите точную дату',
    });
    expect(returned.json()).toMatchObject({ status: 'in_progress' });
  });

  it('keeps operators away from reports and publishes an OpenAPI document', async () => {
    const operator = await api.token('operator');
    expect((await api.get(operator, '/api/v1/reports')).statusCode).toBe(403);
    const doc = await api.get(undefined, '/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/reports');
    expect(Object.keys(doc.json().paths)).not.toContain('/telegram/webhook');
  });
});
