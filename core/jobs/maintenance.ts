import { Queue, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { pruneInbound } from '../conversation/inbox.ts';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';

export const MAINTENANCE_QUEUE = 'maintenance';
const PRUNE_INBOX = 'prune-inbox';
/** Telegram and VK give up redelivering within a day; two days leaves a margin. */
const INBOX_RETENTION_MS = 48 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface MaintenanceJobs {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

/**
 * Housekeeping on a BullMQ job scheduler: one schedule per deployment however many workers
 * run, so the inbox of processed updates is pruned hourly by exactly one of them.
 */
export async function startMaintenance(options: {
  connection: RedisOptions;
  prefix: string;
  prisma: PrismaClient;
  log: Logger;
  now?: () => Date;
}): Promise<MaintenanceJobs> {
  const { connection, prefix, prisma, log } = options;
  const now = options.now ?? (() => new Date());
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
  await queue.upsertJobScheduler(
    PRUNE_INBOX,
    { every: PRUNE_EVERY_MS },
    { name: PRUNE_INBOX, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );

  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name !== PRUNE_INBOX) return { skipped: job.name };
      const removed = await pruneInbound(prisma, new Date(now().getTime() - INBOX_RETENTION_MS));
      return { removed };
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('completed', (job, result) => log.debug({ job: job.name, result }, 'job done'));
  worker.on('failed', (job, err) => log.error({ job: job?.name, err }, 'job failed'));

  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
