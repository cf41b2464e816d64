import type { StaffRole } from '../../generated/prisma/enums.ts';
import type { Channel } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../reports/lifecycle.ts';

/** A member of staff as the dialogue and the lifecycle see them. */
export interface Official {
  id: number;
  channel: Channel;
  chatId: string;
  role: StaffRole;
  officeId: number | null;
}

export const OFFICIAL_FIELDS = {
  id: true,
  channel: true,
  chatId: true,
  role: true,
  officeId: true,
} as const;

/** The member of staff behind a platform account, or null for everyone else. */
export async function findOfficial(
  db: Db,
  channel: Channel,
  platformUserId: string,
): Promise<Official | null> {
  return db.official.findUnique({
    where: { channel_platformUserId: { channel, platformUserId } },
    select: OFFICIAL_FIELDS,
  });
}

/** How the lifecycle sees a member of staff. */
export function actorOf(official: Official): Actor {
  switch (official.role) {
    case 'official':
    case 'head':
      if (official.officeId === null)
        throw new Error(`${official.role} ${official.id} has no office`);
      return {
        kind: 'official',
        officeId: official.officeId,
        role: official.role,
        id: official.id,
      };
    case 'dispatcher':
      return { kind: 'dispatcher', id: official.id };
    case 'moderator':
      return { kind: 'moderator', id: official.id };
    case 'admin':
      return { kind: 'admin', id: official.id };
    case 'operator':
      return { kind: 'operator', id: official.id };
    case 'organiser':
      return { kind: 'organiser', id: official.id };
  }
}

/** Whether this member of staff may see a report of that office (others' are not found). */
export function maySee(official: Official, reportOfficeId: number | null): boolean {
  if (official.role === 'official' || official.role === 'head') {
    return reportOfficeId !== null && reportOfficeId === official.officeId;
  }
  // The help desk and the organisers work with other things than offices' reports.
  return official.role !== 'operator' && official.role !== 'organiser';
}

/** Marks a staff chat as refusing our messages, or as taking them again. */
export async function setOfficialReachable(
  db: Db,
  channel: Channel,
  chatId: string,
  reachable: boolean,
  now: Date = new Date(),
): Promise<number> {
  const updated = await db.official.updateMany({
    where: { channel, chatId },
    data: { unreachableAt: reachable ? null : now },
  });
  return updated.count;
}
