import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCalendarFile } from '../../api/admin/routes/calendar-files.ts';
import { buildServer } from '../../api/server.ts';
import {
  DEFAULT_CALENDAR_DIR,
  loadCalendarFiles,
  readCalendarDirectory,
} from '../../core/calendar/load-calendar-files.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testRedisUrl } from '../support/redis.ts';

// The admin API with its calendar folder in a temporary copy of seed/calendar, so nothing
// here writes into the repository.
let db: TestDatabase;
let app: FastifyInstance;
let redis: Redis;
let dir: string;
const tokens = new Map<StaffRole, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oneclick-calendar-'));
  await cp(DEFAULT_CALENDAR_DIR, dir, { recursive: true });
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  app = await buildServer({
    log: pino({ level: 'silent' }),
    prisma: db.prisma,
    redis,
    admin: {
      prisma: db.prisma,
      calendar: await loadCityCalendar(dir),
      calendarDir: dir,
      requestsPerMinute: 100_000,
    },
  });
  await app.ready();
  for (const role of ['admin', 'dispatcher', 'official', 'operator'] as const) {
    const office = role === 'official' ? await db.prisma.office.findFirstOrThrow() : null;
    const issued = await issueApiToken(db.prisma, {
      name: `calendar ${role}`,
      role,
      officeId: office?.id ?? null,
    });
    tokens.set(role, issued.token);
  }
});
afterAll(async () => {
  await app.close();
  redis.disconnect();
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

function call(role: StaffRole, method: 'GET' | 'PUT', url: string, payload?: object) {
  return app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${tokens.get(role)}` },
    ...(payload ? { payload } : {}),
  });
}

const ysyakh2027 = {
  region: 'RU-SA',
  note: 'Confirmed by the republic for 2027.',
  entries: [
    { date: '2027-04-27', kind: 'holiday', name: 'День Республики Саха (Якутия)' },
    { date: '2027-06-21', kind: 'holiday', name: 'Ысыах', verify: 'confirm each year' },
  ],
};

describe('when staff read a year of the calendar', () => {
  it('gives the days off and working weekends with the files’ notes', async () => {
    const response = await call('official', 'GET', '/api/v1/calendar/2026');
    expect(response.statusCode).toBe(200);
    const year = response.json();
    expect(year.sources.map((source: { file: string }) => source.file).sort()).toEqual([
      'ru-2026.json',
      'sakha-2026.json',
    ]);
    expect(year.sources.every((source: { note: string | null }) => source.note)).toBe(true);
    expect(year.daysOff).toContainEqual(
      expect.objectContaining({ date: '2026-01-09', kind: 'holiday', region: 'RU' }),
    );
    expect(year.daysOff).toContainEqual(
      expect.objectContaining({ date: '2026-06-22', region: 'RU-SA', verify: expect.any(String) }),
    );
    expect(year.workingWeekends).toEqual([]);
  });

  it('answers 404 for a year without files, and refuses operators', async () => {
    expect((await call('admin', 'GET', '/api/v1/calendar/2031')).statusCode).toBe(404);
    expect((await call('operator', 'GET', '/api/v1/calendar/2026')).statusCode).toBe(403);
  });
});

describe('when an admin writes a year', () => {
  it('replaces the region’s own file, in the loader’s format, and shows it', async () => {
    const response = await call('admin', 'PUT', '/api/v1/calendar/2027', ysyakh2027);
    expect(response.statusCode).toBe(200);
    const ysyakh = response
      .json()
      .daysOff.find((day: { date: string }) => day.date === '2027-06-21');
    expect(ysyakh).toEqual({ ...ysyakh2027.entries[1], region: 'RU-SA' });

    const written = JSON.parse(await readFile(join(dir, 'sakha-2027.json'), 'utf8'));
    expect(written).toMatchObject({ region: 'RU-SA', year: 2027, note: ysyakh2027.note });
    expect(written.entries).toHaveLength(2);
    const entries = await loadCalendarFiles(dir, { years: [2027] });
    expect(entries.filter((entry) => entry.region === 'RU-SA')).toHaveLength(2);
    const reread = (await call('dispatcher', 'GET', '/api/v1/calendar/2027')).json();
    expect(
      reread.sources.find((source: { region: string }) => source.region === 'RU-SA').note,
    ).toBe(ysyakh2027.note);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('starts a file for a region the year has none of, with a working Saturday', async () => {
    const response = await call('admin', 'PUT', '/api/v1/calendar/2028', {
      region: 'RU',
      entries: [
        { date: '2028-01-01', kind: 'holiday', name: 'Новогодние каникулы' },
        { date: '2028-11-11', kind: 'workday', name: 'Рабочая суббота' },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().sources).toEqual([
      { file: 'ru-2028.json', region: 'RU', note: null, applies: true },
    ]);
    expect(response.json().workingWeekends).toEqual([
      { date: '2028-11-11', kind: 'workday', name: 'Рабочая суббота', region: 'RU' },
    ]);
    const calendar = await loadCityCalendar(dir);
    expect(calendar.isWorkingDay(new Date('2028-11-11T03:00:00Z'))).toBe(true);
  });

  it('refuses another year’s dates, repeats and weekday "workdays", naming them', async () => {
    const cases: Array<[object, RegExp]> = [
      [{ date: '2026-04-27', kind: 'holiday', name: 'x' }, /entries\.0\.date: not in 2027/],
      [{ date: '2027-02-30', kind: 'holiday', name: 'x' }, /real date/],
      [{ date: '2027-06-22', kind: 'workday', name: 'x' }, /Saturday or Sunday/],
      [{ date: '2027-04-27', kind: 'holiday', name: 'x', region: 'RU' }, /RU-SA/],
    ];
    for (const [entry, reason] of cases) {
      const response = await call('admin', 'PUT', '/api/v1/calendar/2027', {
        region: 'RU-SA',
        entries: [entry],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(reason);
    }
    const twice = await call('admin', 'PUT', '/api/v1/calendar/2027', {
      region: 'RU-SA',
      entries: [ysyakh2027.entries[0], ysyakh2027.entries[0]],
    });
    expect(twice.json().message).toMatch(/listed twice/);
    const kept = JSON.parse(await readFile(join(dir, 'sakha-2027.json'), 'utf8'));
    expect(kept.entries).toHaveLength(2);
  });

  it('lets no one but admins write it', async () => {
    for (const role of ['dispatcher', 'official', 'operator'] as const) {
      const response = await call(role, 'PUT', '/api/v1/calendar/2027', ysyakh2027);
      expect(response.statusCode).toBe(403);
    }
  });
});

describe('when a calendar file is written', () => {
  it('is laid out exactly as the seed files are, one entry a line', async () => {
    for (const { path, ...file } of await readCalendarDirectory(DEFAULT_CALENDAR_DIR)) {
      expect(formatCalendarFile(file)).toBe(await readFile(path, 'utf8'));
    }
  });
});
