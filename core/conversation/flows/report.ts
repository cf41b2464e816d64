import { createReport } from '../../reports/reports.ts';
import {
  checkAddress,
  checkDescription,
  MAX_ADDRESS_LENGTH,
  MAX_DESCRIPTION_LENGTH,
} from '../../reports/rules.ts';
import { isUrgentAt } from '../../reports/urgency.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { isLabel, mainMenu, reportStepKeyboard } from '../keyboards.ts';
import { REPORT_STEPS, type ReportDraft, type ReportState, type ReportStep } from '../state.ts';
import type { GeoPoint, Incoming, Outgoing, UnsupportedKind } from '../types.ts';
import { menuState, showMenu } from './menu.ts';
import { declineNearby, enterConfirm, joinNearby } from './report-nearby.ts';
import { acceptPhoto } from './report-photos.ts';
import { allCategories, placeText } from './report-prompts.ts';
import { enter, localeOf, stay } from './report-steps.ts';

type LocationIncoming = Extract<Incoming, { kind: 'location' }>;

/** Starts a report, already holding the photo or location the resident sent out of the blue. */
export function startReport(ctx: FlowContext, seed?: Incoming): FlowResult {
  const state: ReportState = {
    screen: 'report',
    step: 'location',
    draft: { photos: [] },
    ...localeOf(ctx),
  };
  if (seed?.kind === 'photo') return acceptPhoto(ctx, state, seed);
  if (seed?.kind === 'location') return acceptLocation(ctx, state, seed);
  return enter(ctx, state.draft, 'location');
}

/** A report begun from the help desk: the resident's words are already its description. */
export function startReportWithDescription(ctx: FlowContext, description: string): FlowResult {
  const draft: ReportDraft = { photos: [], description };
  return enter(ctx, draft, 'location');
}

/** Handles what the resident sent while a report is being written. */
export async function continueReport(ctx: FlowContext, state: ReportState): Promise<FlowResult> {
  const incoming = ctx.incoming;
  switch (incoming.kind) {
    case 'text':
      return acceptText(ctx, state, incoming.text);
    case 'photo':
      return acceptPhoto(ctx, state, incoming);
    case 'location':
      return acceptLocation(ctx, state, incoming);
    case 'unsupported':
      return stay(ctx, state, [ctx.t(unsupportedKey(incoming.what))]);
    default:
      return stay(ctx, state, []);
  }
}

/** A report button: a category, the full category list, submit, or joining a nearby report. */
export async function pressReportButton(
  ctx: FlowContext,
  state: ReportState,
  action: string,
  arg: string | undefined,
): Promise<FlowResult> {
  if (action === 'cat' && state.step === 'category' && arg) return chooseCategory(ctx, state, arg);
  if (action === 'cats' && state.step === 'category') {
    return { state, messages: [allCategories(ctx, ctx.revision)] };
  }
  if (action === 'submit' && state.step === 'confirm') return submit(ctx, state);
  if (action === 'join' && state.step === 'confirm') return joinNearby(ctx, state, arg);
  if (action === 'new' && state.step === 'confirm') return declineNearby(ctx, state);
  return { state, messages: [], buttonNotice: ctx.t('button-stale') };
}

/** Asks again for what the current step needs (after /start offered to keep the draft). */
export function resumeReport(ctx: FlowContext, state: ReportState): FlowResult {
  return enter(ctx, state.draft, state.step);
}

export function goBack(ctx: FlowContext, state: ReportState): FlowResult {
  const index = REPORT_STEPS.indexOf(state.step);
  const previous = REPORT_STEPS[index - 1];
  if (!previous) return stay(ctx, state, [ctx.t('report-no-back')], false);
  return enter(ctx, state.draft, previous);
}

export function cancelReport(ctx: FlowContext): FlowResult {
  return showMenu(ctx, [{ text: ctx.t('report-cancelled') }]);
}

function acceptText(
  ctx: FlowContext,
  state: ReportState,
  text: string,
): FlowResult | Promise<FlowResult> {
  const { t } = ctx;
  if (isLabel(t, text, 'report-back')) return goBack(ctx, state);
  if (isLabel(t, text, 'report-cancel')) return cancelReport(ctx);

  switch (state.step) {
    case 'location':
      return acceptAddress(ctx, state, text);
    case 'photos':
      if (isLabel(t, text, 'report-photos-done')) return finishPhotos(ctx, state);
      if (state.draft.photos.length === 0) return stay(ctx, state, [t('report-photos-needed')]);
      return acceptDescription(ctx, state, text);
    case 'description':
      return acceptDescription(ctx, state, text);
    case 'category':
      return acceptCategoryName(ctx, state, text);
    case 'confirm':
      return stay(ctx, state, [t('report-confirm-hint')], false);
  }
}

function acceptAddress(ctx: FlowContext, state: ReportState, text: string): FlowResult {
  const check = checkAddress(text);
  if (!check.ok) {
    const key =
      check.problem === 'too_long' ? 'report-address-too-long' : 'report-address-too-short';
    return stay(ctx, state, [ctx.t(key, { max: MAX_ADDRESS_LENGTH })], false);
  }
  // A typed address has no coordinates; routing places it by hand.
  const { point: _point, districtId: _id, districtName: _name, ...rest } = state.draft;
  const draft: ReportDraft = { ...rest, address: check.text };
  return enter(ctx, draft, 'photos', [
    { text: ctx.t('report-location-saved', { place: placeText(ctx.t, draft) }) },
  ]);
}

