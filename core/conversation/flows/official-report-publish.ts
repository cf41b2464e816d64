import { publishingOffice } from '../../official-reports/access.ts';
import { parseReportLink } from '../../official-reports/links.ts';
import { MAX_TEXT, MAX_TITLE, publishOfficialReport } from '../../official-reports/publish.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { OfficialReportPublishState } from '../state.ts';
import type { InlineButton } from '../types.ts';
import { menuState } from './menu.ts';
import { cancelButton, isReportingStaff, localeOf } from './official-report-common.ts';

type Step = OfficialReportPublishState['step'];

/** A typed "-" skips a link, as the "Skip" button does. */
const SKIP = '-';

/**
 * `/officials_publish`: an official or head publishes a report for their office, an admin
 * for the office they name (`/officials_publish roads-transport`), one step at a time.
 */
export async function startPublishing(ctx: FlowContext, args: string): Promise<FlowResult> {
  const { t, official, services } = ctx;
  if (!official || !isReportingStaff(ctx)) return reply(ctx, t('oreport-publish-not-allowed'));
  const code = args.trim().split(/\s+/)[0] ?? '';
  const named =
    official.role === 'admin' && code !== ''
      ? await services.db.office.findUnique({ where: { code }, select: { id: true } })
      : undefined;
  if (named === null) return reply(ctx, await officeChoice(ctx, 'oreport-publish-unknown-office'));
  const office = publishingOffice(official, named?.id);
  if (!office.ok) {
    if (office.reason === 'office_needed') {
      return reply(ctx, await officeChoice(ctx, 'oreport-publish-office-needed'));
    }
    return reply(ctx, t('oreport-publish-not-allowed'));
  }
  const state: OfficialReportPublishState = {
    screen: 'oreport-publish',
    ...localeOf(ctx),
    step: 'title',
    officeId: office.officeId,
  };
  const name = await officeName(ctx, office.officeId);
  return ask(ctx, state, [t('oreport-publish-start', { office: name })]);
}

/** A message on the publishing screen: the current step's answer. */
export async function continuePublishing(
  ctx: FlowContext,
  state: OfficialReportPublishState,
): Promise<FlowResult> {
  const { t, incoming } = ctx;
  if (incoming.kind !== 'text') return ask(ctx, state, [t('oreport-publish-text-only')]);
  const typed = incoming.text.trim();
  switch (state.step) {
    case 'title':
      if (typed === '' || typed.length > MAX_TITLE) {
        return ask(ctx, state, [t('oreport-publish-title-length', { max: MAX_TITLE })]);
      }
      return ask(ctx, { ...state, step: 'text', title: typed });
    case 'text':
      if (typed === '' || typed.length > MAX_TEXT) {
        return ask(ctx, state, [t('oreport-publish-text-length', { max: MAX_TEXT })]);
      }
      return ask(ctx, { ...state, step: 'video', text: typed });
    case 'video':
    case 'document':
      return takeLink(ctx, state, state.step, typed);
    case 'confirm':
      return ask(ctx, state);
  }
}

function takeLink(
  ctx: FlowContext,
  state: OfficialReportPublishState,
  step: 'video' | 'document',
  typed: string,
): Promise<FlowResult> {
  if (typed === SKIP) return skip(ctx, state, step);
  const link = parseReportLink(typed);
  if (link === null) return ask(ctx, state, [ctx.t('oreport-publish-bad-link')]);
  return step === 'video'
    ? ask(ctx, { ...state, step: 'document', videoUrl: link })
    : ask(ctx, { ...state, step: 'confirm', documentUrl: link });
}

function skip(
  ctx: FlowContext,
  state: OfficialReportPublishState,
  step: 'video' | 'document',
): Promise<FlowResult> {
  if (step === 'video') {
    const { videoUrl: _skipped, ...rest } = state;
    return ask(ctx, { ...rest, step: 'document' });
  }
  const { documentUrl: _skipped, ...rest } = state;
  return ask(ctx, { ...rest, step: 'confirm' });
}

