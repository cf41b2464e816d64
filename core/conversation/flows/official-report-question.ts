import { openReportButton } from '../../official-reports/notices.ts';
import { askAboutReport, MAX_QUESTION } from '../../official-reports/questions.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { OfficialReportQuestionState } from '../state.ts';
import { afterConsent, menuState } from './menu.ts';
import {
  busyWithReport,
  cancelButton,
  idFrom,
  localeOf,
  needConsent,
  unknownButton,
} from './official-report-common.ts';

/** "Ask a question" under a report: the resident's next message is the question. */
export async function startQuestion(
  ctx: FlowContext,
  arg: string | undefined,
): Promise<FlowResult> {
  const { t, services } = ctx;
  const id = idFrom(arg);
  if (id === undefined) return unknownButton(ctx);
  const busy = busyWithReport(ctx);
  if (busy) return busy;
  if (!ctx.resident) return needConsent(ctx, afterConsent('orep-ask', id));
  const report = await services.db.officialReport.findUnique({
    where: { id },
    select: { id: true, title: true },
  });
  if (!report) return { state: ctx.state, messages: [{ text: t('oreport-not-found') }] };

  const state: OfficialReportQuestionState = {
    screen: 'oreport-question',
    ...localeOf(ctx),
    officialReportId: report.id,
  };
  const text = t('oreport-ask-prompt', { title: report.title, max: MAX_QUESTION });
  return { state, messages: [{ text, inline: [[cancelButton(ctx, state)]] }] };
}

/** The question, typed on the question screen; too long a one is sent back to be shortened. */
export async function writeQuestion(
  ctx: FlowContext,
  state: OfficialReportQuestionState,
): Promise<FlowResult> {
  const { t, incoming, resident, services } = ctx;
  if (incoming.kind !== 'text') {
    return { state, messages: [{ text: t('oreport-ask-text-only') }] };
  }
  if (!resident) return needConsent({ ...ctx, state: menuState(ctx) });
  const outcome = await askAboutReport(services.db, {
    officialReportId: state.officialReportId,
    residentId: resident.id,
    text: incoming.text,
    now: services.now(),
  });
  if (!outcome.ok) {
    if (outcome.reason === 'not_found') {
      return { state: menuState(ctx), messages: [{ text: t('oreport-not-found') }] };
    }
    const text =
      outcome.reason === 'too_long'
        ? t('oreport-ask-too-long', { max: MAX_QUESTION, length: incoming.text.trim().length })
        : t('oreport-ask-too-short');
    return { state, messages: [{ text, inline: [[cancelButton(ctx, state)]] }] };
  }
  return {
    state: menuState(ctx),
    messages: [
      {
        text: t('oreport-asked', { id: String(outcome.id) }),
        inline: [[openReportButton(t, state.officialReportId)]],
      },
    ],
    jobsQueued: true,
  };
}

/** Buttons under the question prompt: only "Cancel". */
export function pressQuestionButton(
  ctx: FlowContext,
  state: OfficialReportQuestionState,
  action: string,
): FlowResult {
  if (action === 'orep-cancel') {
    return { state: menuState(ctx), messages: [{ text: ctx.t('oreport-ask-cancelled') }] };
  }
  return { state, messages: [], buttonNotice: ctx.t('button-stale') };
}
