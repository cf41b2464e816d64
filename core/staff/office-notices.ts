import type { Prisma } from '../../generated/prisma/client.ts';
import type { Channel, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';

/**
 * Who hears about an office's work. The team (a new card, a report that came back) is told in
 * the office's group chat when it has one, else each of its reachable members; its heads hear
 * of missed deadlines. When nobody at the office can be reached, the dispatchers (and admins)
 * are told instead, so no card is ever addressed to no one. `answerers` is the team for what
 * only the office or an admin may answer (a question about an official's report): there the
 * fallback is the admins alone, as a dispatcher could not answer it.
 */
export type Audience = 'team' | 'heads' | 'answerers';
const AUDIENCES: readonly Audience[] = ['team', 'heads', 'answerers'];

export interface OfficeNotice {
  officeId: number;
  audience: Audience;
  /** Names the notice, e.g. "report:12:routed"; each chat gets it at most once. */
  key: string;
  messages: Outgoing[];
}

interface Target {
  channel: Channel;
  chatId: string;
}

/** Queues the notice for every chat that should get it now; returns how many were queued. */
export async function queueOfficeNotice(db: Db, notice: OfficeNotice): Promise<number> {
  const targets = await targetsOf(db, notice.officeId, notice.audience);
  let queued = 0;
  for (const target of targets) {
    const added = await queueDelivery(db, {
      key: targetKey(notice, target),
      channel: target.channel,
      chatId: target.chatId,
      messages: notice.messages,
      officeId: notice.officeId,
    });
    if (added) queued += 1;
  }
  return queued;
}

/**
 * After a chat refused an office notice (blocked bot, bot removed from the group), passes the
 * notice on to whoever else should have it. Chats that already got it are not sent it again:
 * each delivery's key names its chat.
 */
export async function passNoticeOn(
  db: Db,
  refused: { key: string; officeId: number; messages: Outgoing[] },
): Promise<number> {
  const parsed = parseTargetKey(refused.key);
  if (!parsed) return 0;
  return queueOfficeNotice(db, {
    officeId: refused.officeId,
    audience: parsed.audience,
    key: parsed.key,
    messages: refused.messages,
  });
}

async function targetsOf(db: Db, officeId: number, audience: Audience): Promise<Target[]> {
  if (audience === 'heads') {
    const heads = await members(db, { officeId, role: 'head' });
    if (heads.length > 0) return heads;
    // A head-less office's missed deadline still reaches its team before the dispatchers.
  }
  const chats = await db.officeChat.findMany({
    where: { officeId, active: true },
    select: { channel: true, chatId: true },
    orderBy: { id: 'asc' },
  });
  if (chats.length > 0) return chats;
  const team = await members(db, { officeId, role: { in: ['official', 'head'] } });
  if (team.length > 0) return team;
  if (audience === 'answerers') return members(db, { role: 'admin' });
  return members(db, { role: { in: ['dispatcher', 'admin'] } });
}

function members(db: Db, where: Prisma.OfficialWhereInput): Promise<Target[]> {
  return db.official.findMany({
    where: { ...where, unreachableAt: null },
    select: { channel: true, chatId: true },
    orderBy: { id: 'asc' },
  });
}

const SEPARATOR = ' > ';

function targetKey(notice: OfficeNotice, target: Target): string {
  return [notice.key, notice.audience, `${target.channel}:${target.chatId}`].join(SEPARATOR);
}

function parseTargetKey(key: string): { key: string; audience: Audience } | undefined {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 3) return undefined;
  const [base, audience] = parts;
  const known = AUDIENCES.find((candidate) => candidate === audience);
  if (!base || !known) return undefined;
  return { key: base, audience: known };
}