/** Buttons of the publishing screen: skip a link, publish, cancel. */
export async function pressPublishButton(
  ctx: FlowContext,
  state: OfficialReportPublishState,
  action: string,
): Promise<FlowResult> {
  const { t } = ctx;
  if (action === 'orep-cancel') {
    return { state: menuState(ctx), messages: [{ text: t('oreport-publish-cancelled') }] };
  }
  if (action === 'orep-skip' && (state.step === 'video' || state.step === 'document')) {
    return skip(ctx, state, state.step);
  }
  if (action === 'orep-publish' && state.step === 'confirm') return publish(ctx, state);
  return { state, messages: [], buttonNotice: t('button-stale') };
}

async function publish(ctx: FlowContext, state: OfficialReportPublishState): Promise<FlowResult> {
  const { t, official, services } = ctx;
  // Whoever started may have been unlinked or moved since: the rule is checked again now.
  const office = official ? publishingOffice(official, state.officeId) : undefined;
  if (!official || !office?.ok) {
    return { state: menuState(ctx), messages: [{ text: t('oreport-publish-not-allowed') }] };
  }
  const outcome = await publishOfficialReport(services.db, {
    title: state.title ?? '',
    text: state.text ?? '',
    videoUrl: state.videoUrl,
    documentUrl: state.documentUrl,
    officeId: office.officeId,
    author: { officialId: official.id },
    now: services.now(),
  });
  if (!outcome.ok) {
    return { state: menuState(ctx), messages: [{ text: t('oreport-publish-failed') }] };
  }
  const text = t('oreport-published', { id: String(outcome.id), recipients: outcome.recipients });
  return { state: menuState(ctx), messages: [{ text }], jobsQueued: true };
}

/** Moves to a step and asks what it needs, with its buttons. */
async function ask(
  ctx: FlowContext,
  state: OfficialReportPublishState,
  before: string[] = [],
): Promise<FlowResult> {
  const prompt =
    state.step === 'confirm' ? await summary(ctx, state) : ctx.t(promptKey(state.step));
  return {
    state,
    messages: [{ text: [...before, prompt].join('\n\n'), inline: stepButtons(ctx, state) }],
  };
}

function promptKey(step: Exclude<Step, 'confirm'>): string {
  return {
    title: 'oreport-publish-ask-title',
    text: 'oreport-publish-ask-text',
    video: 'oreport-publish-ask-video',
    document: 'oreport-publish-ask-document',
  }[step];
}

function stepButtons(ctx: FlowContext, state: OfficialReportPublishState): InlineButton[][] {
  const { t } = ctx;
  const revision = buttonRevision(ctx, state);
  const rows: InlineButton[][] = [];
  if (state.step === 'video' || state.step === 'document') {
    rows.push([{ label: t('oreport-publish-skip'), payload: flowButton(revision, 'orep-skip') }]);
  }
  if (state.step === 'confirm') {
    rows.push([
      { label: t('oreport-publish-confirm'), payload: flowButton(revision, 'orep-publish') },
    ]);
  }
  rows.push([cancelButton(ctx, state)]);
  return rows;
}

async function summary(ctx: FlowContext, state: OfficialReportPublishState): Promise<string> {
  const none = ctx.t('oreport-publish-no-link');
  return ctx.t('oreport-publish-summary', {
    office: await officeName(ctx, state.officeId),
    title: state.title ?? '',
    text: state.text ?? '',
    video: state.videoUrl ?? none,
    document: state.documentUrl ?? none,
  });
}

async function officeName(ctx: FlowContext, officeId: number): Promise<string> {
  const office = await ctx.services.db.office.findUnique({
    where: { id: officeId },
    select: { name: true },
  });
  return office?.name ?? '—';
}

/** Why an admin must name an office, and the offices' codes to name one with. */
async function officeChoice(ctx: FlowContext, key: string): Promise<string> {
  const offices = await ctx.services.db.office.findMany({
    orderBy: { code: 'asc' },
    select: { code: true, name: true },
  });
  const lines = offices.map((office) => `${office.code} — ${office.name}`);
  return [ctx.t(key), ...lines].join('\n');
}

function reply(ctx: FlowContext, text: string): FlowResult {
  return { state: ctx.state, messages: [{ text }] };
}
