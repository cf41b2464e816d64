import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import { EVENT_SELECT, eventView, findEvent } from '../../../core/volunteering/events.ts';
import {
  cancelEvent,
  createEvent,
  type EventFields,
  type Organised,
  updateEvent,
} from '../../../core/volunteering/organise.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { requireRole } from '../auth.ts';
import { notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import { dbId } from './ids.ts';
import {
  eventFields,
  eventView as eventSchema,
  newEventBody,
  ORGANISERS,
  refusal,
  viewOfEvent,
} from './volunteer-schemas.ts';

const idParams = z.object({ id: dbId });
const changed = eventSchema.extend({ notified: z.number() });
const TAGS = ['volunteering'];

const listQuery = z.object({
  /** upcoming: not started yet, soonest first; past: started, latest first; all: latest first. */
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  status: z.enum(['open', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** Volunteer events for organisers: publish (announced to followers), change, list, cancel. */
export const volunteerEventRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (
  app,
  options,
) => {
  const { prisma } = options;
  const districts = districtCodes(prisma);

  app.post(
    '/volunteer-events',
    {
      schema: {
        tags: TAGS,
        summary: 'Publish a volunteer event; followers of volunteer news hear of it',
        body: newEventBody,
        response: { 201: eventSchema.extend({ announcedTo: z.number() }) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...ORGANISERS);
      const fields = await fieldsOf(request.body, districts);
      const made = await prisma.$transaction((db) =>
        createEvent(db, fields, { tokenId: principal.tokenId, now: new Date() }),
      );
      if (!made.ok) throw refusal(made.reason);
      options.onJobsQueued?.();
      const view = viewOfEvent(made.event, await districts.codeOf(made.event.districtId));
      return reply.status(201).send({ ...view, announcedTo: made.notified });
    },
  );

  app.get(
    '/volunteer-events',
    {
      schema: {
        tags: TAGS,
        summary: 'Volunteer events with the seats taken and left',
        querystring: listQuery,
        response: { 200: z.object({ events: z.array(eventSchema), total: z.number() }) },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const { when, status, limit, offset } = request.query;
      const now = new Date();
      const where: Prisma.VolunteerEventWhereInput = {
        ...(status ? { status } : {}),
        ...(when === 'upcoming' ? { startsAt: { gt: now } } : {}),
        ...(when === 'past' ? { startsAt: { lte: now } } : {}),
      };
      const direction = when === 'upcoming' ? 'asc' : 'desc';
      const rows = await prisma.volunteerEvent.findMany({
        where,
        orderBy: [{ startsAt: direction }, { id: direction }],
        skip: offset,
        take: limit,
        select: EVENT_SELECT,
      });
      const total = await prisma.volunteerEvent.count({ where });
      const codes = await districts.all();
      const events = rows
        .map(eventView)
        .map((event) => viewOfEvent(event, codes.get(event.districtId ?? 0) ?? null));
      return { events, total };
    },
  );

  app.get(
    '/volunteer-events/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One volunteer event',
        params: idParams,
        response: { 200: eventSchema },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const event = await findEvent(prisma, request.params.id);
      if (!event) throw notFound(`Volunteer event ${request.params.id}`);
      return viewOfEvent(event, await districts.codeOf(event.districtId));
    },
  );

  app.patch(
    '/volunteer-events/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change an event; those signed up hear of a new time or place',
        params: idParams,
        body: eventFields.partial(),
        response: { 200: changed },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const patch = await patchOf(request.body, districts);
      const outcome = await prisma.$transaction((db) =>
        updateEvent(db, request.params.id, patch, new Date()),
      );
      return answer(outcome);
    },
  );

  app.post(
    '/volunteer-events/:id/cancel',
    {
      schema: {
        tags: TAGS,
        summary: 'Cancel an event still to come; everyone signed up is told',
        params: idParams,
        response: { 200: changed },
      },
    },
    async (request) => {
      requireRole(request, ...ORGANISERS);
      const outcome = await prisma.$transaction((db) =>
        cancelEvent(db, request.params.id, new Date()),
      );
      return answer(outcome);
    },
  );

  async function answer(outcome: Organised) {
    if (!outcome.ok) throw refusal(outcome.reason);
    if (outcome.notified > 0) options.onJobsQueued?.();
    const code = await districts.codeOf(outcome.event.districtId);
    return { ...viewOfEvent(outcome.event, code), notified: outcome.notified };
  }
};

type Body = z.infer<typeof eventFields>;
type Patch = { [K in keyof Body]?: Body[K] | undefined };

interface Districts {
  idOf(code: string | null): Promise<number | null>;
  codeOf(id: number | null): Promise<string | null>;
  /** Every district's code by its id (a city has a handful). */
  all(): Promise<Map<number, string>>;
}

function districtCodes(prisma: PrismaClient): Districts {
  return {
    async idOf(code) {
      if (code === null) return null;
      const district = await prisma.district.findUnique({ where: { code }, select: { id: true } });
      if (!district) throw notFound(`District "${code}"`);
      return district.id;
    },
    async codeOf(id) {
      if (id === null) return null;
      const district = await prisma.district.findUnique({ where: { id }, select: { code: true } });
      return district?.code ?? null;
    },
    async all() {
      const rows = await prisma.district.findMany({ select: { id: true, code: true } });
      return new Map(rows.map((row) => [row.id, row.code]));
    },
  };
}

async function fieldsOf(body: Body, districts: Districts): Promise<EventFields> {
  const { districtCode, startsAt, endsAt, ...rest } = body;
  return {
    ...rest,
    districtId: await districts.idOf(districtCode),
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
  };
}

async function patchOf(body: Patch, districts: Districts): Promise<Partial<EventFields>> {
  const { districtCode, startsAt, endsAt, ...rest } = body;
  const patch: Partial<EventFields> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  if (districtCode !== undefined) patch.districtId = await districts.idOf(districtCode);
  if (startsAt !== undefined) patch.startsAt = new Date(startsAt);
  if (endsAt !== undefined) patch.endsAt = new Date(endsAt);
  return patch;
}
