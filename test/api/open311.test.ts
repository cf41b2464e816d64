import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { loadDistrictLocator } from '../../core/geo/load-district-locator.ts';
import { createLogger } from '../../core/logger.ts';
import { actOnReport } from '../../core/reports/act.ts';
import { createReport } from '../../core/reports/reports.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { routeReport } from '../../core/routing/route-report.ts';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testRedisUrl } from '../support/redis.ts';

const BASE = '/open311/v2';
const DAY = 86_400_000;
/** Inside the Tsentralny okrug, and Moscow, far outside the city. */
const IN_CITY = { lat: '62.0285', long: '129.7325' };
const MOSCOW = { lat: '55.7558', long: '37.6173' };

let db: TestDatabase;
let app: FastifyInstance;
let redis: Redis;
let residentId = 0;
let jobsQueued = 0;
/** Every line the server logs, to prove none carries a key or personal data. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(String(chunk));
    done();
  },
});
const calendar = await loadCityCalendar();

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  app = await buildServer({
    log: createLogger('info', logSink),
    prisma: db.prisma,
    redis,
    open311: {
      prisma: db.prisma,
      districts: await loadDistrictLocator(db.prisma),
      requestsPerMinute: 100_000,
      onJobsQueued: () => {
        jobsQueued += 1;
      },
    },
  });
  await app.ready();
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'telegram',
      platformUserId: '811811',
      chatId: '811811',
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  residentId = resident.id;
});
afterAll(async () => {
  await app.close();
  redis.disconnect();
  await db.drop();
});

async function token(role: StaffRole, officeCode?: string) {
  const office = officeCode
    ? await db.prisma.office.findUniqueOrThrow({ where: { code: officeCode } })
    : null;
  return issueApiToken(db.prisma, { name: `open311 ${role}`, role, officeId: office?.id ?? null });
}

function get(url: string, options: Omit<InjectOptions, 'url' | 'method'> = {}) {
  return app.inject({ method: 'GET', url: `${BASE}${url}`, ...options });
}

function postForm(fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `${BASE}/requests.json`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

function postJson(body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `${BASE}/requests.json`, payload: body });
}

/** A resident's report from the chat, routed, optionally filed `daysAgo` days back. */
async function report(category: string, description: string, daysAgo = 0) {
  const district = await db.prisma.district.findFirstOrThrow({ where: { code: 'tsentralny' } });
  const filed = await createReport(db.prisma, {
    residentId,
    channel: 'telegram',
    categoryCode: category,
    description,
    point: { latitude: 62.0285, longitude: 129.7325 },
    address: 'ул. Ленина, 1',
    districtId: district.id,
    photos: [],
  });
  await routeReport(db.prisma, calendar, filed.id);
  if (daysAgo > 0) {
    await db.prisma.report.update({
      where: { id: filed.id },
      data: { createdAt: new Date(Date.now() - daysAgo * DAY) },
    });
  }
  return filed;
}

type Row = Record<string, unknown>;
const ids = (rows: Row[]) => rows.map((row) => row.service_request_id);

