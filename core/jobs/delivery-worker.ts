import { UnrecoverableError, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { PrismaClient } from '../db/client.ts';
import { deliver } from '../delivery/deliver.ts';
import type { Senders } from '../delivery/senders.ts';
import type { Logger } from '../logger.ts';
import { countJobOutcomes } from '../metrics.ts';
import { type DeliverPayload, JOBS, QUEUES } from './queues.ts';

/** Telegram allows about 30 messages a second per bot; we stay a little under it. */
const SENDS_PER_SECOND = 25;

/** Sends queued deliveries at or under the platforms' overall limits. */
export function startDeliveryWorker(options: {
  connection: RedisOptions;
  prefix: string;
  prisma: PrismaClient;
  senders: Senders;
  log: Logger;
  /** A refused office notice is passed on through the outbox; this relays it at once. */
  onJobsQueued?: () => void;
}): Worker {
  const { prisma, senders, log } = options;
  const worker = new Worker<DeliverPayload>(
    QUEUES.delivery,
    async (job) => {
      if (job.name !== JOBS.deliver) throw new UnrecoverableError(`Unknown job ${job.name}`);
      const deliveryId = Number(job.data.deliveryId);
      if (!Number.isInteger(deliveryId)) throw new UnrecoverableError('deliver needs a deliveryId');
      const outcome = await deliver(prisma, senders, deliveryId, options.onJobsQueued);
      log.info({ job: job.name, deliveryId, outcome }, 'delivery done');
      return outcome;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 8,
      limiter: { max: SENDS_PER_SECOND, duration: 1_000 },
    },
  );
  worker.on('failed', (job, err) =>
    log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'delivery failed'),
  );
  countJobOutcomes(worker);
  return worker;
}
