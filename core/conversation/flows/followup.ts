import { actOnReport } from '../../reports/act.ts';
import type { Action } from '../../reports/lifecycle.ts';
import { formatCityDate } from '../../text/dates.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { FollowupState } from '../state.ts';
import { menuState } from './menu.ts';

/**
 * The resident's last word on a report the office called solved: "yes, fixed" closes it;
 * "no" asks what is still wrong and sends it back to the same office, flagged, with a
 * shorter deadline.
 */
export async function answerFollowup(
  ctx: FlowContext,
  fixed: boolean,
  reportId: number,
): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const report = resident
    ? await services.db.report.findFirst({
        where: { id: reportId, residentId: resident.id },
        select: { number: true, status: true },
      })
    : null;
  if (!report) return { state: ctx.state, messages: [], buttonNotice: t('button-unknown') };
  if (report.status !== 'resolved') {
    const status = t(`status-${report.status}`);
    return {
      state: ctx.state,
      messages: [{ text: t('followup-too-late', { number: report.number, status }) }],
    };
  }
  if (fixed) return act(ctx, reportId, report.number, { type: 'confirm_fixed' });

  const state: FollowupState = {
    screen: 'followup',
    ...(ctx.state.locale ? { locale: ctx.state.locale } : {}),
    reportId,
    number: report.number,
  };
  const revision = buttonRevision(ctx, state);
  return {
    state,
    messages: [
      {
        text: t('followup-ask-comment'),
        inline: [[{ label: t('report-cancel'), payload: flowButton(revision, 'followup-cancel') }]],
      },
    ],
  };
}

/** What the resident wrote about the unfixed problem. */
export async function continueFollowup(
  ctx: FlowContext,
  state: FollowupState,
): Promise<FlowResult> {
  const { incoming, t } = ctx;
  const comment = incoming.kind === 'text' ? incoming.text.trim() : '';
  if (comment === '') return { state, messages: [{ text: t('followup-ask-comment') }] };
  return act(ctx, state.reportId, state.number, { type: 'reopen', comment });
}

export function cancelFollowup(ctx: FlowContext): FlowResult {
  return { state: menuState(ctx), messages: [{ text: ctx.t('followup-cancelled') }] };
}

async function act(
  ctx: FlowContext,
  reportId: number,
  number: number,
  action: Action,
): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  if (!resident) return { state: menuState(ctx), messages: [] };
  const outcome = await actOnReport(
    services.db,
    { calendar: services.calendar, now: services.now() },
    reportId,
    action,
    { kind: 'resident', residentId: resident.id },
  );
  if (!outcome.ok) {
    const text =
      outcome.code === 'text_too_long'
        ? t('staff-refused-text-too-long')
        : t('followup-too-late', {
            number,
            status: t('status-closed'),
          });
    return { state: menuState(ctx), messages: [{ text }] };
  }
  if (action.type === 'confirm_fixed') {
    return { state: menuState(ctx), messages: [{ text: t('followup-thanks', { number }) }] };
  }
  const report = await services.db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { deadlineAt: true, office: { select: { name: true } } },
  });
  const text = t('followup-reopened', {
    number,
    office: report.office?.name ?? '',
    deadline: report.deadlineAt ? formatCityDate(report.deadlineAt) : '—',
  });
  return { state: menuState(ctx), messages: [{ text }], jobsQueued: true };
}
