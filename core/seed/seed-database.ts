import { fileURLToPath } from 'node:url';
import type { Db, Prisma, PrismaClient } from '../db/client.ts';
import { readSeedData } from './read-seed-data.ts';
import type { CategoryRouteSeed, SeedData } from './seed-schemas.ts';

export { SeedError } from './read-seed-data.ts';

/** The repository's seed/ directory: the city the project ships with (Yakutsk). */
export const DEFAULT_SEED_DIR = fileURLToPath(new URL('../../seed/', import.meta.url));

/** How many rows of each kind the seed files hold. */
export interface SeedSummary {
  districts: number;
  offices: number;
  categories: number;
  routes: number;
}

type CodeIds = Map<string, number>;

/**
 * Loads a city's districts, offices, categories and category routes into the database.
 * Idempotent: rows are upserted by code, and each seeded category's routes are made to match
 * the file (missing ones created, changed ones updated, extra ones deleted), so seeding twice
 * changes nothing. Rows the files no longer name are left alone, since reports may point at
 * them. Everything is validated first (SeedError names the file and the item) and written in
 * one transaction.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  seedDir: string = DEFAULT_SEED_DIR,
): Promise<SeedSummary> {
  const data = await readSeedData(seedDir);
  await prisma.$transaction((tx) => writeSeedData(tx, data), { timeout: 60_000 });
  return {
    districts: data.districts.length,
    offices: data.offices.length,
    categories: data.categories.length,
    routes: data.routes.length,
  };
}

async function writeSeedData(db: Db, data: SeedData): Promise<void> {
  const districtIds = await upsertDistricts(db, data);
  const officeIds = await upsertOffices(db, data, districtIds);
  const categoryIds = await upsertCategories(db, data);

  for (const [category, categoryId] of categoryIds) {
    const wanted = data.routes.filter((route) => route.category === category);
    await replaceRoutes(db, categoryId, wanted, { districtIds, officeIds });
  }
}

async function upsertDistricts(db: Db, data: SeedData): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (const { code, name, approximate, boundary } of data.districts) {
    const fields = { name, approximate, boundary: boundary as Prisma.InputJsonObject };
    const row = await db.district.upsert({
      where: { code },
      create: { code, ...fields },
      update: fields,
    });
    ids.set(code, row.id);
  }
  return ids;
}

async function upsertOffices(db: Db, data: SeedData, districtIds: CodeIds): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (const { code, name, kind, districtCode } of data.offices) {
    const districtId = districtCode === undefined ? null : idOf(districtIds, districtCode);
    const fields = { name, kind, districtId };
    const row = await db.office.upsert({
      where: { code },
      create: { code, ...fields },
      update: fields,
    });
    ids.set(code, row.id);
  }
  return ids;
}

async function upsertCategories(db: Db, data: SeedData): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (const { code, ...fields } of data.categories) {
    const row = await db.category.upsert({
      where: { code },
      create: { code, ...fields },
      update: fields,
    });
    ids.set(code, row.id);
  }
  return ids;
}

async function replaceRoutes(
  db: Db,
  categoryId: number,
  wanted: CategoryRouteSeed[],
  ids: { districtIds: CodeIds; officeIds: CodeIds },
): Promise<void> {
  const existing = await db.categoryRoute.findMany({ where: { categoryId } });
  const kept = new Set<number>();

  for (const route of wanted) {
    const districtId = route.district === null ? null : idOf(ids.districtIds, route.district);
    const officeId = idOf(ids.officeIds, route.office);
    const current = existing.find((row) => row.districtId === districtId);
    if (current === undefined) {
      await db.categoryRoute.create({ data: { categoryId, districtId, officeId } });
      continue;
    }
    kept.add(current.id);
    if (current.officeId !== officeId) {
      await db.categoryRoute.update({ where: { id: current.id }, data: { officeId } });
    }
  }

  const extra = existing.filter((row) => !kept.has(row.id)).map((row) => row.id);
  if (extra.length > 0) await db.categoryRoute.deleteMany({ where: { id: { in: extra } } });
}

function idOf(ids: CodeIds, code: string): number {
  const id = ids.get(code);
  // readSeedData has checked every reference, so a miss is a bug here, not bad data.
  if (id === undefined) throw new Error(`seed: "${code}" was not written before it was used`);
  return id;
}
