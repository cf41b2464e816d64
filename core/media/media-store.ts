import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Bytes kept in our own storage, with the type they were stored as. */
export interface StoredMedia {
  bytes: Buffer;
  contentType: string;
}

/**
 * Our own copies of media (report photos first), by key. Keys are relative paths such as
 * `reports/42/0.jpg`; the key's extension names the content type (see MEDIA_TYPES), so a
 * store needs no metadata beside the bytes and any object store can take this one's place.
 */
export interface MediaStore {
  /** Stores the bytes under the key, replacing what was there as one step. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The stored bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<StoredMedia | null>;
}

/** The extensions a key may end in, and the content type each one stands for. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  // Anything else: the bytes are kept, their exact type only in the database row.
  bin: 'application/octet-stream',
});

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
const MAX_KEY_LENGTH = 300;

/** A key that is not a plain relative path with a known extension; the message says why. */
export class MediaKeyError extends Error {
  override name = 'MediaKeyError';
  readonly code = 'media_key_invalid';
}

/** The extension a content type is stored under: `image/jpeg` -> `jpg`, unknown -> `bin`. */
export function mediaExtension(contentType: string): string {
  const type = normalizeType(contentType);
  const known = Object.entries(MEDIA_TYPES).find(([, value]) => value === type);
  return known?.[0] ?? 'bin';
}

/**
 * Checks a key and returns the content type its extension stands for. A key is segments of
 * letters, digits, `.`, `_` and `-` joined by `/`: no absolute path, no `..`, no hidden file.
 */
export function mediaKeyType(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new MediaKeyError(`A media key has 1-${MAX_KEY_LENGTH} characters`);
  }
  // A segment never starts with a dot: no "..", no hidden files, no clash with temporary files.
  if (!key.split('/').every((segment) => SEGMENT.test(segment))) {
    throw new MediaKeyError('A media key is a relative path of plain names (no "..", no "/")');
  }
  const ext = /\.([a-z0-9]+)$/.exec(key)?.[1];
  const type = ext === undefined ? undefined : MEDIA_TYPES[ext];
  if (type === undefined) {
    throw new MediaKeyError(`A media key ends in one of .${Object.keys(MEDIA_TYPES).join(', .')}`);
  }
  return type;
}

/**
 * A media store in a local folder (MEDIA_DIR). Each key is a file under the folder; a write
 * goes to a temporary file beside the target and is renamed over it, so a reader sees the old
 * bytes or the new ones, never half a file.
 */
export function createLocalMediaStore(dir: string): MediaStore {
  const root = resolve(dir);

  function pathOf(key: string): string {
    const path = resolve(root, key);
    // The key rules already keep paths inside; this holds even if those rules change.
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new MediaKeyError('A media key must stay inside the media folder');
    }
    return path;
  }

  return {
    async put(key, bytes, contentType) {
      const type = mediaKeyType(key);
      if (type !== MEDIA_TYPES.bin && type !== normalizeType(contentType)) {
        throw new MediaKeyError(`A key ending in .${mediaExtension(type)} holds ${type} only`);
      }
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(temporary, bytes, { flush: true });
        await rename(temporary, path);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
    },

    async get(key) {
      const contentType = mediaKeyType(key);
      try {
        return { bytes: await readFile(pathOf(key)), contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}

function normalizeType(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}
