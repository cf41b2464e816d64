import { z } from 'zod';
import { MAX_LINK_LENGTH } from '../../../core/official-reports/links.ts';
import { MAX_TEXT, MAX_TITLE } from '../../../core/official-reports/publish.ts';
import type { StaffQuestionView } from '../../../core/official-reports/question-lists.ts';
import { QUESTION_STATUSES } from '../../../core/official-reports/question-lists.ts';
import { MAX_ANSWER } from '../../../core/official-reports/questions.ts';
import type {
  OfficialReportSummary,
  OfficialReportView,
} from '../../../core/official-reports/read.ts';
import { dbId } from './ids.ts';

/**
 * Officials' reports as the admin API takes and shows them. A question never names its
 * resident: the text, the answer and who on the staff answered.
 */
export const publishBody = z.object({
  title: z.string().trim().min(1).max(MAX_TITLE),
  text: z.string().trim().min(1).max(MAX_TEXT),
  videoUrl: z.string().trim().max(MAX_LINK_LENGTH).optional(),
  documentUrl: z.string().trim().max(MAX_LINK_LENGTH).optional(),
  /** Officials and heads publish for their own office (naming it is optional); admins name one. */
  officeCode: z.string().max(64).optional(),
});

const limit = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .default(fallback);

export const listQuery = z.object({
  officeId: dbId.optional(),
  cursor: z.string().max(200).optional(),
  limit: limit(100, 20),
});

export const questionsQuery = z.object({
  /** Unanswered ones come first whatever the filter. */
  status: z.enum(QUESTION_STATUSES).default('all'),
  officeId: dbId.optional(),
  officialReportId: dbId.optional(),
  limit: limit(100, 50),
  offset: z
    .string()
    .regex(/^\d{1,6}$/, 'a whole number')
    .transform(Number)
    .default(0),
});

export const answerBody = z.object({ text: z.string().max(MAX_ANSWER) });

const office = z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable();
const rating = z.object({ average: z.number().nullable(), count: z.number() });

export const summarySchema = z.object({
  id: z.number(),
  title: z.string(),
  office,
  publishedAt: z.string(),
  rating,
  questionCount: z.number(),
  answeredCount: z.number(),
});

export const questionSchema = z.object({
  id: z.number(),
  officialReport: z.object({ id: z.number(), title: z.string(), officeId: z.number().nullable() }),
  text: z.string(),
  answer: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  answeredBy: z.object({ officialId: z.number().nullable(), tokenId: z.number().nullable() }),
});

export const detailSchema = summarySchema.extend({
  text: z.string(),
  videoUrl: z.string().nullable(),
  documentUrl: z.string().nullable(),
  /** The first of its questions, unanswered first; the rest through /official-reports/questions. */
  questions: z.array(questionSchema),
});

export function summaryOf(report: OfficialReportSummary): z.infer<typeof summarySchema> {
  return {
    id: report.id,
    title: report.title,
    office: report.office,
    publishedAt: report.publishedAt.toISOString(),
    rating: report.rating,
    questionCount: report.questions,
    answeredCount: report.answered,
  };
}

export function detailOf(
  report: OfficialReportView,
  questions: StaffQuestionView[],
): z.infer<typeof detailSchema> {
  return {
    ...summaryOf(report),
    text: report.text,
    videoUrl: report.videoUrl,
    documentUrl: report.documentUrl,
    questions: questions.map(questionOf),
  };
}

export function questionOf(question: StaffQuestionView): z.infer<typeof questionSchema> {
  return {
    id: question.id,
    officialReport: question.officialReport,
    text: question.text,
    answer: question.answer,
    createdAt: question.createdAt.toISOString(),
    answeredAt: question.answeredAt?.toISOString() ?? null,
    answeredBy: { officialId: question.answeredById, tokenId: question.answeredByTokenId },
  };
}
