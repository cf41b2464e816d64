import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildServer } from '../api/server.ts';
import { loadCityCalendar } from '../core/routing/city-calendar.ts';
import { issueApiToken } from '../core/staff/api-tokens.ts';
import { testRedisUrl } from '../test/support/redis.ts';
import { createBenchDatabase } from './support/bench-database.ts';
import type { Benchmark, BenchmarkResult } from './support/benchmark.ts';
import { median, percentile } from './support/stats.ts';

/**
 * The admin API's reports list on 100,000 reports: requests per second and latency of a few
 * typical filtered lists, each driven by concurrent clients for a fixed time over real HTTP.
 */
const REPORTS = 100_000;
const CONCURRENCY = 16;
const SECONDS_PER_QUERY = 4;

const QUERIES: Array<[string, string]> = [
  ['newest page', 'limit=20'],
  ['status + category', 'status=routed,in_progress&category=roads&limit=20'],
  ['district + overdue', 'districtId=3&overdue=true&limit=50'],
  ['created range', 'createdFrom=2026-06-01T00:00:00Z&createdTo=2026-07-01T00:00:00Z&limit=20'],
  ['text search', `q=${encodeURIComponent('яма')}&limit=20`],
  ['one office (official)', 'limit=20'],
];

export const benchmark: Benchmark = {
  name: 'Admin API: the reports list on 100,000 reports',
  async run(): Promise<BenchmarkResult> {
    const db = await createBenchDatabase();
    const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await seedReports(db.prisma);
      const app = await buildServer({
        log: pino({ level: 'silent' }),
        prisma: db.prisma,
        redis,
        admin: { prisma: db.prisma, calendar: await loadCityCalendar(), requestsPerMinute: 1e9 },
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const dispatcher = await issueApiToken(db.prisma, {
        name: 'bench',
        role: 'dispatcher',
        officeId: null,
      });
      const office = await db.prisma.office.findUniqueOrThrow({
        where: { code: 'roads-transport' },
      });
      const official = await issueApiToken(db.prisma, {
        name: 'bench official',
        role: 'official',
        officeId: office.id,
      });

      const table = [['query', 'requests/s', 'p50 ms', 'p99 ms']];
      const all: number[] = [];
      let total = 0;
      for (const [name, query] of QUERIES) {
        const token = name.includes('official') ? official.token : dispatcher.token;
        const url = `http://127.0.0.1:${port}/api/v1/reports?${query}`;
        const { latencies, seconds } = await drive(url, token);
        all.push(...latencies);
        total += latencies.length / seconds;
        table.push([
          name,
          (latencies.length / seconds).toFixed(0),
          median(latencies).toFixed(1),
          percentile(latencies, 0.99).toFixed(1),
        ]);
      }
      table.push([
        'all queries',
        (total / QUERIES.length).toFixed(0),
        median(all).toFixed(1),
        percentile(all, 0.99).toFixed(1),
      ]);
      await app.close();
      return {
        data: `${REPORTS.toLocaleString('en')} synthetic reports in a fresh seeded database`,
        table,
        notes: [
          `${CONCURRENCY} concurrent clients, ${SECONDS_PER_QUERY} s per query, real HTTP on`,
          'loopback with a bearer token; "all queries" gives the mean rate and pooled latencies.',
          'Figures swing with the machine: compare medians and runs on one machine.',
        ],
      };
    } finally {
      redis.disconnect();
      await db.drop();
    }
  },
};

async function drive(url: string, token: string) {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + SECONDS_PER_QUERY * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const begin = performance.now();
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** Reports spread over a year, every category, district and status, in one SQL statement. */
async function seedReports(prisma: Awaited<ReturnType<typeof createBenchDatabase>>['prisma']) {
  await prisma.$executeRaw`
    INSERT INTO "Resident" (channel, platform_user_id, chat_id, consent_at, consent_version)
    VALUES ('console', 'bench', 'bench', now(), 'bench')`;
  await prisma.$executeRaw`
    WITH categories AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Category"),
         districts AS (SELECT array_agg(id ORDER BY id) AS ids FROM "District"),
         offices AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Office"),
         resident AS (SELECT id FROM "Resident" WHERE platform_user_id = 'bench')
    INSERT INTO "Report" (resident_id, channel, status, category_id, description, latitude,
                          longitude, address, district_id, office_id, deadline_at, routed_at,
                          created_at, updated_at)
    SELECT resident.id, 'telegram',
           (ARRAY['routed','in_progress','answered','resolved','closed','rejected','reopened']
             ::"ReportStatus"[])[1 + i % 7],
           categories.ids[1 + i % array_length(categories.ids, 1)],
           CASE WHEN i % 5 = 0 THEN 'Глубокая яма на дороге у дома ' || i
                ELSE 'Переполнены мусорные баки во дворе, дом ' || i END,
           62.0 + (i % 100) * 0.0005, 129.7 + (i % 77) * 0.0005, 'ул. Ленина, ' || (i % 200),
           districts.ids[1 + i % array_length(districts.ids, 1)],
           offices.ids[1 + i % array_length(offices.ids, 1)],
           timestamp '2026-01-01' + (i * interval '5 minutes') + interval '8 days',
           timestamp '2026-01-01' + (i * interval '5 minutes'),
           timestamp '2026-01-01' + (i * interval '5 minutes'),
           timestamp '2026-01-01' + (i * interval '5 minutes')
    FROM generate_series(1, ${REPORTS}) AS i, categories, districts, offices, resident`;
  await prisma.$executeRaw`ANALYZE "Report"`;
}
