import type { ReportStatus } from '../../generated/prisma/enums.ts';
import { type Refusal, refuse } from './lifecycle-errors.ts';

/**
 * The life of a report as pure decisions: given a report, an action and who acts, either the
 * next status, the history event and the effects the caller carries out, or a refusal with a
 * reason. Nothing here reads or writes the database.
 */

/** Days a resident has to say whether a resolved problem is fixed before it closes by itself. */
export const FOLLOWUP_DAYS = 15;
/** The longest answer, reason or comment the history keeps. */
export const MAX_EVENT_TEXT_LENGTH = 4000;

export type Action =
  | { type: 'route'; officeId: number }
  | { type: 'take' }
  /** An interim answer keeps the report with the office; a final one resolves it. */
  | { type: 'answer'; text: string; final: boolean }
  | { type: 'redirect'; toOfficeId: number; reason: string }
  | { type: 'reject'; reason: string }
  /** The caller looks the original up and passes its status: only an open one can absorb. */
  | { type: 'mark_duplicate'; ofReportNumber: number; ofStatus: ReportStatus }
  | { type: 'confirm_fixed'; comment?: string }
  | { type: 'reopen'; comment: string }
  /** `at` is when the follow-up job runs; a job left over from an earlier resolution is late. */
  | { type: 'close_unanswered_followup'; at: Date }
  | { type: 'grade_good' }
  | { type: 'return_answer'; comment: string };

export type ActionType = Action['type'];

/** Who acts. `id` on staff is their account, for the history; officials act for one office. */
export type Actor =
  | { kind: 'system' }
  | { kind: 'resident'; residentId: number }
  | { kind: 'official'; officeId: number; role: 'official' | 'head'; id?: number }
  | { kind: 'dispatcher'; id?: number }
  | { kind: 'moderator'; id?: number }
  /** Help-desk operators see no report actions; the kind exists so they are refused. */
  | { kind: 'operator'; id?: number }
  /** Organisers run volunteer events and hearings; like operators, they act on no report. */
  | { kind: 'organiser'; id?: number }
  | { kind: 'admin'; id?: number };

export type ActorKind = Actor['kind'];

/** What a decision needs to know about a report, read from its row. */
export interface ReportState {
  number: number;
  status: ReportStatus;
  officeId: number | null;
  residentId: number;
  /** Reopened by its resident or returned by a moderator: it gets shorter deadlines. */
  flagged: boolean;
  /** When the report was last resolved; the follow-up days count from it. */
  resolvedAt: Date | null;
}

export type EventType =
  | 'routed'
  | 'taken'
  | 'answered_interim'
  | 'answered_final'
  | 'redirected'
  | 'rejected'
  | 'marked_duplicate'
  | 'fix_confirmed'
  | 'reopened'
  | 'closed_unanswered'
  | 'answer_graded_good'
  | 'answer_returned';

/** One line of the report's history: who did what, with what words. The caller adds when. */
export interface LifecycleEvent {
  type: EventType;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  actorKind: ActorKind;
  actorId?: number;
  text?: string;
  data?: Record<string, number | boolean>;
}

/** Plain values the caller acts on, in the transaction that stores the decision. */
export type Effect =
  | { kind: 'set_office'; officeId: number }
  | { kind: 'notify_office'; officeId: number; what: EventType }
  /** Residents are not told about their own actions: the dialogue answers those. */
  | { kind: 'notify_resident'; what: EventType }
  /** The category's full deadline, counted from now. */
  | { kind: 'start_deadline' }
  /** A shorter deadline, counted from now, for a report that came back. */
  | { kind: 'shorten_deadline' }
  | { kind: 'schedule_followup'; afterDays: number }
  /** Queue the routing of a redirected report to this office. */
  | { kind: 'reroute'; officeId: number }
  | { kind: 'flag' };

export type Decision =
  | { ok: true; status: ReportStatus; event: LifecycleEvent; effects: Effect[] }
  | Refusal;

