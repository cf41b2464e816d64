import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../core/db/client.ts';
import { loadDistrictLocator } from '../../core/geo/load-district-locator.ts';
import { DEFAULT_SEED_DIR, SeedError, seedDatabase } from '../../core/seed/seed-database.ts';
import type { TestDatabase } from '../support/database.ts';
import { createEmptyDatabase, createTestDatabase } from '../support/database.ts';

async function snapshot(prisma: PrismaClient) {
  return {
    districts: await prisma.district.findMany({ orderBy: { id: 'asc' } }),
    offices: await prisma.office.findMany({ orderBy: { id: 'asc' } }),
    categories: await prisma.category.findMany({ orderBy: { id: 'asc' } }),
    routes: await prisma.categoryRoute.findMany({ orderBy: { id: 'asc' } }),
  };
}

/** A copy of seed/ that a test may edit; `edit` rewrites one JSON file. */
async function seedCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'oneclick-seed-'));
  await cp(DEFAULT_SEED_DIR, dir, { recursive: true });
  return {
    dir,
    async edit<T>(file: string, change: (data: T) => T): Promise<void> {
      const data = JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
      await writeFile(join(dir, file), JSON.stringify(change(data)));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

type OfficeRow = { code: string; name: string; kind: string; districtCode?: string };
type RouteRow = { category: string; district: string | null; office: string };

describe('when the city in seed/ is loaded', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('holds the eight okrugs, the twelve categories and the dispatcher', async () => {
    const { prisma } = database;
    expect(await prisma.district.count()).toBe(8);
    expect(await prisma.category.count()).toBe(12);
    const dispatcher = await prisma.office.findUnique({ where: { code: 'dispatcher' } });
    expect(dispatcher?.kind).toBe('dispatcher');
  });

  it('gives every category a city-wide route', async () => {
    const categories = await database.prisma.category.findMany({ include: { routes: true } });
    for (const category of categories) {
      expect(category.routes.filter((route) => route.districtId === null)).toHaveLength(1);
    }
  });

  it('gives every district its administration', async () => {
    const districts = await database.prisma.district.findMany({ include: { offices: true } });
    for (const district of districts) {
      expect(district.offices.filter((office) => office.kind === 'district')).toHaveLength(1);
    }
  });

  it('sends "other" to the dispatcher', async () => {
    const route = await database.prisma.categoryRoute.findFirst({
      where: { category: { code: 'other' }, districtId: null },
      include: { office: true },
    });
    expect(route?.office.code).toBe('dispatcher');
  });

  it('marks heating, water and unsafe buildings urgent with a one-day deadline', async () => {
    const urgent = await database.prisma.category.findMany({
      where: { urgent: true },
      orderBy: { code: 'asc' },
    });
    expect(urgent.map((category) => [category.code, category.deadlineDays])).toEqual([
      ['heating', 1],
      ['unsafe_buildings', 1],
      ['water', 1],
    ]);
  });

  it('stores boundaries the district locator accepts', async () => {
    const locator = await loadDistrictLocator(database.prisma);
    expect(locator.locate({ latitude: 62.027, longitude: 129.732 })?.code).toBe('tsentralny');
    expect(locator.locate({ latitude: 55.7558, longitude: 37.6173 })).toBeNull();
  });

  it('changes nothing when seeded again', async () => {
    const before = await snapshot(database.prisma);
    await seedDatabase(database.prisma);
    expect(await snapshot(database.prisma)).toEqual(before);
  });
});

describe('when an empty database is seeded', () => {
  it('writes every row the files hold and says how many', async () => {
    const database = await createEmptyDatabase();
    try {
      const summary = await seedDatabase(database.prisma);
      expect(summary).toEqual({
        districts: await database.prisma.district.count(),
        offices: await database.prisma.office.count(),
        categories: await database.prisma.category.count(),
        routes: await database.prisma.categoryRoute.count(),
        articles: await database.prisma.article.count(),
      });
      expect(summary.districts).toBe(8);
    } finally {
      await database.drop();
    }
  });
});

describe('when the seed files change', () => {
  let database: TestDatabase;
  let seed: Awaited<ReturnType<typeof seedCopy>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    seed = await seedCopy();
  });
  afterAll(async () => {
    await database.drop();
    await seed.remove();
  });

  it('renames offices, reroutes categories and drops routes no longer listed', async () => {
    await seed.edit<OfficeRow[]>('offices.json', (offices) =>
      offices.map((office) =>
        office.code === 'animals' ? { ...office, name: 'Служба отлова животных' } : office,
      ),
    );
    await seed.edit<RouteRow[]>('category-routes.json', (routes) =>
      routes
        .filter((route) => !(route.category === 'yards' && route.district === 'gubinsky'))
        .map((route) =>
          route.category === 'lighting' ? { ...route, office: 'roads-transport' } : route,
        ),
    );

    await seedDatabase(database.prisma, seed.dir);

    const office = await database.prisma.office.findUnique({ where: { code: 'animals' } });
    expect(office?.name).toBe('Служба отлова животных');
    const lighting = await database.prisma.categoryRoute.findMany({
      where: { category: { code: 'lighting' } },
      include: { office: true },
    });
    expect(lighting.map((route) => route.office.code)).toEqual(['roads-transport']);
    const yards = await database.prisma.categoryRoute.findMany({
      where: { category: { code: 'yards' } },
      include: { district: true },
    });
    expect(yards.map((route) => route.district?.code ?? null)).not.toContain('gubinsky');
    expect(yards).toHaveLength(8);
  });
});

