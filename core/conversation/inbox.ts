import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db, PrismaClient } from '../db/client.ts';
import type { Channel } from './types.ts';

/**
 * The inbox of platform updates. Platforms redeliver an update they think we missed (Telegram
 * whenever a webhook answers late or with an error, VK likewise), so each update is recorded
 * once by its platform id before any work; the row is kept for a while after processing so a
 * late redelivery still finds it.
 */
export interface InboundRow {
  updateId: string;
  chatKey: string;
  payload: Prisma.JsonValue;
}

/** Records an update; false when it was seen before (a redelivery). */
export async function recordInbound(
  db: Db,
  update: { channel: Channel; updateId: string; chatKey: string; payload: Prisma.InputJsonValue },
): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "InboundUpdate" (channel, update_id, chat_key, payload)
    VALUES (CAST(${update.channel} AS "Channel"), ${update.updateId}, ${update.chatKey},
            CAST(${JSON.stringify(update.payload)} AS jsonb))
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/**
 * Claims an update for processing inside the transaction that applies it, so that its effects
 * and its "processed" mark commit together. False when it was processed already. The payload
 * is dropped at that moment: we keep platform payloads (which carry names) no longer than needed.
 */
export async function claimInbound(db: Db, channel: Channel, updateId: string): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE "InboundUpdate" SET processed_at = now(), payload = NULL
    WHERE channel = CAST(${channel} AS "Channel") AND update_id = ${updateId}
      AND processed_at IS NULL`;
  return claimed === 1;
}

/** Marks an update done whatever happened to it, so a poisonous one is not retried forever. */
export async function finishInbound(db: Db, channel: Channel, updateId: string): Promise<void> {
  await claimInbound(db, channel, updateId);
}

/** Updates received but not processed (the process stopped in between), oldest first. */
export async function pendingInbound(
  db: PrismaClient,
  channel: Channel,
  limit = 1000,
): Promise<InboundRow[]> {
  const rows = await db.inboundUpdate.findMany({
    where: { channel, processedAt: null },
    orderBy: { sequence: 'asc' },
    take: limit,
    select: { updateId: true, chatKey: true, payload: true },
  });
  return rows;
}

/** Forgets processed updates older than `before`; platforms stop redelivering within a day. */
export async function pruneInbound(db: Db, before: Date): Promise<number> {
  const { count } = await db.inboundUpdate.deleteMany({
    where: { processedAt: { lt: before } },
  });
  return count;
}
