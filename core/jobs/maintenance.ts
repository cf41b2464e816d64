import { Queue, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import { pruneInbound } from '../conversation/inbox.ts';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { countJobOutcomes } from '../metrics.ts';
import { DEFAULT_REMINDER_LEAD_MS, sweepDeadlines } from '../reports/deadline-sweep.ts';
import { sweepFollowups } from '../reports/followup-sweep.ts';
import { sweepVolunteerReminders } from '../volunteering/reminder-sweep.ts';

export const MAINTENANCE_QUEUE = 'maintenance';
const PRUNE_INBOX = 'prune-inbox';
const DEADLINE_SWEEP = 'deadline-sweep';
const FOLLOWUP_SWEEP = 'followup-sweep';
const VOLUNTEER_REMINDERS = 'volunteer-reminders';
/** Telegram and VK give up redelivering within a day; two days leaves a margin. */
const INBOX_RETENTION_MS = 48 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
export const DEFAULT_DEADLINE_SWEEP_MS = 5 * 60 * 1000;

/**
 * The deadline and follow-up sweeps (core/reports/*-sweep.ts), the volunteers' reminders
 * (core/volunteering/reminder-sweep.ts) and what they need.
 */
export interface SweepOptions {
  calendar: DeadlineCalendar;
  /** How often the sweeps run. */
  everyMs?: number;
  reminderLeadMs?: number;
  /** The sweeps queue deliveries in the outbox; this hands them on at once. */
  onJobsQueued?: () => void;
}

export interface MaintenanceJobs {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

type Task = () => Promise<Record<string, number>>;

/**
 * Housekeeping on BullMQ job schedulers: one schedule per deployment however many workers
 * run, so the inbox of processed updates is pruned hourly by exactly one of them, and, when
 * `sweeps` is given, deadlines and follow-ups are swept every few minutes.
 */
export async function startMaintenance(options: {
  connection: RedisOptions;
  prefix: string;
  prisma: PrismaClient;
  log: Logger;
  now?: () => Date;
  sweeps?: SweepOptions;
}): Promise<MaintenanceJobs> {
  const { connection, prefix, prisma, log, sweeps } = options;
  const now = options.now ?? (() => new Date());
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
  const tasks = new Map<string, Task>();
  const schedule = async (name: string, everyMs: number, task: Task) => {
    tasks.set(name, task);
    await queue.upsertJobScheduler(
      name,
      { every: everyMs },
      { name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  };

  await schedule(PRUNE_INBOX, PRUNE_EVERY_MS, async () => ({
    removed: await pruneInbound(prisma, new Date(now().getTime() - INBOX_RETENTION_MS)),
  }));
  if (sweeps) {
    const everyMs = sweeps.everyMs ?? DEFAULT_DEADLINE_SWEEP_MS;
    const reminderLeadMs = sweeps.reminderLeadMs ?? DEFAULT_REMINDER_LEAD_MS;
    await schedule(DEADLINE_SWEEP, everyMs, async () => {
      const counts = await sweepDeadlines(prisma, { now: now(), reminderLeadMs, log });
      if (counts.queued > 0) sweeps.onJobsQueued?.();
      if (counts.reminded + counts.escalated > 0) log.info(counts, 'deadline notices sent');
      return { ...counts };
    });
    await schedule(FOLLOWUP_SWEEP, everyMs, async () => {
      const counts = await sweepFollowups(prisma, { calendar: sweeps.calendar, now: now(), log });
      if (counts.closed > 0) {
        // Each closing queues its resident's notice.
        sweeps.onJobsQueued?.();
        log.info(counts, 'unanswered follow-ups closed');
      }
      return { ...counts };
    });
    // Reminders are due hours ahead, so the deadlines' few minutes are early enough for them.
    await schedule(VOLUNTEER_REMINDERS, everyMs, async () => {
      const counts = await sweepVolunteerReminders(prisma, { now: now(), log });
      if (counts.queued > 0) sweeps.onJobsQueued?.();
      if (counts.day + counts.soon > 0) log.info(counts, 'volunteer reminders sent');
      return { ...counts };
    });
  }

  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const task = tasks.get(job.name);
      // A schedule this process was not configured to run (e.g. left by an earlier start).
      if (!task) return { skipped: job.name };
      return task();
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('completed', (job, result) => log.debug({ job: job.name, result }, 'job done'));
  worker.on('failed', (job, err) => log.error({ job: job?.name, err }, 'job failed'));
  countJobOutcomes(worker);

  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
