/**
 * What a broadcast sender throws when a send neither went out nor met an unreachable chat. The
 * delivery senders hide a platform's rate limit (they wait it out inside the call); a broadcast
 * must see it, so that the whole queue pauses instead of every job sleeping on its own.
 */

/** The platform refused for now and said how long to wait (Telegram's 429 retry_after). */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';

  constructor(
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`rate limited: retry after ${retryAfterMs} ms`, options);
  }
}

/**
 * The platform will never take this message as it is (a malformed request), or part of it went
 * out already, so sending it again would repeat that part: it is given up, not retried.
 */
export class SendRefusedError extends Error {
  override name = 'SendRefusedError';
}

/**
 * The request left and no answer came back (a timeout, a dropped connection): the message may
 * have arrived. On a platform without idempotent sends it must not be sent again.
 */
export class SendOutcomeUnknownError extends Error {
  override name = 'SendOutcomeUnknownError';
}
