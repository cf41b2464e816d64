import type { JobsOptions, Queue } from 'bullmq';
import type { Channel } from '../conversation/types.ts';
import type { PrismaClient } from '../db/client.ts';
import { JOBS, QUEUES, type SendBroadcastPayload } from '../jobs/queues.ts';
import { finishIfComplete, type RecipientKey } from './recipients.ts';

/** The queue of each platform broadcasts reach; each keeps to its platform's limit. */
export const PLATFORM_QUEUES = {
  telegram: QUEUES.broadcastTelegram,
  vk: QUEUES.broadcastVk,
} as const satisfies Partial<Record<Channel, string>>;

export type BroadcastChannel = keyof typeof PLATFORM_QUEUES;
export const BROADCAST_CHANNELS = Object.keys(PLATFORM_QUEUES) as BroadcastChannel[];
export type PlatformQueues = Record<BroadcastChannel, Queue>;

/** Recipients read (and jobs added) at a time: a page of a 30,000-follower broadcast. */
const PAGE = 1_000;

/**
 * A send job's attempts cover network failures and platform errors; a rate limit or a stalled
 * worker does not use one up. Finished jobs are kept a while for the queue dashboard.
 */
export const SEND_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
};

/** One job per recipient, so adding a recipient's job twice adds it once. */
export function sendJobId(key: RecipientKey): string {
  return `broadcast-${key.broadcastId}-${key.residentId}`;
}

export function isBroadcastChannel(channel: string): channel is BroadcastChannel {
  return Object.hasOwn(PLATFORM_QUEUES, channel);
}

/**
 * Adds a send job for every pending recipient of a broadcast, page by page. Running it again
 * (a retried start job, the resume sweep) adds nothing twice while the jobs are queued, and a
 * job added again after its recipient was sent finds nothing to send. Recipients in the
 * terminal chat cannot be written to later: they are recorded as failed.
 */
export async function queueSends(
  prisma: PrismaClient,
  queues: PlatformQueues,
  broadcastId: number,
): Promise<number> {
  const broadcast = await prisma.broadcast.findUnique({
    where: { id: broadcastId },
    select: { status: true },
  });
  // Cancelled before it started, or long done: nothing to queue.
  if (broadcast?.status !== 'sending') return 0;
  await prisma.broadcastRecipient.updateMany({
    where: { broadcastId, status: 'pending', channel: { notIn: BROADCAST_CHANNELS } },
    data: { status: 'failed', lastError: 'this chat cannot be written to later' },
  });
  let queued = 0;
  for await (const page of pendingPages(prisma, broadcastId)) {
    for (const [channel, queue] of Object.entries(queues)) {
      const jobs = page
        .filter((row) => row.channel === channel)
        .map((row) => sendJob({ broadcastId, residentId: row.residentId }));
      if (jobs.length > 0) await queue.addBulk(jobs);
      queued += jobs.length;
    }
  }
  await finishIfComplete(prisma, broadcastId);
  return queued;
}

/**
 * Takes the waiting jobs of a cancelled broadcast out of its queues, so they do not spend the
 * platform's rate on sends that would only be skipped. A job already running finds the
 * broadcast cancelled and sends nothing.
 */
export async function dropQueuedSends(
  prisma: PrismaClient,
  queues: PlatformQueues,
  broadcastId: number,
): Promise<number> {
  let removed = 0;
  for await (const page of pendingPages(prisma, broadcastId)) {
    const results = await Promise.all(
      page.map((row) => {
        const queue = isBroadcastChannel(row.channel) ? queues[row.channel] : undefined;
        return queue?.remove(sendJobId({ broadcastId, residentId: row.residentId })) ?? 0;
      }),
    );
    removed += results.reduce((sum, one) => sum + one, 0);
  }
  return removed;
}

export function sendJob(key: RecipientKey) {
  const data: SendBroadcastPayload = { broadcastId: key.broadcastId, residentId: key.residentId };
  return { name: JOBS.sendBroadcast, data, opts: { ...SEND_JOB_OPTIONS, jobId: sendJobId(key) } };
}

async function* pendingPages(prisma: PrismaClient, broadcastId: number) {
  let after = 0;
  for (;;) {
    const page = await prisma.broadcastRecipient.findMany({
      where: { broadcastId, status: 'pending', residentId: { gt: after } },
      orderBy: { residentId: 'asc' },
      take: PAGE,
      select: { residentId: true, channel: true },
    });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]?.residentId ?? after;
    if (page.length < PAGE) return;
  }
}
