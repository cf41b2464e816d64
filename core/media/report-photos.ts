import type { Channel, MediaRef } from '../conversation/types.ts';

/**
 * How an adapter shows one photo: a string is a file reference of its own platform, sent as it
 * is; `{ storageKey }` is our stored copy, read from the MediaStore and uploaded.
 */
export type PhotoToShow = string | { storageKey: string };

/** A report photo as its row knows it (a ReportPhoto), or as an Outgoing message names it. */
export interface ShowablePhoto {
  channel: Channel;
  fileId: string;
  storageKey?: string | null | undefined;
}

/** The MediaRef of a report photo row: its platform reference, and our copy once made. */
export function reportPhotoRef(photo: ShowablePhoto): MediaRef {
  const { channel, fileId, storageKey } = photo;
  return storageKey ? { channel, fileId, storageKey } : { channel, fileId };
}

/**
 * How a sender on `channel` shows a photo: by file reference on the platform it came from (no
 * upload needed), by our copy on another one, or not at all while no copy exists (the media
 * worker makes it shortly after filing; a photo refused by its platform never gets one).
 */
export function photoForChannel(
  photo: MediaRef | ShowablePhoto,
  channel: Channel,
): PhotoToShow | undefined {
  if (typeof photo === 'string') return photo;
  if (photo.channel === channel) return photo.fileId;
  if (photo.storageKey) return { storageKey: photo.storageKey };
  return undefined;
}

/** The photos a sender on `channel` can show, in their order, leaving out those it cannot. */
export function photosForChannel(
  photos: readonly (MediaRef | ShowablePhoto)[],
  channel: Channel,
): PhotoToShow[] {
  return photos.flatMap((photo) => {
    const shown = photoForChannel(photo, channel);
    return shown === undefined ? [] : [shown];
  });
}
