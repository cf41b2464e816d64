import type { Translate } from '../../i18n/index.ts';
import { MAX_PHOTOS } from '../../reports/rules.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext } from '../context.ts';
import { reportStepKeyboard } from '../keyboards.ts';
import type { ReportDraft, ReportState } from '../state.ts';
import type { InlineButton, Outgoing } from '../types.ts';

const SUGGESTIONS_SHOWN = 3;
/** Below this a suggestion is offered among others, not named as the likely one. */
const CONFIDENT_SCORE = 0.45;

/** Where the problem is, in words: the address if we have one, the district and coordinates. */
export function placeText(t: Translate, draft: ReportDraft): string {
  const parts: string[] = [];
  if (draft.address) parts.push(t('report-place-address', { address: draft.address }));
  if (draft.districtName) parts.push(t('report-place-district', { district: draft.districtName }));
  if (draft.point && !draft.address) {
    parts.push(
      t('report-place-coordinates', {
        latitude: draft.point.latitude.toFixed(5),
        longitude: draft.point.longitude.toFixed(5),
      }),
    );
  }
  return parts.join(', ');
}

/**
 * The message that asks for what `state.step` needs. Category and confirm prompts carry inline
 * buttons, and a message has one keyboard only, so they keep the back/cancel keyboard that the
 * description step (or the flow's `keyboardFor`) left under the chat.
 */
export function stepPrompt(ctx: FlowContext, state: ReportState, revision: number): Outgoing {
  const { t } = ctx;
  const keyboard = reportStepKeyboard(t, state.step);
  const count = state.draft.photos.length;

  switch (state.step) {
    case 'location':
      return { text: t('report-ask-location'), keyboard };
    case 'photos':
      return count === 0
        ? { text: t('report-ask-photos', { max: MAX_PHOTOS }), keyboard }
        : { text: t('report-photos-count', { count, max: MAX_PHOTOS }), keyboard };
    case 'description':
      return { text: t('report-ask-description'), keyboard };
    case 'category':
      return categoryPrompt(ctx, state.draft, revision);
    case 'confirm':
      return summary(ctx, state.draft, revision);
  }
}

/** The suggested categories as buttons, the likely one named in the text. */
function categoryPrompt(ctx: FlowContext, draft: ReportDraft, revision: number): Outgoing {
  const { t, services } = ctx;
  const suggestions = services.suggester
    .suggest(draft.description ?? '', SUGGESTIONS_SHOWN)
    .map((suggestion) => services.categories.find(suggestion.category))
    .filter((category) => category !== undefined);
  const best = draft.suggestion;
  const bestName = best ? services.categories.find(best.categoryCode)?.name : undefined;

  const rows: InlineButton[][] = suggestions.map((category) => [
    { label: category.name, payload: flowButton(revision, 'cat', category.code) },
  ]);
  rows.push([{ label: t('report-all-categories'), payload: flowButton(revision, 'cats') }]);

  const text =
    best && bestName && best.score >= CONFIDENT_SCORE
      ? t('report-suggested-category', { category: bestName })
      : t('report-ask-category');
  return { text, inline: rows };
}

/** Every category, two to a row, for a resident the suggestions did not help. */
export function allCategories(ctx: FlowContext, revision: number): Outgoing {
  const buttons = ctx.services.categories.list().map((category) => ({
    label: category.name,
    payload: flowButton(revision, 'cat', category.code),
  }));
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { text: ctx.t('report-ask-category'), inline: rows };
}

function summary(ctx: FlowContext, draft: ReportDraft, revision: number): Outgoing {
  const { t } = ctx;
  const category = draft.categoryCode
    ? ctx.services.categories.find(draft.categoryCode)
    : undefined;
  return {
    text: t('report-summary', {
      category: category?.name ?? '—',
      place: placeText(t, draft),
      photos: draft.photos.length,
      description: draft.description ?? '—',
    }),
    inline: [[{ label: t('report-submit'), payload: flowButton(revision, 'submit') }]],
  };
}
