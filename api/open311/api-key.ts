import type { FastifyRequest } from 'fastify';
import type { PrismaClient } from '../../core/db/client.ts';
import { findPrincipal, type Principal } from '../../core/staff/api-tokens.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { Open311Error } from './errors.ts';

/**
 * Who may file requests: a token of the admin API for a role that files and handles reports.
 * Moderators grade answers and operators run the help desk, so their tokens do not file.
 */
export const FILING_ROLES: readonly StaffRole[] = ['official', 'head', 'dispatcher', 'admin'];

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on Open311 POSTs whose api_key passed. */
    open311Client?: Principal;
  }
}

/**
 * Checks the spec's `api_key`, a field of the posted body, before the
 * body is validated, so a bad key is a 403 whatever else is wrong.
 */
export function requireApiKey(prisma: PrismaClient) {
  return async (request: FastifyRequest): Promise<void> => {
    const key = apiKeyOf(request.body);
    if (!key) throw new Open311Error(403, 'api_key is required');
    const principal = await findPrincipal(prisma, key);
    if (!principal) throw new Open311Error(403, 'api_key is unknown, revoked or expired');
    if (!FILING_ROLES.includes(principal.role)) {
      throw new Open311Error(403, `api_key of a ${principal.role} cannot file requests`);
    }
    request.open311Client = principal;
  };
}

function apiKeyOf(source: unknown): string | undefined {
  if (typeof source !== 'object' || source === null || !('api_key' in source)) return undefined;
  const key = source.api_key;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}

/** The client whose key passed; the hook guarantees one on every route it guards. */
export function clientOf(request: FastifyRequest): Principal {
  if (!request.open311Client) throw new Open311Error(403, 'api_key is required');
  return request.open311Client;
}
