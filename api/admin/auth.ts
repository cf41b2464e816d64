import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrismaClient } from '../../core/db/client.ts';
import { findPrincipal, type Principal } from '../../core/staff/api-tokens.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { ApiError, forbidden } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the admin API's authentication for every request that passed it. */
    principal?: Principal;
  }
}

/** Reads `Authorization: Bearer <token>` and refuses a missing, unknown or revoked one. */
export function authenticate(prisma: PrismaClient) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new ApiError(401, 'unauthorized', 'Send "Authorization: Bearer <token>"');
    }
    const principal = await findPrincipal(prisma, match[1]);
    if (!principal)
      throw new ApiError(401, 'unauthorized', 'The token is unknown, revoked or expired');
    request.principal = principal;
  };
}

/** The caller, who has passed authentication. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'unauthorized', 'Not authenticated');
  return request.principal;
}

/** Refuses a caller whose role is not among these. */
export function requireRole(request: FastifyRequest, ...roles: StaffRole[]): Principal {
  const principal = principalOf(request);
  if (!roles.includes(principal.role)) {
    throw forbidden(`This needs one of the roles: ${roles.join(', ')}`);
  }
  return principal;
}
