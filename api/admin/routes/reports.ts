import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actOnReport } from '../../../core/reports/act.ts';
import type { Action } from '../../../core/reports/lifecycle.ts';
import { mapLink } from '../../../core/staff/report-card.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { principalOf } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import { actorOfPrincipal, reportScope } from '../scope.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { dbId, isoMoment } from './ids.ts';
import { reportDetail, reportSummary, SUMMARY_SELECT, summarySchema } from './report-views.ts';

const STATUS = z.enum([
  'new',
  'routed',
  'in_progress',
  'answered',
  'resolved',
  'closed',
  'rejected',
  'redirected',
  'reopened',
  'duplicate',
]);

const listQuery = z.object({
  status: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(STATUS))
    .optional(),
  officeId: dbId.optional(),
  districtId: dbId.optional(),
  category: z.string().max(64).optional(),
  createdFrom: isoMoment.optional(),
  createdTo: isoMoment.optional(),
  updatedFrom: isoMoment.optional(),
  updatedTo: isoMoment.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .default(20),
});

const actionBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('take') }),
  z.object({ type: z.literal('answer'), text: z.string().max(4000), final: z.boolean() }),
  z.object({
    type: z.literal('redirect'),
    officeCode: z.string().max(64),
    reason: z.string().max(4000),
  }),
  z.object({ type: z.literal('reject'), reason: z.string().max(4000) }),
  z.object({
    type: z.literal('mark_duplicate'),
    ofNumber: z.number().int().positive().max(2_147_483_647),
  }),
  z.object({ type: z.literal('grade_good') }),
  z.object({ type: z.literal('return_answer'), comment: z.string().max(4000) }),
]);

const numberParams = z.object({ number: dbId });

