import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase } from '../support/database.ts';
import { createdAt, newTestDatabaseName, withServer } from '../support/postgres-server.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';

async function databaseExists(name: string): Promise<boolean> {
  return withServer(async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  });
}

describe('when a test asks for a seeded database', () => {
  it('gets its own copy of the seeded city, which drop() removes', async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();

    expect(first.name).not.toBe(second.name);
    expect(await first.prisma.category.count()).toBeGreaterThan(0);
    await first.prisma.categoryRoute.deleteMany();
    expect(await second.prisma.categoryRoute.count()).toBeGreaterThan(0);

    await first.drop();
    await second.drop();
    await first.drop();
    expect(await databaseExists(first.name)).toBe(false);
  });
});

describe('when a test asks for an empty database', () => {
  it('gets the migrated tables with no rows', async () => {
    const database = await createEmptyDatabase();

    expect(await database.prisma.category.count()).toBe(0);
    expect(await database.prisma.report.count()).toBe(0);
    await database.drop();
  });
});

describe('when a database name is read back', () => {
  it('tells when the database was made, to the second', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;

    const made = createdAt(newTestDatabaseName());

    expect(made?.getTime()).toBeGreaterThanOrEqual(before);
    expect(createdAt('oneclick_template_empty_0123456789abcdef_tpiwed')).toBeInstanceOf(Date);
    expect(createdAt('someone_elses_database')).toBeUndefined();
  });
});

describe('when a test clears its Redis prefix', () => {
  const redis = new Redis(testRedisUrl());
  afterAll(() => redis.quit());

  it('deletes its own keys and no one else’s', async () => {
    const mine = testRedisPrefix();
    const theirs = testRedisPrefix();
    expect(mine).not.toBe(theirs);
    const keys = Array.from({ length: 1200 }, (_, i) => [`${mine}:key:${i}`, 'x']);
    await redis.mset(Object.fromEntries(keys));
    await redis.set(`${theirs}:key`, 'kept');

    const deleted = await clearRedisPrefix(mine);

    expect(deleted).toBe(1200);
    expect(await redis.keys(`${mine}*`)).toEqual([]);
    expect(await redis.get(`${theirs}:key`)).toBe('kept');
    await clearRedisPrefix(theirs);
  });
});
