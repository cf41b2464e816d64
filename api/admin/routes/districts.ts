import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import { type AreaGeometry, areaGeometrySchema } from '../../../core/geo/geometry.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import { name, REFERENCE_READERS, referenceCode } from './reference-schemas.ts';

/** A city's boundary with many vertices runs to a megabyte or so; other bodies stay small. */
const BOUNDARY_BODY_LIMIT = 2 * 1024 * 1024;

const featureView = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string(), name: z.string(), approximate: z.boolean() }),
  geometry: areaGeometrySchema,
});

/** What PUT takes: the geometry is checked by the same schema the seed loader uses. */
const featureBody = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: referenceCode.optional(),
    name,
    approximate: z.boolean().default(false),
  }),
  geometry: areaGeometrySchema,
});

type DistrictRow = { code: string; name: string; approximate: boolean; boundary: unknown };

const featureOf = (row: DistrictRow) => ({
  type: 'Feature' as const,
  properties: { code: row.code, name: row.name, approximate: row.approximate },
  // Only PUT and the seed write boundaries, and both validate them first.
  geometry: row.boundary as AreaGeometry,
});

const DISTRICT_SELECT = { code: true, name: true, approximate: true, boundary: true } as const;

/**
 * Districts as GeoJSON: read by every member of staff, created or replaced by admins.
 *
 * LIMITATION: the bots' district locator (which district a resident's location lies in) is
 * built once at service start, so a changed boundary reaches the bots at the next restart;
 * a locator the engine could swap at run time, rebuilt after a PUT here, would lift it.
 */
export const districtRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.get(
    '/districts',
    {
      schema: {
        tags: ['reference'],
        summary: 'Districts as a GeoJSON FeatureCollection',
        response: {
          200: z.object({ type: z.literal('FeatureCollection'), features: z.array(featureView) }),
        },
      },
    },
    async (request) => {
      requireRole(request, ...REFERENCE_READERS);
      const rows = await prisma.district.findMany({
        orderBy: { id: 'asc' },
        select: DISTRICT_SELECT,
      });
      return { type: 'FeatureCollection' as const, features: rows.map(featureOf) };
    },
  );

  app.get(
    '/districts/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'One district as a GeoJSON Feature',
        params: z.object({ code: z.string().max(64) }),
        response: { 200: featureView },
      },
    },
    async (request) => {
      requireRole(request, ...REFERENCE_READERS);
      const row = await prisma.district.findUnique({
        where: { code: request.params.code },
        select: DISTRICT_SELECT,
      });
      if (!row) throw notFound(`District "${request.params.code}"`);
      return featureOf(row);
    },
  );

  app.put(
    '/districts/:code',
    {
      bodyLimit: BOUNDARY_BODY_LIMIT,
      schema: {
        tags: ['reference'],
        summary: 'Create or replace a district: a Feature with Polygon or MultiPolygon (admin)',
        params: z.object({ code: referenceCode }),
        body: featureBody,
        response: { 200: featureView, 201: featureView },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const { code } = request.params;
      const { properties, geometry } = request.body;
      if (properties.code !== undefined && properties.code !== code) {
        throw new ApiError(400, 'code_mismatch', 'properties.code differs from the path');
      }
      const fields = {
        name: properties.name,
        approximate: properties.approximate,
        boundary: geometry as Prisma.InputJsonObject,
      };
      const existed = await prisma.district.findUnique({ where: { code }, select: { id: true } });
      const row = await prisma.district.upsert({
        where: { code },
        create: { code, ...fields },
        update: fields,
        select: DISTRICT_SELECT,
      });
      return reply.status(existed ? 200 : 201).send(featureOf(row));
    },
  );
};
