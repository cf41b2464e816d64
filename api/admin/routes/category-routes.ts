import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, PrismaClient } from '../../../core/db/client.ts';
import { requireRole } from '../auth.ts';
import { notFound } from '../errors.ts';
import { officeCode, REFERENCE_READERS, referenceCode } from './reference-schemas.ts';

const routeView = z.object({
  id: z.number(),
  category: z.string(),
  /** Null: the city-wide route, used where no district's own route exists. */
  district: z.string().nullable(),
  office: z.string(),
});

const ROUTE_SELECT = {
  id: true,
  category: { select: { code: true } },
  district: { select: { code: true } },
  office: { select: { code: true } },
} as const;

type RouteRow = {
  id: number;
  category: { code: string };
  district: { code: string } | null;
  office: { code: string };
};

const viewOf = (row: RouteRow) => ({
  id: row.id,
  category: row.category.code,
  district: row.district?.code ?? null,
  office: row.office.code,
});

/** Dispatchers place what no rule places, so they keep the rules too. */
const ROUTE_EDITORS = ['dispatcher', 'admin'] as const;

/** Which office owns a category, city-wide or per district: staff read it, dispatchers keep it. */
export const categoryRouteRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.get(
    '/category-routes',
    {
      schema: {
        tags: ['reference'],
        summary: 'Which office owns each category, city-wide and per district',
        querystring: z.object({ category: z.string().max(64).optional() }),
        response: { 200: z.object({ routes: z.array(routeView) }) },
      },
    },
    async (request) => {
      requireRole(request, ...REFERENCE_READERS);
      const { category } = request.query;
      const rows = await prisma.categoryRoute.findMany({
        where: category === undefined ? {} : { category: { code: category } },
        orderBy: [{ categoryId: 'asc' }, { districtId: { sort: 'asc', nulls: 'first' } }],
        select: ROUTE_SELECT,
      });
      return { routes: rows.map(viewOf) };
    },
  );

  app.put(
    '/category-routes',
    {
      schema: {
        tags: ['reference'],
        summary: 'Set the office that owns a category in a district, or city-wide (null)',
        body: z.object({
          category: referenceCode,
          district: referenceCode.nullable(),
          office: officeCode,
        }),
        response: { 200: routeView },
      },
    },
    async (request) => {
      requireRole(request, ...ROUTE_EDITORS);
      const ids = await idsOf(prisma, request.body);
      const row = await prisma.$transaction((db) => setRoute(db, ids));
      return viewOf(row);
    },
  );

  app.delete(
    '/category-routes/:id',
    {
      schema: {
        tags: ['reference'],
        summary: 'Remove a route; reports then fall to the city-wide route, else the dispatcher',
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      requireRole(request, ...ROUTE_EDITORS);
      const removed = await prisma.categoryRoute.deleteMany({ where: { id: request.params.id } });
      if (removed.count === 0) throw notFound(`Category route ${request.params.id}`);
      return reply.status(204).send(null);
    },
  );
};

interface RouteIds {
  categoryId: number;
  districtId: number | null;
  officeId: number;
}

async function idsOf(
  prisma: PrismaClient,
  body: { category: string; district: string | null; office: string },
): Promise<RouteIds> {
  const category = await prisma.category.findUnique({ where: { code: body.category } });
  if (!category) throw notFound(`Category "${body.category}"`);
  const office = await prisma.office.findUnique({ where: { code: body.office } });
  if (!office) throw notFound(`Office "${body.office}"`);
  if (body.district === null)
    return { categoryId: category.id, districtId: null, officeId: office.id };
  const district = await prisma.district.findUnique({ where: { code: body.district } });
  if (!district) throw notFound(`District "${body.district}"`);
  return { categoryId: category.id, districtId: district.id, officeId: office.id };
}

/**
 * Creates or changes the one route of a category and district. The unique index does not hold
 * for the city-wide row (NULLs differ in SQL), so the category's row is locked first and two
 * editors cannot both create it.
 */
async function setRoute(db: Db, ids: RouteIds): Promise<RouteRow> {
  await db.$queryRaw`SELECT id FROM "Category" WHERE id = ${ids.categoryId} FOR UPDATE`;
  const current = await db.categoryRoute.findFirst({
    where: { categoryId: ids.categoryId, districtId: ids.districtId },
    select: { id: true },
  });
  if (current) {
    return db.categoryRoute.update({
      where: { id: current.id },
      data: { officeId: ids.officeId },
      select: ROUTE_SELECT,
    });
  }
  return db.categoryRoute.create({ data: ids, select: ROUTE_SELECT });
}
