import type { ActOutcome } from '../../reports/act.ts';
import { maySee, type Official } from '../../staff/officials.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { menuState } from './menu.ts';

/** What a staff flow needs to know about a report before acting on it. */
export interface StaffReport {
  id: number;
  number: number;
  status: string;
  officeId: number | null;
}

/**
 * The report behind a staff button, or null when it does not exist or belongs to another
 * office: officials cannot tell the two apart, so another office's work stays private.
 */
export async function reportForStaff(
  ctx: FlowContext,
  official: Official,
  reportId: number,
): Promise<StaffReport | null> {
  const report = await ctx.services.db.report.findUnique({
    where: { id: reportId },
    select: { id: true, number: true, status: true, officeId: true },
  });
  if (!report || !maySee(official, report.officeId)) return null;
  return report;
}

/** The answer to a staff button pressed by someone who is not (or no longer) staff. */
export function notStaff(ctx: FlowContext): FlowResult {
  return { state: ctx.state, messages: [], buttonNotice: ctx.t('staff-only') };
}

export function reportGone(ctx: FlowContext): FlowResult {
  // From a group's card the answer is a toast: the private chat is for the presser's own work.
  if (ctx.incoming.kind === 'button' && ctx.incoming.fromGroup) {
    return { state: ctx.state, messages: [], buttonNotice: ctx.t('staff-report-not-found') };
  }
  return { state: ctx.state, messages: [{ text: ctx.t('staff-report-not-found') }] };
}

/** A refused action, in words for the person who tried it; the dialogue goes back to rest. */
export function refusalText(ctx: FlowContext, outcome: Exclude<ActOutcome, { ok: true }>) {
  const known = [
    'invalid_transition',
    'forbidden',
    'text_too_long',
    'same_office',
    'not_found',
    'original_not_open',
    'same_report',
  ] as const;
  const code = (known as readonly string[]).includes(outcome.code) ? outcome.code : 'other';
  return ctx.t(`staff-refused-${code.replaceAll('_', '-')}`);
}

export function refused(ctx: FlowContext, outcome: Exclude<ActOutcome, { ok: true }>): FlowResult {
  return { state: menuState(ctx), messages: [{ text: refusalText(ctx, outcome) }] };
}
