import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { SeedData } from './seed-schemas.ts';
import {
  articlesFileSchema,
  categoriesFileSchema,
  categoryRoutesFileSchema,
  districtsFileSchema,
  type HeldOutQuestion,
  heldOutQuestionsFileSchema,
  officesFileSchema,
} from './seed-schemas.ts';

/** The files a seed directory holds; a city replaces them to seed its own data. */
export const SEED_FILES = {
  districts: 'districts.geojson',
  offices: 'offices.json',
  categories: 'categories.json',
  routes: 'category-routes.json',
  articles: 'helpdesk/articles.json',
  heldOutQuestions: 'helpdesk/heldout-questions.json',
} as const;

/** Raised when a seed file is missing, malformed or inconsistent; the message names the item. */
export class SeedError extends Error {
  override name = 'SeedError';
  readonly code = 'invalid_seed';
}

/** Reads, validates and cross-checks every file of a seed directory. */
export async function readSeedData(seedDir: string): Promise<SeedData> {
  const districtsFile = await readSeedFile(seedDir, SEED_FILES.districts, districtsFileSchema);
  const data: SeedData = {
    districts: districtsFile.features.map(({ properties, geometry }) => ({
      ...properties,
      boundary: geometry,
    })),
    offices: await readSeedFile(seedDir, SEED_FILES.offices, officesFileSchema),
    categories: await readSeedFile(seedDir, SEED_FILES.categories, categoriesFileSchema),
    routes: await readSeedFile(seedDir, SEED_FILES.routes, categoryRoutesFileSchema),
    articles: await readSeedFile(seedDir, SEED_FILES.articles, articlesFileSchema),
  };
  checkReferences(seedDir, data);
  return data;
}

/**
 * The held-out questions that measure the help desk's search, each checked to name an article
 * of the seed. They are not written to the database.
 */
export async function readHeldOutQuestions(seedDir: string): Promise<HeldOutQuestion[]> {
  const articles = await readSeedFile(seedDir, SEED_FILES.articles, articlesFileSchema);
  const file = SEED_FILES.heldOutQuestions;
  const questions = await readSeedFile(seedDir, file, heldOutQuestionsFileSchema);
  const slugs = new Set(articles.map((article) => article.slug));
  questions.forEach((question, index) => {
    if (!slugs.has(question.slug)) {
      throw new SeedError(
        `${join(seedDir, file)}: item ${index + 1}: no article "${question.slug}"`,
      );
    }
  });
  return questions;
}

async function readSeedFile<Schema extends z.ZodType>(
  seedDir: string,
  file: string,
  schema: Schema,
): Promise<z.output<Schema>> {
  const path = join(seedDir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SeedError(`${path}: cannot read it as JSON: ${reason}`, { cause: error });
  }

  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = describeItem(raw, issue?.path ?? []);
  throw new SeedError(`${path}: ${where}${issue?.message ?? 'invalid'}`, { cause: result.error });
}

/** "item 3 (code "heating"): deadlineDays: " for an issue path like [2, 'deadlineDays']. */
function describeItem(raw: unknown, path: readonly PropertyKey[]): string {
  const inFeatures = path[0] === 'features';
  const items = inFeatures ? (raw as { features?: unknown }).features : raw;
  const index = inFeatures ? path[1] : path[0];
  if (typeof index !== 'number' || !Array.isArray(items)) {
    return path.length ? `${path.map(String).join('.')}: ` : '';
  }

  const item: unknown = items[index];
  const record = (inFeatures ? (item as { properties?: unknown })?.properties : item) as
    | { code?: unknown; slug?: unknown }
    | undefined;
  const named = itemName(record);
  const rest = path.slice(inFeatures ? 2 : 1).map(String);
  return `item ${index + 1}${named}: ${rest.length ? `${rest.join('.')}: ` : ''}`;
}

/** ` (code "heating")`, ` (slug "edinyj-nomer-112")`, or nothing when the item has neither. */
function itemName(record: { code?: unknown; slug?: unknown } | undefined): string {
  if (typeof record?.code === 'string') return ` (code "${record.code}")`;
  if (typeof record?.slug === 'string') return ` (slug "${record.slug}")`;
  return '';
}

function checkReferences(seedDir: string, data: SeedData): void {
  const fail = (file: string, message: string): never => {
    throw new SeedError(`${join(seedDir, file)}: ${message}`);
  };
  const districts = uniqueCodes(data.districts, (code) =>
    fail(SEED_FILES.districts, `district code "${code}" appears twice`),
  );
  const offices = uniqueCodes(data.offices, (code) =>
    fail(SEED_FILES.offices, `office code "${code}" appears twice`),
  );
  const categories = uniqueCodes(data.categories, (code) =>
    fail(SEED_FILES.categories, `category code "${code}" appears twice`),
  );
  uniqueCodes(
    data.articles.map(({ slug }) => ({ code: slug })),
    (slug) => fail(SEED_FILES.articles, `article slug "${slug}" appears twice`),
  );

  data.offices.forEach((office, index) => {
    if (office.districtCode !== undefined && !districts.has(office.districtCode)) {
      fail(
        SEED_FILES.offices,
        `item ${index + 1} (code "${office.code}"): no district "${office.districtCode}"`,
      );
    }
  });
  checkRoutes(data, { districts, offices, categories }, (message) =>
    fail(SEED_FILES.routes, message),
  );
}

function checkRoutes(
  data: SeedData,
  known: Record<'districts' | 'offices' | 'categories', Set<string>>,
  fail: (message: string) => never,
): void {
  const seen = new Set<string>();
  data.routes.forEach((route, index) => {
    const item = `item ${index + 1} (category "${route.category}")`;
    if (!known.categories.has(route.category)) fail(`${item}: no such category`);
    if (!known.offices.has(route.office)) fail(`${item}: no office "${route.office}"`);
    if (route.district !== null && !known.districts.has(route.district)) {
      fail(`${item}: no district "${route.district}"`);
    }
    const key = `${route.category}/${route.district ?? '*'}`;
    if (seen.has(key)) fail(`${item}: a second route for district ${route.district ?? 'null'}`);
    seen.add(key);
  });

  for (const category of known.categories) {
    if (!seen.has(`${category}/*`)) {
      fail(`category "${category}" has no city-wide route (a row with "district": null)`);
    }
  }
}

function uniqueCodes(items: { code: string }[], onDuplicate: (code: string) => never): Set<string> {
  const codes = new Set<string>();
  for (const { code } of items) {
    if (codes.has(code)) onDuplicate(code);
    codes.add(code);
  }
  return codes;
}
