import type { Db } from '../db/client.ts';
import { addToOutbox } from '../jobs/outbox.ts';
import { JOBS, QUEUES } from '../jobs/queues.ts';

export type CancelOutcome = 'cancelled' | 'not_found' | 'finished';

/**
 * Stops a broadcast that is still sending: its send jobs find it cancelled and send nothing,
 * and a job queued with the change takes its waiting sends off the platform queues. Recipients
 * not reached stay "pending": the cancelled broadcast says why they never will be.
 */
export async function cancelBroadcast(db: Db, broadcastId: number): Promise<CancelOutcome> {
  const cancelled = await db.broadcast.updateMany({
    where: { id: broadcastId, status: 'sending' },
    data: { status: 'cancelled', finishedAt: new Date() },
  });
  if (cancelled.count === 0) {
    const exists = await db.broadcast.findUnique({
      where: { id: broadcastId },
      select: { id: true },
    });
    return exists ? 'finished' : 'not_found';
  }
  await addToOutbox(db, {
    queue: QUEUES.broadcast,
    name: JOBS.cancelBroadcast,
    payload: { broadcastId },
  });
  return 'cancelled';
}
