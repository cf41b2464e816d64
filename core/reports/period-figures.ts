import { type Db, Prisma } from '../db/client.ts';

/** The column reports are grouped by: where a report is now (after redirections). */
export type GroupKey = 'office_id' | 'district_id';

/** Which reports count: a period, and optionally one office's reports only. */
export interface FigurePeriod {
  from: Date;
  to: Date;
  now: Date;
  officeId?: number;
}

/** A period's figures for one group of reports (see office-stats.ts for their meaning). */
export interface PeriodFigures {
  received: number;
  /** Reports given at least one answer (interim or final) in the period. */
  answered: number;
  resolved: number;
  reopened: number;
  overdueNow: number;
  medianHoursToFirstAnswer: number | null;
  answeredInTimeShare: number | null;
  gradedGood: number;
  answersReturned: number;
}

type Counted = { key: number | null; n: number };

/**
 * Reports given at least one answer in the period, per group. Reports without a value in the
 * grouping column (not routed, or no district) count under the key null.
 */
export async function answeredCounts(db: Db, key: GroupKey, period: FigurePeriod) {
  const column = Prisma.raw(`r.${key}`);
  const office = period.officeId ?? null;
  return db.$queryRaw<Counted[]>`
    SELECT ${column} AS key, count(DISTINCT r.id)::int AS n
    FROM "Report" r JOIN "ReportEvent" e ON e.report_id = r.id
    WHERE e.type IN ('answered_interim', 'answered_final')
      AND e.created_at >= ${period.from} AND e.created_at < ${period.to}
      AND (${office}::int IS NULL OR r.office_id = ${office}::int)
    GROUP BY 1`;
}

/** Every figure of the period per group, the same rules as officeStats. */
export async function periodFigures(
  db: Db,
  key: GroupKey,
  period: FigurePeriod,
): Promise<Map<number | null, PeriodFigures>> {
  const column = Prisma.raw(`r.${key}`);
  const { from, to, now } = period;
  const office = period.officeId ?? null;
  const scoped = Prisma.sql`(${office}::int IS NULL OR r.office_id = ${office}::int)`;

  const received = await db.$queryRaw<Counted[]>`
    SELECT ${column} AS key, count(*)::int AS n FROM "Report" r
    WHERE r.created_at >= ${from} AND r.created_at < ${to} AND ${scoped} GROUP BY 1`;
  const events = await db.$queryRaw<Array<Counted & { type: string }>>`
    SELECT ${column} AS key, e.type, count(*)::int AS n
    FROM "ReportEvent" e JOIN "Report" r ON r.id = e.report_id
    WHERE e.created_at >= ${from} AND e.created_at < ${to} AND ${scoped}
      AND e.type IN ('answered_final', 'reopened', 'answer_graded_good', 'answer_returned')
    GROUP BY 1, 2`;
  const overdue = await db.$queryRaw<Counted[]>`
    SELECT ${column} AS key, count(*)::int AS n FROM "Report" r
    WHERE r.deadline_at < ${now} AND ${scoped}
      AND r.status IN ('routed', 'in_progress', 'answered', 'reopened')
    GROUP BY 1`;
  const firsts = await db.$queryRaw<
    Array<{ key: number | null; median_hours: number | null; in_time: number; n: number }>
  >`
    WITH first AS (
      SELECT ${column} AS key, r.deadline_at,
        min(e.created_at) AS answered_at, r.created_at
      FROM "Report" r JOIN "ReportEvent" e ON e.report_id = r.id
      WHERE r.created_at >= ${from} AND r.created_at < ${to} AND ${scoped}
        AND e.type IN ('answered_interim', 'answered_final')
      GROUP BY r.id)
    SELECT key,
      percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM answered_at - created_at) / 3600)::float AS median_hours,
      count(*) FILTER (WHERE deadline_at IS NULL OR answered_at <= deadline_at)::int AS in_time,
      count(*)::int AS n
    FROM first GROUP BY key`;
  const answered = await answeredCounts(db, key, period);

  const keys = new Set([received, events, overdue, firsts, answered].flat().map((r) => r.key));
  const count = (rows: Counted[], k: number | null) => rows.find((r) => r.key === k)?.n ?? 0;
  const ofType = (k: number | null, type: string) =>
    events.find((r) => r.key === k && r.type === type)?.n ?? 0;
  return new Map(
    [...keys].map((k) => {
      const first = firsts.find((r) => r.key === k);
      const figures: PeriodFigures = {
        received: count(received, k),
        answered: count(answered, k),
        resolved: ofType(k, 'answered_final'),
        reopened: ofType(k, 'reopened'),
        overdueNow: count(overdue, k),
        medianHoursToFirstAnswer: first?.median_hours ?? null,
        answeredInTimeShare: first && first.n > 0 ? first.in_time / first.n : null,
        gradedGood: ofType(k, 'answer_graded_good'),
        answersReturned: ofType(k, 'answer_returned'),
      };
      return [k, figures];
    }),
  );
}

/** A group with nothing in the period. */
export const NO_FIGURES: PeriodFigures = {
  received: 0,
  answered: 0,
  resolved: 0,
  reopened: 0,
  overdueNow: 0,
  medianHoursToFirstAnswer: null,
  answeredInTimeShare: null,
  gradedGood: 0,
  answersReturned: 0,
};
