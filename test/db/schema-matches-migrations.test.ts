import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../support/database.ts';
import { describeDatabase } from '../support/schema-from-database.ts';
import { describeSchemaFile } from '../support/schema-from-prisma.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

describe('when prisma/migrations are applied to an empty database', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  // Each line is one table, column, index, key or enum; a failure lists just the lines that
  // differ, which usually come in pairs: what schema.prisma asks for and what the database has.
  it('holds exactly the tables, columns, keys, indexes and enums of schema.prisma', async () => {
    const wanted = await describeSchemaFile(SCHEMA_FILE);
    const found = await describeDatabase(client);

    const difference = {
      inSchemaButNotInDatabase: wanted.filter((line) => !found.includes(line)),
      inDatabaseButNotInSchema: found.filter((line) => !wanted.includes(line)),
    };
    expect(difference).toEqual({ inSchemaButNotInDatabase: [], inDatabaseButNotInSchema: [] });
    expect(found.length).toBeGreaterThan(0);
  });

  it('records the applied migrations the way Prisma does', async () => {
    const { rows } = await client.query<{ unfinished: number; total: number }>(
      `SELECT count(*) FILTER (WHERE finished_at IS NULL)::int AS unfinished, count(*)::int AS total
         FROM "_prisma_migrations"`,
    );

    expect(rows[0]?.total).toBeGreaterThan(0);
    expect(rows[0]?.unfinished).toBe(0);
  });
});
