import type { z } from 'zod';
import { isoMoment } from './ids.ts';

const DAY_MS = 86_400_000;
/** A year and a leap day: the longest period one request may cover. */
const MAX_DAYS = 366;

/** `from` and `to` of a statistics or export query, as ISO times. */
export const periodFields = {
  from: isoMoment,
  to: isoMoment,
};

/** The rules on the pair: from before to, a year at most (added last: zod cannot extend it). */
export function checkPeriod(query: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const length = Date.parse(query.to) - Date.parse(query.from);
  if (length <= 0) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"from" must come before "to"' });
  } else if (length > MAX_DAYS * DAY_MS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `${MAX_DAYS} days at most` });
  }
}
