import type { RedisOptions } from 'ioredis';

/**
 * Connection options for BullMQ from a redis:// URL. Handing BullMQ options rather than a
 * client lets every queue and worker own (and close) its connections, so a shutdown never
 * fails a command another one still has in flight.
 */
export function redisOptions(url: string, overrides: RedisOptions = {}): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    ...overrides,
  };
}
