import { type Api, GrammyError } from 'grammy';
import { downloadPhoto } from '../../core/media/download.ts';
import {
  MAX_PHOTO_BYTES,
  PHOTO_FETCH_TIMEOUT_MS,
  type PhotoSource,
  PhotoUnavailableError,
} from '../../core/media/photo-sources.ts';

export interface TelegramPhotoSourceOptions {
  api: Api;
  token: string;
  /** The Bot API root the files are downloaded from (TELEGRAM_API_ROOT). */
  apiRoot: string;
  timeoutMs?: number;
}

/**
 * Fetches a Telegram photo by its file_id: getFile names its path, then the file server gives
 * the bytes. Telegram refuses files over 20 MB and unknown file ids with 400, for good.
 */
export function createTelegramPhotoSource(options: TelegramPhotoSourceOptions): PhotoSource {
  const root = options.apiRoot.replace(/\/+$/, '');
  return {
    async fetch(photo) {
      const timeoutMs = options.timeoutMs ?? PHOTO_FETCH_TIMEOUT_MS;
      const file = await getFile(options.api, photo.fileId, timeoutMs);
      if ((file.file_size ?? 0) > MAX_PHOTO_BYTES) {
        throw new PhotoUnavailableError('Telegram file is over 20 MB');
      }
      if (!file.file_path) throw new PhotoUnavailableError('Telegram gave no path for the file');
      // LIMITATION: a local Bot API server in --local mode answers an absolute path on its own
      // disk; such a file would have to be read from that disk rather than downloaded.
      const path = file.file_path.split('/').map(encodeURIComponent).join('/');
      return downloadPhoto(`${root}/file/bot${options.token}/${path}`, {
        maxBytes: MAX_PHOTO_BYTES,
        timeoutMs,
        what: 'Telegram file download',
      });
    },
  };
}

async function getFile(api: Api, fileId: string, timeoutMs: number) {
  try {
    // grammY types its signal with a polyfill's class; the platform one is what it uses.
    const signal = AbortSignal.timeout(timeoutMs) as Parameters<typeof api.getFile>[1];
    return await api.getFile(fileId, signal);
  } catch (err) {
    // 400 is "invalid file_id" or "file is too big": no retry changes either answer.
    if (err instanceof GrammyError && err.error_code === 400) {
      throw new PhotoUnavailableError(`Telegram refused the file: ${err.description}`);
    }
    throw err;
  }
}
