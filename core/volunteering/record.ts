import type { Db } from '../db/client.ts';
import { eventHours, roundHours } from './events.ts';

export interface AttendedEvent {
  eventId: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  hours: number;
}

export interface UpcomingSeat {
  eventId: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

export interface VolunteerRecord {
  /** Hours of every event the organisers marked the resident as having come to. */
  totalHours: number;
  /** Those events, the latest first. */
  attended: AttendedEvent[];
  /** Seats the resident holds at events still to come, the soonest first. */
  upcoming: UpcomingSeat[];
}

/** Hours credited for a signup: the organiser's figure, or else the event's length. */
export function creditedHours(
  signup: { attended: boolean | null; hours: number | null },
  event: { startsAt: Date; endsAt: Date },
): number {
  if (signup.attended !== true) return 0;
  // Attendance at an event over 12 hours is only marked with the hours worked (attendance.ts).
  return signup.hours ?? eventHours(event);
}

/** A resident's volunteering: the hours they have given and the seats they hold. */
export async function volunteerRecord(
  db: Db,
  residentId: number,
  now: Date,
): Promise<VolunteerRecord> {
  const event = { select: { id: true, title: true, startsAt: true, endsAt: true } } as const;
  const attendedRows = await db.volunteerSignup.findMany({
    where: { residentId, attended: true, event: { status: 'open' } },
    orderBy: { event: { startsAt: 'desc' } },
    select: { attended: true, hours: true, event },
  });
  const upcomingRows = await db.volunteerSignup.findMany({
    where: { residentId, status: 'going', event: { status: 'open', startsAt: { gt: now } } },
    orderBy: { event: { startsAt: 'asc' } },
    select: { event },
  });

  const attended = attendedRows.map((row) => ({
    eventId: row.event.id,
    title: row.event.title,
    startsAt: row.event.startsAt,
    endsAt: row.event.endsAt,
    hours: creditedHours(row, row.event),
  }));
  return {
    totalHours: roundHours(attended.reduce((sum, row) => sum + row.hours, 0)),
    attended,
    upcoming: upcomingRows.map(({ event: { id, ...rest } }) => ({ eventId: id, ...rest })),
  };
}
