import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPrismaClient } from '../../core/db/client.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { seedDatabase } from '../../core/seed/seed-database.ts';
import {
  copyDatabase,
  createdAt,
  databaseUrl,
  dropDatabase,
  newTestDatabaseName,
  quoteIdentifier,
  TEMPLATE_DATABASE_PREFIX,
  TEST_DATABASE_PREFIX,
  timeStamp,
  withServer,
} from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    emptyTemplateDatabase: string;
    seededTemplateDatabase: string;
  }
}

/**
 * Builds, once per change of the migrations or the seed, two template databases: one migrated,
 * one migrated and seeded. Each test file then copies one (CREATE DATABASE ... TEMPLATE), which
 * takes a fraction of a second instead of migrating and seeding again.
 */
export default async function setup(project: TestProject): Promise<void> {
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  const migrationsHash = await hashFiles(root, ['prisma/migrations']);
  const seedHash = await hashFiles(root, ['prisma/migrations', 'seed', 'core/seed']);

  await withServer(async (client) => {
    // Two test runs at once must not build the same template twice.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['oneclick test templates']);
    await dropStaleDatabases(client, [migrationsHash, seedHash]);
    const empty = await ensureTemplate(client, `empty_${migrationsHash}`, buildEmpty);
    const seeded = await ensureTemplate(client, `seeded_${seedHash}`, (c, name) =>
      buildSeeded(c, name, empty),
    );
    project.provide('emptyTemplateDatabase', empty);
    project.provide('seededTemplateDatabase', seeded);
  });
}

// Test databases a crashed run left, and templates no checkout has asked for in a while.
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

async function dropStaleDatabases(client: pg.Client, currentHashes: string[]): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR starts_with(datname, $2)',
    [TEST_DATABASE_PREFIX, TEMPLATE_DATABASE_PREFIX],
  );
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const { datname } of rows) {
    const current = currentHashes.some((hash) => datname.includes(`_${hash}_`));
    const created = createdAt(datname);
    if (!current && created !== undefined && created.getTime() < cutoff) {
      await dropDatabase(client, datname);
    }
  }
}

type Build = (client: pg.Client, name: string) => Promise<void>;

/** Returns the template named by `key`, building it first if it does not exist yet. */
async function ensureTemplate(client: pg.Client, key: string, build: Build): Promise<string> {
  const prefix = `${TEMPLATE_DATABASE_PREFIX}${key}_`;
  const { rows } = await client.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname LIMIT 1',
    [prefix],
  );
  const existing = rows[0]?.datname;
  if (existing !== undefined) return existing;

  // Built under a throwaway name and renamed when complete, so a run that dies halfway leaves
  // no half-built template behind under the real name (the stale sweep removes the rest).
  const building = newTestDatabaseName();
  const template = `${prefix}${timeStamp()}`;
  await build(client, building);
  await closeConnections(client, building);
  await client.query(
    `ALTER DATABASE ${quoteIdentifier(building)} RENAME TO ${quoteIdentifier(template)}`,
  );
  return template;
}

async function buildEmpty(_client: pg.Client, name: string): Promise<void> {
  await migrateDatabase(databaseUrl(name));
}

async function buildSeeded(client: pg.Client, name: string, empty: string): Promise<void> {
  await copyDatabase(client, empty, name);
  const prisma = createPrismaClient(databaseUrl(name));
  try {
    await seedDatabase(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

// A disconnected pool's sessions may still be closing; renaming needs them gone.
async function closeConnections(client: pg.Client, name: string): Promise<void> {
  await client.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { rowCount } = await client.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [
      name,
    ]);
    if (rowCount === 0) return;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** A short hash of every file under the given folders: their paths and their contents. */
async function hashFiles(root: string, folders: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    for (const file of await listFiles(join(root, folder))) {
      hash
        .update(relative(root, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

// LIMITATION: only the seed's own folders are hashed; a change in a module the seed imports
// (say, core/geo) keeps the old template until the seed files change too, or until someone
// drops the `oneclick_template_*` databases by hand.
async function listFiles(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
