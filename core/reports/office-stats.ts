import type { Db } from '../db/client.ts';

/** How an office did over a period; reports count where they are now (after redirections). */
export interface OfficeStats {
  officeId: number;
  officeName: string;
  /** Reports filed in the period. */
  received: number;
  /** Final answers given in the period. */
  resolved: number;
  /** Reports its residents reopened in the period. */
  reopened: number;
  /** Open now and past their deadline. */
  overdueNow: number;
  /** Of the period's reports that got a first answer: the median hours it took. */
  medianHoursToFirstAnswer: number | null;
  /** Of the period's reports that got a first answer: the share answered by the deadline. */
  answeredInTimeShare: number | null;
  gradedGood: number;
  answersReturned: number;
}

interface Period {
  from: Date;
  to: Date;
  now: Date;
  /** One office only; every office otherwise. */
  officeId?: number;
}

/**
 * Office statistics from the reports and their history. Grades and reopen counts come from
 * the history events, so they are counted when they happened, not when the report was filed.
 *
 * LIMITATION: "answered in time" compares the first answer with the report's current
 * deadline; a deadline moved since (a reopening) judges the first answer by the new one.
 * Keeping each deadline in the history would lift it.
 */
export async function officeStats(db: Db, period: Period): Promise<OfficeStats[]> {
  const offices = await db.office.findMany({
    where: period.officeId === undefined ? {} : { id: period.officeId },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const office = period.officeId ?? null;
  const { from, to, now } = period;

  const received = await db.$queryRaw<Array<{ office_id: number; n: number }>>`
    SELECT office_id, count(*)::int AS n FROM "Report"
    WHERE office_id IS NOT NULL AND created_at >= ${from} AND created_at < ${to}
      AND (${office}::int IS NULL OR office_id = ${office}::int)
    GROUP BY office_id`;
  const events = await db.$queryRaw<Array<{ office_id: number; type: string; n: number }>>`
    SELECT r.office_id, e.type, count(*)::int AS n
    FROM "ReportEvent" e JOIN "Report" r ON r.id = e.report_id
    WHERE r.office_id IS NOT NULL AND e.created_at >= ${from} AND e.created_at < ${to}
      AND e.type IN ('answered_final', 'reopened', 'answer_graded_good', 'answer_returned')
      AND (${office}::int IS NULL OR r.office_id = ${office}::int)
    GROUP BY r.office_id, e.type`;
  const overdue = await db.$queryRaw<Array<{ office_id: number; n: number }>>`
    SELECT office_id, count(*)::int AS n FROM "Report"
    WHERE office_id IS NOT NULL AND deadline_at < ${now}
      AND status IN ('routed', 'in_progress', 'answered', 'reopened')
      AND (${office}::int IS NULL OR office_id = ${office}::int)
    GROUP BY office_id`;
  const answers = await db.$queryRaw<
    Array<{ office_id: number; median_hours: number | null; in_time: number; answered: number }>
  >`
    WITH first AS (
      SELECT r.office_id, r.created_at, r.deadline_at, min(e.created_at) AS answered_at
      FROM "Report" r JOIN "ReportEvent" e ON e.report_id = r.id
      WHERE r.office_id IS NOT NULL AND r.created_at >= ${from} AND r.created_at < ${to}
        AND e.type IN ('answered_interim', 'answered_final')
        AND (${office}::int IS NULL OR r.office_id = ${office}::int)
      GROUP BY r.id, r.office_id, r.created_at, r.deadline_at)
    SELECT office_id,
      percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM answered_at - created_at) / 3600)::float AS median_hours,
      count(*) FILTER (WHERE deadline_at IS NULL OR answered_at <= deadline_at)::int AS in_time,
      count(*)::int AS answered
    FROM first GROUP BY office_id`;

  const count = (rows: Array<{ office_id: number; n: number }>, id: number) =>
    rows.find((row) => row.office_id === id)?.n ?? 0;
  const eventCount = (id: number, type: string) =>
    events.find((row) => row.office_id === id && row.type === type)?.n ?? 0;

  return offices.map(({ id, name }) => {
    const answered = answers.find((row) => row.office_id === id);
    return {
      officeId: id,
      officeName: name,
      received: count(received, id),
      resolved: eventCount(id, 'answered_final'),
      reopened: eventCount(id, 'reopened'),
      overdueNow: count(overdue, id),
      medianHoursToFirstAnswer: answered?.median_hours ?? null,
      answeredInTimeShare:
        answered && answered.answered > 0 ? answered.in_time / answered.answered : null,
      gradedGood: eventCount(id, 'answer_graded_good'),
      answersReturned: eventCount(id, 'answer_returned'),
    };
  });
}
