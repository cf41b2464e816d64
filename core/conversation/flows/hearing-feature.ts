import { OPEN_HEARING_ACTION } from '../../hearings/updates.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { Feature } from '../features.ts';
import { continueComment, pressCommentButton, startComment } from './hearing-comment.ts';
import { showHearing, showHearings } from './hearing-list.ts';
import { showMenu } from './menu.ts';

/**
 * Public hearings: residents list and read them, and comment or propose while a hearing's
 * comment period is open. Every list and card button is a view button (safe on an old message
 * or a broadcast); the comment itself is a screen of its own that takes a shared contact.
 */
export const hearingsFeature: Feature = {
  commands: { hearings: (ctx) => showHearings(ctx, 1) },
  menuLabels: { 'menu-hearings': (ctx) => showHearings(ctx, 1) },
  viewButtons: {
    'hear-list': (ctx, arg) => withNumber(ctx, arg, (page) => showHearings(ctx, page)),
    [OPEN_HEARING_ACTION]: (ctx, arg) => withNumber(ctx, arg, (id) => showHearing(ctx, id)),
    'hear-comment': (ctx, arg) => withNumber(ctx, arg, (id) => startComment(ctx, id, 'comment')),
    'hear-proposal': (ctx, arg) => withNumber(ctx, arg, (id) => startComment(ctx, id, 'proposal')),
  },
  screens: {
    'hearing-comment': {
      acceptsContact: true,
      leftKey: 'hearing-comment-cancelled',
      message: (ctx, state) =>
        state.screen === 'hearing-comment' ? continueComment(ctx, state) : showMenu(ctx),
      button: (ctx, state, action) =>
        state.screen === 'hearing-comment' ? pressCommentButton(ctx, state, action) : showMenu(ctx),
    },
  },
};

/** Numbers in a payload come from a client that may be modified: anything odd is stale. */
function withNumber(
  ctx: FlowContext,
  arg: string | undefined,
  then: (value: number) => Promise<FlowResult>,
): FlowResult | Promise<FlowResult> {
  const value = arg && /^\d{1,9}$/.test(arg) ? Number(arg) : 0;
  if (value < 1) return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-unknown') };
  return then(value);
}
