import type { Channel } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { answerRight, type Staff } from './access.ts';
import { deliverAnswer, noticeNewQuestion } from './notices.ts';

/** A question shorter than this says nothing; one longer is an essay for another channel. */
export const MIN_QUESTION = 3;
export const MAX_QUESTION = 2000;
export const MAX_ANSWER = 4000;

export type AskOutcome =
  | { ok: true; id: number }
  | { ok: false; reason: 'not_found' | 'too_short' | 'too_long' };

/** A resident's question about a report; the report's office hears of it at once. */
export async function askAboutReport(
  db: Db,
  question: { officialReportId: number; residentId: number; text: string; now: Date },
): Promise<AskOutcome> {
  const text = question.text.trim();
  if (text.length < MIN_QUESTION) return { ok: false, reason: 'too_short' };
  if (text.length > MAX_QUESTION) return { ok: false, reason: 'too_long' };
  const report = await db.officialReport.findUnique({
    where: { id: question.officialReportId },
    select: { id: true, title: true, officeId: true },
  });
  if (!report) return { ok: false, reason: 'not_found' };

  const stored = await db.officialReportQuestion.create({
    data: {
      officialReportId: report.id,
      residentId: question.residentId,
      text,
      createdAt: question.now,
    },
    select: { id: true },
  });
  await noticeNewQuestion(db, { id: stored.id, text, report });
  return { ok: true, id: stored.id };
}

/** Who answers: a member of staff in a bot (`officialId`) or an API token (`tokenId`). */
export type Answerer = Staff & { officialId?: number; tokenId?: number };

export type AnswerRefusal = 'not_found' | 'forbidden' | 'already_answered' | 'empty' | 'too_long';

export type AnswerOutcome =
  | { ok: true; id: number; officialReportId: number }
  | { ok: false; reason: AnswerRefusal };

/**
 * Answers a question once, for those who may answer for the report's office; the answer goes
 * to the asker and is shown with the report from then on. Another office's question is
 * `not_found`, as if it did not exist.
 */
export async function answerReportQuestion(
  db: Db,
  answer: { questionId: number; text: string; now: Date; by: Answerer },
): Promise<AnswerOutcome> {
  const text = answer.text.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_ANSWER) return { ok: false, reason: 'too_long' };
  const question = await questionFor(db, answer.by, answer.questionId);
  if (!question.ok) return question;

  // Only the first answer counts: two officials answering at once cannot both succeed.
  const updated = await db.officialReportQuestion.updateMany({
    where: { id: answer.questionId, answeredAt: null },
    data: {
      answer: text,
      answeredAt: answer.now,
      answeredById: answer.by.officialId ?? null,
      answeredByTokenId: answer.by.tokenId ?? null,
    },
  });
  if (updated.count === 0) return { ok: false, reason: 'already_answered' };

  const { report, resident } = question.found;
  await deliverAnswer(db, {
    questionId: answer.questionId,
    question: question.found.text,
    answer: text,
    report,
    resident,
  });
  return { ok: true, id: answer.questionId, officialReportId: report.id };
}

/** A question waiting for an answer, with its report and who asked. */
export interface AnswerableQuestion {
  id: number;
  text: string;
  report: { id: number; title: string; officeId: number | null };
  resident: { channel: Channel; chatId: string; locale: string };
}

/** The question a member of staff may answer now; or why not. */
export async function questionFor(
  db: Db,
  staff: Staff,
  questionId: number,
): Promise<
  | { ok: true; found: AnswerableQuestion }
  | { ok: false; reason: 'not_found' | 'forbidden' | 'already_answered' }
> {
  const row = await db.officialReportQuestion.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      text: true,
      answeredAt: true,
      officialReport: { select: { id: true, title: true, officeId: true } },
      resident: { select: { channel: true, chatId: true, locale: true } },
    },
  });
  if (!row) return { ok: false, reason: 'not_found' };
  const right = answerRight(staff, row.officialReport.officeId);
  if (right === 'hidden') return { ok: false, reason: 'not_found' };
  if (right === 'forbidden') return { ok: false, reason: 'forbidden' };
  if (row.answeredAt !== null) return { ok: false, reason: 'already_answered' };
  const { id, text, officialReport: report, resident } = row;
  return { ok: true, found: { id, text, report, resident } };
}
