import type { HearingStatus } from '../../generated/prisma/enums.ts';
import type { Db } from '../db/client.ts';

export type { HearingStatus } from '../../generated/prisma/enums.ts';

/**
 * Where a hearing stands for residents. Comments are taken only while it is `open`: announced,
 * and now within [commentsFrom, commentsUntil). `closed`: the period is over and the organisers
 * have not published the outcome yet.
 */
export type HearingPhase = 'upcoming' | 'open' | 'closed' | 'concluded' | 'cancelled';

export interface HearingPeriod {
  status: HearingStatus;
  commentsFrom: Date;
  commentsUntil: Date;
}

/** A hearing as residents read it. */
export interface HearingView extends HearingPeriod {
  id: number;
  title: string;
  description: string;
  materialsUrl: string | null;
  commentCount: number;
  outcome: string | null;
  outcomeUrl: string | null;
  concludedAt: Date | null;
}

/** Finished hearings stay in residents' list this long, so their outcome can be read. */
export const RECENT_DAYS = 60;
const DAY_MS = 86_400_000;
/** More than a city holds at once; the list would be unreadable long before. */
const LIST_LIMIT = 50;

export const HEARING_VIEW_SELECT = {
  id: true,
  title: true,
  description: true,
  materialsUrl: true,
  status: true,
  commentsFrom: true,
  commentsUntil: true,
  commentCount: true,
  outcome: true,
  outcomeUrl: true,
  concludedAt: true,
} as const;

export function phaseOf(hearing: HearingPeriod, now: Date): HearingPhase {
  if (hearing.status === 'cancelled') return 'cancelled';
  if (hearing.status === 'concluded') return 'concluded';
  if (now.getTime() < hearing.commentsFrom.getTime()) return 'upcoming';
  if (now.getTime() < hearing.commentsUntil.getTime()) return 'open';
  return 'closed';
}

export async function findHearing(db: Db, id: number): Promise<HearingView | null> {
  return db.hearing.findUnique({ where: { id }, select: HEARING_VIEW_SELECT });
}

/**
 * The hearings residents see, in the order they matter: open ones (the nearest deadline
 * first), then those coming soon, then those finished in the last RECENT_DAYS (the latest
 * first). Cancelled hearings are left out.
 */
export async function hearingsForResidents(db: Db, now: Date): Promise<HearingView[]> {
  const current = await db.hearing.findMany({
    where: { status: 'announced', commentsUntil: { gt: now } },
    orderBy: [{ commentsUntil: 'asc' }, { id: 'asc' }],
    take: LIST_LIMIT,
    select: HEARING_VIEW_SELECT,
  });
  const finished = await db.hearing.findMany({
    where: {
      status: { in: ['announced', 'concluded'] },
      commentsUntil: { lte: now, gt: new Date(now.getTime() - RECENT_DAYS * DAY_MS) },
    },
    orderBy: [{ commentsUntil: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    select: HEARING_VIEW_SELECT,
  });
  const open = current.filter((hearing) => phaseOf(hearing, now) === 'open');
  const upcoming = current
    .filter((hearing) => phaseOf(hearing, now) === 'upcoming')
    .sort((a, b) => a.commentsFrom.getTime() - b.commentsFrom.getTime());
  return [...open, ...upcoming, ...finished];
}
