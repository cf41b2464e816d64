import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrammyBot } from '../../bots/telegram/bot.ts';
import { createTelegramPhotoSource } from '../../bots/telegram/photo-source.ts';
import { type PhotoSource, PhotoUnavailableError } from '../../core/media/photo-sources.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let telegram: FakeTelegramApi;
let source: PhotoSource;

beforeAll(async () => {
  telegram = await startFakeTelegramApi();
  source = createTelegramPhotoSource({
    api: createGrammyBot(telegram.token, telegram.apiRoot).api,
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    timeoutMs: 200,
  });
});
afterAll(() => telegram.close());

const fetchFile = (fileId: string) => source.fetch({ fileId, sourceUrl: null });

describe('when a Telegram photo is fetched by its file_id', () => {
  it('asks getFile for its path and downloads it, telling the type from the bytes', async () => {
    telegram.registerFile({ file_id: 'AgACphoto-png', content: PNG });
    expect(await fetchFile('AgACphoto-png')).toEqual({ bytes: PNG, contentType: 'image/png' });
    expect(telegram.calls('getFile').at(-1)?.params).toMatchObject({ file_id: 'AgACphoto-png' });
  });

  it('refuses for good a file_id Telegram does not know', async () => {
    await expect(fetchFile('AgACnever-sent')).rejects.toBeInstanceOf(PhotoUnavailableError);
  });

  it('refuses for good a file over 20 MB', async () => {
    telegram.registerFile({ file_id: 'AgACphoto-huge', file_size: 21 * 1024 * 1024 });
    await expect(fetchFile('AgACphoto-huge')).rejects.toBeInstanceOf(PhotoUnavailableError);
  });

  it('fails for a retry when Telegram errs or is slow', async () => {
    telegram.registerFile({ file_id: 'AgACphoto-later', content: PNG });
    telegram.failNext('getFile', { error_code: 500, description: 'Internal Server Error' });
    const failed = await fetchFile('AgACphoto-later').catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(PhotoUnavailableError);

    telegram.delayNext('getFile', 1_000);
    const slow = await fetchFile('AgACphoto-later').catch((err: unknown) => err);
    expect(slow).toBeInstanceOf(Error);
    expect(slow).not.toBeInstanceOf(PhotoUnavailableError);

    expect((await fetchFile('AgACphoto-later')).bytes).toEqual(PNG);
  });

  it('never names the token in an error', async () => {
    const wrongRoot = createTelegramPhotoSource({
      api: createGrammyBot(telegram.token, telegram.apiRoot).api,
      token: telegram.token,
      apiRoot: 'http://127.0.0.1:1',
      timeoutMs: 2_000,
    });
    telegram.registerFile({ file_id: 'AgACphoto-elsewhere', content: PNG });
    const err = await wrongRoot
      .fetch({ fileId: 'AgACphoto-elsewhere', sourceUrl: null })
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).not.toContain(telegram.token);
    expect(JSON.stringify(err)).not.toContain(telegram.token);
  });
});