describe('when a seed file is wrong', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database.drop());

  const cases: Array<
    [string, (seed: Awaited<ReturnType<typeof seedCopy>>) => Promise<void>, RegExp]
  > = [
    [
      'a category with a zero deadline',
      (seed) =>
        seed.edit<Array<{ code: string; deadlineDays: number }>>('categories.json', (rows) =>
          rows.map((row) => (row.code === 'water' ? { ...row, deadlineDays: 0 } : row)),
        ),
      /categories\.json: item 7 \(code "water"\): deadlineDays:/,
    ],
    [
      'a route to an office that does not exist',
      (seed) =>
        seed.edit<RouteRow[]>('category-routes.json', (rows) => [
          ...rows,
          { category: 'roads', district: 'gubinsky', office: 'nobody' },
        ]),
      /category-routes\.json: item \d+ \(category "roads"\): no office "nobody"/,
    ],
    [
      'a district office with no district',
      (seed) =>
        seed.edit<OfficeRow[]>('offices.json', (rows) =>
          rows.map(({ districtCode: _dropped, ...row }) => row),
        ),
      /offices\.json: item 7 \(code "uprava-avtodorozhny"\): districtCode:/,
    ],
    [
      'a boundary ring left open',
      (seed) =>
        seed.edit<{ features: Array<{ geometry: { coordinates: number[][][] } }> }>(
          'districts.geojson',
          (collection) => {
            collection.features[0]?.geometry.coordinates[0]?.pop();
            return collection;
          },
        ),
      /districts\.geojson: item 1 \(code "avtodorozhny"\): geometry\.coordinates\.0: .*closed/,
    ],
  ];

  it.each(cases)(
    'refuses %s, naming the file and the item, and writes nothing',
    async (_name, breakIt, message) => {
      const seed = await seedCopy();
      try {
        await breakIt(seed);
        const attempt = seedDatabase(database.prisma, seed.dir);
        await expect(attempt).rejects.toThrow(SeedError);
        await expect(seedDatabase(database.prisma, seed.dir)).rejects.toThrow(message);
        expect(await database.prisma.district.count()).toBe(0);
      } finally {
        await seed.remove();
      }
    },
  );
});
