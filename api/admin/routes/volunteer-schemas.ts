import { z } from 'zod';
import { mapLink } from '../../../core/staff/report-card.ts';
import type { Attendee } from '../../../core/volunteering/attendance.ts';
import type { VolunteerEventView } from '../../../core/volunteering/events.ts';
import type { OrganiseRefusal } from '../../../core/volunteering/organise.ts';
import type { StaffRole } from '../../../generated/prisma/enums.ts';
import { ApiError, notFound } from '../errors.ts';
import { isoMoment } from './ids.ts';
import { referenceCode } from './reference-schemas.ts';

/** Who runs volunteer events: organisers, and admins who can do everything. */
export const ORGANISERS: StaffRole[] = ['organiser', 'admin'];

const location = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

/** An event's fields as organisers send them; times are ISO 8601 with their offset. */
export const eventFields = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(1).max(4000),
  address: z.string().trim().min(3).max(300).nullable(),
  location: location.nullable(),
  districtCode: referenceCode.nullable(),
  startsAt: isoMoment,
  endsAt: isoMoment,
  seats: z.number().int().min(1).max(10_000),
  skills: z.array(z.string().trim().min(1).max(60)).max(20),
});

export const newEventBody = eventFields.extend({
  address: eventFields.shape.address.default(null),
  location: eventFields.shape.location.default(null),
  districtCode: eventFields.shape.districtCode.default(null),
  skills: eventFields.shape.skills.default([]),
});

export const eventView = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  location: location.nullable(),
  /** A Yandex Maps link to the location, for people reading the list. */
  mapUrl: z.string().nullable(),
  districtCode: z.string().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  seats: z.number(),
  going: z.number(),
  seatsLeft: z.number(),
  skills: z.array(z.string()),
  status: z.enum(['open', 'cancelled']),
});

export const attendeeView = z.object({
  signupId: z.number(),
  residentId: z.number(),
  name: z.string().nullable(),
  status: z.enum(['going', 'cancelled']),
  attended: z.boolean().nullable(),
  hours: z.number().nullable(),
  creditedHours: z.number(),
  signedUpAt: z.iso.datetime(),
});

export function viewOfEvent(
  event: VolunteerEventView,
  districtCode: string | null,
): z.infer<typeof eventView> {
  const { latitude, longitude, districtId: _districtId, ...rest } = event;
  return {
    ...rest,
    location: latitude !== null && longitude !== null ? { latitude, longitude } : null,
    mapUrl: mapLink(event) ?? null,
    districtCode,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
  };
}

export function viewOfAttendee(attendee: Attendee): z.infer<typeof attendeeView> {
  return { ...attendee, signedUpAt: attendee.signedUpAt.toISOString() };
}

const REFUSALS: Record<OrganiseRefusal, [number, string]> = {
  not_found: [404, 'The volunteer event was not found'],
  in_past: [400, 'The event must start in the future'],
  ends_before_start: [400, '"endsAt" must come after "startsAt"'],
  seats_taken: [409, 'More residents are signed up than that many seats'],
  cancelled: [409, 'The event is cancelled'],
  started: [409, 'The event has started'],
};

/** The API's answer to a change the volunteering rules refused. */
export function refusal(reason: OrganiseRefusal): ApiError {
  if (reason === 'not_found') return notFound('Volunteer event');
  const [status, message] = REFUSALS[reason];
  return new ApiError(status, reason, message);
}
