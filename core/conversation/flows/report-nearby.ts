import { findNearbyOpenReport, findOpenReportId, subscribeToReport } from '../../reports/nearby.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { mainMenu } from '../keyboards.ts';
import { buttonRevision } from '../revision.ts';
import type { ReportDraft, ReportState } from '../state.ts';
import type { Outgoing } from '../types.ts';
import { menuState } from './menu.ts';
import { enter, localeOf } from './report-steps.ts';

/**
 * Moves to the summary. When an open report of the same category lies within a few dozen
 * metres, it is the same problem as likely as not: the resident is first offered to join it.
 */
export async function enterConfirm(ctx: FlowContext, draft: ReportDraft): Promise<FlowResult> {
  const { nearbyNumber: _old, ...rest } = draft;
  if (!rest.point || !rest.categoryCode || !ctx.resident) return enter(ctx, rest, 'confirm');

  const nearby = await findNearbyOpenReport(ctx.services.db, {
    categoryCode: rest.categoryCode,
    point: rest.point,
    excludeResidentId: ctx.resident.id,
  });
  if (!nearby) return enter(ctx, rest, 'confirm');

  const next: ReportDraft = { ...rest, nearbyNumber: nearby.number };
  const state: ReportState = { screen: 'report', step: 'confirm', draft: next, ...localeOf(ctx) };
  const revision = buttonRevision(ctx, state);
  const { t } = ctx;
  const offer: Outgoing = {
    text: t('report-nearby-offer', {
      number: nearby.number,
      // Another resident's own words may carry their flat or phone number: not quoted here.
      distance: Math.round(nearby.distanceMetres),
    }),
    inline: [
      [
        {
          label: t('report-nearby-join', { number: nearby.number }),
          payload: flowButton(revision, 'join', String(nearby.number)),
        },
      ],
      [{ label: t('report-nearby-new'), payload: flowButton(revision, 'new') }],
    ],
  };
  return enter(ctx, next, 'confirm', [offer]);
}

/** The resident joins the nearby report: they follow it, and no new report is filed. */
export async function joinNearby(
  ctx: FlowContext,
  state: ReportState,
  arg: string | undefined,
): Promise<FlowResult> {
  const number = state.draft.nearbyNumber;
  if (number === undefined || arg !== String(number) || !ctx.resident) {
    return { state, messages: [], buttonNotice: ctx.t('button-stale') };
  }

  const reportId = await findOpenReportId(ctx.services.db, number);
  if (reportId === null) {
    // It closed since the offer: the resident's own report is the way left.
    const { nearbyNumber: _gone, ...draft } = state.draft;
    return enter(ctx, draft, 'confirm', [{ text: ctx.t('report-nearby-closed', { number }) }]);
  }

  await subscribeToReport(ctx.services.db, reportId, ctx.resident.id);
  return {
    state: menuState(ctx),
    messages: [{ text: ctx.t('report-nearby-joined', { number }), keyboard: mainMenu(ctx.t) }],
  };
}

/** The resident files their own report after all: the summary again, without the offer. */
export function declineNearby(ctx: FlowContext, state: ReportState): FlowResult {
  const { nearbyNumber: _declined, ...draft } = state.draft;
  return enter(ctx, draft, 'confirm');
}
