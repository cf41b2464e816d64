import { UnrecoverableError, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { copyReportPhotos, PhotoCopyError } from '../media/copy-report-photos.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { PhotoSources } from '../media/photo-sources.ts';
import { countJobOutcomes } from '../metrics.ts';
import { JOBS, QUEUES, type StorePhotosPayload } from './queues.ts';

/**
 * Copies each newly filed report's photos into our own storage. A retried job copies only
 * what is still missing; a photo its platform refused for good is marked and left alone.
 */
// LIMITATION: a photo still failing after the job's last attempt stays without a copy (and
// unmarked) until a job for its report is queued again; a sweep for such rows would lift this.
export function startMediaWorker(options: {
  connection: RedisOptions;
  prefix: string;
  prisma: PrismaClient;
  log: Logger;
  sources: PhotoSources;
  store: MediaStore;
}): Worker {
  const { prisma, sources, store, log } = options;
  const worker = new Worker<StorePhotosPayload>(
    QUEUES.media,
    async (job) => {
      if (job.name !== JOBS.storePhotos) throw new UnrecoverableError(`Unknown job ${job.name}`);
      const reportId = Number(job.data.reportId);
      if (!Number.isInteger(reportId))
        throw new UnrecoverableError('store-photos needs a reportId');
      try {
        const outcome = await copyReportPhotos(prisma, sources, store, reportId);
        log.info({ job: job.name, reportId, ...outcome }, 'report photos stored');
        return outcome;
      } catch (err) {
        if (err instanceof PhotoCopyError) {
          log.info({ job: job.name, reportId, failed: err.failed, ...err.outcome }, 'photos left');
        }
        throw err;
      }
    },
    // Downloads wait on the network, not on us: a few reports at once keep the worker busy.
    { connection: options.connection, prefix: options.prefix, concurrency: 4 },
  );
  worker.on('failed', (job, err) =>
    log.warn(
      { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
      'storing report photos failed',
    ),
  );
  countJobOutcomes(worker);
  return worker;
}
