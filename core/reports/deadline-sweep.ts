import type { ReportStatus } from '../../generated/prisma/enums.ts';
import { type Db, Prisma, type PrismaClient } from '../db/client.ts';
import { translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { type Audience, queueOfficeNotice } from '../staff/office-notices.ts';
import { buildReportCard, type CardHeadline } from '../staff/report-card.ts';

/**
 * Keeps offices to their deadlines: a report whose deadline is near reminds the office's team;
 * one whose deadline has passed goes to the office's heads and into the report's history.
 * Each happens once per deadline, so a report that came back with a new deadline is reminded
 * and escalated afresh. Safe to rerun and to run on two workers at once: every report is
 * handled under its row lock, and the history event it leaves ("reminded" or "escalated",
 * with the deadline) marks it as done, which also keeps done reports out of the next batch.
 */

const HOUR_MS = 60 * 60 * 1000;
export const DEFAULT_REMINDER_LEAD_MS = 24 * HOUR_MS;
/** Reports handled per kind and run; the rest wait for the next run. */
export const DEADLINE_SWEEP_BATCH = 200;

/** Reports an office is working on: their deadline runs. */
export const DEADLINE_STATUSES: readonly ReportStatus[] = [
  'routed',
  'in_progress',
  'answered',
  'reopened',
];

export type DeadlineNotice = 'reminder' | 'overdue';

interface NoticeKind {
  /** The history event that records the notice, and so marks it done for this deadline. */
  event: string;
  audience: Audience;
  headline: CardHeadline;
  /** Who the card's buttons are for. */
  role: 'official' | 'head';
}

const KINDS: Readonly<Record<DeadlineNotice, NoticeKind>> = {
  reminder: { event: 'reminded', audience: 'team', headline: 'reminder', role: 'official' },
  overdue: { event: 'escalated', audience: 'heads', headline: 'overdue', role: 'head' },
};

export interface DeadlineSweepDeps {
  now: Date;
  /** How long before its deadline an office is reminded; 0 sends no reminders. */
  reminderLeadMs?: number;
  batchSize?: number;
  log?: Logger;
}

export interface DeadlineSweepCounts {
  reminded: number;
  escalated: number;
  /** Deliveries queued; when above 0 the outbox relay has work. */
  queued: number;
  failed: number;
}

/** One run: escalates overdue reports, then reminds offices of the near deadlines. */
export async function sweepDeadlines(
  prisma: PrismaClient,
  deps: DeadlineSweepDeps,
): Promise<DeadlineSweepCounts> {
  const counts: DeadlineSweepCounts = { reminded: 0, escalated: 0, queued: 0, failed: 0 };
  for (const notice of ['overdue', 'reminder'] as const) {
    for (const reportId of await findDue(prisma, notice, deps)) {
      try {
        const queued = await prisma.$transaction((db) => noticeOnce(db, notice, reportId, deps));
        if (queued === null) continue;
        counts[notice === 'overdue' ? 'escalated' : 'reminded'] += 1;
        counts.queued += queued;
      } catch (err) {
        // One broken report must not hold up the others; it is tried again next run.
        counts.failed += 1;
        deps.log?.error({ err, reportId, notice }, 'deadline notice failed');
      }
    }
  }
  return counts;
}

/** Which notice a report is due, if any, by its deadline alone. */
export function dueNotice(
  deadlineAt: Date,
  now: Date,
  reminderLeadMs = DEFAULT_REMINDER_LEAD_MS,
): DeadlineNotice | null {
  const left = deadlineAt.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= reminderLeadMs ? 'reminder' : null;
}

/** The key of a notice's deliveries: one per report, kind and deadline. */
export function deadlineNoticeKey(reportId: number, notice: DeadlineNotice, deadlineAt: Date) {
  return `report:${reportId}:${notice}:${deadlineAt.toISOString()}`;
}

// Deadlines are stored as UTC without a zone; this renders them as Date.toISOString() does.
const ISO_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/** Reports due this notice that have no record of it for their current deadline. */
async function findDue(
  prisma: PrismaClient,
  notice: DeadlineNotice,
  deps: DeadlineSweepDeps,
): Promise<number[]> {
  const now = deps.now;
  const lead = deps.reminderLeadMs ?? DEFAULT_REMINDER_LEAD_MS;
  if (notice === 'reminder' && lead <= 0) return [];

  // A zone in the text is ignored by a cast to timestamp, leaving the UTC wall time.
  const at = (date: Date) => Prisma.sql`CAST(${date.toISOString()} AS timestamp)`;
  const window =
    notice === 'overdue'
      ? Prisma.sql`r.deadline_at <= ${at(now)}`
      : Prisma.sql`r.deadline_at > ${at(now)}
          AND r.deadline_at <= ${at(new Date(now.getTime() + lead))}`;
  const statuses = Prisma.join(
    DEADLINE_STATUSES.map((status) => Prisma.sql`CAST(${status} AS "ReportStatus")`),
  );
  const rows = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT r.id FROM "Report" r
    WHERE r.status IN (${statuses}) AND r.office_id IS NOT NULL AND ${window}
      AND NOT EXISTS (
        SELECT 1 FROM "ReportEvent" e
        WHERE e.report_id = r.id AND e.type = ${KINDS[notice].event}
          AND e.data->>'deadlineAt' = to_char(r.deadline_at, ${ISO_FORMAT}))
    ORDER BY r.deadline_at, r.id
    LIMIT ${deps.batchSize ?? DEADLINE_SWEEP_BATCH}`;
  return rows.map((row) => row.id);
}

/**
 * Sends one report's notice and records it, unless someone else holds the report (its office
 * acting on it, another sweep), it changed since it was found, or the notice went already.
 * Returns the deliveries queued, or null when nothing was done.
 */
async function noticeOnce(
  db: Db,
  notice: DeadlineNotice,
  reportId: number,
  deps: DeadlineSweepDeps,
): Promise<number | null> {
  const locked = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return null;
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { status: true, officeId: true, deadlineAt: true },
  });
  const { status, officeId, deadlineAt } = report;
  if (!DEADLINE_STATUSES.includes(status) || officeId === null || deadlineAt === null) return null;
  if (dueNotice(deadlineAt, deps.now, deps.reminderLeadMs) !== notice) return null;

  const kind = KINDS[notice];
  const deadline = deadlineAt.toISOString();
  const sent = await db.reportEvent.findFirst({
    where: { reportId, type: kind.event, data: { path: ['deadlineAt'], equals: deadline } },
    select: { id: true },
  });
  if (sent) return null;

  await db.reportEvent.create({
    data: {
      reportId,
      type: kind.event,
      fromStatus: status,
      toStatus: status,
      actorKind: 'system',
      data: { deadlineAt: deadline },
    },
  });
  const card = await buildReportCard(db, translator('ru'), reportId, {
    headline: kind.headline,
    viewer: { kind: 'official', officeId, role: kind.role },
    now: deps.now,
  });
  if (!card) return 0;
  return queueOfficeNotice(db, {
    officeId,
    audience: kind.audience,
    key: deadlineNoticeKey(reportId, notice, deadlineAt),
    messages: card,
  });
}
