import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';

export const QUESTION_STATUSES = ['unanswered', 'answered', 'all'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** A question as staff see it: with its answer, if any, and the report it is about. */
export interface StaffQuestionView {
  id: number;
  text: string;
  answer: string | null;
  createdAt: Date;
  answeredAt: Date | null;
  answeredById: number | null;
  answeredByTokenId: number | null;
  officialReport: { id: number; title: string; officeId: number | null };
}

export interface QuestionFilter {
  status: QuestionStatus;
  /** One office's reports only (officials and heads always have theirs). */
  officeId?: number | undefined;
  officialReportId?: number | undefined;
  skip: number;
  take: number;
}

/**
 * Questions for staff: unanswered first, the longest waiting first among them; then the
 * answered ones, the latest answer first.
 */
export async function listReportQuestions(
  db: Db,
  filter: QuestionFilter,
): Promise<{ total: number; questions: StaffQuestionView[] }> {
  const where = whereOf(filter);
  const total = await db.officialReportQuestion.count({ where });
  const questions = await db.officialReportQuestion.findMany({
    where,
    orderBy: [
      { answeredAt: { sort: 'desc', nulls: 'first' } },
      { createdAt: 'asc' },
      { id: 'asc' },
    ],
    skip: filter.skip,
    take: filter.take,
    select: {
      id: true,
      text: true,
      answer: true,
      createdAt: true,
      answeredAt: true,
      answeredById: true,
      answeredByTokenId: true,
      officialReport: { select: { id: true, title: true, officeId: true } },
    },
  });
  return { total, questions };
}

function whereOf(filter: QuestionFilter): Prisma.OfficialReportQuestionWhereInput {
  const status: Record<QuestionStatus, Prisma.OfficialReportQuestionWhereInput> = {
    unanswered: { answeredAt: null },
    answered: { answeredAt: { not: null } },
    all: {},
  };
  return {
    ...status[filter.status],
    ...(filter.officialReportId === undefined ? {} : { officialReportId: filter.officialReportId }),
    ...(filter.officeId === undefined ? {} : { officialReport: { officeId: filter.officeId } }),
  };
}