describe('when a client reads the services', () => {
  it('lists our categories with the spec’s fields', async () => {
    const response = await get('/services.json');
    expect(response.statusCode).toBe(200);
    const services = response.json() as Row[];
    expect(services).toHaveLength(12);
    expect(services[0]).toEqual({
      service_code: 'roads',
      service_name: 'Дороги и тротуары',
      description: expect.stringContaining('Ямы'),
      metadata: false,
      type: 'realtime',
      keywords: 'дороги,тротуары',
      group: 'Городское хозяйство',
    });
    const heating = services.find((service) => service.service_code === 'heating');
    expect(heating?.group).toBe('Аварийные ситуации');
    const english = await get('/services.json', { headers: { 'accept-language': 'en-US,en' } });
    expect((english.json() as Row[])[0]?.group).toBe('City upkeep');
  });

  it('defines a service with no attributes, and answers 404 for an unknown one', async () => {
    const known = await get('/services/snow.json');
    expect(known.json()).toEqual({ service_code: 'snow', attributes: [] });

    const unknown = await get('/services/potholes.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: 'Service "potholes" not found' }]);
    const xml = await get('/services.xml');
    expect(xml.statusCode).toBe(404);
    expect(xml.json()[0].description).toMatch(/JSON/);
  });

  it('appears in the OpenAPI document under the open311 tag', async () => {
    const document = (await app.inject('/api/openapi.json')).json();
    const list = document.paths['/open311/v2/requests.json'];
    expect(list.get.tags).toEqual(['open311']);
    expect(list.post.tags).toEqual(['open311']);
  });
});

describe('when a client reads the requests', () => {
  it('defaults to the last 90 days, newest first, and filters by status and service', async () => {
    const old = await report('roads', 'Старая яма на дороге у школы', 120);
    const snow = await report('snow', 'Неубранный снег на тротуаре', 2);
    const roads = await report('roads', 'Яма на проезжей части улицы');
    await db.prisma.report.update({ where: { id: snow.id }, data: { status: 'resolved' } });

    const all = (await get('/requests.json')).json() as Row[];
    expect(ids(all)).not.toContain(String(old.number));
    expect(ids(all).indexOf(String(roads.number))).toBeLessThan(
      ids(all).indexOf(String(snow.number)),
    );

    const open = (await get('/requests.json?status=open')).json() as Row[];
    expect(ids(open)).toContain(String(roads.number));
    expect(ids(open)).not.toContain(String(snow.number));
    const closed = (await get('/requests.json?status=closed')).json() as Row[];
    expect(ids(closed)).toEqual([String(snow.number)]);
    expect(closed[0]?.status).toBe('closed');
    const both = (await get('/requests.json?status=open,closed')).json() as Row[];
    expect(both).toHaveLength(all.length);

    const bySnow = (await get('/requests.json?service_code=snow')).json() as Row[];
    expect(ids(bySnow)).toEqual([String(snow.number)]);
    const many = (await get('/requests.json?service_code=snow,roads')).json() as Row[];
    expect(many).toHaveLength(all.length);
  });

  it('names requests by id across any dates; a date range spans 90 days at most', async () => {
    const old = await report('lighting', 'Не горит фонарь во дворе дома', 200);
    const recent = await report('lighting', 'Не горят фонари вдоль улицы');

    const named = await get(`/requests.json?service_request_id=${old.number},${recent.number}`);
    expect(ids(named.json()).sort()).toEqual([String(old.number), String(recent.number)].sort());

    const start = new Date(Date.now() - 210 * DAY).toISOString();
    const end = new Date(Date.now() - 190 * DAY).toISOString();
    const ranged = await get(`/requests.json?start_date=${start}&end_date=${end}`);
    expect(ids(ranged.json())).toEqual([String(old.number)]);
    const startOnly = await get(`/requests.json?start_date=${start}&service_code=lighting`);
    expect(ids(startOnly.json())).toEqual([String(old.number)]);

    const withOffset = await get(
      '/requests.json?start_date=2026-01-01T00:00:00%2B09:00&end_date=2026-03-01T00:00:00+09:00',
    );
    expect(withOffset.statusCode).toBe(200);
    const tooLong = await get('/requests.json?start_date=2026-01-01&end_date=2026-06-01');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toEqual([
      { code: 400, description: 'start_date and end_date may be at most 90 days apart' },
    ]);
    const backwards = await get('/requests.json?start_date=2026-03-01&end_date=2026-02-01');
    expect(backwards.statusCode).toBe(400);
    const garbage = await get('/requests.json?start_date=yesterday');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()[0].code).toBe(400);
    expect((await get('/requests.json?status=pending')).statusCode).toBe(400);
  });

  it('pages with page and page_size', async () => {
    const first = (await get('/requests.json?page_size=2')).json() as Row[];
    const second = (await get('/requests.json?page_size=2&page=2')).json() as Row[];
    expect(first).toHaveLength(2);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect((await get('/requests.json?page_size=1001')).statusCode).toBe(400);
  });

  it('shows one request as an array of one, with no trace of its resident', async () => {
    const filed = await report('yards', 'Сломаны качели на детской площадке');
    const response = await get(`/requests/${filed.number}.json`);
    expect(response.statusCode).toBe(200);
    const [request] = response.json() as Row[];
    const routed = await db.prisma.report.findUniqueOrThrow({
      where: { id: filed.id },
      include: { office: true },
    });
    expect(request).toEqual({
      service_request_id: String(filed.number),
      status: 'open',
      status_notes: null,
      service_name: 'Дворы и детские площадки',
      service_code: 'yards',
      agency_responsible: routed.office?.name,
      service_notice: expect.stringContaining('Ответ ожидается до'),
      requested_datetime: routed.createdAt.toISOString(),
      updated_datetime: routed.updatedAt.toISOString(),
      expected_datetime: routed.deadlineAt?.toISOString(),
      // The resident's words and a typed address stay private; the place is rounded.
      address: null,
      lat: 62.029,
      long: 129.732,
    });
    expect(response.body).not.toContain('Сломаны качели');
    expect(response.body).not.toContain('811811');

    const missing = await get('/requests/99999999.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([
      { code: 404, description: 'Service request "99999999" not found' },
    ]);
    expect((await get('/requests/abc.json')).statusCode).toBe(404);
  });

  it('links the first copied photo, absolute from the host asked', async () => {
    const filed = await report('yards', 'Сломана скамейка во дворе дома');
    await db.prisma.reportPhoto.createMany({
      data: [
        { reportId: filed.id, position: 0, channel: 'telegram', fileId: 'a' },
        { reportId: filed.id, position: 1, channel: 'telegram', fileId: 'b', storageKey: 'k/1' },
      ],
    });
    const response = await get(`/requests/${filed.number}.json`, {
      headers: { host: 'city.example:8080' },
    });
    expect(response.json()[0].media_url).toBe(
      `http://city.example:8080/api/v1/reports/${filed.number}/photos/1`,
    );
  });
});

