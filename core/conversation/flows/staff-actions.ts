import { actOnReport } from '../../reports/act.ts';
import type { Action } from '../../reports/lifecycle.ts';
import { actorOf, maySee, type Official } from '../../staff/officials.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { StaffState, StaffTask } from '../state.ts';
import type { InlineButton, Outgoing } from '../types.ts';
import { menuState } from './menu.ts';
import { notStaff, refused, reportForStaff, reportGone } from './staff-common.ts';

/** Photos an answer may carry, as many as a report. */
const MAX_ANSWER_PHOTOS = 10;

/**
 * A card's buttons. "Take" acts at once; answering, redirecting and rejecting start a short
 * dialogue in the official's private chat (a button pressed in an office group lands there
 * too) that asks for the words the resident will read.
 */
export async function pressCardButton(
  ctx: FlowContext,
  action: 'take' | StaffTask,
  reportId: number,
): Promise<FlowResult> {
  const { official, t } = ctx;
  if (!official) return notStaff(ctx);
  const report = await reportForStaff(ctx, official, reportId);
  if (!report) return reportGone(ctx);

  if (action === 'take') {
    const outcome = await act(ctx, official, reportId, { type: 'take' });
    if (!outcome.ok) return refused(ctx, outcome);
    return {
      state: ctx.state,
      messages: [{ text: t('staff-taken', { number: report.number }) }],
      jobsQueued: true,
    };
  }
  const state: StaffState = {
    screen: 'staff',
    ...(ctx.state.locale ? { locale: ctx.state.locale } : {}),
    task: action,
    reportId,
    number: report.number,
    photos: [],
  };
  if (action === 'redirect') return askOffice(ctx, state, report.officeId);
  return { state, messages: [prompt(ctx, state)] };
}

/** A message typed or a photo sent while a staff task waits for words. */
export async function continueStaffTask(ctx: FlowContext, state: StaffState): Promise<FlowResult> {
  const { incoming, t } = ctx;
  if (incoming.kind === 'photo' && (state.task === 'answer' || state.task === 'interim')) {
    if (state.photos.length >= MAX_ANSWER_PHOTOS) {
      return { state, messages: [{ text: t('staff-photos-full', { max: MAX_ANSWER_PHOTOS }) }] };
    }
    const next = { ...state, photos: [...state.photos, incoming.photo] };
    // An album arrives photo by photo: acknowledge the first and the finished preview only.
    if (next.text === undefined) {
      const withCaption = incoming.caption ? { ...next, text: incoming.caption.trim() } : next;
      if (withCaption.text) return { state: withCaption, messages: [preview(ctx, withCaption)] };
      return {
        state: next,
        messages: [{ text: t('staff-photo-added', { count: next.photos.length }) }],
      };
    }
    return { state: next, messages: [preview(ctx, next)] };
  }
  if (incoming.kind !== 'text') return { state, messages: [prompt(ctx, state)] };

  const text = incoming.text.trim();
  if (text === '') return { state, messages: [prompt(ctx, state)] };
  if (state.task === 'redirect' && state.toOfficeId === undefined) {
    return { state, messages: [{ text: t('staff-redirect-pick-first') }] };
  }
  if (state.task === 'answer' || state.task === 'interim') {
    const next = { ...state, text };
    return { state: next, messages: [preview(ctx, next)] };
  }
  if (state.task === 'duplicate') return markDuplicate(ctx, state, text);
  return finish(ctx, state, text);
}

/** Buttons of a staff task's own messages: an office picked, an answer sent, or cancel. */
export async function pressStaffTaskButton(
  ctx: FlowContext,
  state: StaffState,
  action: string,
  arg: string | undefined,
): Promise<FlowResult> {
  const { t } = ctx;
  if (action === 'staff-cancel') {
    return { state: menuState(ctx), messages: [{ text: t('staff-cancelled') }] };
  }
  if (action === 'to' && state.task === 'redirect' && arg && /^\d{1,9}$/.test(arg)) {
    const office = await ctx.services.db.office.findUnique({
      where: { id: Number(arg) },
      select: { id: true, name: true },
    });
    if (!office) return { state, messages: [], buttonNotice: t('button-unknown') };
    const next = { ...state, toOfficeId: office.id };
    return { state: next, messages: [prompt(ctx, next, office.name)] };
  }
  if (action === 'send' && state.text !== undefined) return finish(ctx, state, state.text);
  return { state, messages: [], buttonNotice: t('button-stale') };
}

