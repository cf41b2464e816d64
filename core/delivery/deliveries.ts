import type { Prisma } from '../../generated/prisma/client.ts';
import type { Channel, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { addToOutbox } from '../jobs/outbox.ts';
import { JOBS, QUEUES } from '../jobs/queues.ts';

export interface NewDelivery {
  /** Names the notification, e.g. "report:12:routed"; a second delivery with it is dropped. */
  key: string;
  channel: Channel;
  chatId: string;
  messages: Outgoing[];
  /** The office this notice is for; a refusal passes it on to the office's other chats. */
  officeId?: number;
}

/**
 * Queues messages for a chat in the caller's transaction: the delivery row and its job commit
 * with the change they announce. Returns false when this key was queued before.
 */
export async function queueDelivery(db: Db, delivery: NewDelivery): Promise<boolean> {
  const inserted = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO "Delivery" (key, channel, chat_id, messages, office_id)
    VALUES (${delivery.key}, CAST(${delivery.channel} AS "Channel"), ${delivery.chatId},
            CAST(${JSON.stringify(delivery.messages)} AS jsonb), ${delivery.officeId ?? null})
    ON CONFLICT (key) DO NOTHING
    RETURNING id`;
  const row = inserted[0];
  if (!row) return false;

  const payload: Prisma.InputJsonValue = { deliveryId: row.id };
  await addToOutbox(db, { queue: QUEUES.delivery, name: JOBS.deliver, payload });
  return true;
}
