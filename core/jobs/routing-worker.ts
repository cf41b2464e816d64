import { UnrecoverableError, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { countJobOutcomes } from '../metrics.ts';
import { type DeadlineCalendar, routeReport } from '../routing/route-report.ts';
import { JOBS, QUEUES, type RouteReportPayload } from './queues.ts';

/** Routes each newly filed report to its office; a retried job routes a report once. */
export function startRoutingWorker(options: {
  connection: RedisOptions;
  prefix: string;
  prisma: PrismaClient;
  calendar: DeadlineCalendar;
  log: Logger;
  /** Routing queues the resident's notification in the outbox; this hands it on at once. */
  onJobsQueued: () => void;
}): Worker {
  const { prisma, calendar, log } = options;
  const worker = new Worker<RouteReportPayload>(
    QUEUES.routing,
    async (job) => {
      if (job.name !== JOBS.routeReport) throw new UnrecoverableError(`Unknown job ${job.name}`);
      const reportId = Number(job.data.reportId);
      if (!Number.isInteger(reportId))
        throw new UnrecoverableError('route-report needs a reportId');
      const officeId = job.data.officeId === undefined ? undefined : Number(job.data.officeId);
      const outcome = await routeReport(prisma, calendar, reportId, new Date(), officeId);
      log.info({ job: job.name, reportId, ...outcome }, 'report routing done');
      if (outcome.routed) options.onJobsQueued();
      return outcome;
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 4 },
  );
  worker.on('failed', (job, err) =>
    log.error(
      { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err },
      'routing failed',
    ),
  );
  countJobOutcomes(worker);
  return worker;
}
