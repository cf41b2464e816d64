import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import { viewButton } from '../conversation/buttons.ts';
import type { Db } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, translator } from '../i18n/index.ts';
import { formatCityDate } from '../text/dates.ts';

/** Working days an operator has to answer a question the base could not. */
export const QUESTION_DEADLINE_DAYS = 1;
/** The longest question or answer we keep. */
export const MAX_HELP_TEXT = 4000;

/**
 * Puts a resident's question in the operators' queue and tells each reachable operator.
 * Returns its number (the id) and when it will be answered by.
 */
export async function askOperators(
  db: Db,
  calendar: DeadlineCalendar,
  question: { residentId: number; text: string; now: Date },
): Promise<{ id: number; deadlineAt: Date }> {
  const deadlineAt = calendar.addWorkingDays(question.now, QUESTION_DEADLINE_DAYS);
  const stored = await db.helpQuestion.create({
    data: {
      residentId: question.residentId,
      text: question.text.slice(0, MAX_HELP_TEXT),
      deadlineAt,
    },
    select: { id: true },
  });
  const operators = await db.official.findMany({
    where: { role: { in: ['operator'] }, unreachableAt: null },
    select: { channel: true, chatId: true },
  });
  const t = translator('ru');
  for (const operator of operators) {
    await queueDelivery(db, {
      key: `help:${stored.id}:operator:${operator.channel}:${operator.chatId}`,
      channel: operator.channel,
      chatId: operator.chatId,
      messages: [
        {
          text: t('help-operator-new', {
            id: stored.id,
            deadline: formatCityDate(deadlineAt),
            text: question.text.slice(0, MAX_HELP_TEXT),
          }),
          inline: [
            [
              {
                label: t('help-operator-answer'),
                payload: viewButton('qanswer', String(stored.id)),
              },
            ],
          ],
        },
      ],
    });
  }
  return { id: stored.id, deadlineAt };
}

export type AnswerOutcome =
  | { ok: true; id: number }
  | { ok: false; reason: 'not_found' | 'already_answered' | 'empty' | 'too_long' };

/**
 * An operator's answer (from a bot or the API): stored once, and sent to the resident with
 * buttons to rate it. A question answered already is not answered twice.
 */
export async function answerQuestion(
  db: Db,
  answer: { questionId: number; text: string; now: Date; officialId?: number; tokenId?: number },
): Promise<AnswerOutcome> {
  const text = answer.text.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text.length > MAX_HELP_TEXT) return { ok: false, reason: 'too_long' };
  const locked = await db.$queryRaw<Array<{ status: string }>>`
    SELECT status::text FROM "HelpQuestion" WHERE id = ${answer.questionId} FOR UPDATE`;
  const status = locked[0]?.status;
  if (status === undefined) return { ok: false, reason: 'not_found' };
  if (status !== 'open') return { ok: false, reason: 'already_answered' };

  const question = await db.helpQuestion.update({
    where: { id: answer.questionId },
    data: {
      status: 'answered',
      answer: text,
      answeredAt: answer.now,
      answeredById: answer.officialId ?? null,
      answeredByTokenId: answer.tokenId ?? null,
    },
    select: {
      id: true,
      text: true,
      resident: { select: { channel: true, chatId: true, locale: true } },
    },
  });
  const t = translator(resolveLocale(question.resident.locale));
  const id = String(question.id);
  await queueDelivery(db, {
    key: `help:${question.id}:answer`,
    channel: question.resident.channel,
    chatId: question.resident.chatId,
    messages: [
      {
        text: t('help-answer-to-resident', {
          id: question.id,
          question: question.text,
          answer: text,
        }),
        inline: [
          [1, 2, 3, 4, 5].map((stars) => ({
            label: '⭐'.repeat(stars),
            payload: viewButton('rate', `${id}-${stars}`),
          })),
        ],
      },
    ],
  });
  return { ok: true, id: question.id };
}

/** The resident's rating of an answer, 1 to 5; their own question only, once. */
export async function rateAnswer(
  db: Db,
  rating: { questionId: number; residentId: number; stars: number },
): Promise<boolean> {
  if (!Number.isInteger(rating.stars) || rating.stars < 1 || rating.stars > 5) return false;
  const rated = await db.helpQuestion.updateMany({
    where: {
      id: rating.questionId,
      residentId: rating.residentId,
      status: 'answered',
      rating: null,
    },
    data: { rating: rating.stars },
  });
  return rated.count === 1;
}

/**
 * Turns an answered question into a knowledge-base article in one step, so the next resident
 * who asks gets the answer at once. The question becomes the article's question.
 */
export async function questionToArticle(
  db: Db,
  request: {
    questionId: number;
    question?: string | undefined;
    tags?: string[] | undefined;
    topic?: string | undefined;
  },
): Promise<{ ok: true; articleId: number } | { ok: false; reason: 'not_found' | 'not_answered' }> {
  const question = await db.helpQuestion.findUnique({ where: { id: request.questionId } });
  if (!question) return { ok: false, reason: 'not_found' };
  if (!question.answer) return { ok: false, reason: 'not_answered' };
  if (question.articleId) return { ok: true, articleId: question.articleId };
  const article = await db.article.create({
    data: {
      slug: `operator-answer-${question.id}`,
      question: (request.question ?? question.text).slice(0, 500),
      phrasings: request.question ? [question.text.slice(0, 500)] : [],
      answer: question.answer,
      tags: request.tags ?? [],
      topic: request.topic ?? 'operators',
      sources: [{ fact: 'answer', source: `operator answer to question ${question.id}` }],
    },
    select: { id: true },
  });
  await db.helpQuestion.update({ where: { id: question.id }, data: { articleId: article.id } });
  return { ok: true, articleId: article.id };
}
