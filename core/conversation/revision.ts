import type { FlowContext } from './context.ts';
import { type DialogState, samePlace } from './state.ts';

/**
 * The revision the dialogue will have once `next` is stored: it moves on whenever the dialogue
 * moves to another place, which retires every flow button issued before.
 */
export function revisionAfter(current: DialogState, revision: number, next: DialogState): number {
  return samePlace(current, next) ? revision : revision + 1;
}

/** The revision to stamp on buttons sent together with the move to `next`. */
export function buttonRevision(ctx: FlowContext, next: DialogState): number {
  return revisionAfter(ctx.state, ctx.revision, next);
}
