/** Why the report lifecycle refused an action: stable codes for the API, the bots and the logs. */
export type RefusalCode =
  /** The action is not allowed from the report's current status. */
  | 'invalid_transition'
  /** This actor may not take this action, or not on this report. */
  | 'forbidden'
  /** An answer without text. */
  | 'text_required'
  /** A rejection or a redirection without a reason. */
  | 'reason_required'
  /** A reopening or a returned answer without a comment. */
  | 'comment_required'
  /** An answer, reason or comment longer than the history keeps. */
  | 'text_too_long'
  /** An office id that cannot name an office. */
  | 'invalid_office'
  /** A redirection to the office that already owns the report. */
  | 'same_office'
  /** A report number that cannot name a report. */
  | 'invalid_report_number'
  /** A report marked as a duplicate of itself. */
  | 'same_report'
  /** A report marked as a duplicate of one that is no longer open. */
  | 'original_not_open'
  /** The unanswered follow-up closes a report only once its days have passed. */
  | 'followup_not_due';

/**
 * A refused action. The reason is an English sentence for logs and API clients; it names
 * statuses, actions and ids, never a resident's words.
 */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
}

export function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}

/** A refusal as an error, for a caller that throws (an API handler, a job that must not retry). */
export class ReportTransitionError extends Error {
  override name = 'ReportTransitionError';
  readonly code: RefusalCode;

  constructor(refusal: Refusal) {
    super(refusal.reason);
    this.code = refusal.code;
  }
}
