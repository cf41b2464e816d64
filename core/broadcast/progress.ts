import type { PrismaClient } from '../db/client.ts';

export const SEND_STATUSES = [
  'pending',
  'sending',
  'sent',
  'unreachable',
  'failed',
  'uncertain',
] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];
export type SendCounts = Record<SendStatus, number>;

/** How many of each broadcast's recipients stand at each status. */
export async function sendCounts(
  prisma: PrismaClient,
  broadcastIds: number[],
): Promise<Map<number, SendCounts>> {
  const counts = new Map<number, SendCounts>(broadcastIds.map((id) => [id, emptyCounts()]));
  if (broadcastIds.length === 0) return counts;
  const groups = await prisma.broadcastRecipient.groupBy({
    by: ['broadcastId', 'status'],
    where: { broadcastId: { in: broadcastIds } },
    _count: { _all: true },
  });
  for (const group of groups) {
    const forBroadcast = counts.get(group.broadcastId);
    if (forBroadcast) forBroadcast[group.status] = group._count._all;
  }
  return counts;
}

export interface SendPace {
  firstSentAt: Date | null;
  lastSentAt: Date | null;
  /** Messages delivered per second from the first one to the last (or to now, while sending). */
  sentPerSecond: number | null;
}

/** How fast a broadcast has been reaching its recipients. */
export async function sendPace(
  prisma: PrismaClient,
  broadcastId: number,
  options: { sending: boolean; now: Date },
): Promise<SendPace> {
  const times = await prisma.broadcastRecipient.aggregate({
    where: { broadcastId, status: 'sent' },
    _min: { sentAt: true },
    _max: { sentAt: true },
    _count: { _all: true },
  });
  const first = times._min.sentAt;
  const last = times._max.sentAt;
  if (!first || !last) return { firstSentAt: null, lastSentAt: null, sentPerSecond: null };
  const until = options.sending ? options.now : last;
  // A single message, or all within a second, counts as one second's work.
  const seconds = Math.max(1, (until.getTime() - first.getTime()) / 1000);
  const sentPerSecond = Math.round((times._count._all / seconds) * 100) / 100;
  return { firstSentAt: first, lastSentAt: last, sentPerSecond };
}

function emptyCounts(): SendCounts {
  return Object.fromEntries(SEND_STATUSES.map((status) => [status, 0])) as SendCounts;
}