describe('when an office acts on a request', () => {
  it('maps the status and shows the office’s latest words as status_notes', async () => {
    const filed = await report('roads', 'Провал асфальта на перекрёстке');
    const routed = await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } });
    const official = {
      kind: 'official' as const,
      officeId: routed.officeId ?? -1,
      role: 'official' as const,
    };
    const act = (action: Parameters<typeof actOnReport>[3]) =>
      db.prisma.$transaction((tx) =>
        actOnReport(tx, { calendar, now: new Date() }, filed.id, action, official),
      );
    const read = async () => (await get(`/requests/${filed.number}.json`)).json()[0] as Row;

    expect(
      await act({ type: 'answer', text: 'Выедем на место в среду', final: false }),
    ).toMatchObject({ ok: true });
    expect(await read()).toMatchObject({
      status: 'open',
      status_notes: 'Выедем на место в среду',
    });

    await act({ type: 'answer', text: 'Провал засыпан и заасфальтирован', final: true });
    const closed = await read();
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: 'Провал засыпан и заасфальтирован',
    });
    expect(closed.service_notice).toBe('Статус: решено.');

    const other = await report('roads', 'Яма во дворе частного дома');
    await db.prisma.$transaction((tx) =>
      actOnReport(
        tx,
        { calendar, now: new Date() },
        other.id,
        { type: 'reject', reason: 'Частная территория, не в ведении города' },
        official,
      ),
    );
    const rejected = (await get(`/requests/${other.number}.json`)).json()[0] as Row;
    expect(rejected).toMatchObject({
      status: 'closed',
      status_notes: 'Частная территория, не в ведении города',
    });
  });
});

