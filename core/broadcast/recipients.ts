import type { Channel } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';

/**
 * A recipient row is the one record of whether a resident got a broadcast. Every change is a
 * conditional update, so two jobs for one recipient (a stalled job run again, a sweep that
 * re-added it) can never both send: only the one that moved the row on goes ahead.
 */

export interface RecipientKey {
  broadcastId: number;
  residentId: number;
}

/** Where a claimed recipient is sent, as it was when the broadcast was published. */
export interface ClaimedRecipient {
  channel: Channel;
  chatId: string;
  locale: string;
}

export type SettledStatus = 'sent' | 'unreachable' | 'failed' | 'uncertain';

/** Takes a pending recipient of a broadcast still sending: "sending" now, one attempt more. */
export async function claimRecipient(
  db: Db,
  key: RecipientKey,
): Promise<ClaimedRecipient | undefined> {
  const rows = await db.$queryRaw<Array<{ channel: Channel; chat_id: string; locale: string }>>`
    UPDATE "BroadcastRecipient" AS r
    SET status = 'sending', attempts = r.attempts + 1
    FROM "Broadcast" AS b
    WHERE r.broadcast_id = ${key.broadcastId} AND r.resident_id = ${key.residentId}
      AND r.status = 'pending' AND b.id = r.broadcast_id AND b.status = 'sending'
    RETURNING r.channel::text AS channel, r.chat_id, r.locale`;
  return claimedOf(rows[0]);
}

/**
 * Takes up again a send a dead worker left "sending", for a platform that drops a repeated
 * send by its key: sending it again is harmless there.
 */
export async function reclaimAbandoned(
  db: Db,
  key: RecipientKey,
): Promise<ClaimedRecipient | undefined> {
  const rows = await db.$queryRaw<Array<{ channel: Channel; chat_id: string; locale: string }>>`
    UPDATE "BroadcastRecipient" AS r
    SET attempts = r.attempts + 1
    FROM "Broadcast" AS b
    WHERE r.broadcast_id = ${key.broadcastId} AND r.resident_id = ${key.residentId}
      AND r.status = 'sending' AND b.id = r.broadcast_id AND b.status = 'sending'
    RETURNING r.channel::text AS channel, r.chat_id, r.locale`;
  return claimedOf(rows[0]);
}

/** A recipient a job could not claim: where it stands, and whether its broadcast still sends. */
export async function recipientState(
  db: Db,
  key: RecipientKey,
): Promise<{ status: string; channel: Channel; broadcastSending: boolean } | undefined> {
  const rows = await db.$queryRaw<
    Array<{ status: string; channel: Channel; broadcast_status: string }>
  >`
    SELECT r.status::text AS status, r.channel::text AS channel,
           b.status::text AS broadcast_status
    FROM "BroadcastRecipient" AS r JOIN "Broadcast" AS b ON b.id = r.broadcast_id
    WHERE r.broadcast_id = ${key.broadcastId} AND r.resident_id = ${key.residentId}`;
  const row = rows[0];
  if (!row) return undefined;
  return {
    status: row.status,
    channel: row.channel,
    broadcastSending: row.broadcast_status === 'sending',
  };
}

/** Records how a claimed send ended; false when another job had settled it already. */
export async function settleRecipient(
  db: Db,
  key: RecipientKey,
  status: SettledStatus,
  lastError?: string,
): Promise<boolean> {
  const changed = await db.broadcastRecipient.updateMany({
    where: { ...key, status: 'sending' },
    data: {
      status,
      lastError: lastError?.slice(0, 500) ?? null,
      ...(status === 'sent' ? { sentAt: new Date() } : {}),
    },
  });
  return changed.count > 0;
}

/**
 * Hands a claimed send back to the queue: nothing went out. A rate limit is no attempt of the
 * recipient's, so its claim is not counted.
 */
export async function releaseRecipient(
  db: Db,
  key: RecipientKey,
  lastError: string,
  options: { countAttempt: boolean },
): Promise<void> {
  await db.broadcastRecipient.updateMany({
    where: { ...key, status: 'sending' },
    data: {
      status: 'pending',
      lastError: lastError.slice(0, 500),
      ...(options.countAttempt ? {} : { attempts: { decrement: 1 } }),
    },
  });
}

/**
 * Gives up a send a dead worker left mid-way, where sending again could show it twice.
 * LIMITATION: on Telegram such a recipient may or may not have the message; the Bot API takes
 * no idempotency key and a bot cannot read its chats' history, so nobody can tell. Keeping
 * few sends in flight per worker (limits.ts) is what keeps these few; an operator may send
 * them again (resend.ts), accepting that some may then have it twice.
 */
export async function giveUpAbandoned(db: Db, key: RecipientKey): Promise<boolean> {
  return settleRecipient(db, key, 'uncertain', 'a worker stopped during the send');
}

/**
 * Marks a broadcast done once no recipient is pending or being sent; idempotent, and cheap
 * enough to ask after every send (the recipients' (broadcast, status) index answers it).
 */
export async function finishIfComplete(db: Db, broadcastId: number): Promise<boolean> {
  const finished = await db.$executeRaw`
    UPDATE "Broadcast" SET status = 'done', finished_at = now() AT TIME ZONE 'UTC'
    WHERE id = ${broadcastId} AND status = 'sending'
      AND NOT EXISTS (
        SELECT 1 FROM "BroadcastRecipient"
        WHERE broadcast_id = ${broadcastId} AND status IN ('pending', 'sending'))`;
  return finished > 0;
}

function claimedOf(
  row: { channel: Channel; chat_id: string; locale: string } | undefined,
): ClaimedRecipient | undefined {
  return row ? { channel: row.channel, chatId: row.chat_id, locale: row.locale } : undefined;
}
