import { inEveryLocale, publishUpdate } from '../broadcast/publish.ts';
import type { Db } from '../db/client.ts';
import { EVENT_SELECT, eventView, findEvent, type VolunteerEventView } from './events.ts';
import {
  announcementMessage,
  cancelledMessage,
  changedMessage,
  tellEveryoneGoing,
} from './notices.ts';
import { lockEvent } from './signups.ts';

/** What an organiser says about an event. */
export interface EventFields {
  title: string;
  description: string;
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  districtId: number | null;
  startsAt: Date;
  endsAt: Date;
  seats: number;
  skills: string[];
}

export type OrganiseRefusal =
  | 'not_found'
  | 'in_past'
  | 'ends_before_start'
  | 'seats_taken'
  | 'cancelled'
  | 'started';

export type Organised =
  | { ok: true; event: VolunteerEventView; notified: number }
  | { ok: false; reason: OrganiseRefusal };

/**
 * Publishes a new event, in the caller's transaction, and announces it to the residents who
 * follow volunteer news: the announcement commits with the event or not at all.
 */
export async function createEvent(
  db: Db,
  fields: EventFields,
  by: { tokenId?: number; now: Date },
): Promise<Organised> {
  const refusal = timesRefusal(fields, by.now);
  if (refusal) return { ok: false, reason: refusal };
  const row = await db.volunteerEvent.create({
    data: { ...columnsOf(fields), ...(by.tokenId ? { createdByTokenId: by.tokenId } : {}) },
    select: EVENT_SELECT,
  });
  const event = eventView(row);
  const published = await publishUpdate(db, {
    key: `volunteer-event:${event.id}:announced`,
    topic: 'volunteering',
    title: event.title,
    messages: inEveryLocale((t) => announcementMessage(t, event)),
    ...(by.tokenId ? { createdBy: { tokenId: by.tokenId } } : {}),
  });
  return { ok: true, event, notified: published?.recipients ?? 0 };
}

/**
 * Changes an event. Seats cannot drop below those taken. When the time or the place of an
 * event still to come changes, everyone signed up is told, and a moved event is reminded of
 * afresh.
 */
export async function updateEvent(
  db: Db,
  id: number,
  patch: Partial<EventFields>,
  now: Date,
): Promise<Organised> {
  if (!(await lockEvent(db, id))) return { ok: false, reason: 'not_found' };
  const current = await findEvent(db, id);
  if (!current) return { ok: false, reason: 'not_found' };
  if (current.status === 'cancelled') return { ok: false, reason: 'cancelled' };

  const next = { ...fieldsOf(current), ...patch };
  const moved = next.startsAt.getTime() !== current.startsAt.getTime();
  if (next.endsAt <= next.startsAt) return { ok: false, reason: 'ends_before_start' };
  if (moved && next.startsAt <= now) return { ok: false, reason: 'in_past' };
  if (next.seats < current.going) return { ok: false, reason: 'seats_taken' };

  const row = await db.volunteerEvent.update({
    where: { id },
    data: columnsOf(next),
    select: { ...EVENT_SELECT, updatedAt: true },
  });
  const { updatedAt, ...fresh } = row;
  const event = eventView(fresh);
  // Nobody needs telling of a change to an event that is over or under way.
  if (event.startsAt <= now || !whenOrWhereChanged(current, event)) {
    return { ok: true, event, notified: 0 };
  }

  if (moved) {
    await db.volunteerSignup.updateMany({
      where: { eventId: id, status: 'going' },
      data: { dayReminderAt: null, soonReminderAt: null },
    });
  }
  const notified = await tellEveryoneGoing(
    db,
    id,
    (t) => changedMessage(t, event),
    (signupId) => `volunteer:signup:${signupId}:changed:${updatedAt.toISOString()}`,
  );
  return { ok: true, event, notified };
}

/** Cancels an event still to come and tells everyone signed up. */
export async function cancelEvent(db: Db, id: number, now: Date): Promise<Organised> {
  const locked = await lockEvent(db, id);
  if (!locked) return { ok: false, reason: 'not_found' };
  if (locked.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (locked.startsAt <= now) return { ok: false, reason: 'started' };

  const row = await db.volunteerEvent.update({
    where: { id },
    data: { status: 'cancelled' },
    select: EVENT_SELECT,
  });
  const event = eventView(row);
  const notified = await tellEveryoneGoing(
    db,
    id,
    (t) => cancelledMessage(t, event),
    (signupId) => `volunteer:signup:${signupId}:event-cancelled`,
  );
  return { ok: true, event, notified };
}

function timesRefusal(fields: EventFields, now: Date): OrganiseRefusal | null {
  if (fields.endsAt <= fields.startsAt) return 'ends_before_start';
  return fields.startsAt <= now ? 'in_past' : null;
}

function whenOrWhereChanged(before: VolunteerEventView, after: VolunteerEventView): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.address !== after.address ||
    before.latitude !== after.latitude ||
    before.longitude !== after.longitude
  );
}

function fieldsOf(event: VolunteerEventView): EventFields {
  const location =
    event.latitude !== null && event.longitude !== null
      ? { latitude: event.latitude, longitude: event.longitude }
      : null;
  return { ...event, location };
}

function columnsOf(fields: EventFields) {
  return {
    title: fields.title,
    description: fields.description,
    address: fields.address,
    latitude: fields.location?.latitude ?? null,
    longitude: fields.location?.longitude ?? null,
    districtId: fields.districtId,
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    seats: fields.seats,
    skills: fields.skills,
  };
}
