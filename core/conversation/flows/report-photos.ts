import { checkDescription, MAX_PHOTOS } from '../../reports/rules.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { ReportDraft, ReportState } from '../state.ts';
import type { Incoming, PhotoRef } from '../types.ts';
import { enter, stay } from './report-steps.ts';

type PhotoIncoming = Extract<Incoming, { kind: 'photo' }>;

/**
 * A photo at any step of a report. Photos of one album arrive as separate updates: the first
 * is acknowledged, the rest join quietly, so the resident is not flooded with replies.
 */
export function acceptPhoto(
  ctx: FlowContext,
  state: ReportState,
  incoming: PhotoIncoming,
): FlowResult {
  const { t } = ctx;
  const sameAlbum =
    incoming.mediaGroupId !== undefined && incoming.mediaGroupId === state.draft.mediaGroupId;

  if (state.draft.photos.length >= MAX_PHOTOS) {
    // One notice per album is enough; the rest of it is quietly left out.
    const told =
      incoming.mediaGroupId !== undefined && incoming.mediaGroupId === state.draft.overflowGroupId;
    if (told) return { state, messages: [] };
    const limit = t('report-photos-limit', { max: MAX_PHOTOS });
    return stay(ctx, rememberOverflow(state, incoming), [limit], false);
  }

  const added = addPhoto(state.draft, incoming.photo, incoming.mediaGroupId);
  const { draft, captionUsed } = withCaption(added, incoming.caption);
  const next: ReportState = { ...state, draft };
  if (sameAlbum && !captionUsed) return { state: next, messages: [] };

  const notes = captionUsed ? [t('report-caption-used')] : [];
  if (state.step === 'photos') {
    const text = incoming.mediaGroupId
      ? t('report-photos-album')
      : t('report-photos-count', { count: next.draft.photos.length, max: MAX_PHOTOS });
    return { state: next, messages: [...notes.map((note) => ({ text: note })), { text }] };
  }
  if (state.step === 'location') {
    return enter(ctx, next.draft, 'location', [
      { text: t('report-photo-kept') },
      ...notes.map((note) => ({ text: note })),
    ]);
  }
  return stay(ctx, next, [t('report-photo-kept'), ...notes]);
}

/** Notes the album whose extra photos were already refused, so it is said once. */
function rememberOverflow(state: ReportState, incoming: PhotoIncoming): ReportState {
  if (!incoming.mediaGroupId) return state;
  return { ...state, draft: { ...state.draft, overflowGroupId: incoming.mediaGroupId } };
}

function addPhoto(
  draft: ReportDraft,
  photo: PhotoRef,
  mediaGroupId: string | undefined,
): ReportDraft {
  const photos = draft.photos.some((known) => known.fileId === photo.fileId)
    ? draft.photos
    : [...draft.photos, photo];
  return mediaGroupId ? { ...draft, photos, mediaGroupId } : { ...draft, photos };
}

/** A photo's caption becomes the description when there is none yet and it says enough. */
function withCaption(
  draft: ReportDraft,
  caption: string | undefined,
): { draft: ReportDraft; captionUsed: boolean } {
  if (draft.description || !caption) return { draft, captionUsed: false };
  const check = checkDescription(caption);
  if (!check.ok) return { draft, captionUsed: false };
  return { draft: { ...draft, description: check.text }, captionUsed: true };
}
