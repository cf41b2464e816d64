import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyPluginAsync } from 'fastify';
import type { PrismaClient } from '../../core/db/client.ts';
import { redisOptions } from '../../core/jobs/connection.ts';
import { QUEUES } from '../../core/jobs/queues.ts';
import {
  cookieValue,
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  type DashboardSessions,
} from './session.ts';

export interface QueueDashboardOptions {
  redisUrl: string;
  /** REDIS_PREFIX: the dashboard shows this deployment's queues only. (Not `prefix`, which
   * Fastify would take as the routes' prefix.) */
  keyPrefix: string;
  prisma: PrismaClient;
  sessions: DashboardSessions;
}

/**
 * The BullMQ dashboard at /admin/queues, read-only, for admins holding a dashboard session
 * (POST /api/v1/dashboard-session). Its queues are opened here and closed with the server.
 */
export const queueDashboard: FastifyPluginAsync<QueueDashboardOptions> = async (app, options) => {
  const connection = redisOptions(options.redisUrl, { maxRetriesPerRequest: 1 });
  const queues = Object.values(QUEUES).map(
    (name) => new Queue(name, { connection, prefix: options.keyPrefix }),
  );
  for (const queue of queues) queue.on('error', () => undefined);
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });

  app.addHook('onRequest', async (request, reply) => {
    // Viewing only: nothing here changes a queue, whatever the board's own API offers.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply.status(405).send({ error: 'read_only', message: 'The dashboard is read-only' });
    }
    const value = cookieValue(request.headers.cookie, DASHBOARD_COOKIE);
    const session = value ? options.sessions.verify(value, new Date()) : null;
    if (!session || !(await stillAdmin(options.prisma, session.tokenId))) {
      return reply.status(401).send({
        error: 'unauthorized',
        message: 'Open a session first: POST /api/v1/dashboard-session with an admin token',
      });
    }
  });

  const board = new FastifyAdapter();
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: board,
  });
  board.setBasePath(DASHBOARD_PATH);
  await app.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
};

/** A session ends with its token: a revoked or expired admin token opens nothing. */
async function stillAdmin(prisma: PrismaClient, tokenId: number): Promise<boolean> {
  const token = await prisma.apiToken.findUnique({
    where: { id: tokenId },
    select: { role: true, revokedAt: true, expiresAt: true },
  });
  const now = new Date();
  return (
    token?.role === 'admin' &&
    token.revokedAt === null &&
    (token.expiresAt === null || token.expiresAt > now)
  );
}
