import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import { requireRole } from '../auth.ts';
import { notFound } from '../errors.ts';
import { CATEGORY_READERS, name, referenceCode, unlessDuplicate } from './reference-schemas.ts';

const categoryView = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  sortOrder: z.number(),
  /** The SLA: working days an office has to answer. */
  deadlineDays: z.number(),
  urgent: z.boolean(),
  /** Months (1-12) an urgent category is urgent in; empty: all year. */
  urgentMonths: z.array(z.number()),
});

const CATEGORY_SELECT = {
  code: true,
  name: true,
  description: true,
  sortOrder: true,
  deadlineDays: true,
  urgent: true,
  urgentMonths: true,
} as const;

const editable = {
  name,
  description: z.string().trim().min(1).max(2000),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000),
  deadlineDays: z.number().int().min(1).max(60),
  urgent: z.boolean(),
  urgentMonths: z
    .array(z.number().int().min(1).max(12))
    .max(12)
    .refine((months) => new Set(months).size === months.length, 'each month once'),
};

/**
 * Categories and their deadlines: every member of staff reads them, admins create and change
 * them. A new deadline counts for reports routed from then on (routing reads it each time).
 *
 * LIMITATION: the bots' category menu is loaded at service start (loadCategoryCatalog), so a
 * new or renamed category reaches residents at the next restart.
 */
export const categoryRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.get(
    '/categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'List categories in menu order, with their deadlines',
        response: { 200: z.object({ categories: z.array(categoryView) }) },
      },
    },
    async (request) => {
      requireRole(request, ...CATEGORY_READERS);
      const rows = await prisma.category.findMany({
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        select: CATEGORY_SELECT,
      });
      return { categories: rows };
    },
  );

  app.post(
    '/categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Create a category (admin)',
        body: z.object({
          code: referenceCode,
          ...editable,
          sortOrder: editable.sortOrder.default(0),
          deadlineDays: editable.deadlineDays.default(8),
          urgent: editable.urgent.default(false),
          urgentMonths: editable.urgentMonths.default([]),
        }),
        response: { 201: categoryView },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const row = await unlessDuplicate(`Category "${request.body.code}"`, () =>
        prisma.category.create({ data: request.body, select: CATEGORY_SELECT }),
      );
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/categories/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Change a category’s texts, order, deadline or urgency (admin)',
        params: z.object({ code: z.string().max(64) }),
        body: z.object(editable).partial(),
        response: { 200: categoryView },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { code } = request.params;
      const changed = await prisma.category.updateManyAndReturn({
        where: { code },
        data: withoutUndefined(request.body),
        select: CATEGORY_SELECT,
      });
      const row = changed[0];
      if (!row) throw notFound(`Category "${code}"`);
      return row;
    },
  );
};

/** Prisma reads an absent field as "leave it"; exactOptionalPropertyTypes wants it absent. */
function withoutUndefined<T extends object>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