function acceptLocation(
  ctx: FlowContext,
  state: ReportState,
  incoming: LocationIncoming,
): FlowResult {
  const district = ctx.services.districts.locate(incoming.point);
  if (!district) return stay(ctx, state, [ctx.t('report-location-outside')], false);

  const draft = withPlace(state.draft, incoming.point, district, incoming.venue?.address);
  const saved = { text: ctx.t('report-location-saved', { place: placeText(ctx.t, draft) }) };
  if (state.step === 'location') return enter(ctx, draft, 'photos', [saved]);
  return stay(ctx, { ...state, draft }, [saved.text]);
}

function withPlace(
  draft: ReportDraft,
  point: GeoPoint,
  district: { id: number; name: string },
  venueAddress: string | undefined,
): ReportDraft {
  // A nearby report found for the old place may be far from the new one.
  const { address: _old, nearbyNumber: _nearby, ...rest } = draft;
  const place = { ...rest, point, districtId: district.id, districtName: district.name };
  return venueAddress ? { ...place, address: venueAddress } : place;
}

function finishPhotos(ctx: FlowContext, state: ReportState): FlowResult {
  if (state.draft.photos.length === 0) {
    return stay(ctx, state, [ctx.t('report-photos-needed')], false);
  }
  if (!state.draft.description) return enter(ctx, state.draft, 'description');
  return enterCategory(ctx, state.draft, [
    { text: ctx.t('report-description-saved'), keyboard: reportStepKeyboard(ctx.t, 'category') },
  ]);
}

function acceptDescription(ctx: FlowContext, state: ReportState, text: string): FlowResult {
  const { t } = ctx;
  const check = checkDescription(text);
  if (!check.ok) {
    const key = {
      empty: 'report-description-empty',
      too_short: 'report-description-too-short',
      too_long: 'report-description-too-long',
    }[check.problem];
    return stay(ctx, state, [t(key, { length: check.length, max: MAX_DESCRIPTION_LENGTH })], false);
  }

  const draft = { ...state.draft, description: check.text };
  // Coming from the photos step, the keyboard under the chat still offers "done": replace it.
  const before =
    state.step === 'photos'
      ? [{ text: t('report-description-saved'), keyboard: reportStepKeyboard(t, 'category') }]
      : [];
  return enterCategory(ctx, draft, before);
}

/** Enters the category step with a fresh suggestion for the description. */
function enterCategory(ctx: FlowContext, draft: ReportDraft, before: Outgoing[]): FlowResult {
  const [best] = ctx.services.suggester.suggest(draft.description ?? '', 1);
  const { suggestion: _old, ...rest } = draft;
  const next = best
    ? { ...rest, suggestion: { categoryCode: best.category, score: best.score } }
    : rest;
  return enter(ctx, next, 'category', before);
}

function acceptCategoryName(
  ctx: FlowContext,
  state: ReportState,
  text: string,
): FlowResult | Promise<FlowResult> {
  const wanted = text.trim().toLocaleLowerCase('ru');
  const category = ctx.services.categories
    .list()
    .find((candidate) => candidate.name.toLocaleLowerCase('ru') === wanted);
  if (!category) return stay(ctx, state, [ctx.t('report-category-unknown')], false);
  return chooseCategory(ctx, state, category.code);
}

function chooseCategory(
  ctx: FlowContext,
  state: ReportState,
  code: string,
): FlowResult | Promise<FlowResult> {
  if (!ctx.services.categories.find(code)) {
    return { state, messages: [], buttonNotice: ctx.t('button-stale') };
  }
  return enterConfirm(ctx, { ...state.draft, categoryCode: code });
}

async function submit(ctx: FlowContext, state: ReportState): Promise<FlowResult> {
  const { draft } = state;
  const missing = missingStep(draft);
  if (missing) return enter(ctx, draft, missing);
  if (!ctx.resident || !draft.categoryCode || !draft.description) return showMenu(ctx);

  const report = await createReport(ctx.services.db, {
    residentId: ctx.resident.id,
    channel: ctx.incoming.channel,
    categoryCode: draft.categoryCode,
    description: draft.description,
    photos: draft.photos,
    ...(draft.suggestion ? { suggestion: draft.suggestion } : {}),
    ...(draft.point ? { point: draft.point } : {}),
    ...(draft.address ? { address: draft.address } : {}),
    ...(draft.districtId ? { districtId: draft.districtId } : {}),
  });

  const category = ctx.services.categories.find(draft.categoryCode);
  const urgent = category ? isUrgentAt(category, ctx.services.now()) : false;
  const text = [ctx.t('report-submitted', { number: report.number })];
  if (urgent) text.push(ctx.t('report-urgent-note'));
  return {
    state: menuState(ctx),
    messages: [{ text: text.join('\n\n'), keyboard: mainMenu(ctx.t) }],
    jobsQueued: true,
  };
}

/** The first step whose data a draft lacks, if any. */
function missingStep(draft: ReportDraft): ReportStep | undefined {
  if (!draft.point && !draft.address) return 'location';
  if (draft.photos.length === 0) return 'photos';
  if (!draft.description) return 'description';
  if (!draft.categoryCode) return 'category';
  return undefined;
}

function unsupportedKey(what: UnsupportedKind): string {
  switch (what) {
    case 'sticker':
      return 'report-unsupported-sticker';
    case 'voice':
    case 'audio':
      return 'report-unsupported-voice';
    case 'video':
    case 'animation':
      return 'report-unsupported-video';
    case 'document':
      return 'report-unsupported-document';
    case 'file_too_large':
      return 'report-unsupported-too-large';
    default:
      return 'report-unsupported-other';
  }
}
