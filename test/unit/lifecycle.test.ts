import { describe, expect, it } from 'vitest';
import {
  ACTION_TYPES,
  type Action,
  type ActionType,
  type Actor,
  availableActions,
  type Decision,
  decide,
  FOLLOWUP_DAYS,
  isTerminal,
  MAX_EVENT_TEXT_LENGTH,
  OPEN_STATUSES,
  type ReportState,
  STATUSES,
  TRANSITIONS,
} from '../../core/reports/lifecycle.ts';
import { ReportTransitionError } from '../../core/reports/lifecycle-errors.ts';
import { ReportStatus } from '../../generated/prisma/enums.ts';

const OFFICE = 7;
const OTHER_OFFICE = 8;
const RESIDENT = 42;
const DAY_MS = 24 * 60 * 60 * 1000;
const RESOLVED_AT = new Date('2025-03-01T03:00:00Z');
const FOLLOWUP_AT = new Date(RESOLVED_AT.getTime() + FOLLOWUP_DAYS * DAY_MS);

function report(overrides: Partial<ReportState> = {}): ReportState {
  return {
    number: 100,
    status: 'routed',
    officeId: OFFICE,
    residentId: RESIDENT,
    flagged: false,
    resolvedAt: RESOLVED_AT,
    ...overrides,
  };
}

const system: Actor = { kind: 'system' };
const owner: Actor = { kind: 'resident', residentId: RESIDENT };
const stranger: Actor = { kind: 'resident', residentId: RESIDENT + 1 };
const official: Actor = { kind: 'official', officeId: OFFICE, role: 'official', id: 501 };
const head: Actor = { kind: 'official', officeId: OFFICE, role: 'head', id: 502 };
const foreignOfficial: Actor = { kind: 'official', officeId: OTHER_OFFICE, role: 'head' };
const dispatcher: Actor = { kind: 'dispatcher', id: 600 };
const moderator: Actor = { kind: 'moderator', id: 700 };
const admin: Actor = { kind: 'admin' };
const ALL_ACTORS = [system, owner, official, dispatcher, moderator, admin];

/** A well-formed action of each type, so that only the status or the actor decides. */
const SAMPLE: { [T in ActionType]: Extract<Action, { type: T }> } = {
  route: { type: 'route', officeId: OTHER_OFFICE },
  take: { type: 'take' },
  answer: { type: 'answer', text: 'Бригада выедет в четверг.', final: false },
  redirect: { type: 'redirect', toOfficeId: OTHER_OFFICE, reason: 'Дорога городская.' },
  reject: { type: 'reject', reason: 'Частная территория.' },
  mark_duplicate: { type: 'mark_duplicate', ofReportNumber: 99, ofStatus: 'in_progress' },
  confirm_fixed: { type: 'confirm_fixed' },
  reopen: { type: 'reopen', comment: 'Яма на месте.' },
  close_unanswered_followup: { type: 'close_unanswered_followup', at: FOLLOWUP_AT },
  grade_good: { type: 'grade_good' },
  return_answer: { type: 'return_answer', comment: 'Ответ не по существу.' },
};

/** One actor entitled to each action on the sample report. */
const ENTITLED: Record<ActionType, Actor> = {
  route: system,
  take: official,
  answer: official,
  redirect: official,
  reject: dispatcher,
  mark_duplicate: dispatcher,
  confirm_fixed: owner,
  reopen: owner,
  close_unanswered_followup: system,
  grade_good: moderator,
  return_answer: moderator,
};

/** Where each allowed (status, sample action) leads, written out apart from the module. */
const EXPECTED: Record<ReportStatus, Partial<Record<ActionType, ReportStatus>>> = {
  new: { route: 'routed', reject: 'rejected', mark_duplicate: 'duplicate' },
  routed: {
    take: 'in_progress',
    answer: 'answered',
    redirect: 'redirected',
    reject: 'rejected',
    mark_duplicate: 'duplicate',
  },
  in_progress: {
    answer: 'answered',
    redirect: 'redirected',
    reject: 'rejected',
    mark_duplicate: 'duplicate',
  },
  answered: {
    answer: 'answered',
    redirect: 'redirected',
    reject: 'rejected',
    grade_good: 'answered',
    return_answer: 'in_progress',
  },
  resolved: {
    confirm_fixed: 'closed',
    reopen: 'reopened',
    close_unanswered_followup: 'closed',
    grade_good: 'resolved',
    return_answer: 'in_progress',
  },
  reopened: {
    take: 'in_progress',
    answer: 'answered',
    redirect: 'redirected',
    reject: 'rejected',
  },
  redirected: { route: 'routed' },
  closed: {},
  rejected: {},
  duplicate: {},
};

