import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import type { PrismaClient } from '../../core/db/client.ts';

const CHECK_TIMEOUT_MS = 2_000;

/** Liveness (the process answers) and readiness (its database and Redis answer too). */
export const healthRoutes: FastifyPluginAsync<{ prisma: PrismaClient; redis: Redis }> = async (
  app,
  { prisma, redis },
) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const [database, cache] = await Promise.all([
      probe(() => prisma.$queryRaw`SELECT 1`),
      probe(() => redis.ping()),
    ]);
    const ready = database && cache;
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'unavailable',
      database: database ? 'up' : 'down',
      redis: cache ? 'up' : 'down',
    });
  });
};

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
