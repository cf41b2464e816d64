import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import type { Db, PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { actOnReport } from './act.ts';
import { FOLLOWUP_DAYS } from './lifecycle.ts';

/**
 * Closes resolved reports whose residents never said whether the problem is fixed: after
 * FOLLOWUP_DAYS days of silence the office's answer stands. The lifecycle decides whether a
 * report is due, so a report resolved again since it was found is left alone. Safe to rerun
 * and to run on two workers at once: a closed report is no longer found, and each one is
 * closed under its row lock.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reports closed per run; the rest wait for the next run. */
export const FOLLOWUP_SWEEP_BATCH = 200;

export interface FollowupSweepDeps {
  calendar: DeadlineCalendar;
  now: Date;
  batchSize?: number;
  log?: Logger;
}

export interface FollowupSweepCounts {
  /** Closed, each with a notice queued for its resident. */
  closed: number;
  /** Held by someone else or no longer due; looked at again next run. */
  skipped: number;
  failed: number;
}

export async function sweepFollowups(
  prisma: PrismaClient,
  deps: FollowupSweepDeps,
): Promise<FollowupSweepCounts> {
  const counts: FollowupSweepCounts = { closed: 0, skipped: 0, failed: 0 };
  const due = await prisma.report.findMany({
    where: {
      status: 'resolved',
      resolvedAt: { lte: new Date(deps.now.getTime() - FOLLOWUP_DAYS * DAY_MS) },
    },
    select: { id: true },
    orderBy: [{ resolvedAt: 'asc' }, { id: 'asc' }],
    take: deps.batchSize ?? FOLLOWUP_SWEEP_BATCH,
  });

  for (const { id } of due) {
    try {
      const closed = await prisma.$transaction((db) => closeUnanswered(db, id, deps));
      counts[closed ? 'closed' : 'skipped'] += 1;
    } catch (err) {
      // One broken report must not hold up the others; it is tried again next run.
      counts.failed += 1;
      deps.log?.error({ err, reportId: id }, 'follow-up closing failed');
    }
  }
  return counts;
}

async function closeUnanswered(db: Db, reportId: number, deps: FollowupSweepDeps) {
  // Whoever holds the report (its resident answering, another sweep) decides it first.
  const locked = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Report" WHERE id = ${reportId} AND status = 'resolved'
    FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return false;

  const outcome = await actOnReport(
    db,
    { calendar: deps.calendar, now: deps.now },
    reportId,
    { type: 'close_unanswered_followup', at: deps.now },
    { kind: 'system' },
  );
  return outcome.ok;
}