/** "Duplicate of No. N": the original must be open and one the official may see. */
async function markDuplicate(
  ctx: FlowContext,
  state: StaffState,
  text: string,
): Promise<FlowResult> {
  const { official, t, services } = ctx;
  const number = /^\D*(\d{1,9})\D*$/.exec(text)?.[1];
  if (!official || number === undefined) return { state, messages: [prompt(ctx, state)] };
  const original = await services.db.report.findUnique({
    where: { number: Number(number) },
    select: { status: true, officeId: true },
  });
  if (!original || !maySee(official, original.officeId)) {
    return { state, messages: [{ text: t('staff-duplicate-not-found', { number }) }] };
  }
  const action: Action = {
    type: 'mark_duplicate',
    ofReportNumber: Number(number),
    ofStatus: original.status,
  };
  return finish(ctx, state, text, action);
}

async function finish(
  ctx: FlowContext,
  state: StaffState,
  text: string,
  decided?: Action,
): Promise<FlowResult> {
  const { official, t } = ctx;
  if (!official) return { state: menuState(ctx), messages: [{ text: t('staff-only') }] };
  const action = decided ?? actionOf(state, text);
  if (!action) return { state, messages: [prompt(ctx, state)] };

  const outcome = await act(ctx, official, state.reportId, action, state.photos);
  if (!outcome.ok) return refused(ctx, outcome);
  return {
    state: menuState(ctx),
    messages: [{ text: t(`staff-done-${state.task}`, { number: state.number }) }],
    jobsQueued: true,
  };
}

function actionOf(state: StaffState, text: string): Action | undefined {
  switch (state.task) {
    case 'answer':
      return { type: 'answer', text, final: true };
    case 'interim':
      return { type: 'answer', text, final: false };
    case 'redirect':
      return state.toOfficeId === undefined
        ? undefined
        : { type: 'redirect', toOfficeId: state.toOfficeId, reason: text };
    case 'reject':
      return { type: 'reject', reason: text };
    case 'return':
      return { type: 'return_answer', comment: text };
    case 'duplicate':
      return undefined;
  }
}

function act(
  ctx: FlowContext,
  official: Official,
  reportId: number,
  action: Action,
  photos: StaffState['photos'] = [],
) {
  const { db, calendar, now } = ctx.services;
  return actOnReport(db, { calendar, now: now() }, reportId, action, actorOf(official), {
    photos,
    channel: ctx.incoming.channel,
  });
}

async function askOffice(
  ctx: FlowContext,
  state: StaffState,
  currentOfficeId: number | null,
): Promise<FlowResult> {
  const offices = await ctx.services.db.office.findMany({
    where: currentOfficeId === null ? {} : { id: { not: currentOfficeId } },
    select: { id: true, name: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
  });
  const revision = buttonRevision(ctx, state);
  const rows: InlineButton[][] = offices.map((office) => [
    { label: office.name.slice(0, 60), payload: flowButton(revision, 'to', String(office.id)) },
  ]);
  rows.push([cancelButton(ctx, revision)]);
  const text = ctx.t('staff-redirect-pick', { number: state.number });
  return { state, messages: [{ text, inline: rows }] };
}

function prompt(ctx: FlowContext, state: StaffState, officeName?: string): Outgoing {
  const key =
    state.task === 'redirect' && officeName
      ? 'staff-ask-redirect-reason'
      : `staff-ask-${state.task}`;
  const revision = buttonRevision(ctx, state);
  return {
    text: ctx.t(key, { number: state.number, office: officeName ?? '' }),
    inline: [[cancelButton(ctx, revision)]],
  };
}

function preview(ctx: FlowContext, state: StaffState): Outgoing {
  const revision = buttonRevision(ctx, state);
  const text = ctx.t(`staff-preview-${state.task}`, {
    number: state.number,
    text: state.text ?? '',
    photos: state.photos.length,
  });
  return {
    text,
    inline: [
      [{ label: ctx.t('staff-send'), payload: flowButton(revision, 'send') }],
      [cancelButton(ctx, revision)],
    ],
  };
}

function cancelButton(ctx: FlowContext, revision: number): InlineButton {
  return { label: ctx.t('report-cancel'), payload: flowButton(revision, 'staff-cancel') };
}
