import type { CommentRefusal } from '../../hearings/comments.ts';
import { formatCityMoment } from '../../hearings/format.ts';
import type { HearingView } from '../../hearings/hearings.ts';
import type { Translate } from '../../i18n/index.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { mainMenu } from '../keyboards.ts';
import type { HearingCommentState } from '../state.ts';
import type { Channel, KeyButton } from '../types.ts';
import { menuState } from './menu.ts';

/** What the hearing-comment flows share: their keyboards, a stay and a way out. */

/** Under every step of a comment: the way out, so no menu label is typed into it by mistake. */
export function cancelKeyboard(t: Translate): KeyButton[][] {
  return [[{ label: t('hearing-cancel') }]];
}

/**
 * The phone question's keyboard: Telegram shares the resident's own number with a button;
 * elsewhere (VK, the terminal chat) there is no such button and the number is typed.
 */
export function phoneKeyboard(t: Translate, channel: Channel): KeyButton[][] {
  if (!sharesContact(channel)) return cancelKeyboard(t);
  return [[{ label: t('hearing-share-phone'), requestContact: true }], ...cancelKeyboard(t)];
}

export function sharesContact(channel: Channel): boolean {
  return channel === 'telegram';
}

/** The same step again, with a word on what to fix. */
export function stay(state: HearingCommentState, text: string): FlowResult {
  return { state, messages: [{ text }] };
}

/** Back to the menu with one message, the main keyboard restored in place of ours. */
export function leave(ctx: FlowContext, text: string): FlowResult {
  return { state: menuState(ctx), messages: [{ text, keyboard: mainMenu(ctx.t) }] };
}

/** A comment the hearing cannot take (now), said politely with the dates that matter. */
export function refusalText(
  t: Translate,
  reason: CommentRefusal,
  hearing: HearingView | null,
): string {
  if (!hearing || reason === 'not_found') return t('hearing-refused-not-found');
  return t(`hearing-refused-${reason}`, {
    title: hearing.title,
    from: formatCityMoment(hearing.commentsFrom),
    until: formatCityMoment(hearing.commentsUntil),
  });
}

export function localeOf(ctx: FlowContext) {
  return ctx.state.locale ? { locale: ctx.state.locale } : {};
}
