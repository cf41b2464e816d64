import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import type { Principal } from '../../../core/staff/api-tokens.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { requireRole } from '../auth.ts';
import { forbidden, notFound } from '../errors.ts';
import { staffRole } from './reference-schemas.ts';

/** What an admin needs to tell staff apart; never the platform's user or chat ids. */
const officialView = z.object({
  id: z.number(),
  channel: z.enum(['telegram', 'vk', 'console']),
  role: staffRole,
  officeCode: z.string().nullable(),
  linkedAt: z.iso.datetime(),
  /** False once the platform refused our messages (a blocked bot); cards go to others then. */
  reachable: z.boolean(),
});

const OFFICIAL_VIEW_SELECT = {
  id: true,
  channel: true,
  role: true,
  createdAt: true,
  unreachableAt: true,
  office: { select: { code: true } },
} as const;

/**
 * The staff linked in the bots: admins and dispatchers see everyone, heads their own office.
 * Unlinking is for admins, and for a head over the officials of their office.
 */
export const officialRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.get(
    '/officials',
    {
      schema: {
        tags: ['staff'],
        summary: 'Staff linked in the bots (heads: their own office)',
        querystring: z.object({ officeCode: z.string().max(64).optional() }),
        response: { 200: z.object({ officials: z.array(officialView) }) },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'admin', 'dispatcher', 'head');
      const { officeCode } = request.query;
      if (officeCode && principal.role === 'head') {
        await refuseOtherOffice(prisma, principal, officeCode);
      }
      const rows = await prisma.official.findMany({
        where: { AND: [scopeOf(principal), officeCode ? { office: { code: officeCode } } : {}] },
        orderBy: { id: 'asc' },
        select: OFFICIAL_VIEW_SELECT,
      });
      return {
        officials: rows.map((row) => ({
          id: row.id,
          channel: row.channel,
          role: row.role,
          officeCode: row.office?.code ?? null,
          linkedAt: row.createdAt.toISOString(),
          reachable: row.unreachableAt === null,
        })),
      };
    },
  );

  app.delete(
    '/officials/:id',
    {
      schema: {
        tags: ['staff'],
        summary: 'Unlink a member of staff from the bots',
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'admin', 'head');
      const official = await prisma.official.findFirst({
        where: { AND: [scopeOf(principal), { id: request.params.id }] },
        select: { id: true, role: true },
      });
      if (!official) throw notFound(`Official ${request.params.id}`);
      if (principal.role === 'head' && official.role !== 'official') {
        throw forbidden('A head unlinks the officials of their office, not other heads');
      }
      // Codes the official issued keep existing: the column is set null (ON DELETE SET NULL).
      await prisma.official.delete({ where: { id: official.id } });
      return reply.status(204).send(null);
    },
  );
};

/** Heads see their own office's staff; another office's member is not found. */
function scopeOf(principal: Principal): Prisma.OfficialWhereInput {
  return principal.role === 'head' ? { officeId: principal.officeId ?? -1 } : {};
}

/** A head asking for another office's list is refused, like the reports' office filter. */
async function refuseOtherOffice(
  prisma: PrismaClient,
  principal: Principal,
  officeCode: string,
): Promise<void> {
  const office = await prisma.office.findUnique({ where: { code: officeCode } });
  if (office && office.id !== principal.officeId) {
    throw forbidden('Heads see their own office’s staff only');
  }
}
