import type { Channel, Outgoing } from '../conversation/types.ts';
import type { Db, PrismaClient } from '../db/client.ts';
import { metrics } from '../metrics.ts';
import { passNoticeOn } from '../staff/office-notices.ts';
import type { Senders } from './senders.ts';

export type DeliveryOutcome = 'sent' | 'unreachable' | 'skipped' | 'uncertain' | 'no_sender';

/**
 * Sends one queued delivery, at most once. The row is marked "sending" before the platform is
 * called and "sent" after; a job that finds it already sent skips it (a duplicate or retried
 * job). A platform error leaves nothing sent, so the row goes back to "pending" and the error
 * is thrown for the queue's backoff.
 *
 * A worker that dies during the call leaves "sending" behind. On VK, whose sends carry a
 * random_id derived from the delivery, the next job simply sends again and VK drops a repeat.
 * LIMITATION: on Telegram nobody can tell whether the message went out (the Bot API has no
 * idempotency key), so we give up on it ("uncertain") rather than risk sending it twice.
 */
export async function deliver(
  prisma: PrismaClient,
  senders: Senders,
  deliveryId: number,
  /** Called when the outcome queued new deliveries (an office notice passed on). */
  onJobsQueued?: () => void,
): Promise<DeliveryOutcome> {
  const claimed = await prisma.delivery.updateMany({
    where: { id: deliveryId, status: 'pending' },
    data: { status: 'sending', attempts: { increment: 1 } },
  });
  if (claimed.count === 0) {
    const resumed = await resumeIdempotent(prisma, senders, deliveryId);
    if (!resumed) return settleUnclaimed(prisma, deliveryId);
  }

  const delivery = await prisma.delivery.findUniqueOrThrow({ where: { id: deliveryId } });
  const sender = senders[delivery.channel];
  if (!sender) {
    // The terminal chat has no way to be reached later; a messenger may be configured soon,
    // so its delivery waits (pending) and the job fails into the queue's backoff.
    const problem = `no sender for channel ${delivery.channel}`;
    if (delivery.channel === 'console') {
      await finish(prisma, deliveryId, 'failed', problem);
      return 'no_sender';
    }
    await prisma.delivery.update({
      where: { id: deliveryId },
      data: { status: 'pending', lastError: problem },
    });
    throw new Error(`${problem}: set its token on the worker`);
  }

  let outcome: Awaited<ReturnType<typeof sender.send>>;
  try {
    const messages = delivery.messages as unknown as Outgoing[];
    outcome = await sender.send(delivery.chatId, messages, { key: delivery.key });
  } catch (err) {
    const lastError = err instanceof Error ? err.message.slice(0, 500) : String(err);
    metrics.deliveryErrors.inc({ kind: 'failed' });
    await prisma.delivery.update({
      where: { id: deliveryId },
      data: { status: 'pending', lastError },
    });
    throw err;
  }

  if (outcome.delivered) {
    await finish(prisma, deliveryId, 'sent');
    return 'sent';
  }
  await prisma.$transaction(async (db) => {
    await finish(db, deliveryId, 'unreachable', outcome.unreachable);
    await markUnreachable(db, delivery.channel, delivery.chatId);
    // An office must not miss a card because one of its chats is gone: pass it on.
    if (delivery.officeId !== null) {
      await passNoticeOn(db, {
        key: delivery.key,
        officeId: delivery.officeId,
        messages: delivery.messages as unknown as Outgoing[],
      });
    }
  });
  onJobsQueued?.();
  metrics.deliveryErrors.inc({ kind: 'unreachable' });
  return 'unreachable';
}

/** Whoever this chat is (a resident, a member of staff, an office group), we stop writing. */
export async function markUnreachable(db: Db, channel: Channel, chatId: string): Promise<void> {
  const now = new Date();
  const stillReachable = { channel, chatId, unreachableAt: null };
  await db.resident.updateMany({ where: stillReachable, data: { unreachableAt: now } });
  await db.official.updateMany({ where: stillReachable, data: { unreachableAt: now } });
  await db.officeChat.updateMany({ where: { channel, chatId }, data: { active: false } });
}

/**
 * A delivery a dead worker left mid-send, on a platform that drops repeated sends by key
 * (VK's random_id): sending it again is safe, so it is taken up again instead of given up.
 */
async function resumeIdempotent(
  prisma: PrismaClient,
  senders: Senders,
  id: number,
): Promise<boolean> {
  const row = await prisma.delivery.findUnique({ where: { id }, select: { channel: true } });
  if (!row || !senders[row.channel]?.idempotent) return false;
  const resumed = await prisma.delivery.updateMany({
    where: { id, status: 'sending' },
    data: { attempts: { increment: 1 } },
  });
  return resumed.count > 0;
}

/** A delivery this job could not claim: done already, or left mid-send by a dead worker. */
async function settleUnclaimed(prisma: PrismaClient, id: number): Promise<DeliveryOutcome> {
  const abandoned = await prisma.delivery.updateMany({
    where: { id, status: 'sending' },
    data: { status: 'failed', lastError: 'outcome unknown: a worker stopped during the send' },
  });
  if (abandoned.count > 0) metrics.deliveryErrors.inc({ kind: 'uncertain' });
  return abandoned.count > 0 ? 'uncertain' : 'skipped';
}

async function finish(
  prisma: Db,
  id: number,
  status: 'sent' | 'unreachable' | 'failed',
  lastError?: string,
): Promise<void> {
  await prisma.delivery.update({
    where: { id },
    data: {
      status,
      ...(status === 'sent' ? { sentAt: new Date() } : {}),
      lastError: lastError ?? null,
    },
  });
}
