import type { Queue } from 'bullmq';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db, PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';

const BATCH = 100;
const SWEEP_EVERY_MS = 5_000;
/** BullMQ waits for Redis indefinitely; the relay gives up sooner and leaves the row. */
const ADD_TIMEOUT_MS = 3_000;

export interface OutboxEntry {
  queue: string;
  name: string;
  payload: Prisma.InputJsonValue;
}

/** Records a job in the same transaction as the change that implies it. */
export async function addToOutbox(db: Db, entry: OutboxEntry): Promise<void> {
  await db.outboxJob.create({ data: entry });
}

export interface OutboxRelay {
  /** Relays soon (after a commit that added rows); cheap to call often. */
  kick(): void;
  /** Relays what is waiting now; returns how many jobs were handed to BullMQ. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Hands outbox rows to BullMQ. Each job's id is derived from its row, so relaying a row twice
 * (a crash between add and mark) adds it once. Rows stay until Redis takes them: a sweep every
 * few seconds retries what a Redis outage left behind.
 */
export function startOutboxRelay(options: {
  prisma: PrismaClient;
  queues: (name: string) => Queue | undefined;
  log: Logger;
  sweepEveryMs?: number;
}): OutboxRelay {
  const { prisma, log } = options;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  async function relayBatch(): Promise<number> {
    return prisma.$transaction(async (db) => {
      const rows = await db.$queryRaw<
        Array<{ id: number; queue: string; name: string; payload: unknown }>
      >`
        SELECT id, queue, name, payload FROM "OutboxJob"
        WHERE relayed_at IS NULL ORDER BY id LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const queue = options.queues(row.queue);
        if (!queue) throw new Error(`No queue named "${row.queue}" for outbox job ${row.id}`);
        // If this add completes after the timeout, the next sweep's add of the same jobId is
        // a no-op in BullMQ: the job is still queued once.
        await withTimeout(
          queue.add(row.name, row.payload, { jobId: `outbox-${row.id}` }),
          ADD_TIMEOUT_MS,
        );
      }
      if (rows.length > 0) {
        await db.outboxJob.updateMany({
          where: { id: { in: rows.map((row) => row.id) } },
          data: { relayedAt: new Date() },
        });
      }
      return rows.length;
    });
  }

  async function sweep(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          let relayed = 0;
          do {
            relayed = await relayBatch();
            total += relayed;
          } while (relayed === BATCH);
        } while (again);
      } catch (err) {
        log.warn({ err }, 'outbox relay failed; the jobs wait for the next sweep');
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  }

  const timer = setInterval(() => void sweep(), options.sweepEveryMs ?? SWEEP_EVERY_MS);
  timer.unref();

  return {
    kick: () => {
      if (!stopped) void sweep();
    },
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  // The loser of the race may still fail later; that failure is already accounted for.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