/** Reports: the list with filters, one report with its history, photos, and every action. */
export const reportRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (app, options) => {
  const { prisma } = options;

  app.get(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'List reports, newest first, with filters and cursor pagination',
        querystring: listQuery,
        response: {
          200: z.object({ reports: z.array(summarySchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const query = request.query;
      const scope = reportScope(principal);
      if (query.officeId && scope.officeId !== undefined && scope.officeId !== query.officeId) {
        throw new ApiError(403, 'forbidden', 'Officials see their own office’s reports only');
      }
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const before: Prisma.ReportWhereInput[] = after
        ? [
            {
              OR: [
                { createdAt: { lt: after.createdAt } },
                { createdAt: after.createdAt, id: { lt: after.id } },
              ],
            },
          ]
        : [];
      // The category by id: a join on its code keeps PostgreSQL from walking the filing-time
      // index, which made this filter several times slower on 100,000 reports.
      const category = query.category
        ? await prisma.category.findUnique({
            where: { code: query.category },
            select: { id: true },
          })
        : undefined;
      if (category === null) return { reports: [], nextCursor: null };
      const filters = filtersOf(query, category?.id);
      const where: Prisma.ReportWhereInput = { AND: [scope, filters, ...before] };
      const rows = await prisma.report.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
        select: SUMMARY_SELECT,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        reports: page.map((row) => reportSummary(row, new Date())),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ createdAt: last.createdAt, id: last.id })
            : null,
      };
    },
  );

  app.get(
    '/reports/:number',
    {
      schema: {
        tags: ['reports'],
        summary: 'One report with its history, photos and a map link',
        params: numberParams,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const report = await prisma.report.findFirst({
        where: { AND: [reportScope(principal), { number: request.params.number }] },
        select: {
          ...SUMMARY_SELECT,
          events: { orderBy: { id: 'asc' } },
          photos: { orderBy: { position: 'asc' } },
        },
      });
      if (!report) throw notFound(`Report ${request.params.number}`);
      return reportDetail(report, new Date(), mapLink(report) ?? null);
    },
  );

  app.get(
    '/reports/:number/photos/:position',
    {
      schema: {
        tags: ['reports'],
        summary: 'A report photo, from our stored copy',
        params: numberParams.extend({ position: z.string().regex(/^\d$/).transform(Number) }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const photo = await prisma.reportPhoto.findFirst({
        where: {
          position: request.params.position,
          report: { AND: [reportScope(principal), { number: request.params.number }] },
        },
        select: { storageKey: true },
      });
      if (!photo) throw notFound('Photo');
      const stored =
        photo.storageKey && options.media ? await options.media.get(photo.storageKey) : null;
      if (!stored) throw new ApiError(404, 'not_copied', 'The photo has not been copied yet');
      return reply
        .type(stored.contentType)
        .header('cache-control', 'private, max-age=3600')
        .send(stored.bytes);
    },
  );

  app.post(
    '/reports/:number/actions',
    {
      schema: {
        tags: ['reports'],
        summary: 'Take, answer, redirect, reject, merge or grade a report',
        params: numberParams,
        body: actionBody,
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const report = await prisma.report.findFirst({
        where: { AND: [reportScope(principal), { number: request.params.number }] },
        select: { id: true },
      });
      if (!report) throw notFound(`Report ${request.params.number}`);
      const action = await actionOf(options, request.body, reportScope(principal));
      const outcome = await prisma.$transaction((db) =>
        actOnReport(
          db,
          { calendar: options.calendar, now: new Date() },
          report.id,
          action,
          actorOfPrincipal(principal),
        ),
      );
      if (!outcome.ok)
        throw new ApiError(statusOfRefusal(outcome.code), outcome.code, outcome.reason);
      options.onJobsQueued?.();
      return { number: outcome.number, status: outcome.status, eventId: outcome.eventId };
    },
  );
};

function filtersOf(
  query: z.infer<typeof listQuery>,
  categoryId: number | undefined,
): Prisma.ReportWhereInput {
  const now = new Date();
  const open: Prisma.ReportWhereInput = {
    status: { in: ['routed', 'in_progress', 'answered', 'reopened'] },
    deadlineAt: { lt: now },
  };
  return {
    ...(query.status ? { status: { in: query.status } } : {}),
    ...(query.officeId ? { officeId: query.officeId } : {}),
    ...(query.districtId ? { districtId: query.districtId } : {}),
    ...(categoryId === undefined ? {} : { categoryId }),
    ...(query.createdFrom || query.createdTo
      ? { createdAt: range(query.createdFrom, query.createdTo) }
      : {}),
    ...(query.updatedFrom || query.updatedTo
      ? { updatedAt: range(query.updatedFrom, query.updatedTo) }
      : {}),
    ...(query.overdue === 'true' ? open : {}),
    ...(query.overdue === 'false' ? { NOT: open } : {}),
    ...(query.q
      ? {
          OR: [
            { description: { contains: likeLiteral(query.q), mode: 'insensitive' } },
            { address: { contains: likeLiteral(query.q), mode: 'insensitive' } },
          ],
        }
      : {}),
  };
}

/** A searched "%" or "_" is a character, not a wildcard. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function range(from?: string, to?: string): Prisma.DateTimeFilter {
  return { ...(from ? { gte: new Date(from) } : {}), ...(to ? { lt: new Date(to) } : {}) };
}

async function actionOf(
  options: AdminApiOptions,
  body: z.infer<typeof actionBody>,
  scope: Prisma.ReportWhereInput,
): Promise<Action> {
  switch (body.type) {
    case 'redirect': {
      const office = await options.prisma.office.findUnique({
        where: { code: body.officeCode },
        select: { id: true },
      });
      if (!office) throw notFound(`Office "${body.officeCode}"`);
      return { type: 'redirect', toOfficeId: office.id, reason: body.reason };
    }
    case 'mark_duplicate': {
      // Only a report the caller may see can be the original, as in the bot.
      const original = await options.prisma.report.findFirst({
        where: { AND: [scope, { number: body.ofNumber }] },
        select: { status: true },
      });
      if (!original) throw notFound(`Report ${body.ofNumber}`);
      return { type: 'mark_duplicate', ofReportNumber: body.ofNumber, ofStatus: original.status };
    }
    default:
      return body;
  }
}

/** A refusal's HTTP status: not allowed 403, not now 409, bad words 400. */
function statusOfRefusal(code: string): number {
  if (code === 'forbidden') return 403;
  if (code === 'not_found') return 404;
  if (
    code === 'invalid_transition' ||
    code === 'original_not_open' ||
    code === 'followup_not_due'
  ) {
    return 409;
  }
  return 400;
}
