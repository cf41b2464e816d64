import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Applies Prisma's SQL migrations without Prisma's native schema engine, which cannot be
 * downloaded here. The bookkeeping is Prisma's own (`_prisma_migrations`, the same columns, the
 * same checksum, the same advisory lock), so `prisma migrate deploy` and this module can take
 * turns on one database.
 */

export interface MigrateOptions {
  /** Folder of `<name>/migration.sql` folders; defaults to the project's prisma/migrations. */
  migrationsDir?: string;
  /** Receives one line per applied migration. */
  log?: (line: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations this call applied, in order; empty when none was pending. */
  applied: string[];
}

/** Raised when the database cannot be migrated safely; the message is one line saying why. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Prisma's schema engine takes this session-level advisory lock around every migrate command.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const DEFAULT_MIGRATIONS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../prisma/migrations',
);

// The table exactly as Prisma's schema engine creates it on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`;

interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Creates the database if needed, then applies every pending migration in name order. */
export async function migrateDatabase(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  // Without a name, pg would fall back to the user's name and migrate that database instead.
  if (databaseName(databaseUrl) === '') {
    throw new MigrationError('The database URL names no database');
  }
  const migrations = await readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = await connectCreatingDatabase(databaseUrl);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const pending = planMigrations(migrations, await readAppliedRows(client));
    for (const migration of pending) {
      await applyMigration(client, migration);
      options.log?.(`Applied migration ${migration.name}`);
    }
    return { applied: pending.map((migration) => migration.name) };
  } finally {
    // Ending the session releases the advisory lock as well.
    await client.end();
  }
}

/** Prisma's checksum of a migration script: the SHA-256 of its bytes, as lowercase hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

// Git may turn LF into CRLF on checkout; Prisma accepts either form, and so do we.
function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const unix = script.replaceAll('\r\n', '\n');
  const windows = unix.replaceAll('\n', '\r\n');
  return [script, unix, windows].some((variant) => migrationChecksum(variant) === checksum);
}

async function readMigrations(migrationsDir: string): Promise<LocalMigration[]> {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError(`Migrations folder not found: ${migrationsDir}`);
  }
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(join(migrationsDir, name, 'migration.sql')))
    .sort();

  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}

/** Connects to the target database, creating it first if the server does not have it. */
async function connectCreatingDatabase(databaseUrl: string): Promise<pg.Client> {
  try {
    return await connect(databaseUrl);
  } catch (error) {
    if (errorCode((error as Error).cause) !== INVALID_CATALOG_NAME) throw error;
  }
  await createDatabase(databaseUrl);
  return connect(databaseUrl);
}

const INVALID_CATALOG_NAME = '3D000';

/** Creates the database through the server's `postgres` maintenance database. */
async function createDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = await connect(maintenance.toString());
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`).catch(ignoreAlreadyCreated);
  } finally {
    await client.end();
  }
}

// Two processes may both see the database missing; the loser's CREATE fails harmlessly with
// duplicate_database, or with unique_violation on the pg_database catalog.
function ignoreAlreadyCreated(error: unknown): void {
  const code = errorCode(error);
  if (code !== '42P04' && code !== '23505') throw error;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

async function readAppliedRows(client: pg.Client): Promise<AppliedRow[]> {
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return result.rows;
}

/** Returns the migrations still to apply, or refuses when the history cannot be trusted. */
function planMigrations(local: LocalMigration[], rows: AppliedRow[]): LocalMigration[] {
  // A rolled-back row is history Prisma ignores; the migration counts as not applied.
  const live = rows.filter((row) => row.rolled_back_at === null);

  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed in an earlier run (it never finished): repair ` +
        `the database, then run prisma migrate resolve --rolled-back ${failed.migration_name}`,
    );
  }

  const applied = new Map(live.map((row) => [row.migration_name, row.checksum]));
  for (const migration of local) {
    const checksum = applied.get(migration.name);
    if (checksum !== undefined && !scriptMatchesChecksum(migration.script, checksum)) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied (checksum differs); ` +
          'restore its migration.sql and put the change in a new migration',
      );
    }
  }
  return local.filter((migration) => !applied.has(migration.name));
}

// LIMITATION: each migration runs in one transaction, so a statement PostgreSQL refuses inside
// a transaction (CREATE INDEX CONCURRENTLY, using an enum value added by the same script) cannot
// be applied here, and a script's own BEGIN/COMMIT (Prisma writes one when it recreates an enum)
// ends ours early, leaving the rest of that file unprotected. A per-file opt-out of the wrapping
// transaction would lift both.
async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.script);
    await client.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new MigrationError(
      `Migration ${migration.name} failed and was rolled back: ${describeError(error)}`,
      { cause: error },
    );
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const { hostname, port, pathname } = new URL(url);
    throw new MigrationError(
      `Cannot connect to PostgreSQL database ${pathname.slice(1)} at ${hostname}:${port || 5432}` +
        ` (${describeError(error)})`,
      { cause: error },
    );
  }
}

// A refused connection to a name with several addresses is an AggregateError with an empty
// message; its code still says what happened.
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message.split('\n')[0] || errorCode(error) || error.name;
}

function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