const PAIRS = STATUSES.flatMap((status) => ACTION_TYPES.map((type) => ({ status, type })));
const ALLOWED_PAIRS = PAIRS.filter(({ status, type }) => EXPECTED[status][type] !== undefined);
const REFUSED_PAIRS = PAIRS.filter(({ status, type }) => EXPECTED[status][type] === undefined);

function accepted(decision: Decision) {
  if (!decision.ok) throw new Error(`expected the action to be applied: ${decision.reason}`);
  return decision;
}

describe('when the transition table is read', () => {
  it('covers every status of the database enum', () => {
    expect([...STATUSES].sort()).toEqual(Object.values(ReportStatus).sort());
  });

  it('allows exactly the transitions the lifecycle was designed with', () => {
    for (const status of STATUSES) {
      expect([...TRANSITIONS[status]].sort()).toEqual(Object.keys(EXPECTED[status]).sort());
    }
  });

  it('calls closed, rejected and duplicate terminal and everything else open', () => {
    const terminal = STATUSES.filter(isTerminal);
    expect(terminal.sort()).toEqual(['closed', 'duplicate', 'rejected']);
    expect([...OPEN_STATUSES].sort()).toEqual(
      STATUSES.filter((status) => !terminal.includes(status)).sort(),
    );
  });
});

describe('when an allowed action is taken', () => {
  it.each(ALLOWED_PAIRS)('applies $type to a $status report', ({ status, type }) => {
    const decision = accepted(decide(report({ status }), SAMPLE[type], ENTITLED[type]));

    expect(decision.status).toBe(EXPECTED[status][type]);
    expect(decision.event).toMatchObject({
      fromStatus: status,
      toStatus: EXPECTED[status][type],
      actorKind: ENTITLED[type].kind,
    });
  });
});

describe('when an action does not fit the status', () => {
  it.each(REFUSED_PAIRS)('refuses $type on a $status report', ({ status, type }) => {
    const decision = decide(report({ status }), SAMPLE[type], ENTITLED[type]);

    expect(decision).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(!decision.ok && decision.reason).toContain(`"${status}"`);
  });

  it('says which actions the status allows, or that the report is finished', () => {
    const early = decide(report({ status: 'new' }), SAMPLE.take, dispatcher);
    expect(!early.ok && early.reason).toBe(
      'Action "take" is not allowed while a report is "new"; ' +
        'allowed then: route, reject, mark_duplicate.',
    );
    const late = decide(report({ status: 'closed' }), SAMPLE.reject, dispatcher);
    expect(!late.ok && late.reason).toContain('nothing, the report is finished');
  });
});

describe('when officials act', () => {
  const officeActions = ['take', 'answer', 'redirect', 'reject', 'mark_duplicate'] as const;

  it('lets an official and a head of the owning office do the office work', () => {
    for (const actor of [official, head]) {
      for (const type of officeActions) {
        expect(decide(report(), SAMPLE[type], actor).ok).toBe(true);
      }
    }
  });

  it("refuses an official of another office, naming the report's office", () => {
    for (const type of officeActions) {
      const decision = decide(report(), SAMPLE[type], foreignOfficial);
      expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
      expect(!decision.ok && decision.reason).toContain('this one is with office 7');
    }
  });

  it('refuses an official on a report no office holds yet', () => {
    const unplaced = report({ status: 'new', officeId: null });
    expect(decide(unplaced, SAMPLE.reject, official)).toMatchObject({ code: 'forbidden' });
    expect(decide(unplaced, SAMPLE.mark_duplicate, official)).toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets a dispatcher and an admin do the office work for any office', () => {
    for (const actor of [dispatcher, admin]) {
      for (const type of officeActions) {
        expect(decide(report({ officeId: OTHER_OFFICE + 1 }), SAMPLE[type], actor).ok).toBe(true);
      }
    }
  });

  it('keeps officials from routing, grading and speaking for the resident', () => {
    const notTheirs = ['route', 'confirm_fixed', 'reopen', 'grade_good', 'return_answer'];
    for (const type of notTheirs as ActionType[]) {
      expect(decide(report(), SAMPLE[type], official)).toMatchObject({ code: 'forbidden' });
    }
  });
});

