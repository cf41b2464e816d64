import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import {
  name,
  OFFICE_KIND,
  officeCode,
  REFERENCE_READERS,
  referenceCode,
  unlessDuplicate,
} from './reference-schemas.ts';

const officeView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: OFFICE_KIND,
  districtCode: z.string().nullable(),
});

const OFFICE_SELECT = {
  id: true,
  code: true,
  name: true,
  kind: true,
  district: { select: { code: true } },
} as const;

type OfficeRow = {
  id: number;
  code: string;
  name: string;
  kind: z.infer<typeof OFFICE_KIND>;
  district: { code: string } | null;
};

const viewOf = ({ district, ...office }: OfficeRow) => ({
  ...office,
  districtCode: district?.code ?? null,
});

const codeParams = z.object({ code: z.string().max(64) });

/** Offices: every member of staff reads them, admins create and change them. */
export const officeRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  /** A district office names its district, and only a district office does (as in the seed). */
  async function refuseSecondDispatcher(exceptId: number | null): Promise<void> {
    const other = await prisma.office.findFirst({
      where: { kind: 'dispatcher', ...(exceptId === null ? {} : { id: { not: exceptId } }) },
      select: { code: true },
    });
    if (other) {
      throw new ApiError(409, 'dispatcher_exists', `"${other.code}" is the dispatcher office`);
    }
  }

  async function districtIdFor(kind: string, districtCode: string | null): Promise<number | null> {
    if ((kind === 'district') !== (districtCode !== null)) {
      throw new ApiError(
        400,
        'office_district_mismatch',
        'A district office names its districtCode, and only a district office does',
      );
    }
    if (districtCode === null) return null;
    const district = await prisma.district.findUnique({ where: { code: districtCode } });
    if (!district) throw notFound(`District "${districtCode}"`);
    return district.id;
  }

  app.get(
    '/offices',
    {
      schema: {
        tags: ['reference'],
        summary: 'List offices',
        response: { 200: z.object({ offices: z.array(officeView) }) },
      },
    },
    async (request) => {
      requireRole(request, ...REFERENCE_READERS);
      const rows = await prisma.office.findMany({
        orderBy: { code: 'asc' },
        select: OFFICE_SELECT,
      });
      return { offices: rows.map(viewOf) };
    },
  );

  app.get(
    '/offices/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'One office',
        params: codeParams,
        response: { 200: officeView },
      },
    },
    async (request) => {
      requireRole(request, ...REFERENCE_READERS);
      const row = await prisma.office.findUnique({
        where: { code: request.params.code },
        select: OFFICE_SELECT,
      });
      if (!row) throw notFound(`Office "${request.params.code}"`);
      return viewOf(row);
    },
  );

  app.post(
    '/offices',
    {
      schema: {
        tags: ['reference'],
        summary: 'Create an office (admin)',
        body: z.object({
          code: officeCode,
          name,
          kind: OFFICE_KIND,
          districtCode: referenceCode.optional(),
        }),
        response: { 201: officeView },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const { code, kind, districtCode } = request.body;
      if (kind === 'dispatcher') await refuseSecondDispatcher(null);
      const districtId = await districtIdFor(kind, districtCode ?? null);
      const row = await unlessDuplicate(`Office "${code}"`, () =>
        prisma.office.create({
          data: { code, name: request.body.name, kind, districtId },
          select: OFFICE_SELECT,
        }),
      );
      return reply.status(201).send(viewOf(row));
    },
  );

  app.patch(
    '/offices/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'Rename an office or change its kind and district (admin)',
        params: codeParams,
        body: z.object({
          name: name.optional(),
          kind: OFFICE_KIND.optional(),
          districtCode: referenceCode.nullable().optional(),
        }),
        response: { 200: officeView },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const current = await prisma.office.findUnique({
        where: { code: request.params.code },
        select: OFFICE_SELECT,
      });
      if (!current) throw notFound(`Office "${request.params.code}"`);
      const { body } = request;
      const kind = body.kind ?? current.kind;
      // Routing sends what no rule places to the one dispatcher office: keep exactly one.
      if (current.kind === 'dispatcher' && kind !== 'dispatcher') {
        throw new ApiError(409, 'dispatcher_required', 'The city needs its dispatcher office');
      }
      if (kind === 'dispatcher') await refuseSecondDispatcher(current.id);
      const districtCode =
        body.districtCode === undefined ? (current.district?.code ?? null) : body.districtCode;
      const districtId = await districtIdFor(kind, districtCode);
      const row = await prisma.office.update({
        where: { id: current.id },
        data: { ...(body.name === undefined ? {} : { name: body.name }), kind, districtId },
        select: OFFICE_SELECT,
      });
      return viewOf(row);
    },
  );
};
