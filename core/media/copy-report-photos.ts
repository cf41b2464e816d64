import type { PrismaClient } from '../db/client.ts';
import { type MediaStore, mediaExtension } from './media-store.ts';
import { type PhotoSources, PhotoUnavailableError } from './photo-sources.ts';

/**
 * What a ReportPhoto row's `contentType` holds, with no `storageKey`, when its platform refused
 * the file for good (too big, an unknown file reference, gone). Not a media type on purpose:
 * nothing can mistake it for a stored copy, and the copier skips the row from then on.
 */
export const PHOTO_UNAVAILABLE = 'unavailable';

export interface CopyOutcome {
  /** Photos copied by this run. */
  copied: number;
  /** Photos their platform refused for good, marked by this run. */
  unavailable: number;
  /** Photos of a channel this process has no source for; left for a process that has one. */
  skipped: number;
}

/** Some photos failed in a way that may pass; the others were copied. Retrying copies the rest. */
export class PhotoCopyError extends Error {
  override name = 'PhotoCopyError';
  readonly code = 'photo_copy_failed';
  constructor(
    readonly failed: number,
    readonly outcome: CopyOutcome,
    options: { cause: unknown },
  ) {
    super(`${failed} photo(s) could not be copied yet; the job is retried`, options);
  }
}

/** Where a report photo's copy is kept: `reports/<reportId>/<position>.<ext>`. */
export function reportPhotoKey(reportId: number, position: number, contentType: string): string {
  return `reports/${reportId}/${position}.${mediaExtension(contentType)}`;
}

/**
 * Copies a report's photos into our own storage: each photo still without a copy (and not
 * refused) is fetched from its platform and stored, and its row gets the key and the type.
 * Photos go one by one and each on its own: a failure is remembered and the others still go;
 * at the end a PhotoCopyError says some are left, for the job's backoff to try again.
 */
export async function copyReportPhotos(
  prisma: PrismaClient,
  sources: PhotoSources,
  store: MediaStore,
  reportId: number,
): Promise<CopyOutcome> {
  const photos = await prisma.reportPhoto.findMany({
    where: { reportId, storageKey: null, contentType: null },
    orderBy: { position: 'asc' },
  });
  const outcome: CopyOutcome = { copied: 0, unavailable: 0, skipped: 0 };
  const failures: unknown[] = [];

  for (const photo of photos) {
    const source = sources[photo.channel];
    if (!source) {
      outcome.skipped += 1;
      continue;
    }
    try {
      const fetched = await source.fetch(photo);
      const key = reportPhotoKey(reportId, photo.position, fetched.contentType);
      await store.put(key, fetched.bytes, fetched.contentType);
      // Only a row still without a copy: a job run twice at once records one copy.
      await prisma.reportPhoto.updateMany({
        where: { id: photo.id, storageKey: null },
        data: { storageKey: key, contentType: fetched.contentType },
      });
      outcome.copied += 1;
    } catch (err) {
      if (!(err instanceof PhotoUnavailableError)) {
        failures.push(err);
        continue;
      }
      await prisma.reportPhoto.updateMany({
        where: { id: photo.id, storageKey: null },
        data: { contentType: PHOTO_UNAVAILABLE },
      });
      outcome.unavailable += 1;
    }
  }

  if (failures.length > 0) {
    throw new PhotoCopyError(failures.length, outcome, { cause: failures[0] });
  }
  return outcome;
}
