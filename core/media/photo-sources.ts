import type { Channel } from '../conversation/types.ts';

/** A report photo as the platform that received it refers to it. */
export interface PhotoToFetch {
  /** Telegram's file_id, or VK's attachment string `photo<owner>_<id>_<access_key>`. */
  fileId: string;
  /** A direct address of the file, when the platform gave one (VK does). */
  sourceUrl: string | null;
}

/** A photo's bytes as fetched from its platform. */
export interface FetchedPhoto {
  bytes: Buffer;
  contentType: string;
}

/** How one channel's photos are fetched, so they can be copied into our own storage. */
export interface PhotoSource {
  fetch(photo: PhotoToFetch): Promise<FetchedPhoto>;
}

/** The photo sources of the channels this process can fetch from. */
export type PhotoSources = Partial<Record<Channel, PhotoSource>>;

/** Telegram lets bots download files of up to 20 MB; VK's photos are far smaller. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/** How long one photo's download may take before it counts as a transient failure. */
export const PHOTO_FETCH_TIMEOUT_MS = 30_000;

/**
 * The platform refuses this photo for good (too big, an unknown file reference, gone): asking
 * again cannot help, so the photo is marked and never fetched again. Any other error is
 * transient and retried.
 */
export class PhotoUnavailableError extends Error {
  override name = 'PhotoUnavailableError';
  readonly code = 'photo_unavailable';
}

/** A type the response named, or else the one the bytes show; octet-stream when neither. */
export function photoContentType(header: string | null, bytes: Uint8Array): string {
  const named = header?.split(';')[0]?.trim().toLowerCase();
  // Telegram's file server answers application/octet-stream for every file.
  if (named && named !== 'application/octet-stream' && /^[a-z]+\/[\w.+-]+$/.test(named)) {
    return named;
  }
  return sniffImageType(bytes) ?? 'application/octet-stream';
}

/** JPEG, PNG or WEBP by their magic bytes; undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (offset: number, ...expected: number[]) =>
    expected.every((byte, index) => bytes[offset + index] === byte);
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF....WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}
