import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import { issueApiToken } from '../../../core/staff/api-tokens.ts';
import { OFFICE_ROLES } from '../../../core/staff/link-codes.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import { dbId } from './ids.ts';
import { staffRole } from './reference-schemas.ts';

const tokenView = z.object({
  id: z.number(),
  prefix: z.string(),
  name: z.string(),
  role: staffRole,
  officeCode: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});

/** API tokens: issued, listed and revoked by admins. A token is shown once, when issued. */
export const tokenRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Issue a token',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          role: staffRole,
          officeCode: z
            .string()
            .regex(/^[a-z0-9-]{2,64}$/)
            .optional(),
          expiresInDays: z.number().int().min(1).max(3650).optional(),
        }),
        response: { 201: z.object({ id: z.number(), token: z.string(), prefix: z.string() }) },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const { name, role, officeCode, expiresInDays } = request.body;
      const needsOffice = OFFICE_ROLES.includes(role);
      if (needsOffice !== (officeCode !== undefined && officeCode !== '')) {
        const why = needsOffice
          ? `A ${role} token needs officeCode`
          : `A ${role} token takes no office`;
        throw new ApiError(400, 'office_mismatch', why);
      }
      const office = officeCode
        ? await prisma.office.findUnique({ where: { code: officeCode }, select: { id: true } })
        : null;
      if (officeCode && !office) throw notFound(`Office "${officeCode}"`);
      const issued = await issueApiToken(prisma, {
        name,
        role,
        officeId: office?.id ?? null,
        createdById: admin.tokenId,
        ...(expiresInDays ? { expiresAt: new Date(Date.now() + expiresInDays * 86_400_000) } : {}),
      });
      return reply.status(201).send(issued);
    },
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'List tokens (never their secrets)',
        response: { 200: z.object({ tokens: z.array(tokenView) }) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const rows = await prisma.apiToken.findMany({
        orderBy: { id: 'asc' },
        include: { office: { select: { code: true } } },
      });
      return {
        tokens: rows.map((row) => ({
          id: row.id,
          prefix: row.prefix,
          name: row.name,
          role: row.role,
          officeCode: row.office?.code ?? null,
          createdAt: row.createdAt.toISOString(),
          expiresAt: row.expiresAt?.toISOString() ?? null,
          revokedAt: row.revokedAt?.toISOString() ?? null,
          lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token',
        params: z.object({ id: dbId }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      requireRole(request, 'admin');
      const revoked = await prisma.apiToken.updateMany({
        where: { id: request.params.id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (revoked.count === 0) throw notFound(`Active token ${request.params.id}`);
      return reply.status(204).send(null);
    },
  );
};
