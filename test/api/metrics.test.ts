import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { metrics } from '../../core/metrics.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testRedisUrl } from '../support/redis.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
let db: TestDatabase;
let api: AdminApi;
let guarded: FastifyInstance;
let redis: Redis;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  guarded = await buildServer({
    log: pino({ level: 'silent' }),
    prisma: db.prisma,
    redis,
    metricsToken: TOKEN,
  });
});
afterAll(async () => {
  await guarded.close();
  redis.disconnect();
  await api.close();
  await db.drop();
});

describe('when Prometheus scrapes /metrics', () => {
  it('answers its text format with our metrics, requests counted by route pattern', async () => {
    await api.app.inject({ method: 'GET', url: '/healthz' });
    await api.get(await api.token('admin'), '/api/v1/reports/12345');
    metrics.updatesHandled.inc({ channel: 'telegram' });

    const response = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toMatch(
      /oneclick_http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/,
    );
    expect(text).toContain(
      'oneclick_http_requests_total{route="/api/v1/reports/:number",method="GET",status="404"}',
    );
    expect(text).toContain('oneclick_http_request_duration_seconds_bucket{');
    expect(text).toMatch(/oneclick_updates_handled_total\{channel="telegram"\} \d+/);
    expect(text).toContain('# TYPE oneclick_jobs_total counter');
    expect(text).toContain('# TYPE oneclick_delivery_errors_total counter');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('refuses another machine when no token is configured', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
    });
    expect(response.statusCode).toBe(401);
  });

  it('wants the configured token from every address, the machine itself included', async () => {
    const from = (remoteAddress: string, authorization?: string) =>
      guarded.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress,
        headers: authorization ? { authorization } : {},
      });
    expect((await from('127.0.0.1')).statusCode).toBe(401);
    expect((await from('203.0.113.7', 'Bearer wrong-token')).statusCode).toBe(401);
    expect((await from('203.0.113.7', `Bearer ${TOKEN}`)).statusCode).toBe(200);
  });
});
