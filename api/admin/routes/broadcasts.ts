import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cancelBroadcast } from '../../../core/broadcast/cancel.ts';
import { MAX_NEWS_TEXT, publishNews } from '../../../core/broadcast/news.ts';
import { sendCounts, sendPace } from '../../../core/broadcast/progress.ts';
import { resendUncertain } from '../../../core/broadcast/resend.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import {
  BROADCAST_ROLES,
  BROADCAST_SELECT,
  broadcastDetail,
  broadcastScope,
  broadcastSummary,
  checkMayPublish,
  detailOf,
  summaryOf,
} from './broadcast-views.ts';
import { dbId } from './ids.ts';

const idParams = z.object({ id: dbId });
const newsText = z.string().trim().min(1).max(MAX_NEWS_TEXT);

const newsBody = z.object({
  topic: z.enum(['district_news', 'volunteering']),
  /** District news: the district whose followers get it. */
  districtId: z.number().int().positive().max(2_147_483_647).optional(),
  text: z.object({ ru: newsText, en: newsText.optional() }),
  /** How the broadcast is listed; the first line of the Russian text by default. */
  title: z.string().trim().min(1).max(200).optional(),
  /** The client's name for this news: sending the same key again publishes nothing new. */
  key: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .optional(),
});

/**
 * Broadcasts to followers: their progress and outcome (recipients by status, the pace), news
 * published by hand, and cancelling one that is still sending.
 */
export const broadcastRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (app, options) => {
  const { prisma } = options;

  app.get(
    '/broadcasts',
    {
      schema: {
        tags: ['broadcasts'],
        summary: 'Broadcasts, newest first, with their recipients by status',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          /** The previous page's last id: the page continues with older broadcasts. */
          before: dbId.optional(),
        }),
        response: {
          200: z.object({
            broadcasts: z.array(broadcastSummary),
            nextCursor: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...BROADCAST_ROLES);
      const { limit, before } = request.query;
      const scope = await broadcastScope(prisma, principal);
      const rows = await prisma.broadcast.findMany({
        where: { ...scope, ...(before ? { id: { lt: before } } : {}) },
        orderBy: { id: 'desc' },
        take: limit,
        select: BROADCAST_SELECT,
      });
      const counts = await sendCounts(
        prisma,
        rows.map((row) => row.id),
      );
      return {
        broadcasts: rows.map((row) => summaryOf(row, countsOf(counts, row.id))),
        nextCursor: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/broadcasts/:id',
    {
      schema: {
        tags: ['broadcasts'],
        summary: 'One broadcast: recipients by status, when it started and finished, its pace',
        params: idParams,
        response: { 200: broadcastDetail },
      },
    },
    async (request) => {
      const principal = requireRole(request, ...BROADCAST_ROLES);
      const scope = await broadcastScope(prisma, principal);
      const row = await prisma.broadcast.findFirst({
        where: { ...scope, id: request.params.id },
        select: BROADCAST_SELECT,
      });
      if (!row) throw notFound(`Broadcast ${request.params.id}`);
      const counts = await sendCounts(prisma, [row.id]);
      const pace = await sendPace(prisma, row.id, {
        sending: row.status === 'sending',
        now: new Date(),
      });
      return detailOf(row, countsOf(counts, row.id), pace);
    },
  );

  app.post(
    '/broadcasts',
    {
      schema: {
        tags: ['broadcasts'],
        summary: 'Publish district or volunteering news to its followers',
        description:
          'Admins and organisers publish either topic; a head, the news of their own ' +
          'office’s district. Each follower gets the text in their language (Russian when ' +
          'no English is given) under the topic’s heading. Sending the same `key` again ' +
          'answers 200 with the broadcast published the first time.',
        body: newsBody,
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...BROADCAST_ROLES);
      const body = request.body;
      await checkMayPublish(prisma, principal, body);
      const district = await districtFor(body.topic, body.districtId);
      const key = `manual:${principal.tokenId}:${body.key ?? randomUUID()}`;

      const published = await prisma.$transaction((db) =>
        publishNews(db, {
          key,
          topic: body.topic,
          ...(district ? { district } : {}),
          title: body.title ?? firstLine(body.text.ru),
          text: { ru: body.text.ru, ...(body.text.en ? { en: body.text.en } : {}) },
          createdBy: { tokenId: principal.tokenId },
        }),
      );
      if (!published) {
        const earlier = await prisma.broadcast.findUniqueOrThrow({ where: { key } });
        return reply.status(200).send({ id: earlier.id, recipients: earlier.total, repeat: true });
      }
      options.onJobsQueued?.();
      return reply
        .status(201)
        .send({ id: published.broadcastId, recipients: published.recipients, repeat: false });
    },
  );

  app.post(
    '/broadcasts/:id/cancel',
    {
      schema: {
        tags: ['broadcasts'],
        summary: 'Stop a broadcast that is still sending; the pending are never sent',
        params: idParams,
      },
    },
    async (request) => {
      const visible = await visibleBroadcast(request, request.params.id);
      const outcome = await prisma.$transaction((db) => cancelBroadcast(db, visible.id));
      if (outcome === 'not_found') throw notFound(`Broadcast ${request.params.id}`);
      if (outcome === 'finished') {
        throw new ApiError(409, 'finished', 'The broadcast has finished or was cancelled');
      }
      options.onJobsQueued?.();
      return { id: visible.id, status: 'cancelled' };
    },
  );

  app.post(
    '/broadcasts/:id/resend-uncertain',
    {
      schema: {
        tags: ['broadcasts'],
        summary: 'Send again what a crash left uncertain (a recipient may then get it twice)',
        params: idParams,
      },
    },
    async (request) => {
      const visible = await visibleBroadcast(request, request.params.id);
      const outcome = await prisma.$transaction((db) => resendUncertain(db, visible.id));
      if ('refused' in outcome) {
        if (outcome.refused === 'not_found') throw notFound(`Broadcast ${request.params.id}`);
        if (outcome.refused === 'cancelled') {
          throw new ApiError(409, 'cancelled', 'The broadcast was cancelled');
        }
        throw new ApiError(409, 'none_uncertain', 'No recipient of it is uncertain');
      }
      options.onJobsQueued?.();
      return { id: visible.id, resent: outcome.resent };
    },
  );

  /** A broadcast the caller may act on (a head: their district's news), else a 404. */
  async function visibleBroadcast(request: FastifyRequest, id: number): Promise<{ id: number }> {
    const principal = requireRole(request, ...BROADCAST_ROLES);
    const scope = await broadcastScope(prisma, principal);
    const visible = await prisma.broadcast.findFirst({
      where: { ...scope, id },
      select: { id: true },
    });
    if (!visible) throw notFound(`Broadcast ${id}`);
    return visible;
  }

  async function districtFor(topic: string, districtId: number | undefined) {
    if (topic !== 'district_news') {
      if (districtId !== undefined) {
        throw new ApiError(400, 'district_not_expected', 'Only district news names a district');
      }
      return undefined;
    }
    if (districtId === undefined) {
      throw new ApiError(400, 'district_needed', 'District news needs districtId');
    }
    const district = await prisma.district.findUnique({
      where: { id: districtId },
      select: { id: true, name: true },
    });
    if (!district)
      throw new ApiError(400, 'unknown_district', `There is no district ${districtId}`);
    return district;
  }
};

function countsOf(counts: Awaited<ReturnType<typeof sendCounts>>, id: number) {
  const found = counts.get(id);
  if (!found) throw new Error(`No counts for broadcast ${id}`);
  return found;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}