describe('when a moderator acts', () => {
  it('may only grade answers', () => {
    for (const type of ACTION_TYPES) {
      const decision = decide(report({ status: 'answered' }), SAMPLE[type], moderator);
      const grading = type === 'grade_good' || type === 'return_answer';
      expect(decision.ok ? 'applied' : decision.code).toBe(grading ? 'applied' : 'forbidden');
    }
  });
});

describe('when a resident acts', () => {
  const resolved = report({ status: 'resolved' });

  it('confirms or reopens their own resolved report', () => {
    expect(accepted(decide(resolved, SAMPLE.confirm_fixed, owner)).status).toBe('closed');
    expect(accepted(decide(resolved, SAMPLE.reopen, owner)).status).toBe('reopened');
  });

  it("is refused on another resident's report, without saying whose it is", () => {
    for (const action of [SAMPLE.confirm_fixed, SAMPLE.reopen]) {
      expect(decide(resolved, action, stranger)).toEqual({
        ok: false,
        code: 'forbidden',
        reason: 'Only the resident who filed a report may confirm or reopen it.',
      });
    }
  });

  it('can neither confirm nor reopen before the office resolved it', () => {
    for (const status of STATUSES.filter((s) => s !== 'resolved')) {
      for (const action of [SAMPLE.confirm_fixed, SAMPLE.reopen]) {
        expect(decide(report({ status }), action, owner)).toMatchObject({
          code: 'invalid_transition',
        });
      }
    }
  });

  it('may do nothing else', () => {
    const others = ACTION_TYPES.filter((t) => t !== 'confirm_fixed' && t !== 'reopen');
    for (const type of others) {
      expect(decide(resolved, SAMPLE[type], owner)).toMatchObject({ code: 'forbidden' });
    }
  });
});

describe('when the system acts', () => {
  it('routes, closes unanswered follow-ups and marks duplicates, nothing else', () => {
    const mayDo = ['route', 'close_unanswered_followup', 'mark_duplicate'];
    for (const type of ACTION_TYPES) {
      const decision = decide(report({ status: 'new' }), SAMPLE[type], system);
      const refusedAs = decision.ok ? 'applied' : decision.code;
      expect(refusedAs === 'forbidden').toBe(!mayDo.includes(type));
    }
  });

  it('lists for each actor only the actions it could take now', () => {
    const resolved = report({ status: 'resolved' });
    expect(availableActions(resolved, owner)).toEqual(['confirm_fixed', 'reopen']);
    expect(availableActions(resolved, stranger)).toEqual([]);
    expect(availableActions(resolved, moderator)).toEqual(['grade_good', 'return_answer']);
    expect(availableActions(resolved, system)).toEqual(['close_unanswered_followup']);
    expect(availableActions(report(), official)).toEqual([
      'take',
      'answer',
      'redirect',
      'reject',
      'mark_duplicate',
    ]);
    expect(availableActions(report(), foreignOfficial)).toEqual([]);
    for (const actor of ALL_ACTORS) {
      expect(availableActions(report({ status: 'closed' }), actor)).toEqual([]);
    }
  });
});