describe('when a client files a request', () => {
  it('files a form post as a report that waits for routing', async () => {
    const client = await token('dispatcher');
    const before = jobsQueued;
    const response = await postForm({
      api_key: client.token,
      service_code: 'lighting',
      ...IN_CITY,
      description: 'Не горит фонарь у остановки',
      media_url: 'https://photos.example/lamp.jpg',
    });
    expect(response.statusCode).toBe(200);
    const [filed] = response.json() as Row[];
    expect(filed).toEqual({
      service_request_id: expect.stringMatching(/^\d+$/),
      service_notice: expect.stringContaining('принята'),
      account_id: null,
    });
    expect(jobsQueued).toBe(before + 1);

    const stored = await db.prisma.report.findUniqueOrThrow({
      where: { number: Number(filed?.service_request_id) },
      include: { resident: true, district: true, category: true, photos: true },
    });
    expect(stored).toMatchObject({
      status: 'new',
      channel: 'console',
      description: 'Не горит фонарь у остановки',
      latitude: 62.0285,
      longitude: 129.7325,
    });
    expect(stored.district?.code).toBe('tsentralny');
    expect(stored.category.code).toBe('lighting');
    expect(stored.photos).toEqual([]);
    expect(stored.resident).toMatchObject({
      channel: 'console',
      platformUserId: `open311:${client.id}`,
      chatId: `open311:${client.id}`,
    });
    const jobs = await db.prisma.outboxJob.findMany({ where: { queue: 'routing' } });
    expect(jobs.map((job) => job.payload)).toContainEqual({ reportId: stored.id });

    const listed = await get(`/requests.json?service_request_id=${stored.number}`);
    expect(listed.json()[0]).toMatchObject({ status: 'open', agency_responsible: null });
  });

  it('files a JSON post with a typed address, under the same resident per key', async () => {
    const client = await token('official', 'uprava-tsentralny');
    const post = (description: string) =>
      postJson({
        api_key: client.token,
        service_code: 'rubbish',
        address_string: 'ул. Орджоникидзе, 20',
        description,
      });
    const first = await post('Переполнены мусорные контейнеры');
    const second = await post('Свалка строительного мусора у дома');
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);

    const numbers = [first, second].map((response) =>
      Number(response.json()[0].service_request_id),
    );
    const reports = await db.prisma.report.findMany({ where: { number: { in: numbers } } });
    expect(reports.map((row) => row.address)).toEqual([
      'ул. Орджоникидзе, 20',
      'ул. Орджоникидзе, 20',
    ]);
    expect(reports.every((row) => row.districtId === null && row.latitude === null)).toBe(true);
    expect(new Set(reports.map((row) => row.residentId)).size).toBe(1);
  });

  it('refuses a missing, unknown, revoked or unfit api_key with 403', async () => {
    const fields = { service_code: 'snow', ...IN_CITY, description: 'Гололёд на тротуаре у школы' };
    const none = await postForm(fields);
    expect(none.statusCode).toBe(403);
    expect(none.json()).toEqual([{ code: 403, description: 'api_key is required' }]);
    expect((await postForm({ ...fields, api_key: 'oc_not-a-real-token-at-all' })).statusCode).toBe(
      403,
    );

    const revoked = await token('admin');
    await db.prisma.apiToken.update({
      where: { id: revoked.id },
      data: { revokedAt: new Date() },
    });
    expect((await postForm({ ...fields, api_key: revoked.token })).statusCode).toBe(403);
    const moderator = await token('moderator');
    expect((await postForm({ ...fields, api_key: moderator.token })).statusCode).toBe(403);
    // A bad key is a 403 even when the rest is wrong too.
    expect((await postJson({ api_key: revoked.token })).statusCode).toBe(403);
  });

  it('refuses what is missing or outside the city with 400 in the spec’s shape', async () => {
    const { token: key } = await token('admin');
    const good = { api_key: key, service_code: 'snow', ...IN_CITY };
    const cases: Array<[Record<string, string>, RegExp]> = [
      [good, /description/],
      [{ ...good, description: 'Лёд' }, /description must say/],
      [{ ...good, description: 'Гололёд!!!!!' }, /two words/],
      [{ api_key: key, service_code: 'snow', description: 'Гололёд на тротуаре' }, /lat and long/],
      [{ ...good, lat: '', description: 'Гололёд на тротуаре' }, /go together/],
      [{ ...good, ...MOSCOW, description: 'Гололёд на тротуаре' }, /outside the city/],
      [{ ...good, lat: 'north', description: 'Гололёд на тротуаре' }, /lat/],
      [{ ...good, service_code: 'ice', description: 'Гололёд на тротуаре' }, /not one of our/],
      [{ api_key: key, ...IN_CITY, description: 'Гололёд на тротуаре' }, /service_code/],
    ];
    for (const [fields, why] of cases) {
      const response = await postForm(fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      const [error] = response.json() as Array<{ code: number; description: string }>;
      expect(error?.code).toBe(400);
      expect(error?.description).toMatch(why);
    }
    const malformed = await app.inject({
      method: 'POST',
      url: `${BASE}/requests.json`,
      headers: { 'content-type': 'application/json' },
      payload: '{"api_key":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()[0].code).toBe(400);
  });

  it('keeps none of the personal fields a client sends', async () => {
    const client = await token('dispatcher');
    const personal = {
      email: 'ivan.petrov.open311@example.org',
      first_name: 'Иванопетр',
      last_name: 'Петровоиван',
      phone: '+79140001122',
      device_id: 'device-7f3a9c21',
      account_id: 'account-5521907',
    };
    const response = await postForm({
      api_key: client.token,
      service_code: 'animals',
      ...IN_CITY,
      description: 'Стая бездомных собак у школы',
      ...personal,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('5521907');

    const found = await rowsContaining(Object.values(personal));
    expect(found).toEqual([]);
  });

  it('logs neither the key nor anything a client says about its user', async () => {
    const client = await token('dispatcher');
    const secrets = [client.token, 'maria.open311@example.org', '+79145550011', 'Мариинская'];
    const query = new URLSearchParams({
      api_key: client.token,
      email: 'maria.open311@example.org',
    });
    const response = await app.inject({
      method: 'POST',
      url: `${BASE}/requests.json?${query}`,
      payload: {
        api_key: client.token,
        service_code: 'roads',
        address_string: 'ул. Мариинская, 5',
        description: 'Яма у подъезда, звоните +79145550011',
        phone: '+79145550011',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(logLines.some((line) => line.includes('open311 request filed'))).toBe(true);
    const leaks = logLines.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });
});

/** Every table of the database searched, row by row as text, for any of these values. */
async function rowsContaining(values: string[]): Promise<string[]> {
  const tables = await db.prisma.$queryRaw<Array<{ table_name: string }>>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ row: string }>>(
      `SELECT row_to_json(t)::text AS row FROM "${table}" t`,
    );
    for (const { row } of rows) {
      if (values.some((value) => row.includes(value))) found.push(`${table}: ${row}`);
    }
  }
  return found;
}
