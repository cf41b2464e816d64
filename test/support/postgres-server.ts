import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server tests run against, and the names of the databases they make there.
 * Every database a test run creates is named `oneclick_test_<time>_<random>` or
 * `oneclick_template_<kind>_<hash>_<time>`, so a later run can tell its age and clean up what a
 * crashed run left behind.
 */

export const TEST_DATABASE_PREFIX = 'oneclick_test_';
export const TEMPLATE_DATABASE_PREFIX = 'oneclick_template_';

/** The server URL without a database, from TEST_DATABASE_SERVER_URL. */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';
}

/** The URL of one database on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, unique name for a test database. */
export function newTestDatabaseName(): string {
  return `${TEST_DATABASE_PREFIX}${timeStamp()}_${randomBytes(5).toString('hex')}`;
}

/** Current time in seconds, base 36: short enough for PostgreSQL's 63-byte names. */
export function timeStamp(now = Date.now()): string {
  return Math.floor(now / 1000).toString(36);
}

/** When a database of ours was created, read from its name; undefined for foreign names. */
export function createdAt(name: string): Date | undefined {
  if (!name.startsWith(TEST_DATABASE_PREFIX) && !name.startsWith(TEMPLATE_DATABASE_PREFIX)) {
    return undefined;
  }
  const stamp = name.startsWith(TEST_DATABASE_PREFIX)
    ? name.slice(TEST_DATABASE_PREFIX.length).split('_')[0]
    : name.split('_').at(-1);
  const seconds = Number.parseInt(stamp ?? '', 36);
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

/** Runs `work` with a connection to the server's `postgres` maintenance database. */
export async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a database even if connections are left open (PostgreSQL 13+). */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}

/** Copies a template database; nobody may be connected to the template meanwhile. */
export async function copyDatabase(client: pg.Client, template: string, name: string) {
  await client.query(
    `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`,
  );
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
