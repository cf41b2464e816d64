import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { PrismaClient } from '../db/client.ts';
import type { Senders } from '../delivery/senders.ts';
import { JOBS, QUEUES, type SendBroadcastPayload } from '../jobs/queues.ts';
import type { Logger } from '../logger.ts';
import { countJobOutcomes, metrics } from '../metrics.ts';
import { DEFAULT_CONCURRENCY, DEFAULT_RATES, type QueueRate } from './limits.ts';
import { createMessageCache } from './messages.ts';
import { resumeBroadcasts } from './resume.ts';
import { type SendContext, sendToRecipient } from './send.ts';
import { RateLimitedError } from './send-errors.ts';
import {
  BROADCAST_CHANNELS,
  type BroadcastChannel,
  dropQueuedSends,
  PLATFORM_QUEUES,
  type PlatformQueues,
  queueSends,
} from './send-jobs.ts';

const RESUME_EVERY_MS = 60_000;
/** A job that stalls this often (its worker died each time) fails, and the sweep takes over. */
const MAX_STALLED = 3;

/** How broadcasts are paced and recovered; every field has a default for production. */
export interface BroadcastWorkerOptions {
  rates?: Partial<Record<BroadcastChannel, QueueRate>>;
  /** Sends in flight per platform worker. */
  concurrency?: number;
  /** How long a running job's lock lasts unless renewed; a dead worker's jobs wait this long. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock ran out (their worker died). */
  stalledIntervalMs?: number;
  /** How often the resume sweep looks for broadcasts whose jobs Redis lost. */
  resumeEveryMs?: number;
}

export interface BroadcastWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

interface Base {
  prefix: string;
  prisma: PrismaClient;
  log: Logger;
}

/**
 * The broadcast side of a worker process: one worker that turns a published broadcast into
 * send jobs (and takes a cancelled one's back out, and runs the resume sweep), and one worker
 * per platform this process can send to, each held to its platform's rate across every process
 * by BullMQ's queue limiter. A platform without a sender here leaves its jobs waiting for a
 * process that has one.
 */
export async function startBroadcastWorkers(
  options: Base & {
    /** For queues: commands that may fail fast while Redis is away. */
    producer: RedisOptions;
    /** For workers: blocking connections that never give up a command. */
    consumer: RedisOptions;
    /** Broadcast senders: they throw a rate limit instead of waiting it out. */
    senders: Senders;
  } & BroadcastWorkerOptions,
): Promise<BroadcastWorkers> {
  const { prefix, prisma, log, senders } = options;
  const queues = Object.fromEntries(
    Object.entries(PLATFORM_QUEUES).map(([channel, name]) => [
      channel,
      new Queue(name, { connection: options.producer, prefix }),
    ]),
  ) as PlatformQueues;
  // Like the maintenance schedules, the resume schedule waits for Redis rather than fail a start.
  const control = new Queue(QUEUES.broadcast, { connection: options.consumer, prefix });
  for (const queue of [...Object.values(queues), control]) {
    queue.on('error', (err) => log.debug({ queue: queue.name, err: err.message }, 'queue error'));
  }
  // LIMITATION: whether a resend is harmless is learnt from this process's senders, so a
  // process without a VK token that sweeps gives a VK send left mid-way up as uncertain
  // instead of sending it again; naming idempotent platforms in core would lift it.
  const idempotent = (channel: BroadcastChannel) => senders[channel]?.idempotent ?? false;
  const resume = async () => {
    const counts = await resumeBroadcasts({ prisma, queues, idempotent });
    if (counts.requeued + counts.givenUp + counts.finished > 0) {
      log.info(counts, 'broadcasts resumed');
    }
    return counts;
  };

  const ctx: SendContext = { prisma, senders, messages: createMessageCache(prisma) };
  const workers = [
    startControlWorker({ ...options, connection: options.consumer, queues, resume }),
    ...BROADCAST_CHANNELS.filter((channel) => senders[channel] !== undefined).map((channel) =>
      startSendWorker({ ...options, connection: options.consumer }, channel, queues[channel], ctx),
    ),
  ];
  await control.upsertJobScheduler(
    JOBS.resumeBroadcasts,
    { every: options.resumeEveryMs ?? RESUME_EVERY_MS },
    { name: JOBS.resumeBroadcasts, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  // Right away too: a restart after Redis lost its data should not wait for the schedule.
  await resume().catch((err: unknown) => log.warn({ err }, 'resuming broadcasts failed'));

  return {
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...Object.values(queues), control].map((queue) => queue.close()));
    },
  };
}

function startControlWorker(
  options: Base & {
    connection: RedisOptions;
    queues: PlatformQueues;
    resume: () => Promise<unknown>;
  },
): Worker {
  const { prisma, queues, log } = options;
  const worker = new Worker(
    QUEUES.broadcast,
    async (job) => {
      if (job.name === JOBS.resumeBroadcasts) return options.resume();
      const broadcastId = Number(job.data?.broadcastId);
      if (!Number.isInteger(broadcastId)) throw new UnrecoverableError(`${job.name}: no id`);
      if (job.name === JOBS.startBroadcast) {
        const queued = await queueSends(prisma, queues, broadcastId);
        log.info({ broadcastId, queued }, 'broadcast started');
        return { queued };
      }
      if (job.name === JOBS.resendBroadcast) {
        // The earlier sends' finished jobs hold the same ids: out first, or nothing is added.
        await dropQueuedSends(prisma, queues, broadcastId);
        const queued = await queueSends(prisma, queues, broadcastId);
        log.info({ broadcastId, queued }, 'uncertain sends of a broadcast sent again');
        return { queued };
      }
      if (job.name === JOBS.cancelBroadcast) {
        const removed = await dropQueuedSends(prisma, queues, broadcastId);
        log.info({ broadcastId, removed }, 'cancelled broadcast taken off the queues');
        return { removed };
      }
      throw new UnrecoverableError(`Unknown job ${job.name}`);
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, err) =>
    log.warn({ job: job?.name, attempts: job?.attemptsMade, err: err.message }, 'job failed'),
  );
  countJobOutcomes(worker);
  return worker;
}

function startSendWorker(
  options: Base & BroadcastWorkerOptions & { connection: RedisOptions },
  channel: BroadcastChannel,
  queue: Queue,
  ctx: SendContext,
): Worker {
  const { log } = options;
  const rate = options.rates?.[channel] ?? DEFAULT_RATES[channel];
  const worker = new Worker<SendBroadcastPayload>(
    queue.name,
    async (job) => {
      const key = {
        broadcastId: Number(job.data.broadcastId),
        residentId: Number(job.data.residentId),
      };
      if (!Number.isInteger(key.broadcastId) || !Number.isInteger(key.residentId)) {
        throw new UnrecoverableError('send-broadcast needs a broadcastId and a residentId');
      }
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      try {
        const outcome = await sendToRecipient(ctx, key, { last });
        metrics.broadcastSends.inc({ channel, outcome });
        return outcome;
      } catch (err) {
        if (!(err instanceof RateLimitedError)) throw err;
        // The whole queue waits out the platform's retry_after, in every process; the job
        // goes back to waiting without using up an attempt.
        metrics.broadcastSends.inc({ channel, outcome: 'rate_limited' });
        await queue.rateLimit(err.retryAfterMs);
        throw Worker.RateLimitError();
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      limiter: { max: rate.max, duration: rate.durationMs },
      maxStalledCount: MAX_STALLED,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    },
  );
  worker.on('failed', (job, err) =>
    log.warn(
      { jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
      'broadcast send failed',
    ),
  );
  countJobOutcomes(worker);
  return worker;
}
