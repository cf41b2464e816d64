import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, migrateDatabase } from '../../core/db/migrate.ts';
import {
  databaseUrl,
  dropDatabase,
  newTestDatabaseName,
  withServer,
} from '../support/postgres-server.ts';

const PROJECT_MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

let name: string;
let url: string;
let migrationsDir: string;
let projectMigrationNames: string[];

beforeEach(async () => {
  name = newTestDatabaseName();
  url = databaseUrl(name);
  // A copy, so that a test can edit or add migrations without touching the project's.
  migrationsDir = await mkdtemp(join(tmpdir(), 'oneclick-migrations-'));
  await cp(PROJECT_MIGRATIONS, migrationsDir, { recursive: true });
  const entries = await readdir(PROJECT_MIGRATIONS, { withFileTypes: true });
  projectMigrationNames = entries.filter((entry) => entry.isDirectory()).map((e) => e.name);
  projectMigrationNames.sort();
});

afterEach(async () => {
  await withServer((client) => dropDatabase(client, name));
  await rm(migrationsDir, { recursive: true, force: true });
});

async function query<Row extends pg.QueryResultRow>(sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  applied_steps_count: number;
}

const readRows = () =>
  query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

describe('when the database does not exist yet', () => {
  it('creates it and applies every migration in name order', async () => {
    const result = await migrateDatabase(url, { migrationsDir });

    expect(result.applied).toEqual(projectMigrationNames);
    const tables = await query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_tables WHERE tablename = 'Report'`,
    );
    expect(tables[0]?.count).toBe(1);
  });

  it('records each migration the way Prisma does', async () => {
    await migrateDatabase(url, { migrationsDir });

    const rows = await readRows();
    expect(rows.map((row) => row.migration_name)).toEqual(projectMigrationNames);
    for (const row of rows) {
      const script = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('creates _prisma_migrations with the columns Prisma creates', async () => {
    await migrateDatabase(url, { migrationsDir });

    const columns = await query<{ column: string }>(`
      SELECT column_name || ' ' || format_type(atttypid, atttypmod)
             || CASE WHEN attnotnull THEN ' not null' ELSE '' END AS column
        FROM pg_attribute JOIN information_schema.columns
          ON table_name = '_prisma_migrations' AND column_name = attname
       WHERE attrelid = '"_prisma_migrations"'::regclass AND attnum > 0
       ORDER BY attnum`);
    expect(columns.map((row) => row.column)).toEqual([
      'id character varying(36) not null',
      'checksum character varying(64) not null',
      'finished_at timestamp with time zone',
      'migration_name character varying(255) not null',
      'logs text',
      'rolled_back_at timestamp with time zone',
      'started_at timestamp with time zone not null',
      'applied_steps_count integer not null',
    ]);
  });
});

describe('when the database is already migrated', () => {
  it('applies nothing the second time', async () => {
    await migrateDatabase(url, { migrationsDir });

    const second = await migrateDatabase(url, { migrationsDir });

    expect(second.applied).toEqual([]);
    expect(await readRows()).toHaveLength(projectMigrationNames.length);
  });

  it('applies only a migration added since', async () => {
    await migrateDatabase(url, { migrationsDir });
    await addMigration('29990101000000_add_note', 'CREATE TABLE "Note" (id integer);');

    const later = await migrateDatabase(url, { migrationsDir });

    expect(later.applied).toEqual(['29990101000000_add_note']);
  });

  it('accepts a migration whose line endings git turned into CRLF', async () => {
    await migrateDatabase(url, { migrationsDir });
    const file = join(migrationsDir, firstMigration(), 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('\n', '\r\n'));

    await expect(migrateDatabase(url, { migrationsDir })).resolves.toEqual({ applied: [] });
  });
});

describe('when two processes migrate the same database at once', () => {
  it('applies each migration exactly once', async () => {
    const results = await Promise.all([
      migrateDatabase(url, { migrationsDir }),
      migrateDatabase(url, { migrationsDir }),
    ]);

    const applied = results.flatMap((result) => result.applied).sort();
    expect(applied).toEqual(projectMigrationNames);
    expect(await readRows()).toHaveLength(projectMigrationNames.length);
  });
});

describe('when an applied migration was edited afterwards', () => {
  it('refuses with one line naming the migration', async () => {
    await migrateDatabase(url, { migrationsDir });
    const migration = firstMigration();
    await appendFile(join(migrationsDir, migration, 'migration.sql'), '\n-- edited\n');

    const attempt = migrateDatabase(url, { migrationsDir });

    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      new RegExp(`^Migration ${migration} was changed[^\\n]*$`),
    );
  });
});

describe('when a migration failed in an earlier run', () => {
  it('refuses with one line naming the migration', async () => {
    await migrateDatabase(url, { migrationsDir });
    await query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name)
                 VALUES ('00000000-0000-4000-8000-000000000000', 'x', '29990101000000_half')`);

    const attempt = migrateDatabase(url, { migrationsDir });

    await expect(attempt).rejects.toThrow(/^Migration 29990101000000_half failed[^\n]*$/);
  });
});

describe('when a new migration fails', () => {
  it('rolls it back, records nothing and names it', async () => {
    await migrateDatabase(url, { migrationsDir });
    await addMigration(
      '29990101000000_broken',
      'CREATE TABLE "Broken" (id integer);\nSELECT 1 / 0;',
    );

    const attempt = migrateDatabase(url, { migrationsDir });

    await expect(attempt).rejects.toThrow(/^Migration 29990101000000_broken failed[^\n]*zero/);
    expect(await query(`SELECT 1 FROM pg_tables WHERE tablename = 'Broken'`)).toEqual([]);
    expect(await readRows()).toHaveLength(projectMigrationNames.length);
  });
});

function firstMigration(): string {
  const first = projectMigrationNames[0];
  if (first === undefined) throw new Error('prisma/migrations holds no migration');
  return first;
}

async function addMigration(migration: string, script: string): Promise<void> {
  await mkdir(join(migrationsDir, migration));
  await writeFile(join(migrationsDir, migration, 'migration.sql'), script);
}