/**
 * The state machine at a glance: the actions each status allows. Where they lead:
 * route -> routed; take -> in_progress; answer -> answered (interim) or resolved (final);
 * redirect -> redirected (then route again); reject -> rejected; mark_duplicate -> duplicate;
 * confirm_fixed and close_unanswered_followup -> closed; reopen -> reopened;
 * return_answer -> in_progress; grade_good leaves the status as it is.
 */
export const TRANSITIONS: Readonly<Record<ReportStatus, readonly ActionType[]>> = {
  new: ['route', 'reject', 'mark_duplicate'],
  routed: ['take', 'answer', 'redirect', 'reject', 'mark_duplicate'],
  in_progress: ['answer', 'redirect', 'reject', 'mark_duplicate'],
  answered: ['answer', 'redirect', 'reject', 'grade_good', 'return_answer'],
  resolved: ['confirm_fixed', 'reopen', 'close_unanswered_followup', 'grade_good', 'return_answer'],
  reopened: ['take', 'answer', 'redirect', 'reject'],
  redirected: ['route'],
  closed: [],
  rejected: [],
  duplicate: [],
};

const OFFICE_STAFF = ['official', 'dispatcher', 'admin'] as const;

/**
 * Who may take each action. Officials only on their own office's reports, residents only on
 * their own; a dispatcher acts for every office, and an admin fixes reports by hand with a
 * dispatcher's powers. Grades stay with the activists, so that they remain theirs.
 */
export const WHO_MAY: Readonly<Record<ActionType, readonly ActorKind[]>> = {
  route: ['system', 'dispatcher', 'admin'],
  take: OFFICE_STAFF,
  answer: OFFICE_STAFF,
  redirect: OFFICE_STAFF,
  reject: OFFICE_STAFF,
  mark_duplicate: ['system', ...OFFICE_STAFF],
  confirm_fixed: ['resident'],
  reopen: ['resident'],
  close_unanswered_followup: ['system'],
  grade_good: ['moderator'],
  return_answer: ['moderator'],
};

export const ACTION_TYPES = Object.keys(WHO_MAY) as ActionType[];
export const STATUSES = Object.keys(TRANSITIONS) as ReportStatus[];

/** A status nothing leads out of: closed, rejected, duplicate. */
export function isTerminal(status: ReportStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Statuses of reports still being dealt with, for queries ("my open reports", workloads). */
export const OPEN_STATUSES: readonly ReportStatus[] = STATUSES.filter((s) => !isTerminal(s));

/** Decides an action on a report; an invalid or unauthorised one is refused, never applied. */
export function decide(report: ReportState, action: Action, actor: Actor): Decision {
  const refusal =
    whyForbidden(report, action.type, actor) ?? whyInvalid(report.status, action.type);
  if (refusal) return refusal;

  const outcome = outcomeOf(report, action);
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    status: outcome.status,
    event: eventOf(report, outcome, actor),
    effects: outcome.effects,
  };
}

/** The actions this actor could take on this report now, e.g. for the buttons it is shown. */
export function availableActions(report: ReportState, actor: Actor): ActionType[] {
  return TRANSITIONS[report.status].filter((type) => !whyForbidden(report, type, actor));
}

function whyForbidden(report: ReportState, type: ActionType, actor: Actor): Refusal | null {
  const allowed = WHO_MAY[type];
  if (!allowed.includes(actor.kind)) {
    const who = allowed.join(', ');
    return refuse('forbidden', `Action "${type}" is not for a ${actor.kind}; it is for: ${who}.`);
  }
  if (actor.kind === 'official' && report.officeId !== actor.officeId) {
    const own = `An official of office ${actor.officeId} acts only on that office's reports`;
    const where = report.officeId === null ? 'no office yet' : `office ${report.officeId}`;
    return refuse('forbidden', `${own}; this one is with ${where}.`);
  }
  if (actor.kind === 'resident' && report.residentId !== actor.residentId) {
    return refuse('forbidden', 'Only the resident who filed a report may confirm or reopen it.');
  }
  return null;
}

