import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { redisOptions } from '../../core/jobs/connection.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';

let db: TestDatabase;
let app: FastifyInstance;
let redis: Redis;
const prefix = testRedisPrefix();

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  app = await buildServer({
    log: pino({ level: 'silent' }),
    prisma: db.prisma,
    redis,
    admin: { prisma: db.prisma, calendar: await loadCityCalendar(), requestsPerMinute: 10_000 },
    queueDashboard: { redisUrl: testRedisUrl(), prefix },
  });
  // A job waiting in the routing queue, for the dashboard to show.
  const queue = new Queue('routing', { connection: redisOptions(testRedisUrl()), prefix });
  await queue.add('route-report', { reportId: 1 });
  await queue.close();
});
afterAll(async () => {
  await app.close();
  redis.disconnect();
  await clearRedisPrefix(prefix);
  await db.drop();
});

async function tokenOf(role: StaffRole) {
  return (await issueApiToken(db.prisma, { name: `test ${role}`, role, officeId: null })).token;
}

async function openSession(token: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/dashboard-session',
    headers: { authorization: `Bearer ${token}` },
  });
}

const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0] ?? '';

describe('when someone opens the queue dashboard', () => {
  it('refuses a browser with no session, or a forged one', async () => {
    expect((await app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    const forged = await app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { cookie: `oc_dashboard=1.99999999999999.${'A'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('gives no session to anyone but an admin', async () => {
    expect((await openSession(await tokenOf('dispatcher'))).statusCode).toBe(403);
    expect((await openSession('oc_unknown-token-of-nobody')).statusCode).toBe(401);
  });

  it('shows an admin the board and our queues, read-only', async () => {
    const opened = await openSession(await tokenOf('admin'));
    expect(opened.statusCode).toBe(201);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/admin/queues');
    const cookie = cookieOf(opened.headers['set-cookie']);

    const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');

    const queues = await app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { cookie },
    });
    expect(queues.statusCode).toBe(200);
    const names = queues.json().queues.map((queue: { name: string }) => queue.name);
    expect(names).toEqual(expect.arrayContaining(['routing', 'delivery', 'media', 'maintenance']));
    expect(
      queues.json().queues.every((queue: { readOnlyMode: boolean }) => queue.readOnlyMode),
    ).toBe(true);

    const pause = await app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/routing/pause',
      headers: { cookie },
    });
    expect(pause.statusCode).toBe(405);
  });

  it('ends the session when its admin token is revoked', async () => {
    const token = await tokenOf('admin');
    const cookie = cookieOf((await openSession(token)).headers['set-cookie']);
    await db.prisma.apiToken.updateMany({
      where: { name: 'test admin', revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie } });
    expect(page.statusCode).toBe(401);
  });
});
