import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import type { Principal } from '../../../core/staff/api-tokens.ts';
import {
  type CodeRequest,
  issueLinkCode,
  OFFICE_ROLES,
  whyMayNotIssue,
} from '../../../core/staff/link-codes.ts';
import { requireRole } from '../auth.ts';
import { ApiError, forbidden, notFound } from '../errors.ts';
import { staffRole } from './reference-schemas.ts';

/**
 * One-time codes that link a chat in the bots to a role (and office): admins issue any, heads
 * officials' codes for their own office, by the same rule as `/code` in the bots.
 */
export const linkCodeRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.post(
    '/link-codes',
    {
      schema: {
        tags: ['staff'],
        summary: 'Issue a link code (shown once; valid 72 hours)',
        body: z.object({ role: staffRole, officeCode: z.string().max(64).optional() }),
        response: {
          201: z.object({
            code: z.string(),
            expiresAt: z.iso.datetime(),
            role: staffRole,
            officeCode: z.string().nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'admin', 'head');
      const { role } = request.body;
      const office = await officeFor(prisma, principal, request.body);
      const codeRequest: CodeRequest = { role, officeId: office?.id ?? null };

      const refusal = whyMayNotIssue(principal, codeRequest);
      if (refusal === 'not_allowed') {
        throw forbidden('A head issues officials’ codes for their own office only');
      }
      if (refusal) throw new ApiError(400, refusal, refusalText(refusal, role));

      // LIMITATION: the code records no issuer: LinkCode.issuedBy names an official in the
      // bots, not an API token; a column for the token would keep that trail.
      const issued = await issueLinkCode(prisma, codeRequest);
      return reply.status(201).send({
        code: issued.code,
        expiresAt: issued.expiresAt.toISOString(),
        role,
        officeCode: office?.code ?? null,
      });
    },
  );
};

type Role = z.infer<typeof staffRole>;

/** The office named in the request; a head naming none means their own. */
async function officeFor(
  prisma: PrismaClient,
  principal: Principal,
  body: { role: Role; officeCode?: string | undefined },
): Promise<{ id: number; code: string } | null> {
  const select = { id: true, code: true } as const;
  if (body.officeCode !== undefined) {
    const office = await prisma.office.findUnique({ where: { code: body.officeCode }, select });
    if (!office) throw notFound(`Office "${body.officeCode}"`);
    return office;
  }
  const ownOffice = principal.role === 'head' && OFFICE_ROLES.includes(body.role);
  if (!ownOffice || principal.officeId === null) return null;
  return prisma.office.findUnique({ where: { id: principal.officeId }, select });
}

function refusalText(refusal: 'office_required' | 'office_not_allowed', role: string): string {
  return refusal === 'office_required'
    ? `A ${role} code needs officeCode`
    : `A ${role} code takes no office`;
}