function whyInvalid(status: ReportStatus, type: ActionType): Refusal | null {
  const allowed = TRANSITIONS[status];
  if (allowed.includes(type)) return null;
  const then = allowed.length > 0 ? allowed.join(', ') : 'nothing, the report is finished';
  return refuse(
    'invalid_transition',
    `Action "${type}" is not allowed while a report is "${status}"; allowed then: ${then}.`,
  );
}

interface Outcome {
  ok: true;
  status: ReportStatus;
  type: EventType;
  text?: string;
  data?: Record<string, number | boolean>;
  effects: Effect[];
}

function outcomeOf(report: ReportState, action: Action): Outcome | Refusal {
  switch (action.type) {
    case 'route':
      return route(report, action.officeId);
    case 'take':
      return done('in_progress', 'taken', [{ kind: 'notify_resident', what: 'taken' }]);
    case 'answer':
      return answer(action.text, action.final);
    case 'redirect':
      return redirect(report, action.toOfficeId, action.reason);
    case 'reject':
      return reject(action.reason);
    case 'mark_duplicate':
      return markDuplicate(report, action.ofReportNumber, action.ofStatus);
    case 'confirm_fixed':
      return confirmFixed(action.comment);
    case 'reopen':
      return comeBack(report, 'reopened', 'reopened', action.comment);
    case 'close_unanswered_followup':
      return closeUnanswered(report, action.at);
    case 'grade_good':
      // LIMITATION: grading the same answer twice is not refused; the report would need to
      // carry whether its latest answer was graded, which only its history knows today.
      return done(report.status, 'answer_graded_good', []);
    case 'return_answer':
      return comeBack(report, 'in_progress', 'answer_returned', action.comment);
  }
}

function done(
  status: ReportStatus,
  type: EventType,
  effects: Effect[],
  extra: { text?: string; data?: Record<string, number | boolean> } = {},
): Outcome {
  return { ok: true, status, type, effects, ...extra };
}

function route(report: ReportState, officeId: number): Outcome | Refusal {
  if (!isId(officeId)) return badOffice(officeId);

  // A report that came back keeps its shorter deadline at whichever office it lands.
  const deadline: Effect = report.flagged
    ? { kind: 'shorten_deadline' }
    : { kind: 'start_deadline' };
  const effects: Effect[] = [
    { kind: 'set_office', officeId },
    { kind: 'notify_office', officeId, what: 'routed' },
    deadline,
    { kind: 'notify_resident', what: 'routed' },
  ];
  return done('routed', 'routed', effects, { data: { officeId } });
}

function answer(raw: string, final: boolean): Outcome | Refusal {
  const text = eventText(raw, 'text_required', 'An answer');
  if (typeof text !== 'string') return text;

  if (!final) {
    const effects: Effect[] = [{ kind: 'notify_resident', what: 'answered_interim' }];
    return done('answered', 'answered_interim', effects, { text, data: { final } });
  }
  // The resident's notice asks whether it is fixed; silence for the follow-up days closes it.
  const effects: Effect[] = [
    { kind: 'notify_resident', what: 'answered_final' },
    { kind: 'schedule_followup', afterDays: FOLLOWUP_DAYS },
  ];
  return done('resolved', 'answered_final', effects, { text, data: { final } });
}

function redirect(report: ReportState, toOfficeId: number, reason: string): Outcome | Refusal {
  if (!isId(toOfficeId)) return badOffice(toOfficeId);
  if (toOfficeId === report.officeId) {
    return refuse('same_office', `The report is already with office ${toOfficeId}.`);
  }
  const text = eventText(reason, 'reason_required', 'A redirection reason');
  if (typeof text !== 'string') return text;

  const data =
    report.officeId === null ? { toOfficeId } : { fromOfficeId: report.officeId, toOfficeId };
  const effects: Effect[] = [
    { kind: 'reroute', officeId: toOfficeId },
    { kind: 'notify_resident', what: 'redirected' },
  ];
  return done('redirected', 'redirected', effects, { text, data });
}

function reject(reason: string): Outcome | Refusal {
  const text = eventText(reason, 'reason_required', 'A rejection reason');
  if (typeof text !== 'string') return text;
  return done('rejected', 'rejected', [{ kind: 'notify_resident', what: 'rejected' }], { text });
}

