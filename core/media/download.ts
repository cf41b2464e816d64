import {
  type FetchedPhoto,
  MAX_PHOTO_BYTES,
  PHOTO_FETCH_TIMEOUT_MS,
  PhotoUnavailableError,
  photoContentType,
} from './photo-sources.ts';

export interface DownloadOptions {
  /** Bytes above this refuse the photo for good. */
  maxBytes?: number;
  /** A download slower than this fails, to be retried later. */
  timeoutMs?: number;
  /** Names the source in errors; the address itself may carry a secret and is never named. */
  what: string;
}

/** Statuses that say the file is not there and will not be: the photo is refused for good. */
const GONE_FOR_GOOD = new Set([400, 403, 404, 410]);

/**
 * Downloads a photo over HTTP with a size cap and a time limit. A refusal that asking again
 * cannot change (too big, not found) is a PhotoUnavailableError; anything else is transient.
 */
export async function downloadPhoto(url: string, options: DownloadOptions): Promise<FetchedPhoto> {
  const maxBytes = options.maxBytes ?? MAX_PHOTO_BYTES;
  const timeoutMs = options.timeoutMs ?? PHOTO_FETCH_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) {
      await response.body?.cancel();
      const message = `${options.what} answered ${response.status}`;
      if (GONE_FOR_GOOD.has(response.status)) throw new PhotoUnavailableError(message);
      throw new Error(message);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new PhotoUnavailableError(`${options.what}: the file is over ${maxBytes} bytes`);
    }
    const bytes = await readCapped(response, maxBytes, options.what);
    return { bytes, contentType: photoContentType(response.headers.get('content-type'), bytes) };
  } catch (err) {
    if (signal.aborted) throw new Error(`${options.what} took over ${timeoutMs} ms`);
    if (err instanceof PhotoUnavailableError || !(err instanceof TypeError)) throw err;
    // fetch's own errors can name the address (a token in Telegram's); keep only the reason.
    throw new Error(`${options.what} could not be reached: ${reasonOf(err)}`);
  }
}

/** Reads a body, giving up as soon as it passes the cap (a wrong length header included). */
async function readCapped(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    total += chunk.length;
    // Leaving the loop by a throw cancels the stream, so the rest is never downloaded.
    if (total > maxBytes) {
      throw new PhotoUnavailableError(`${what}: the file is over ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function reasonOf(err: TypeError): string {
  const cause = err.cause;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') {
    return cause.code;
  }
  return 'network error';
}