describe('when a text is required', () => {
  const blanks = ['', '   ', '\n\t '];

  it('refuses a blank answer, rejection reason, redirection reason or comment', () => {
    const cases: Array<[ReportState, (blank: string) => Action, Actor, string]> = [
      [report(), (text) => ({ type: 'answer', text, final: true }), official, 'text_required'],
      [report(), (reason) => ({ type: 'reject', reason }), official, 'reason_required'],
      [
        report(),
        (reason) => ({ type: 'redirect', toOfficeId: OTHER_OFFICE, reason }),
        official,
        'reason_required',
      ],
      [
        report({ status: 'resolved' }),
        (comment) => ({ type: 'reopen', comment }),
        owner,
        'comment_required',
      ],
      [
        report({ status: 'answered' }),
        (comment) => ({ type: 'return_answer', comment }),
        moderator,
        'comment_required',
      ],
    ];
    for (const [state, build, actor, code] of cases) {
      for (const blank of blanks) {
        expect(decide(state, build(blank), actor)).toMatchObject({ ok: false, code });
      }
    }
  });

  it('keeps the text trimmed in the event', () => {
    const action: Action = { type: 'reject', reason: '  Не в ведении города.  \n' };
    expect(accepted(decide(report(), action, official)).event.text).toBe('Не в ведении города.');
  });

  it(`accepts ${MAX_EVENT_TEXT_LENGTH} characters and refuses one more`, () => {
    const answer = (length: number): Action => ({
      type: 'answer',
      text: 'а'.repeat(length),
      final: false,
    });
    expect(decide(report(), answer(MAX_EVENT_TEXT_LENGTH), official).ok).toBe(true);
    expect(decide(report(), answer(MAX_EVENT_TEXT_LENGTH + 1), official)).toMatchObject({
      code: 'text_too_long',
    });
  });

  it('never repeats the refused words in the reason', () => {
    const long = `секрет ${'б'.repeat(MAX_EVENT_TEXT_LENGTH)}`;
    const decision = decide(report(), { type: 'reject', reason: long }, official);
    expect(!decision.ok && decision.reason).not.toContain('секрет');
  });

  it('lets a resident confirm a fix with or without a comment', () => {
    const resolved = report({ status: 'resolved' });
    const plain = accepted(decide(resolved, { type: 'confirm_fixed', comment: '  ' }, owner));
    expect(plain.event).not.toHaveProperty('text');
    const said = { type: 'confirm_fixed', comment: ' Спасибо! ' } as const;
    expect(accepted(decide(resolved, said, owner)).event.text).toBe('Спасибо!');
  });
});

describe('when an office or a report is named', () => {
  it('refuses office ids that cannot exist', () => {
    for (const officeId of [0, -1, 1.5, Number.NaN]) {
      const routing = decide(report({ status: 'new' }), { type: 'route', officeId }, system);
      expect(routing).toMatchObject({ code: 'invalid_office' });
      const redirection = { ...SAMPLE.redirect, toOfficeId: officeId };
      expect(decide(report(), redirection, official)).toMatchObject({ code: 'invalid_office' });
    }
  });

  it('refuses a redirection to the office that already holds the report', () => {
    const action = { ...SAMPLE.redirect, toOfficeId: OFFICE };
    expect(decide(report(), action, official)).toMatchObject({ code: 'same_office' });
  });

  it('marks a duplicate only of another report that is still open', () => {
    const of = (ofReportNumber: number, ofStatus: ReportStatus): Action => ({
      type: 'mark_duplicate',
      ofReportNumber,
      ofStatus,
    });
    expect(decide(report(), of(100, 'routed'), official)).toMatchObject({ code: 'same_report' });
    expect(decide(report(), of(0, 'routed'), official)).toMatchObject({
      code: 'invalid_report_number',
    });
    for (const ofStatus of ['closed', 'rejected', 'duplicate'] as const) {
      expect(decide(report(), of(99, ofStatus), official)).toMatchObject({
        code: 'original_not_open',
      });
    }
    for (const ofStatus of OPEN_STATUSES) {
      expect(decide(report(), of(99, ofStatus), official).ok).toBe(true);
    }
  });
});

