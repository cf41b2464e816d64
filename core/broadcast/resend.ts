import type { Db } from '../db/client.ts';
import { addToOutbox } from '../jobs/outbox.ts';
import { JOBS, QUEUES } from '../jobs/queues.ts';

export type ResendOutcome =
  | { resent: number }
  | { refused: 'not_found' | 'cancelled' | 'none_uncertain' };

/**
 * Sends again, at an operator's word, what a crash left `uncertain` on Telegram: those
 * recipients may or may not have the message, and only a person can decide that a possible
 * second copy is better than a possible gap. They become pending, the broadcast sends again,
 * and a job queued with the change puts their sends back on the platform queue.
 */
export async function resendUncertain(db: Db, broadcastId: number): Promise<ResendOutcome> {
  await db.$queryRaw`SELECT id FROM "Broadcast" WHERE id = ${broadcastId} FOR UPDATE`;
  const broadcast = await db.broadcast.findUnique({
    where: { id: broadcastId },
    select: { status: true },
  });
  if (!broadcast) return { refused: 'not_found' };
  if (broadcast.status === 'cancelled') return { refused: 'cancelled' };

  const reset = await db.broadcastRecipient.updateMany({
    where: { broadcastId, status: 'uncertain' },
    data: { status: 'pending', lastError: 'sent again at an operator’s request' },
  });
  if (reset.count === 0) return { refused: 'none_uncertain' };
  await db.broadcast.update({
    where: { id: broadcastId },
    data: { status: 'sending', finishedAt: null },
  });
  await addToOutbox(db, {
    queue: QUEUES.broadcast,
    name: JOBS.resendBroadcast,
    payload: { broadcastId },
  });
  return { resent: reset.count };
}
