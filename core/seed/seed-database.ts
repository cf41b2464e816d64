import { fileURLToPath } from 'node:url';
import type { Db, Prisma, PrismaClient } from '../db/client.ts';
import { readSeedData } from './read-seed-data.ts';
import { upsertArticles } from './seed-articles.ts';
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
  /** The knowledge-base articles the seed ships (see seed/helpdesk/README.md). */
  articles: number;
}

type CodeIds = Map<string, number>;

/**
 * `replace` makes the database match the files (a city reloading its data on purpose);
 * `fill` only adds what is missing, so what admins changed over the API survives the seeding
 * every start does (`npm start`, the container).
 */
export type SeedMode = 'replace' | 'fill';

/**
 * Loads a city's districts, offices, categories, category routes and the help desk's
 * knowledge base (upserted by slug, see upsertArticles) into the database.
 * Idempotent: rows are upserted by code, and each seeded category's routes are made to match
 * the file (missing ones created, changed ones updated, extra ones deleted), so seeding twice
 * changes nothing. Rows the files no longer name are left alone, since reports may point at
 * them. Everything is validated first (SeedError names the file and the item) and written in
 * one transaction.
 */
export async function seedDatabase(
  prisma: PrismaClient,
  seedDir: string = DEFAULT_SEED_DIR,
  mode: SeedMode = 'replace',
): Promise<SeedSummary> {
  const data = await readSeedData(seedDir);
  await prisma.$transaction((tx) => writeSeedData(tx, data, mode), { timeout: 60_000 });
  return {
    districts: data.districts.length,
    offices: data.offices.length,
    categories: data.categories.length,
    routes: data.routes.length,
    articles: data.articles.length,
  };
}

async function writeSeedData(db: Db, data: SeedData, mode: SeedMode): Promise<void> {
  const fresh = new Set<string>();
  const districtIds = await upsertDistricts(db, data, mode);
  const officeIds = await upsertOffices(db, data, districtIds, mode);
  const categoryIds = await upsertCategories(db, data, mode, fresh);

  for (const [category, categoryId] of categoryIds) {
    // Filling gives routes to new categories only: the others' are the admins' to keep.
    if (mode === 'fill' && !fresh.has(category)) continue;
    const wanted = data.routes.filter((route) => route.category === category);
    await replaceRoutes(db, categoryId, wanted, { districtIds, officeIds });
  }
  await upsertArticles(db, data.articles, mode);
}

async function upsertDistricts(db: Db, data: SeedData, mode: SeedMode): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (const { code, name, approximate, boundary } of data.districts) {
    const fields = { name, approximate, boundary: boundary as Prisma.InputJsonObject };
    const row = await db.district.upsert({
      where: { code },
      create: { code, ...fields },
      update: mode === 'replace' ? fields : {},
    });
    ids.set(code, row.id);
  }
  return ids;
}

async function upsertOffices(
  db: Db,
  data: SeedData,
  districtIds: CodeIds,
  mode: SeedMode,
): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (const { code, name, kind, districtCode } of data.offices) {
    const districtId = districtCode === undefined ? null : idOf(districtIds, districtCode);
    const fields = { name, kind, districtId };
    const row = await db.office.upsert({
      where: { code },
      create: { code, ...fields },
      update: mode === 'replace' ? fields : {},
    });
    ids.set(code, row.id);
  }
  return ids;
}

async function upsertCategories(
  db: Db,
  data: SeedData,
  mode: SeedMode,
  fresh: Set<string>,
): Promise<CodeIds> {
  const ids: CodeIds = new Map();
  for (const { code, ...fields } of data.categories) {
    const before = await db.category.findUnique({ where: { code }, select: { id: true } });
    if (!before) fresh.add(code);
    const row = await db.category.upsert({
      where: { code },
      create: { code, ...fields },
      update: mode === 'replace' ? fields : {},
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
