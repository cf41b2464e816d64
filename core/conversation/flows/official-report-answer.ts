import { openReportButton } from '../../official-reports/notices.ts';
import { listReportQuestions } from '../../official-reports/question-lists.ts';
import {
  type AnswerRefusal,
  answerReportQuestion,
  MAX_ANSWER,
  questionFor,
} from '../../official-reports/questions.ts';
import { formatCityDate } from '../../text/dates.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { OfficialReportAnswerState } from '../state.ts';
import type { InlineButton } from '../types.ts';
import { menuState } from './menu.ts';
import {
  busyWithReport,
  cancelButton,
  idFrom,
  isReportingStaff,
  localeOf,
  say,
  short,
  unknownButton,
} from './official-report-common.ts';

const QUEUE_PAGE = 8;
const QUESTION_CHARS = 120;

/**
 * `/officials_questions`: residents' unanswered questions about the office's reports (every
 * office's for admins), the longest waiting first, each a button to answer it.
 */
export async function showQuestionQueue(ctx: FlowContext, page: number): Promise<FlowResult> {
  const { t, official, services } = ctx;
  if (!official || !isReportingStaff(ctx)) return say(ctx, t('oreport-not-staff'));
  const officeId = official.role === 'admin' ? undefined : (official.officeId ?? -1);
  const first = Math.max(page, 1);
  const { total, questions } = await listReportQuestions(services.db, {
    status: 'unanswered',
    officeId,
    skip: (first - 1) * QUEUE_PAGE,
    take: QUEUE_PAGE,
  });
  if (total === 0) return say(ctx, t('oreport-queue-empty'));
  const pages = Math.ceil(total / QUEUE_PAGE);
  // A page emptied by answers meanwhile shows the first one again.
  if (questions.length === 0) return showQuestionQueue(ctx, 1);

  const lines = questions.map((question) =>
    t('oreport-queue-line', {
      id: String(question.id),
      report: String(question.officialReport.id),
      title: question.officialReport.title,
      date: formatCityDate(question.createdAt),
      text: short(question.text, QUESTION_CHARS),
    }),
  );
  const rows: InlineButton[][] = [];
  for (let i = 0; i < questions.length; i += 4) {
    rows.push(
      questions.slice(i, i + 4).map((question) => ({
        label: t('oreport-queue-answer', { id: String(question.id) }),
        payload: viewButton('orep-answer', String(question.id)),
      })),
    );
  }
  const nav: InlineButton[] = [];
  if (first > 1) nav.push(queuePage(ctx, 'oreport-prev', first - 1));
  if (first < pages) nav.push(queuePage(ctx, 'oreport-next', first + 1));
  if (nav.length > 0) rows.push(nav);
  const title = t('oreport-queue-title', { total, page: first, pages });
  return { state: ctx.state, messages: [{ text: [title, ...lines].join('\n\n'), inline: rows }] };
}

function queuePage(ctx: FlowContext, key: string, page: number): InlineButton {
  return { label: ctx.t(key), payload: viewButton('orep-queue', String(page)) };
}

/** "Answer" under a question: the next message of the one who pressed it is the answer. */
export async function startAnswer(ctx: FlowContext, arg: string | undefined): Promise<FlowResult> {
  const { t, official, services } = ctx;
  const id = idFrom(arg);
  if (id === undefined) return unknownButton(ctx);
  if (!official) return say(ctx, t('oreport-not-staff'));
  const busy = busyWithReport(ctx);
  if (busy) return busy;
  const found = await questionFor(services.db, official, id);
  if (!found.ok) return say(ctx, t(refusalKey(found.reason), { id: String(id) }));

  const state: OfficialReportAnswerState = {
    screen: 'oreport-answer',
    ...localeOf(ctx),
    questionId: id,
  };
  const text = t('oreport-write-answer', {
    id: String(id),
    title: found.found.report.title,
    text: found.found.text,
  });
  return { state, messages: [{ text, inline: [[cancelButton(ctx, state)]] }] };
}

/** The answer typed on the answer screen: stored, sent to the asker, shown with the report. */
export async function writeAnswer(
  ctx: FlowContext,
  state: OfficialReportAnswerState,
): Promise<FlowResult> {
  const { t, incoming, official, services } = ctx;
  if (incoming.kind !== 'text')
    return { state, messages: [{ text: t('oreport-answer-text-only') }] };
  if (!official) return { state: menuState(ctx), messages: [{ text: t('oreport-not-staff') }] };
  const outcome = await answerReportQuestion(services.db, {
    questionId: state.questionId,
    text: incoming.text,
    now: services.now(),
    by: { role: official.role, officeId: official.officeId, officialId: official.id },
  });
  if (outcome.ok) {
    return {
      state: menuState(ctx),
      messages: [
        {
          text: t('oreport-answer-sent', { id: String(outcome.id) }),
          inline: [[openReportButton(t, outcome.officialReportId)]],
        },
      ],
      jobsQueued: true,
    };
  }
  if (outcome.reason === 'too_long' || outcome.reason === 'empty') {
    const text =
      outcome.reason === 'empty'
        ? t('oreport-answer-text-only')
        : t('oreport-answer-too-long', { max: MAX_ANSWER });
    return { state, messages: [{ text, inline: [[cancelButton(ctx, state)]] }] };
  }
  const text = t(refusalKey(outcome.reason), { id: String(state.questionId) });
  return { state: menuState(ctx), messages: [{ text }] };
}

/** Buttons under the answer prompt: only "Cancel". */
export function pressAnswerButton(
  ctx: FlowContext,
  state: OfficialReportAnswerState,
  action: string,
): FlowResult {
  if (action === 'orep-cancel') {
    return { state: menuState(ctx), messages: [{ text: ctx.t('oreport-answer-cancelled') }] };
  }
  return { state, messages: [], buttonNotice: ctx.t('button-stale') };
}

function refusalKey(reason: Exclude<AnswerRefusal, 'empty' | 'too_long'>): string {
  switch (reason) {
    case 'not_found':
      return 'oreport-question-not-found';
    case 'forbidden':
      return 'oreport-may-not-answer';
    case 'already_answered':
      return 'oreport-question-answered';
  }
}
