import type { Channel, MediaRef, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import type { MediaStore } from './media-store.ts';

/** What a sender sends for a photo: its own platform's reference, or bytes to upload. */
export type ResolvedPhoto =
  | { fileRef: string }
  | { bytes: Buffer; contentType: string; name: string };

/** Thrown while a photo's copy is still being made: the delivery is retried a little later. */
export class PhotoNotReadyError extends Error {
  override name = 'PhotoNotReadyError';
}

/** How long a send waits for a new photo's copy before going without it. */
const COPY_GRACE_MS = 5 * 60 * 1000;

export interface MediaReader {
  resolve(ref: MediaRef, channel: Channel): Promise<ResolvedPhoto | undefined>;
}

/**
 * Resolves photos for senders. A photo of another platform is shown from our stored copy; a
 * report photo named by id is looked up at send time, because a card is often queued before
 * the media worker has copied the photos (routing does not wait for it). While the copy is
 * young and missing the send is retried; a photo that never got a copy is left out.
 */
export function createMediaReader(db: Db, store: MediaStore, now = () => new Date()): MediaReader {
  async function fromStore(key: string): Promise<ResolvedPhoto | undefined> {
    const stored = await store.get(key);
    if (!stored) return undefined;
    return {
      bytes: stored.bytes,
      contentType: stored.contentType,
      name: key.split('/').at(-1) ?? key,
    };
  }

  return {
    async resolve(ref, channel) {
      if (typeof ref === 'string') return { fileRef: ref };
      if (ref.channel === channel) return { fileRef: ref.fileId };
      if (ref.storageKey) return fromStore(ref.storageKey);
      if (ref.photoId === undefined) return undefined;

      const photo = await db.reportPhoto.findUnique({
        where: { id: ref.photoId },
        select: { storageKey: true, contentType: true, report: { select: { createdAt: true } } },
      });
      if (!photo) return undefined;
      if (photo.storageKey) return fromStore(photo.storageKey);
      const young = now().getTime() - photo.report.createdAt.getTime() < COPY_GRACE_MS;
      // A refused photo has a content type but no key: it will never have a copy.
      if (young && photo.contentType === null) {
        throw new PhotoNotReadyError(`photo ${ref.photoId} is not copied yet`);
      }
      return undefined;
    },
  };
}

/**
 * Fails before anything is sent when a photo of these messages is not ready, so a retried
 * delivery does not repeat the messages that went out before the photo.
 */
export async function ensurePhotosReady(
  messages: Outgoing[],
  channel: Channel,
  media: MediaReader | undefined,
): Promise<void> {
  if (!media) return;
  for (const message of messages) {
    for (const ref of message.photos ?? []) {
      if (typeof ref !== 'string' && ref.channel !== channel) await media.resolve(ref, channel);
    }
  }
}
