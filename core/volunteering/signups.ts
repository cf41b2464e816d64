import type { Db } from '../db/client.ts';
import { DAY_REMINDER_LEAD_MS } from './reminder-sweep.ts';

export type SignUpOutcome =
  | { ok: true; signupId: number; already: boolean }
  | { ok: false; reason: 'not_found' | 'closed' | 'full' };

export type CancelOutcome = 'cancelled' | 'not_going' | 'started' | 'not_found';

/**
 * Takes a seat at an event for a resident, in the caller's transaction. The event's row is
 * locked first, so two residents racing for the last seat are counted one after the other
 * and the event is never overbooked. Signing up again after cancelling takes the old row back.
 */
export async function signUp(
  db: Db,
  request: { eventId: number; residentId: number; now: Date },
): Promise<SignUpOutcome> {
  const event = await lockEvent(db, request.eventId);
  if (!event) return { ok: false, reason: 'not_found' };
  if (event.status !== 'open' || event.startsAt <= request.now) {
    return { ok: false, reason: 'closed' };
  }

  const key = { eventId_residentId: { eventId: request.eventId, residentId: request.residentId } };
  const existing = await db.volunteerSignup.findUnique({
    where: key,
    select: { id: true, status: true },
  });
  if (existing?.status === 'going') return { ok: true, signupId: existing.id, already: true };

  const going = await db.volunteerSignup.count({
    where: { eventId: request.eventId, status: 'going' },
  });
  if (going >= event.seats) return { ok: false, reason: 'full' };

  // Signing up within the last day, the confirmation itself says when and where: the
  // day-before reminder would only repeat it minutes later, so it counts as sent.
  const lateSignup =
    event.startsAt.getTime() - request.now.getTime() <= DAY_REMINDER_LEAD_MS
      ? { dayReminderAt: request.now }
      : {};
  const signup = await db.volunteerSignup.upsert({
    where: key,
    create: { eventId: request.eventId, residentId: request.residentId, ...lateSignup },
    update: { status: 'going', ...lateSignup },
    select: { id: true },
  });
  return { ok: true, signupId: signup.id, already: false };
}

/** Gives a resident's seat back; only before the event starts, when someone else may take it. */
export async function cancelSignup(
  db: Db,
  request: { eventId: number; residentId: number; now: Date },
): Promise<CancelOutcome> {
  const event = await db.volunteerEvent.findUnique({
    where: { id: request.eventId },
    select: { startsAt: true },
  });
  if (!event) return 'not_found';
  if (event.startsAt <= request.now) return 'started';
  const { count } = await db.volunteerSignup.updateMany({
    where: { eventId: request.eventId, residentId: request.residentId, status: 'going' },
    data: { status: 'cancelled' },
  });
  return count > 0 ? 'cancelled' : 'not_going';
}

/** Whether a resident holds a seat at an event. */
export async function isGoing(db: Db, eventId: number, residentId: number): Promise<boolean> {
  const signup = await db.volunteerSignup.findUnique({
    where: { eventId_residentId: { eventId, residentId } },
    select: { status: true },
  });
  return signup?.status === 'going';
}

interface LockedEvent {
  status: string;
  startsAt: Date;
  seats: number;
}

/**
 * Locks an event's row for the rest of the transaction: sign-ups, changes and cancellation
 * of one event take their turns.
 */
export async function lockEvent(db: Db, eventId: number): Promise<LockedEvent | null> {
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "VolunteerEvent" WHERE id = ${eventId} FOR UPDATE`;
  if (rows.length === 0) return null;
  return db.volunteerEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: { status: true, startsAt: true, seats: true },
  });
}
