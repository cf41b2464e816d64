import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { type RatingSummary, ratingOf, ratingsOf } from './ratings.ts';

/** An official's report as lists show it. */
export interface OfficialReportSummary {
  id: number;
  title: string;
  publishedAt: Date;
  office: { id: number; code: string; name: string } | null;
  rating: RatingSummary;
  /** Questions residents asked, and how many of them are answered. */
  questions: number;
  answered: number;
}

/** A question with its answer, as the report shows it to everyone. */
export interface AnsweredQuestion {
  id: number;
  text: string;
  answer: string;
  answeredAt: Date;
}

export interface OfficialReportView extends OfficialReportSummary {
  officeId: number | null;
  text: string;
  videoUrl: string | null;
  documentUrl: string | null;
  /** The latest answered questions, oldest of them first. */
  answeredQuestions: AnsweredQuestion[];
}

const SUMMARY_SELECT = {
  id: true,
  title: true,
  publishedAt: true,
  office: { select: { id: true, code: true, name: true } },
  _count: { select: { questions: true } },
} as const;

/** Where a page of reports starts: after this one, newest first. */
export interface ReportCursor {
  publishedAt: Date;
  id: number;
}

/** Reports newest first, one office's or all, from an offset or after a cursor. */
export async function listOfficialReports(
  db: Db,
  query: { officeId?: number; skip?: number; after?: ReportCursor; take: number },
): Promise<OfficialReportSummary[]> {
  const after: Prisma.OfficialReportWhereInput[] = query.after
    ? [
        {
          OR: [
            { publishedAt: { lt: query.after.publishedAt } },
            { publishedAt: query.after.publishedAt, id: { lt: query.after.id } },
          ],
        },
      ]
    : [];
  const rows = await db.officialReport.findMany({
    where: { AND: [officeFilter(query.officeId), ...after] },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    skip: query.skip ?? 0,
    take: query.take,
    select: SUMMARY_SELECT,
  });
  return summaries(db, rows);
}

export function countOfficialReports(db: Db, officeId?: number): Promise<number> {
  return db.officialReport.count({ where: officeFilter(officeId) });
}

/** One report with its rating and its latest answered questions; null if there is none. */
export async function readOfficialReport(
  db: Db,
  id: number,
  shownAnswers: number,
): Promise<OfficialReportView | null> {
  const row = await db.officialReport.findUnique({
    where: { id },
    select: { ...SUMMARY_SELECT, officeId: true, text: true, videoUrl: true, documentUrl: true },
  });
  if (!row) return null;
  const [summary] = await summaries(db, [row]);
  if (!summary) return null;
  const latest = await db.officialReportQuestion.findMany({
    where: { officialReportId: id, answeredAt: { not: null } },
    orderBy: [{ answeredAt: 'desc' }, { id: 'desc' }],
    take: shownAnswers,
    select: { id: true, text: true, answer: true, answeredAt: true },
  });
  const answeredQuestions = latest
    .reverse()
    .flatMap((question) =>
      question.answer !== null && question.answeredAt !== null
        ? [{ ...question, answer: question.answer, answeredAt: question.answeredAt }]
        : [],
    );
  return {
    ...summary,
    officeId: row.officeId,
    text: row.text,
    videoUrl: row.videoUrl,
    documentUrl: row.documentUrl,
    answeredQuestions,
  };
}

type SummaryRow = Prisma.OfficialReportGetPayload<{ select: typeof SUMMARY_SELECT }>;

async function summaries(db: Db, rows: SummaryRow[]): Promise<OfficialReportSummary[]> {
  const ids = rows.map((row) => row.id);
  const ratings = await ratingsOf(db, ids);
  const answered = await db.officialReportQuestion.groupBy({
    by: ['officialReportId'],
    where: { officialReportId: { in: ids }, answeredAt: { not: null } },
    _count: { _all: true },
  });
  const answeredBy = new Map(answered.map((group) => [group.officialReportId, group._count._all]));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    publishedAt: row.publishedAt,
    office: row.office,
    rating: ratingOf(ratings, row.id),
    questions: row._count.questions,
    answered: answeredBy.get(row.id) ?? 0,
  }));
}

function officeFilter(officeId: number | undefined): Prisma.OfficialReportWhereInput {
  return officeId === undefined ? {} : { officeId };
}
