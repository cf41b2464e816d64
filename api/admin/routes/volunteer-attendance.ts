import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttendees, markAttendance } from '../../../core/volunteering/attendance.ts';
import { volunteerRecord } from '../../../core/volunteering/record.ts';
import { volunteerName } from '../../../core/volunteering/volunteer-name.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import { dbId } from './ids.ts';
import { attendeeView, ORGANISERS, viewOfAttendee } from './volunteer-schemas.ts';

const TAGS = ['volunteering'];

const ATTENDANCE_REFUSALS = {
  not_started: [409, 'Attendance is marked once the event has started'],
  cancelled: [409, 'The event is cancelled'],
  not_going: [409, 'The resident gave their seat back'],
  too_many_hours: [400, 'More hours than the event lasted'],
  hours_needed: [400, 'An event over 12 hours long needs the hours each volunteer worked'],
} as const;

const recordView = z.object({
  residentId: z.number(),
  name: z.string().nullable(),
  totalHours: z.number(),
  attended: z.array(
    z.object({
      eventId: z.number(),
      title: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      hours: z.number(),
    }),
  ),
  upcoming: z.array(
    z.object({
      eventId: z.number(),
      title: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
    }),
  ),
});

/**
 * Who comes to an event (by the name they gave), whether they came and the hours to credit,
 * and a resident's record of hours. Names are personal data: organisers and admins only.
 */
export const volunteerAttendanceRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (
  app,
  { prisma },
) => {
  app.get(
    '/volunteer-events/:id/attendees',
    {
      schema: {
        tags: TAGS,
        summary: 'Residents signed up for an event, in the order they signed up',
        params: z.object({ id: dbId }),
        querystring: z.object({ status: z.enum(['going', 'cancelled', 'all']).default('going') }),
        response: { 200: z.object({ attendees: z.array(attendeeView) }) },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const { status } = request.query;
      const attendees = await listAttendees(
        prisma,
        request.params.id,
        status === 'all' ? undefined : status,
      );
      if (!attendees) throw notFound(`Volunteer event ${request.params.id}`);
      return { attendees: attendees.map(viewOfAttendee) };
    },
  );

  app.put(
    '/volunteer-events/:id/attendees/:signupId',
    {
      schema: {
        tags: TAGS,
        summary: 'Mark whether a volunteer came, and the hours (default: the event’s length)',
        params: z.object({ id: dbId, signupId: dbId }),
        body: z.object({
          attended: z.boolean(),
          hours: z.number().positive().max(10_000).nullable().optional(),
        }),
        response: { 200: attendeeView },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const { attended, hours } = request.body;
      if (!attended && hours != null) {
        throw new ApiError(400, 'hours_without_attendance', 'Hours are credited to those who came');
      }
      const outcome = await markAttendance(prisma, {
        eventId: request.params.id,
        signupId: request.params.signupId,
        attended,
        hours: hours ?? null,
        now: new Date(),
      });
      if (outcome.ok) return viewOfAttendee(outcome.attendee);
      if (outcome.reason === 'not_found') {
        throw notFound(`Signup ${request.params.signupId} of event ${request.params.id}`);
      }
      const [status, message] = ATTENDANCE_REFUSALS[outcome.reason];
      throw new ApiError(status, outcome.reason, message);
    },
  );

  app.get(
    '/residents/:id/volunteering',
    {
      schema: {
        tags: TAGS,
        summary: 'A resident’s volunteering: hours given, events attended, seats held',
        params: z.object({ id: dbId }),
        response: { 200: recordView },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const residentId = request.params.id;
      const resident = await prisma.resident.findUnique({
        where: { id: residentId },
        select: { id: true },
      });
      if (!resident) throw notFound(`Resident ${residentId}`);
      const record = await volunteerRecord(prisma, residentId, new Date());
      const iso = <T extends { startsAt: Date; endsAt: Date }>(row: T) => ({
        ...row,
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt.toISOString(),
      });
      return {
        residentId,
        name: await volunteerName(prisma, residentId),
        totalHours: record.totalHours,
        attended: record.attended.map(iso),
        upcoming: record.upcoming.map(iso),
      };
    },
  );
};