describe('when the follow-up days run out', () => {
  const resolved = report({ status: 'resolved' });
  const closeAt = (at: Date): Action => ({ type: 'close_unanswered_followup', at });

  it(`closes the report ${FOLLOWUP_DAYS} days after it was resolved`, () => {
    const decision = accepted(decide(resolved, closeAt(FOLLOWUP_AT), system));
    expect(decision.status).toBe('closed');
    expect(decision.event.type).toBe('closed_unanswered');
    expect(decision.effects).toEqual([{ kind: 'notify_resident', what: 'closed_unanswered' }]);
  });

  it('refuses a job left over from an earlier resolution', () => {
    const early = new Date(FOLLOWUP_AT.getTime() - 1);
    expect(decide(resolved, closeAt(early), system)).toMatchObject({ code: 'followup_not_due' });
  });

  it('refuses when the report does not say when it was resolved', () => {
    const unknown = report({ status: 'resolved', resolvedAt: null });
    expect(decide(unknown, closeAt(FOLLOWUP_AT), system)).toMatchObject({
      code: 'followup_not_due',
    });
  });
});

describe('when a decision is applied', () => {
  it('routes a report to its office with a full deadline', () => {
    const decision = decide(report({ status: 'new', officeId: null }), SAMPLE.route, system);
    expect(accepted(decision).effects).toEqual([
      { kind: 'set_office', officeId: OTHER_OFFICE },
      { kind: 'notify_office', officeId: OTHER_OFFICE, what: 'routed' },
      { kind: 'start_deadline' },
      { kind: 'notify_resident', what: 'routed' },
    ]);
    expect(accepted(decision).event).toEqual({
      type: 'routed',
      fromStatus: 'new',
      toStatus: 'routed',
      actorKind: 'system',
      data: { officeId: OTHER_OFFICE },
    });
  });

  it('gives a flagged report a shorter deadline wherever it is routed', () => {
    const flagged = report({ status: 'redirected', flagged: true });
    expect(accepted(decide(flagged, SAMPLE.route, system)).effects).toContainEqual({
      kind: 'shorten_deadline',
    });
  });

  it('tells the resident of an interim answer and keeps the report with the office', () => {
    const decision = accepted(decide(report(), SAMPLE.answer, official));
    expect(decision.effects).toEqual([{ kind: 'notify_resident', what: 'answered_interim' }]);
    expect(decision.event).toEqual({
      type: 'answered_interim',
      fromStatus: 'routed',
      toStatus: 'answered',
      actorKind: 'official',
      actorId: 501,
      text: 'Бригада выедет в четверг.',
      data: { final: false },
    });
  });

  it('resolves with a final answer and schedules the follow-up question', () => {
    const final: Action = { type: 'answer', text: 'Яму залатали.', final: true };
    const decision = accepted(decide(report({ status: 'answered' }), final, head));
    expect(decision.status).toBe('resolved');
    expect(decision.event).toMatchObject({ type: 'answered_final', data: { final: true } });
    expect(decision.effects).toEqual([
      { kind: 'notify_resident', what: 'answered_final' },
      { kind: 'schedule_followup', afterDays: FOLLOWUP_DAYS },
    ]);
  });

  it('redirects by queueing a new routing and telling the resident', () => {
    const decision = accepted(decide(report(), SAMPLE.redirect, official));
    expect(decision.event).toMatchObject({
      type: 'redirected',
      text: 'Дорога городская.',
      data: { fromOfficeId: OFFICE, toOfficeId: OTHER_OFFICE },
    });
    expect(decision.effects).toEqual([
      { kind: 'reroute', officeId: OTHER_OFFICE },
      { kind: 'notify_resident', what: 'redirected' },
    ]);
  });

  it('rejects with the reason and tells the resident', () => {
    const decision = accepted(decide(report(), SAMPLE.reject, official));
    expect(decision.event).toMatchObject({ type: 'rejected', text: 'Частная территория.' });
    expect(decision.effects).toEqual([{ kind: 'notify_resident', what: 'rejected' }]);
  });

  it('marks a duplicate with the number of the original', () => {
    const decision = accepted(decide(report({ status: 'new' }), SAMPLE.mark_duplicate, system));
    expect(decision.event).toMatchObject({
      type: 'marked_duplicate',
      data: { ofReportNumber: 99 },
    });
    expect(decision.effects).toEqual([{ kind: 'notify_resident', what: 'marked_duplicate' }]);
  });

  it('reopens to the same office, flagged, with a shorter deadline', () => {
    const decision = accepted(decide(report({ status: 'resolved' }), SAMPLE.reopen, owner));
    expect(decision.event).toMatchObject({
      type: 'reopened',
      actorKind: 'resident',
      actorId: RESIDENT,
      text: 'Яма на месте.',
    });
    expect(decision.effects).toEqual([
      { kind: 'flag' },
      { kind: 'shorten_deadline' },
      { kind: 'notify_office', officeId: OFFICE, what: 'reopened' },
    ]);
  });

  it('sends a returned answer back to the office, flagged, and tells the resident', () => {
    for (const status of ['answered', 'resolved'] as const) {
      const decision = accepted(decide(report({ status }), SAMPLE.return_answer, moderator));
      expect(decision.status).toBe('in_progress');
      expect(decision.event).toMatchObject({ type: 'answer_returned', actorId: 700 });
      expect(decision.effects).toEqual([
        { kind: 'flag' },
        { kind: 'shorten_deadline' },
        { kind: 'notify_office', officeId: OFFICE, what: 'answer_returned' },
        { kind: 'notify_resident', what: 'answer_returned' },
      ]);
    }
  });

  it('records a good grade without changing anything else', () => {
    const decision = accepted(decide(report({ status: 'resolved' }), SAMPLE.grade_good, moderator));
    expect(decision.status).toBe('resolved');
    expect(decision.event.type).toBe('answer_graded_good');
    expect(decision.effects).toEqual([]);
  });

  it('records an actor without an account id as its kind alone', () => {
    const decision = accepted(decide(report(), SAMPLE.take, admin));
    expect(decision.event).toEqual({
      type: 'taken',
      fromStatus: 'routed',
      toStatus: 'in_progress',
      actorKind: 'admin',
    });
  });
});

