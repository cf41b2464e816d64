import type { SignupStatus } from '../../generated/prisma/enums.ts';
import type { Db } from '../db/client.ts';
import { eventHours } from './events.ts';
import { creditedHours } from './record.ts';

/** A resident signed up for an event, as the organisers see them. */
export interface Attendee {
  signupId: number;
  residentId: number;
  /** The name they gave to be called by; null if they never gave one. */
  name: string | null;
  status: SignupStatus;
  /** Null until the organiser marks whether they came. */
  attended: boolean | null;
  /** Hours the organiser entered; null means the event's length. */
  hours: number | null;
  creditedHours: number;
  signedUpAt: Date;
}

const ATTENDEE_SELECT = {
  id: true,
  residentId: true,
  status: true,
  attended: true,
  hours: true,
  createdAt: true,
  resident: { select: { identity: { select: { fullName: true } } } },
  event: { select: { startsAt: true, endsAt: true } },
} as const;

interface AttendeeRow {
  id: number;
  residentId: number;
  status: SignupStatus;
  attended: boolean | null;
  hours: number | null;
  createdAt: Date;
  resident: { identity: { fullName: string | null } | null };
  event: { startsAt: Date; endsAt: Date };
}

function attendeeOf(row: AttendeeRow): Attendee {
  return {
    signupId: row.id,
    residentId: row.residentId,
    name: row.resident.identity?.fullName ?? null,
    status: row.status,
    attended: row.attended,
    hours: row.hours,
    creditedHours: creditedHours(row, row.event),
    signedUpAt: row.createdAt,
  };
}

/** Who signed up for an event (with `status`, or all), in the order they did; null: no event. */
export async function listAttendees(
  db: Db,
  eventId: number,
  status?: SignupStatus,
): Promise<Attendee[] | null> {
  const event = await db.volunteerEvent.findUnique({
    where: { id: eventId },
    select: { id: true },
  });
  if (!event) return null;
  const rows = await db.volunteerSignup.findMany({
    where: { eventId, ...(status ? { status } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: ATTENDEE_SELECT,
  });
  return rows.map(attendeeOf);
}

export type AttendanceOutcome =
  | { ok: true; attendee: Attendee }
  | {
      ok: false;
      reason:
        | 'not_found'
        | 'not_started'
        | 'cancelled'
        | 'not_going'
        | 'too_many_hours'
        | 'hours_needed';
    };

/** The longest event whose length is credited as hours when the organiser gives none. */
export const LONGEST_DEFAULT_HOURS = 12;

/**
 * Records whether a volunteer came and, if the organiser says so, the hours to credit (else
 * the event's length; never more). Only once the event has started, and only for a seat that
 * was held.
 */
export async function markAttendance(
  db: Db,
  mark: { eventId: number; signupId: number; attended: boolean; hours?: number | null; now: Date },
): Promise<AttendanceOutcome> {
  const signup = await db.volunteerSignup.findFirst({
    where: { id: mark.signupId, eventId: mark.eventId },
    select: { status: true, event: { select: { status: true, startsAt: true, endsAt: true } } },
  });
  if (!signup) return { ok: false, reason: 'not_found' };
  if (signup.event.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (signup.event.startsAt > mark.now) return { ok: false, reason: 'not_started' };
  if (signup.status !== 'going') return { ok: false, reason: 'not_going' };
  if (mark.hours && mark.hours > eventHours(signup.event)) {
    return { ok: false, reason: 'too_many_hours' };
  }
  // Nobody works a whole multi-day task: its length is no measure of anyone's hours.
  if (mark.attended && !mark.hours && eventHours(signup.event) > LONGEST_DEFAULT_HOURS) {
    return { ok: false, reason: 'hours_needed' };
  }

  const row = await db.volunteerSignup.update({
    where: { id: mark.signupId },
    data: { attended: mark.attended, hours: mark.attended ? (mark.hours ?? null) : null },
    select: ATTENDEE_SELECT,
  });
  return { ok: true, attendee: attendeeOf(row) };
}
