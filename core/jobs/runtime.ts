import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { DeadlineCalendar } from '../routing/route-report.ts';
import { type MaintenanceJobs, startMaintenance } from './maintenance.ts';
import { type OutboxRelay, startOutboxRelay } from './outbox.ts';
import { QUEUES } from './queues.ts';
import { startRoutingWorker } from './routing-worker.ts';

export interface JobsRuntime {
  relay: OutboxRelay;
  close(): Promise<void>;
}

/**
 * The job side of a process. Every process relays the outbox rows it writes (and sweeps for
 * rows others left); a process with the worker role also runs the workers.
 */
export async function startJobs(options: {
  redisUrl: string;
  prefix: string;
  prisma: PrismaClient;
  log: Logger;
  calendar: DeadlineCalendar;
  runWorkers: boolean;
  sweepEveryMs?: number;
}): Promise<JobsRuntime> {
  const { prefix, prisma, log } = options;
  const producer = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  producer.on('error', (err) => log.debug({ err: err.message }, 'Redis (producer) error'));
  const routing = new Queue(QUEUES.routing, {
    connection: producer,
    prefix,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: 1_000,
      removeOnFail: 5_000,
    },
  });
  routing.on('error', (err) => log.debug({ err: err.message }, 'routing queue error'));
  const queues = new Map<string, Queue>([[QUEUES.routing, routing]]);
  const relay = startOutboxRelay({
    prisma,
    log,
    queues: (name) => queues.get(name),
    ...(options.sweepEveryMs ? { sweepEveryMs: options.sweepEveryMs } : {}),
  });

  let workers: Worker[] = [];
  let maintenance: MaintenanceJobs | undefined;
  // Workers block on their connection, which therefore must never give up a command.
  const consumer = options.runWorkers
    ? new Redis(options.redisUrl, { maxRetriesPerRequest: null })
    : undefined;
  if (consumer) {
    consumer.on('error', (err) => log.debug({ err: err.message }, 'Redis (worker) error'));
    workers = [
      startRoutingWorker({ connection: consumer, prefix, prisma, log, calendar: options.calendar }),
    ];
    maintenance = await startMaintenance({ connection: consumer, prefix, prisma, log });
  }
  relay.kick();

  return {
    relay,
    async close() {
      await relay.stop();
      await Promise.all(workers.map((worker) => worker.close()));
      await maintenance?.close();
      await routing.close();
      producer.disconnect();
      consumer?.disconnect();
    },
  };
}
