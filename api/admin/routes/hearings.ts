import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, PrismaClient } from '../../../core/db/client.ts';
import {
  announceHearing,
  announcePeriodChange,
  type CloseRefusal,
  cancelHearing,
  concludeHearing,
} from '../../../core/hearings/updates.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import { hearingCommentRoutes } from './hearing-comments.ts';
import {
  HEARING_ORGANISERS,
  HEARING_READERS,
  HEARING_SELECT,
  hearingFields,
  hearingView,
  hearingViewOf,
  idParams,
  READERS_NOTE,
  TEXT_MAX,
  webLink,
} from './hearing-schemas.ts';
import { dbId } from './ids.ts';

const listQuery = z.object({
  status: z.enum(['announced', 'concluded', 'cancelled']).optional(),
  /** The id of the last hearing of the previous page: pages go from the newest. */
  before: dbId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * Public hearings: organisers and admins create, change, cancel and conclude them (creating
 * one announces it to the followers of hearings); every member of staff reads them.
 */
export const hearingRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (app, options) => {
  const { prisma } = options;
  const jobsQueued = () => options.onJobsQueued?.();
  const tags = ['hearings'];

  app.get(
    '/hearings',
    {
      schema: {
        tags,
        summary: 'Hearings, newest first',
        description: READERS_NOTE,
        querystring: listQuery,
        response: {
          200: z.object({ hearings: z.array(hearingView), nextBefore: z.number().nullable() }),
        },
      },
    },
    async (request) => {
      requireRole(request, ...HEARING_READERS);
      const { status, before, limit } = request.query;
      const rows = await prisma.hearing.findMany({
        where: { ...(status ? { status } : {}), ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: 'desc' },
        take: limit,
        select: HEARING_SELECT,
      });
      const now = new Date();
      const nextBefore = rows.length === limit ? (rows.at(-1)?.id ?? null) : null;
      return { hearings: rows.map((row) => hearingViewOf(row, now)), nextBefore };
    },
  );

  app.get(
    '/hearings/:id',
    {
      schema: {
        tags,
        summary: 'One hearing',
        description: READERS_NOTE,
        params: idParams,
        response: { 200: hearingView },
      },
    },
    async (request) => {
      requireRole(request, ...HEARING_READERS);
      return hearingViewOf(await findOrThrow(prisma, request.params.id), new Date());
    },
  );

  app.post(
    '/hearings',
    {
      schema: {
        tags,
        summary: 'Create a hearing; its followers are told at once',
        body: hearingFields,
        response: { 201: hearingView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...HEARING_ORGANISERS);
      const { districtCode, commentsFrom, commentsUntil, materialsUrl, ...fields } = request.body;
      const period = checkPeriod(new Date(commentsFrom), new Date(commentsUntil));
      if (period.until.getTime() <= Date.now()) {
        throw new ApiError(400, 'period_over', 'The comment period must end in the future');
      }
      const districtId = await districtIdOf(prisma, districtCode ?? null);
      const created = await prisma.$transaction(async (db) => {
        const hearing = await db.hearing.create({
          data: {
            ...fields,
            materialsUrl: materialsUrl ?? null,
            districtId,
            commentsFrom: period.from,
            commentsUntil: period.until,
          },
          select: HEARING_SELECT,
        });
        await announceHearing(db, hearing, { tokenId: principal.tokenId });
        return hearing;
      });
      jobsQueued();
      return reply.status(201).send(hearingViewOf(created, new Date()));
    },
  );

  app.patch(
    '/hearings/:id',
    {
      schema: {
        tags,
        summary: 'Change a hearing that is not concluded or cancelled',
        params: idParams,
        body: hearingFields.partial(),
        response: { 200: hearingView },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...HEARING_ORGANISERS);
      // A moved comment period is announced to the followers; a reworded text is not, as the
      // card always shows the current one.
      const { districtCode, commentsFrom, commentsUntil, ...fields } = request.body;
      const district =
        districtCode === undefined ? {} : { districtId: await districtIdOf(prisma, districtCode) };
      const defined = Object.fromEntries(
        Object.entries(fields).filter(([, value]) => value !== undefined),
      );
      // Locked, so an outcome published meanwhile is not followed by a change.
      const updated = await prisma.$transaction(async (db) => {
        await db.$queryRaw`SELECT id FROM "Hearing" WHERE id = ${request.params.id} FOR UPDATE`;
        const current = await findOrThrow(db, request.params.id);
        if (current.status !== 'announced') {
          throw new ApiError(409, `hearing_${current.status}`, `The hearing is ${current.status}`);
        }
        const period = checkPeriod(
          commentsFrom ? new Date(commentsFrom) : current.commentsFrom,
          commentsUntil ? new Date(commentsUntil) : current.commentsUntil,
        );
        const changed = await db.hearing.update({
          where: { id: current.id },
          data: { ...defined, ...district, commentsFrom: period.from, commentsUntil: period.until },
          select: HEARING_SELECT,
        });
        const moved =
          period.from.getTime() !== current.commentsFrom.getTime() ||
          period.until.getTime() !== current.commentsUntil.getTime();
        if (moved) await announcePeriodChange(db, changed, { tokenId: principal.tokenId });
        return { changed, moved };
      });
      if (updated.moved) jobsQueued();
      return hearingViewOf(updated.changed, new Date());
    },
  );

  app.post(
    '/hearings/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a hearing; those who commented and its followers are told',
        params: idParams,
        // No body at all is a cancel without a reason, as for volunteer events and broadcasts.
        body: z.object({ reason: z.string().trim().min(1).max(TEXT_MAX).optional() }).nullish(),
        response: { 200: hearingView },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...HEARING_ORGANISERS);
      const { id } = request.params;
      const done = await prisma.$transaction((db) =>
        cancelHearing(
          db,
          { hearingId: id, reason: request.body?.reason ?? null },
          { tokenId: principal.tokenId },
        ),
      );
      if (!done.ok) throw refusal(id, done.reason);
      jobsQueued();
      return hearingViewOf(await findOrThrow(prisma, id), new Date());
    },
  );

  app.post(
    '/hearings/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Publish the outcome once comments are closed; commenters and followers hear',
        params: idParams,
        body: z.object({
          outcome: z.string().trim().min(1).max(TEXT_MAX),
          outcomeUrl: webLink.optional(),
        }),
        response: { 200: hearingView },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...HEARING_ORGANISERS);
      const { id } = request.params;
      const now = new Date();
      const done = await prisma.$transaction((db) =>
        concludeHearing(
          db,
          {
            hearingId: id,
            outcome: request.body.outcome,
            outcomeUrl: request.body.outcomeUrl ?? null,
            now,
          },
          { tokenId: principal.tokenId },
        ),
      );
      if (!done.ok) throw refusal(id, done.reason);
      jobsQueued();
      return hearingViewOf(await findOrThrow(prisma, id), now);
    },
  );

  await app.register(hearingCommentRoutes, { prisma });
};

async function findOrThrow(db: Db, id: number) {
  const row = await db.hearing.findUnique({ where: { id }, select: HEARING_SELECT });
  if (!row) throw notFound(`Hearing ${id}`);
  return row;
}

function checkPeriod(from: Date, until: Date): { from: Date; until: Date } {
  if (from.getTime() >= until.getTime()) {
    throw new ApiError(400, 'bad_period', 'commentsFrom must come before commentsUntil');
  }
  return { from, until };
}

async function districtIdOf(prisma: PrismaClient, code: string | null): Promise<number | null> {
  if (code === null) return null;
  const district = await prisma.district.findUnique({ where: { code }, select: { id: true } });
  if (!district) throw notFound(`District "${code}"`);
  return district.id;
}

function refusal(id: number, reason: CloseRefusal): ApiError {
  switch (reason) {
    case 'not_found':
      return notFound(`Hearing ${id}`);
    case 'comments_open':
      return new ApiError(409, 'comments_open', 'The comment period has not ended yet');
    default:
      return new ApiError(409, `hearing_${reason}`, `The hearing is ${reason} already`);
  }
}
