import type { ApiParams } from './telegram-params.ts';

/** What a fake Bot API method gets besides its parameters. */
export interface MethodContext {
  /** Aborted when the client goes away (grammY aborts a long poll on bot.stop()). */
  readonly signal: AbortSignal;
}

/**
 * A fake Bot API method: returns the `result`, or throws a BotApiError. A result wrapped in
 * Described also carries the `description` some methods answer with (setWebhook does).
 */
export type MethodHandler = (params: ApiParams, ctx: MethodContext) => unknown;

export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
