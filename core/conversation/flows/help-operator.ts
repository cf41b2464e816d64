import { answerQuestion, questionToArticle } from '../../helpdesk/questions.ts';
import { formatCityDate } from '../../text/dates.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { HelpAnswerState } from '../state.ts';
import type { InlineButton } from '../types.ts';
import { menuState } from './menu.ts';

const QUEUE_PAGE = 10;
const OPERATORS = ['operator', 'admin'];

function isOperator(ctx: FlowContext): boolean {
  return ctx.official !== null && OPERATORS.includes(ctx.official.role);
}

/** `/questions`: residents' open questions, oldest first, each a button to answer it. */
export async function showQuestionQueue(ctx: FlowContext): Promise<FlowResult> {
  const { t, services } = ctx;
  if (!isOperator(ctx)) return { state: ctx.state, messages: [{ text: t('help-not-operator') }] };
  const open = await services.db.helpQuestion.findMany({
    where: { status: 'open' },
    orderBy: { createdAt: 'asc' },
    take: QUEUE_PAGE,
    select: { id: true, text: true, deadlineAt: true },
  });
  if (open.length === 0) return { state: ctx.state, messages: [{ text: t('help-queue-empty') }] };
  const now = services.now();
  const lines = open.map((question) =>
    t(question.deadlineAt < now ? 'help-queue-line-late' : 'help-queue-line', {
      id: question.id,
      deadline: formatCityDate(question.deadlineAt),
      text: [...question.text].slice(0, 80).join(''),
    }),
  );
  const buttons: InlineButton[][] = open.map((question) => [
    {
      label: t('help-queue-answer', { id: question.id }),
      payload: viewButton('qanswer', String(question.id)),
    },
  ]);
  return {
    state: ctx.state,
    messages: [{ text: [t('help-queue-title'), ...lines].join('\n'), inline: buttons }],
  };
}

/** "Answer" under a question: the operator's next message is the answer. */
export async function startAnswer(ctx: FlowContext, questionId: number): Promise<FlowResult> {
  const { t, services } = ctx;
  if (!isOperator(ctx))
    return { state: ctx.state, messages: [], buttonNotice: t('help-not-operator') };
  const question = await services.db.helpQuestion.findUnique({
    where: { id: questionId },
    select: { id: true, text: true, status: true },
  });
  if (!question) return { state: ctx.state, messages: [{ text: t('help-question-gone') }] };
  if (question.status !== 'open') {
    return {
      state: ctx.state,
      messages: [{ text: t('help-question-answered', { id: question.id }) }],
    };
  }
  const state: HelpAnswerState = {
    screen: 'help-answer',
    ...(ctx.state.locale ? { locale: ctx.state.locale } : {}),
    questionId,
  };
  return {
    state,
    messages: [{ text: t('help-write-answer', { id: question.id, text: question.text }) }],
  };
}

/** The operator's answer, sent to the resident with buttons to rate it. */
export async function finishAnswer(ctx: FlowContext, state: HelpAnswerState): Promise<FlowResult> {
  const { t, incoming, services, official } = ctx;
  if (incoming.kind !== 'text' || incoming.text.trim() === '') {
    return { state, messages: [{ text: t('help-write-answer-text') }] };
  }
  const outcome = await answerQuestion(services.db, {
    questionId: state.questionId,
    text: incoming.text,
    now: services.now(),
    ...(official ? { officialId: official.id } : {}),
  });
  if (!outcome.ok) {
    const key =
      outcome.reason === 'too_long' ? 'staff-refused-text-too-long' : 'help-question-answered';
    return { state: menuState(ctx), messages: [{ text: t(key, { id: state.questionId }) }] };
  }
  const id = String(outcome.id);
  return {
    state: menuState(ctx),
    messages: [
      {
        text: t('help-answer-sent', { id: outcome.id }),
        inline: [[{ label: t('help-make-article'), payload: viewButton('toarticle', id) }]],
      },
    ],
    jobsQueued: true,
  };
}

/** "Make it an article": the question and its answer join the knowledge base. */
export async function makeArticle(ctx: FlowContext, questionId: number): Promise<FlowResult> {
  const { t, services } = ctx;
  if (!isOperator(ctx))
    return { state: ctx.state, messages: [], buttonNotice: t('help-not-operator') };
  const made = await questionToArticle(services.db, { questionId });
  if (!made.ok) return { state: ctx.state, messages: [{ text: t('help-question-gone') }] };
  services.knowledge.invalidate();
  return { state: ctx.state, messages: [{ text: t('help-article-made', { id: made.articleId }) }] };
}