describe('when a report lives its whole life', () => {
  /** Applies a decision the way a caller would: the status, the office, the flag. */
  function step(state: ReportState, action: Action, actor: Actor): ReportState {
    const decision = accepted(decide(state, action, actor));
    let next = { ...state, status: decision.status };
    for (const effect of decision.effects) {
      if (effect.kind === 'set_office') next = { ...next, officeId: effect.officeId };
      if (effect.kind === 'flag') next = { ...next, flagged: true };
      if (effect.kind === 'schedule_followup') next = { ...next, resolvedAt: RESOLVED_AT };
    }
    return next;
  }

  it('goes from new to closed through a redirection and a reopening', () => {
    const dispatcherOffice = 1;
    const roads: Actor = { kind: 'official', officeId: OTHER_OFFICE, role: 'official' };
    let state = report({ status: 'new', officeId: null, resolvedAt: null });

    state = step(state, { type: 'route', officeId: dispatcherOffice }, system);
    state = step(state, SAMPLE.redirect, dispatcher);
    state = step(state, { type: 'route', officeId: OTHER_OFFICE }, system);
    state = step(state, SAMPLE.take, roads);
    state = step(state, SAMPLE.answer, roads);
    state = step(state, { type: 'answer', text: 'Готово.', final: true }, roads);
    state = step(state, SAMPLE.reopen, owner);
    expect(state).toMatchObject({ status: 'reopened', officeId: OTHER_OFFICE, flagged: true });

    state = step(state, SAMPLE.take, roads);
    state = step(state, { type: 'answer', text: 'Переделали.', final: true }, roads);
    state = step(state, SAMPLE.grade_good, moderator);
    state = step(state, SAMPLE.close_unanswered_followup, system);
    expect(state.status).toBe('closed');
    expect(isTerminal(state.status)).toBe(true);
  });
});

describe('when a caller prefers to throw', () => {
  it('turns a refusal into an error with its code and reason', () => {
    const refusal = decide(report({ status: 'closed' }), SAMPLE.take, official);
    if (refusal.ok) throw new Error('expected a refusal');
    const error = new ReportTransitionError(refusal);
    expect(error).toMatchObject({
      name: 'ReportTransitionError',
      code: 'invalid_transition',
      message: refusal.reason,
    });
  });
});
