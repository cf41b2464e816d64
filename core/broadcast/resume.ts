import type { PrismaClient } from '../db/client.ts';
import { finishIfComplete, giveUpAbandoned, type RecipientKey } from './recipients.ts';
import {
  BROADCAST_CHANNELS,
  type BroadcastChannel,
  type PlatformQueues,
  sendJob,
  sendJobId,
} from './send-jobs.ts';

/** Job states in which a send job will still run. */
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
const PAGE = 500;

export interface ResumeCounts {
  /** Recipients whose send job was gone and was added again. */
  requeued: number;
  /** Recipients left mid-send with no job to finish them, on a platform without idempotency. */
  givenUp: number;
  /** Broadcasts found with nothing left to send and marked done. */
  finished: number;
}

/**
 * The safety net behind BullMQ's own recovery (a dead worker's jobs come back as stalled, and
 * waiting jobs stay in Redis): when Redis lost the jobs of an unfinished broadcast, the
 * recipients still pending get their jobs again. The row claim keeps a job added twice from
 * sending twice. A recipient left "sending" with no job is sent again where the platform
 * drops repeats and given up as uncertain elsewhere.
 */
export async function resumeBroadcasts(deps: {
  prisma: PrismaClient;
  queues: PlatformQueues;
  idempotent: (channel: BroadcastChannel) => boolean;
}): Promise<ResumeCounts> {
  const { prisma } = deps;
  const counts: ResumeCounts = { requeued: 0, givenUp: 0, finished: 0 };
  const sending = await prisma.broadcast.findMany({
    where: { status: 'sending' },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  for (const channel of BROADCAST_CHANNELS) {
    if (!(await someJobsMissing(deps, channel))) continue;
    for (const { id } of sending) {
      const platform = { ...deps, channel, queue: deps.queues[channel] };
      const resumed = await resumePlatformSends(platform, id);
      counts.requeued += resumed.requeued;
      counts.givenUp += resumed.givenUp;
    }
  }
  for (const { id } of sending) {
    if (await finishIfComplete(prisma, id)) counts.finished += 1;
  }
  return counts;
}

/**
 * Every unsettled recipient has one live job while all is well, so fewer live jobs than such
 * recipients means some were lost. Cheap, and enough: live jobs of settled recipients (a
 * cancelled broadcast's running sends) can hide a loss only until they drain, and the next
 * sweep finds it.
 */
async function someJobsMissing(
  deps: { prisma: PrismaClient; queues: PlatformQueues },
  channel: BroadcastChannel,
): Promise<boolean> {
  const unsettled = await deps.prisma.broadcastRecipient.count({
    where: { channel, status: { in: ['pending', 'sending'] }, broadcast: { status: 'sending' } },
  });
  if (unsettled === 0) return false;
  const live = await deps.queues[channel].getJobCountByTypes(
    'waiting',
    'active',
    'delayed',
    'prioritized',
  );
  return live < unsettled;
}

async function resumePlatformSends(
  deps: {
    prisma: PrismaClient;
    channel: BroadcastChannel;
    queue: PlatformQueues[BroadcastChannel];
    idempotent: (channel: BroadcastChannel) => boolean;
  },
  broadcastId: number,
): Promise<Omit<ResumeCounts, 'finished'>> {
  const counts = { requeued: 0, givenUp: 0 };
  let after = 0;
  for (;;) {
    const rows = await deps.prisma.broadcastRecipient.findMany({
      where: {
        broadcastId,
        channel: deps.channel,
        status: { in: ['pending', 'sending'] },
        residentId: { gt: after },
      },
      orderBy: { residentId: 'asc' },
      take: PAGE,
      select: { residentId: true, status: true },
    });
    if (rows.length === 0) return counts;
    after = rows[rows.length - 1]?.residentId ?? after;

    const keys = rows.map((row) => ({ broadcastId, residentId: row.residentId }));
    const gone = await Promise.all(keys.map((key) => jobGone(deps.queue, key)));
    const jobs = [];
    for (const [index, row] of rows.entries()) {
      const key = keys[index];
      if (!key || !gone[index]) continue;
      if (row.status === 'sending') {
        const taken = await takeBackAbandoned(deps, key);
        if (taken === 'given_up') counts.givenUp += 1;
        if (taken !== 'requeue') continue;
      }
      jobs.push(sendJob(key));
    }
    if (jobs.length > 0) await deps.queue.addBulk(jobs);
    counts.requeued += jobs.length;
  }
}

/** Whether no job will run for the recipient; a finished job in the way is removed. */
async function jobGone(queue: PlatformQueues[BroadcastChannel], key: RecipientKey) {
  const jobId = sendJobId(key);
  const state = await queue.getJobState(jobId);
  if (LIVE_STATES.has(state)) return false;
  if (state !== 'unknown') await queue.remove(jobId);
  return true;
}

/**
 * A recipient left "sending" by a worker that is gone: back to pending where a resend is
 * harmless, otherwise given up as uncertain; or settled meanwhile by a job that did finish.
 */
async function takeBackAbandoned(
  deps: {
    prisma: PrismaClient;
    channel: BroadcastChannel;
    idempotent: (c: BroadcastChannel) => boolean;
  },
  key: RecipientKey,
): Promise<'requeue' | 'given_up' | 'settled'> {
  if (deps.idempotent(deps.channel)) {
    const back = await deps.prisma.broadcastRecipient.updateMany({
      where: { ...key, status: 'sending' },
      data: { status: 'pending' },
    });
    return back.count > 0 ? 'requeue' : 'settled';
  }
  return (await giveUpAbandoned(deps.prisma, key)) ? 'given_up' : 'settled';
}
