import { Queue, type Worker } from 'bullmq';
import {
  type BroadcastWorkerOptions,
  type BroadcastWorkers,
  startBroadcastWorkers,
} from '../broadcast/workers.ts';
import type { PrismaClient } from '../db/client.ts';
import type { Senders } from '../delivery/senders.ts';
import type { Logger } from '../logger.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { PhotoSources } from '../media/photo-sources.ts';
import type { DeadlineCalendar } from '../routing/route-report.ts';
import { redisOptions } from './connection.ts';
import { startDeliveryWorker } from './delivery-worker.ts';
import { type MaintenanceJobs, startMaintenance } from './maintenance.ts';
import { startMediaWorker } from './media-worker.ts';
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
  /** How the delivery worker reaches each platform. */
  senders: Senders;
  runWorkers: boolean;
  sweepEveryMs?: number;
  /** How often deadlines and follow-ups are swept (maintenance.ts has the default). */
  deadlineSweepEveryMs?: number;
  /** How long before its deadline an office is reminded (deadline-sweep.ts has the default). */
  reminderLeadMs?: number;
  /** Where report photos are copied and how each channel's are fetched; unset: not copied. */
  media?: { store: MediaStore; sources: PhotoSources };
  /**
   * How broadcasts reach each platform: senders that throw a rate limit rather than wait it
   * out (bots/telegram/broadcast-sender.ts); unset: the delivery senders, which still work but
   * wait out each 429 inside its job.
   */
  broadcastSenders?: Senders;
  /** Broadcast pacing and recovery (core/broadcast/workers.ts has the defaults). */
  broadcast?: BroadcastWorkerOptions;
}): Promise<JobsRuntime> {
  const { prefix, prisma, log } = options;
  const producer = redisOptions(options.redisUrl, { maxRetriesPerRequest: 1 });
  const queues = new Map<string, Queue>(
    [QUEUES.routing, QUEUES.delivery, QUEUES.media, QUEUES.broadcast].map((name) => {
      const queue = new Queue(name, {
        connection: producer,
        prefix,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: 1_000,
          removeOnFail: 5_000,
        },
      });
      queue.on('error', (err) => log.debug({ queue: name, err: err.message }, 'queue error'));
      return [name, queue];
    }),
  );
  const relay = startOutboxRelay({
    prisma,
    log,
    queues: (name) => queues.get(name),
    ...(options.sweepEveryMs ? { sweepEveryMs: options.sweepEveryMs } : {}),
  });

  let workers: Worker[] = [];
  let maintenance: MaintenanceJobs | undefined;
  let broadcasts: BroadcastWorkers | undefined;
  if (options.runWorkers) {
    // Workers block on their connections, which therefore must never give up a command.
    const consumer = redisOptions(options.redisUrl, { maxRetriesPerRequest: null });
    const base = { connection: consumer, prefix, prisma, log };
    workers = [
      startRoutingWorker({ ...base, calendar: options.calendar, onJobsQueued: relay.kick }),
      startDeliveryWorker({ ...base, senders: options.senders, onJobsQueued: relay.kick }),
      ...(options.media ? [startMediaWorker({ ...base, ...options.media })] : []),
    ];
    broadcasts = await startBroadcastWorkers({
      prefix,
      prisma,
      log,
      producer,
      consumer,
      senders: options.broadcastSenders ?? options.senders,
      ...options.broadcast,
    });
    maintenance = await startMaintenance({
      ...base,
      sweeps: {
        calendar: options.calendar,
        onJobsQueued: relay.kick,
        ...(options.deadlineSweepEveryMs ? { everyMs: options.deadlineSweepEveryMs } : {}),
        ...(options.reminderLeadMs !== undefined ? { reminderLeadMs: options.reminderLeadMs } : {}),
      },
    });
  }
  relay.kick();

  return {
    relay,
    async close() {
      // Workers first: a job finishing now may still hand work to the relay.
      await Promise.all([...workers.map((worker) => worker.close()), broadcasts?.close()]);
      await maintenance?.close();
      await relay.stop();
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
