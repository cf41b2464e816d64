import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Tests share one Redis server and keep apart by key prefix: each test file takes its own
 * prefix and clears it when done.
 */

/** The Redis server tests run against, from TEST_REDIS_URL. */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A fresh key prefix, unique per call; all prefixes have the same length, so none is a
 * prefix of another. */
export function testRedisPrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/** Deletes every key that starts with `prefix`; returns how many it deleted. */
export async function clearRedisPrefix(prefix: string): Promise<number> {
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${escapeGlob(prefix)}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    await redis.quit();
  }
}

// SCAN's MATCH is a glob; a prefix is matched literally.
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
