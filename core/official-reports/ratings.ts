import type { Db } from '../db/client.ts';

/** How residents rated a report: the average of 1-5 to one decimal, and how many rated. */
export interface RatingSummary {
  average: number | null;
  count: number;
}

export type RateOutcome =
  | { ok: true; rating: number; summary: RatingSummary }
  | { ok: false; reason: 'bad_rating' | 'not_found' };

/** A resident's rating of a report, 1 to 5; rating it again replaces their earlier one. */
export async function rateOfficialReport(
  db: Db,
  rating: { officialReportId: number; residentId: number; rating: number },
): Promise<RateOutcome> {
  const { officialReportId, residentId } = rating;
  if (!Number.isInteger(rating.rating) || rating.rating < 1 || rating.rating > 5) {
    return { ok: false, reason: 'bad_rating' };
  }
  const report = await db.officialReport.findUnique({
    where: { id: officialReportId },
    select: { id: true },
  });
  if (!report) return { ok: false, reason: 'not_found' };

  await db.officialReportRating.upsert({
    where: { officialReportId_residentId: { officialReportId, residentId } },
    create: { officialReportId, residentId, rating: rating.rating },
    update: { rating: rating.rating },
  });
  const summary = (await ratingsOf(db, [officialReportId])).get(officialReportId);
  return { ok: true, rating: rating.rating, summary: summary ?? { average: null, count: 0 } };
}

/** The rating summaries of these reports; a report nobody rated has none in the map. */
export async function ratingsOf(db: Db, ids: number[]): Promise<Map<number, RatingSummary>> {
  if (ids.length === 0) return new Map();
  const groups = await db.officialReportRating.groupBy({
    by: ['officialReportId'],
    where: { officialReportId: { in: ids } },
    _avg: { rating: true },
    _count: { _all: true },
  });
  return new Map(
    groups.map((group) => [
      group.officialReportId,
      {
        average: group._avg.rating === null ? null : Math.round(group._avg.rating * 10) / 10,
        count: group._count._all,
      },
    ]),
  );
}

export function ratingOf(ratings: Map<number, RatingSummary>, id: number): RatingSummary {
  return ratings.get(id) ?? { average: null, count: 0 };
}

/** The resident's own rating of a report, if they gave one. */
export async function ownRating(
  db: Db,
  officialReportId: number,
  residentId: number,
): Promise<number | null> {
  const row = await db.officialReportRating.findUnique({
    where: { officialReportId_residentId: { officialReportId, residentId } },
    select: { rating: true },
  });
  return row?.rating ?? null;
}
