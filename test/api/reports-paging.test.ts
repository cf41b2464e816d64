import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let api: AdminApi;
const REPORTS = 3000;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  await db.prisma.$executeRaw`
    INSERT INTO "Resident" (channel, platform_user_id, chat_id, consent_at, consent_version)
    VALUES ('console', 'paging', 'paging', now(), 'test')`;
  // Reports over a month, every category, district, office and several statuses; some filed
  // at the same second, so the cursor's tie-break on id matters.
  await db.prisma.$executeRaw`
    WITH categories AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Category"),
         districts AS (SELECT array_agg(id ORDER BY id) AS ids FROM "District"),
         offices AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Office"),
         resident AS (SELECT id FROM "Resident" WHERE platform_user_id = 'paging')
    INSERT INTO "Report" (resident_id, channel, status, category_id, description, district_id,
                          office_id, deadline_at, created_at, updated_at)
    SELECT resident.id, 'telegram',
           (ARRAY['routed','in_progress','answered','resolved','closed','reopened']
             ::"ReportStatus"[])[1 + i % 6],
           categories.ids[1 + i % array_length(categories.ids, 1)],
           CASE WHEN i % 4 = 0 THEN 'Яма на дороге ' || i ELSE 'Мусор во дворе ' || i END,
           districts.ids[1 + i % array_length(districts.ids, 1)],
           offices.ids[1 + i % array_length(offices.ids, 1)],
           timestamp '2026-11-01' + ((i / 3) * interval '10 minutes') + interval '5 days',
           timestamp '2026-11-01' + ((i / 3) * interval '10 minutes'),
           timestamp '2026-11-01' + ((i / 3) * interval '10 minutes')
    FROM generate_series(1, ${REPORTS}) AS i, categories, districts, offices, resident`;
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

/** Walks every page of a query and returns the report numbers in the order served. */
async function walk(token: string, query: string): Promise<number[]> {
  const numbers: number[] = [];
  let cursor: string | null = null;
  do {
    const url = `/api/v1/reports?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const answer = await api.get(token, url);
    expect(answer.statusCode).toBe(200);
    const page: { reports: Array<{ number: number }>; nextCursor: string | null } = answer.json();
    numbers.push(...page.reports.map((report) => report.number));
    cursor = page.nextCursor;
  } while (cursor);
  return numbers;
}

async function countWhere(sql: string): Promise<number> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM "Report" r WHERE ${sql}`,
  );
  return rows[0]?.n ?? -1;
}

describe('paging through a few thousand reports', () => {
  it('serves every report exactly once, newest first', async () => {
    const dispatcher = await api.token('dispatcher');
    const numbers = await walk(
      dispatcher,
      'status=routed,in_progress,answered,resolved,closed,reopened',
    );
    expect(numbers).toHaveLength(REPORTS);
    expect(new Set(numbers).size).toBe(REPORTS);
  });

  it('matches the database on each filter and their combinations', async () => {
    const dispatcher = await api.token('dispatcher');
    const roads = await db.prisma.category.findUniqueOrThrow({ where: { code: 'roads' } });
    const district = await db.prisma.district.findFirstOrThrow({ where: { code: 'saysarsky' } });
    const cases: Array<[string, string]> = [
      ['category=roads', `r.category_id = ${roads.id}`],
      ['status=reopened', `r.status = 'reopened'`],
      [
        `districtId=${district.id}&status=routed,answered`,
        `r.district_id = ${district.id} AND r.status IN ('routed','answered')`,
      ],
      [
        'createdFrom=2026-11-03T00:00:00Z&createdTo=2026-11-05T00:00:00Z',
        `r.created_at >= '2026-11-03' AND r.created_at < '2026-11-05'`,
      ],
      [`q=${encodeURIComponent('яма')}`, `r.description ILIKE '%яма%'`],
      [
        'overdue=true',
        `r.status IN ('routed','in_progress','answered','reopened') AND r.deadline_at < now()`,
      ],
    ];
    for (const [query, sql] of cases) {
      expect((await walk(dispatcher, query)).length, query).toBe(await countWhere(sql));
    }
  });

  it('gives an official their office’s reports only, all of them', async () => {
    const office = await db.prisma.office.findUniqueOrThrow({ where: { code: 'animals' } });
    const official = await api.token('official', 'animals');
    const numbers = await walk(official, '');
    expect(numbers.length).toBe(await countWhere(`r.office_id = ${office.id}`));
  });
});
