import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAboutReport } from '../../core/official-reports/questions.ts';
import { rateOfficialReport } from '../../core/official-reports/ratings.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { consentedResident } from '../support/residents.ts';

let db: TestDatabase;
let api: AdminApi;
let residentId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  residentId = (await consentedResident(db.prisma, { userId: '920001' })).id;
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

const REPORTS = '/api/v1/official-reports';

async function publishAs(token: string, body: object): Promise<number> {
  const response = await api.post(token, REPORTS, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function ask(officialReportId: number, text: string): Promise<number> {
  const asked = await askAboutReport(db.prisma, {
    officialReportId,
    residentId,
    text,
    now: new Date(),
  });
  if (!asked.ok) throw new Error(asked.reason);
  return asked.id;
}

describe('when reports are published over the API', () => {
  it('lets officials publish for their own office and admins for the one they name', async () => {
    const roads = await api.token('official', 'roads-transport');
    const created = await api.post(roads, REPORTS, {
      title: 'Дороги: итоги года',
      text: 'Отремонтировано 40 км.',
      videoUrl: 'https://video.example.ru/roads',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      office: { code: 'roads-transport' },
      rating: { average: null, count: 0 },
      announcedTo: 0,
    });
    const broadcast = await db.prisma.broadcast.findUniqueOrThrow({
      where: { key: `official-report:${created.json().id}:published` },
    });
    expect(broadcast).toMatchObject({ topic: 'official_reports', title: 'Дороги: итоги года' });

    const admin = await api.token('admin');
    const needsOffice = await api.post(admin, REPORTS, { title: 'Итоги', text: 'Текст.' });
    expect(needsOffice.json()).toMatchObject({ error: 'office_needed' });
    const body = { title: 'Итоги', text: 'Текст.', officeCode: 'animals' };
    expect((await api.post(admin, REPORTS, body)).json()).toMatchObject({
      office: { code: 'animals' },
    });
  });

  it('refuses another office, other roles and links that are not http(s)', async () => {
    const roads = await api.token('official', 'roads-transport');
    const body = { title: 'Итоги', text: 'Текст.' };
    const other = await api.post(roads, REPORTS, { ...body, officeCode: 'animals' });
    expect(other.statusCode).toBe(403);
    const unknown = await api.post(roads, REPORTS, { ...body, officeCode: 'no-such-office' });
    expect(unknown.json()).toMatchObject({ error: 'unknown_office' });
    for (const role of ['dispatcher', 'moderator', 'operator', 'organiser'] as const) {
      const token = await api.token(role);
      expect((await api.post(token, REPORTS, body)).statusCode, role).toBe(403);
    }
    for (const videoUrl of [
      'javascript:alert(1)',
      'ftp://files.example.ru/a',
      'видео',
      'http://x',
    ]) {
      const refused = await api.post(roads, REPORTS, { ...body, videoUrl });
      expect(refused.json(), videoUrl).toMatchObject({ error: 'bad_video_url' });
    }
    const badDocument = await api.post(roads, REPORTS, {
      ...body,
      documentUrl: 'file:///etc/passwd',
    });
    expect(badDocument.json()).toMatchObject({ error: 'bad_document_url' });
    expect((await api.post(roads, REPORTS, { ...body, title: '  ' })).statusCode).toBe(400);
  });
});

describe('when reports and their questions are read and answered', () => {
  it('shows officials their office’s only, and admins every one, newest first', async () => {
    const admin = await api.token('admin');
    const housing = await api.token('head', 'housing-utilities');
    const mine = await publishAs(housing, { title: 'ЖКХ: отчёт', text: 'Текст.' });
    const theirs = await publishAs(admin, {
      title: 'Торговля: отчёт',
      text: 'Текст.',
      officeCode: 'consumer-market',
    });

    const own = (await api.get(housing, REPORTS)).json().officialReports;
    expect(own.map((report: { id: number }) => report.id)).toContain(mine);
    expect(own.map((report: { id: number }) => report.id)).not.toContain(theirs);
    const market = await db.prisma.office.findUniqueOrThrow({ where: { code: 'consumer-market' } });
    expect((await api.get(housing, `${REPORTS}?officeId=${market.id}`)).statusCode).toBe(403);
    expect((await api.get(housing, `${REPORTS}/${theirs}`)).statusCode).toBe(404);
    const operator = await api.token('operator');
    expect((await api.get(operator, REPORTS)).statusCode).toBe(403);
    expect((await api.get(operator, `${REPORTS}/${mine}`)).statusCode).toBe(403);

    const first = (await api.get(admin, `${REPORTS}?limit=1`)).json();
    expect(first.officialReports[0].id).toBe(theirs);
    const next = (await api.get(admin, `${REPORTS}?limit=1&cursor=${first.nextCursor}`)).json();
    expect(next.officialReports[0].id).toBe(mine);
    expect((await api.get(admin, `${REPORTS}?cursor=nonsense`)).statusCode).toBe(400);
  });

  it('lists questions unanswered first and lets only the report’s office answer', async () => {
    const culture = await api.token('official', 'city-improvement');
    const report = await publishAs(culture, { title: 'Благоустройство', text: 'Текст.' });
    const older = await ask(report, 'Когда починят фонтан?');
    const newer = await ask(report, 'Будут ли новые скамейки?');
    await rateOfficialReport(db.prisma, { officialReportId: report, residentId, rating: 4 });

    const stranger = await api.token('official', 'animals');
    const url = (id: number) => `${REPORTS}/questions/${id}/answer`;
    expect((await api.post(stranger, url(newer), { text: 'Ответ' })).statusCode).toBe(404);
    const dispatcher = await api.token('dispatcher');
    expect((await api.post(dispatcher, url(newer), { text: 'Ответ' })).statusCode).toBe(403);
    expect((await api.post(culture, url(newer), { text: '   ' })).statusCode).toBe(400);
    const answered = await api.post(culture, url(newer), { text: 'Да, двадцать штук.' });
    expect(answered.json()).toMatchObject({ id: newer, status: 'answered' });
    expect((await api.post(culture, url(newer), { text: 'Ещё раз' })).statusCode).toBe(409);
    expect((await api.post(culture, url(999_999), { text: 'Ответ' })).statusCode).toBe(404);

    const delivery = await db.prisma.delivery.findUniqueOrThrow({
      where: { key: `official-report-question:${newer}:answer` },
    });
    expect(JSON.stringify(delivery.messages)).toContain('Да, двадцать штук.');

    const listed = (
      await api.get(culture, `${REPORTS}/questions?officialReportId=${report}`)
    ).json();
    expect(listed.questions.map((question: { id: number }) => question.id)).toEqual([older, newer]);
    const open = (await api.get(culture, `${REPORTS}/questions?status=unanswered`)).json();
    expect(open.questions.map((question: { id: number }) => question.id)).toEqual([older]);
    const strangers = (await api.get(stranger, `${REPORTS}/questions`)).json();
    expect(strangers.questions.map((question: { id: number }) => question.id)).not.toContain(older);
    const peek = await api.get(stranger, `${REPORTS}/questions?officialReportId=${report}`);
    expect(peek.statusCode).toBe(404);

    const detail = (await api.get(culture, `${REPORTS}/${report}`)).json();
    expect(detail).toMatchObject({
      rating: { average: 4, count: 1 },
      questionCount: 2,
      answeredCount: 1,
    });
    expect(detail.questions[1]).toMatchObject({
      id: newer,
      answer: 'Да, двадцать штук.',
      answeredBy: { officialId: null },
    });
    expect(JSON.stringify(detail)).not.toContain('920001');
  });

  it('lets an admin answer any office’s question', async () => {
    const roads = await api.token('official', 'roads-transport');
    const report = await publishAs(roads, { title: 'Мосты', text: 'Текст.' });
    const question = await ask(report, 'Когда откроют мост?');
    const admin = await api.token('admin');
    const answered = await api.post(admin, `${REPORTS}/questions/${question}/answer`, {
      text: 'В мае.',
    });
    expect(answered.statusCode).toBe(200);
  });
});