function markDuplicate(
  report: ReportState,
  ofReportNumber: number,
  ofStatus: ReportStatus,
): Outcome | Refusal {
  if (!isId(ofReportNumber)) {
    return refuse('invalid_report_number', `${ofReportNumber} is not a report number.`);
  }
  if (ofReportNumber === report.number) {
    return refuse('same_report', `Report ${ofReportNumber} cannot be a duplicate of itself.`);
  }
  if (!OPEN_STATUSES.includes(ofStatus)) {
    return refuse(
      'original_not_open',
      `Report ${ofReportNumber} is "${ofStatus}"; a duplicate joins only an open report.`,
    );
  }
  const effects: Effect[] = [{ kind: 'notify_resident', what: 'marked_duplicate' }];
  return done('duplicate', 'marked_duplicate', effects, { data: { ofReportNumber } });
}

function confirmFixed(comment: string | undefined): Outcome | Refusal {
  // The comment is optional: a plain "yes, fixed" is the usual answer.
  if (comment === undefined || comment.trim() === '') return done('closed', 'fix_confirmed', []);
  const text = eventText(comment, 'comment_required', 'A comment');
  if (typeof text !== 'string') return text;
  return done('closed', 'fix_confirmed', [], { text });
}

/**
 * A report back with its office: reopened by its resident, or an answer returned by a
 * moderator. Either way it is flagged and gets a shorter deadline.
 */
function comeBack(
  report: ReportState,
  status: ReportStatus,
  type: 'reopened' | 'answer_returned',
  comment: string,
): Outcome | Refusal {
  const text = eventText(comment, 'comment_required', 'A comment');
  if (typeof text !== 'string') return text;

  const effects: Effect[] = [{ kind: 'flag' }, { kind: 'shorten_deadline' }];
  if (report.officeId !== null) {
    effects.push({ kind: 'notify_office', officeId: report.officeId, what: type });
  }
  if (type === 'answer_returned') effects.push({ kind: 'notify_resident', what: type });
  return done(status, type, effects, { text });
}

const DAY_MS = 24 * 60 * 60 * 1000;

function closeUnanswered(report: ReportState, at: Date): Outcome | Refusal {
  const resolvedAt = report.resolvedAt?.getTime();
  if (resolvedAt === undefined || at.getTime() < resolvedAt + FOLLOWUP_DAYS * DAY_MS) {
    return refuse(
      'followup_not_due',
      `A resolved report closes unanswered only ${FOLLOWUP_DAYS} days after it was resolved.`,
    );
  }
  const effects: Effect[] = [{ kind: 'notify_resident', what: 'closed_unanswered' }];
  return done('closed', 'closed_unanswered', effects);
}

function eventOf(report: ReportState, outcome: Outcome, actor: Actor): LifecycleEvent {
  const actorId = actorIdOf(actor);
  return {
    type: outcome.type,
    fromStatus: report.status,
    toStatus: outcome.status,
    actorKind: actor.kind,
    ...(actorId === undefined ? {} : { actorId }),
    ...(outcome.text === undefined ? {} : { text: outcome.text }),
    ...(outcome.data === undefined ? {} : { data: outcome.data }),
  };
}

function actorIdOf(actor: Actor): number | undefined {
  if (actor.kind === 'resident') return actor.residentId;
  return 'id' in actor ? actor.id : undefined;
}

/** Trimmed, non-empty and bounded; the refusal names the kind of text, never its words. */
function eventText(
  raw: string,
  code: 'text_required' | 'reason_required' | 'comment_required',
  what: string,
): string | Refusal {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return refuse(code, `${what} is required and must not be blank.`);
  if (text.length > MAX_EVENT_TEXT_LENGTH) {
    return refuse(
      'text_too_long',
      `${what} has ${text.length} characters; at most ${MAX_EVENT_TEXT_LENGTH} are kept.`,
    );
  }
  return text;
}

function isId(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function badOffice(officeId: number): Refusal {
  return refuse('invalid_office', `${officeId} is not an office id.`);
}
