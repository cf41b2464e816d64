import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrammyBot } from '../../bots/telegram/bot.ts';
import { createTelegramPhotoSource } from '../../bots/telegram/photo-source.ts';
import type { PhotoRef } from '../../core/conversation/types.ts';
import { type JobsRuntime, startJobs } from '../../core/jobs/runtime.ts';
import { copyReportPhotos, PHOTO_UNAVAILABLE } from '../../core/media/copy-report-photos.ts';
import { createLocalMediaStore, type MediaStore } from '../../core/media/media-store.ts';
import type { PhotoSources } from '../../core/media/photo-sources.ts';
import { createReport } from '../../core/reports/reports.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';

const log = pino({ level: 'silent' });
const calendar = {
  addWorkingDays: (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000),
};
const prefix = testRedisPrefix();
let db: TestDatabase;
let telegram: FakeTelegramApi;
let mediaDir: string;
let store: MediaStore;
let sources: PhotoSources;
let jobs: JobsRuntime;
let residentId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await startFakeTelegramApi();
  mediaDir = await mkdtemp(join(tmpdir(), 'oneclick-media-worker-'));
  store = createLocalMediaStore(mediaDir);
  sources = {
    telegram: createTelegramPhotoSource({
      api: createGrammyBot(telegram.token, telegram.apiRoot).api,
      token: telegram.token,
      apiRoot: telegram.apiRoot,
    }),
  };
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'telegram',
      platformUserId: '5001',
      chatId: '5001',
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  residentId = resident.id;
  jobs = await startJobs({
    redisUrl: testRedisUrl(),
    prefix,
    prisma: db.prisma,
    log,
    calendar,
    senders: {},
    runWorkers: true,
    media: { store, sources },
  });
});
afterAll(async () => {
  await jobs?.close();
  await clearRedisPrefix(prefix);
  await telegram?.close();
  await db?.drop();
  await rm(mediaDir, { recursive: true, force: true });
});

let photoSeq = 0;
/** A JPEG-looking photo the fake Bot API can serve, as the adapter would pass it on. */
function telegramPhoto(): PhotoRef & { bytes: Buffer } {
  photoSeq += 1;
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, photoSeq, 1, 2, 3]);
  const fileId = `AgACAgIAAxkBAAI-photo-${photoSeq}`;
  telegram.registerFile({ file_id: fileId, file_unique_id: `AQAD${photoSeq}`, content: bytes });
  return { fileId, fileUniqueId: `AQAD${photoSeq}`, width: 1280, height: 960, bytes };
}

async function fileReport(photos: PhotoRef[]): Promise<number> {
  const filed = await db.prisma.$transaction((tx) =>
    createReport(tx, {
      residentId,
      channel: 'telegram',
      categoryCode: 'roads',
      description: 'Яма на дороге',
      photos,
    }),
  );
  jobs.relay.kick();
  return filed.id;
}

const photoRows = (reportId: number) =>
  db.prisma.reportPhoto.findMany({ where: { reportId }, orderBy: { position: 'asc' } });

const copiedCount = async (reportId: number) =>
  (await photoRows(reportId)).filter((row) => row.storageKey !== null).length;

describe('when a report with Telegram photos is filed', () => {
  it('copies every photo into the media folder and records where', async () => {
    const photos = [telegramPhoto(), telegramPhoto()];
    const reportId = await fileReport(photos);
    expect(
      await db.prisma.outboxJob.count({ where: { queue: 'media', name: 'store-photos' } }),
    ).toBeGreaterThan(0);

    await expect.poll(() => copiedCount(reportId), { timeout: 15_000 }).toBe(2);
    const rows = await photoRows(reportId);
    expect(rows.map((row) => [row.storageKey, row.contentType])).toEqual([
      [`reports/${reportId}/0.jpg`, 'image/jpeg'],
      [`reports/${reportId}/1.jpg`, 'image/jpeg'],
    ]);
    // The platform's reference stays: Telegram keeps showing the photo by its file_id.
    expect(rows.map((row) => row.fileId)).toEqual(photos.map((photo) => photo.fileId));
    for (const [position, photo] of photos.entries()) {
      const file = await readFile(join(mediaDir, 'reports', String(reportId), `${position}.jpg`));
      expect(file).toEqual(photo.bytes);
    }

    // A second run finds nothing left to copy and asks Telegram for nothing.
    const asked = telegram.calls('getFile').length;
    expect(await copyReportPhotos(db.prisma, sources, store, reportId)).toEqual({
      copied: 0,
      unavailable: 0,
      skipped: 0,
    });
    expect(telegram.calls('getFile')).toHaveLength(asked);
  });

  it('files no copying job for a report without photos', async () => {
    const before = await db.prisma.outboxJob.count({ where: { queue: 'media' } });
    await fileReport([]);
    expect(await db.prisma.outboxJob.count({ where: { queue: 'media' } })).toBe(before);
  });
});

describe('when fetching a photo fails', () => {
  it('copies the others at once and the failed one on the retry', async () => {
    const photos = [telegramPhoto(), telegramPhoto(), telegramPhoto()];
    // The first getFile of the job fails as a passing server error would.
    telegram.failNext('getFile', { error_code: 500, description: 'Internal Server Error' });
    const reportId = await fileReport(photos);

    await expect.poll(() => copiedCount(reportId), { timeout: 15_000 }).toBe(3);
    const fetched = telegram
      .calls('getFile')
      .filter((call) => call.params.file_id === photos[0]?.fileId);
    expect(fetched.map((call) => call.error?.error_code ?? 200)).toEqual([500, 200]);
    // The others were fetched once each: the retry copied only what was missing.
    for (const photo of photos.slice(1)) {
      const calls = telegram
        .calls('getFile')
        .filter((call) => call.params.file_id === photo.fileId);
      expect(calls).toHaveLength(1);
    }
    expect(await readdir(join(mediaDir, 'reports', String(reportId)))).toHaveLength(3);
  });

  it('marks a photo Telegram refuses for good and never asks for it again', async () => {
    const good = telegramPhoto();
    telegram.registerFile({ file_id: 'AgAC-too-big', file_size: 21 * 1024 * 1024 });
    const photos = [{ fileId: 'AgAC-never-sent' }, { fileId: 'AgAC-too-big' }, good];
    const reportId = await fileReport(photos);

    await expect.poll(() => copiedCount(reportId), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => (await photoRows(reportId)).map((row) => row.contentType))
      .toEqual([PHOTO_UNAVAILABLE, PHOTO_UNAVAILABLE, 'image/jpeg']);
    const rows = await photoRows(reportId);
    expect(rows.map((row) => row.storageKey)).toEqual([null, null, `reports/${reportId}/2.jpg`]);

    const asked = telegram.calls('getFile').length;
    expect(await copyReportPhotos(db.prisma, sources, store, reportId)).toEqual({
      copied: 0,
      unavailable: 0,
      skipped: 0,
    });
    expect(telegram.calls('getFile')).toHaveLength(asked);
  });

  it('leaves photos of a channel it has no source for', async () => {
    const filed = await db.prisma.$transaction((tx) =>
      createReport(tx, {
        residentId,
        channel: 'console',
        categoryCode: 'roads',
        description: 'Яма на дороге',
        photos: [{ fileId: '/home/resident/pothole.jpg' }],
      }),
    );
    expect(await copyReportPhotos(db.prisma, sources, store, filed.id)).toEqual({
      copied: 0,
      unavailable: 0,
      skipped: 1,
    });
    expect((await photoRows(filed.id)).map((row) => row.contentType)).toEqual([null]);
  });
});
