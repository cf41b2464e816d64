import type { VolunteerEventStatus } from '../../generated/prisma/enums.ts';
import type { Db } from '../db/client.ts';

/** A volunteer task or event as residents and organisers read it, with the seats still free. */
export interface VolunteerEventView {
  id: number;
  title: string;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  districtId: number | null;
  startsAt: Date;
  endsAt: Date;
  seats: number;
  /** Residents signed up and not cancelled. */
  going: number;
  seatsLeft: number;
  skills: string[];
  status: VolunteerEventStatus;
}

/** What every read of an event selects, the seats taken counted by the database. */
export const EVENT_SELECT = {
  id: true,
  title: true,
  description: true,
  address: true,
  latitude: true,
  longitude: true,
  districtId: true,
  startsAt: true,
  endsAt: true,
  seats: true,
  skills: true,
  status: true,
  _count: { select: { signups: { where: { status: 'going' } } } },
} as const;

type EventRow = Omit<VolunteerEventView, 'going' | 'seatsLeft'> & {
  _count: { signups: number };
};

export function eventView({ _count, ...event }: EventRow): VolunteerEventView {
  const going = _count.signups;
  return { ...event, going, seatsLeft: Math.max(0, event.seats - going) };
}

/** Events residents may still sign up for: open, and not started yet. */
export function upcomingWhere(now: Date) {
  return { status: 'open' as const, startsAt: { gt: now } };
}

/** One page of upcoming events, the soonest first, and how many there are in all. */
export async function listUpcomingEvents(
  db: Db,
  page: { now: Date; offset: number; limit: number },
): Promise<{ events: VolunteerEventView[]; total: number }> {
  const where = upcomingWhere(page.now);
  const rows = await db.volunteerEvent.findMany({
    where,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    skip: page.offset,
    take: page.limit,
    select: EVENT_SELECT,
  });
  const total = await db.volunteerEvent.count({ where });
  return { events: rows.map(eventView), total };
}

export async function findEvent(db: Db, id: number): Promise<VolunteerEventView | null> {
  const row = await db.volunteerEvent.findUnique({ where: { id }, select: EVENT_SELECT });
  return row ? eventView(row) : null;
}

/** An event's length in hours: what an attended signup is credited unless told otherwise. */
export function eventHours(event: { startsAt: Date; endsAt: Date }): number {
  return roundHours((event.endsAt.getTime() - event.startsAt.getTime()) / 3_600_000);
}

/** Hours to a quarter of an hour, so sums of many events stay readable. */
export function roundHours(hours: number): number {
  return Math.round(hours * 4) / 4;
}
