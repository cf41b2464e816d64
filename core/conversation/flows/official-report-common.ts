import type { StaffRole } from '../../../generated/prisma/enums.ts';
import type { Locale } from '../../i18n/index.ts';
import type { RatingSummary } from '../../official-reports/ratings.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { DialogState } from '../state.ts';
import type { InlineButton } from '../types.ts';
import { type ConsentThen, consentRequest } from './menu.ts';

/** Who answers residents' questions and publishes reports in the bot. */
export const REPORTING_ROLES: readonly StaffRole[] = ['official', 'head', 'admin'];

export function isReportingStaff(ctx: FlowContext): boolean {
  return ctx.official !== null && REPORTING_ROLES.includes(ctx.official.role);
}

/** An id from a button: digits only, as we issued them; anything else is a forged button. */
export function idFrom(arg: string | undefined): number | undefined {
  if (!arg || !/^\d{1,9}$/.test(arg)) return undefined;
  const id = Number(arg);
  return id >= 1 ? id : undefined;
}

/** A button we never issued, or one from an old bot version. */
export function unknownButton(ctx: FlowContext): FlowResult {
  return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-unknown') };
}

/**
 * Asking and rating keep what a resident says: nothing is kept before their consent. `then`
 * is the button to press again once they consent (the question, the rating).
 */
export function needConsent(ctx: FlowContext, then: ConsentThen = 'menu'): FlowResult {
  return {
    state: ctx.state,
    messages: [{ text: ctx.t('oreport-consent-needed') }, consentRequest(ctx, then)],
  };
}

/** A reply in the chat, or a toast for a button pressed under a card in an office's group. */
export function say(ctx: FlowContext, text: string): FlowResult {
  if (ctx.incoming.kind === 'button' && ctx.incoming.fromGroup) {
    return { state: ctx.state, messages: [], buttonNotice: text };
  }
  return { state: ctx.state, messages: [{ text }] };
}

/** A half-written report is not thrown away for a button pressed elsewhere. */
export function busyWithReport(ctx: FlowContext): FlowResult | undefined {
  if (ctx.state.screen !== 'report') return undefined;
  return { state: ctx.state, messages: [], buttonNotice: ctx.t('oreport-finish-report-first') };
}

export function cancelButton(ctx: FlowContext, next: DialogState): InlineButton {
  return {
    label: ctx.t('oreport-cancel'),
    payload: flowButton(buttonRevision(ctx, next), 'orep-cancel'),
  };
}

export function localeOf(ctx: FlowContext): { locale?: Locale } {
  return ctx.state.locale ? { locale: ctx.state.locale } : {};
}

export function ratingText(ctx: FlowContext, rating: RatingSummary): string {
  if (rating.average === null) return ctx.t('oreport-rating-none');
  return ctx.t('oreport-rating', { average: rating.average, count: rating.count });
}

/** A title cut to fit a button. */
export function short(text: string, chars: number): string {
  const letters = [...text];
  return letters.length <= chars ? text : `${letters.slice(0, chars - 1).join('')}…`;
}
