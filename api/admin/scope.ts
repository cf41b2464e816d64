import type { Actor } from '../../core/reports/lifecycle.ts';
import type { Principal } from '../../core/staff/api-tokens.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { forbidden } from './errors.ts';

/** Roles that work with reports at all; operators answer the help desk only. */
export const REPORT_ROLES = ['official', 'head', 'dispatcher', 'moderator', 'admin'] as const;

/**
 * The reports a caller may see: officials and heads their own office's, everyone else every
 * report. A report outside it is answered 404, like one that does not exist.
 */
export function reportScope(principal: Principal): Prisma.ReportWhereInput {
  if (principal.role === 'operator') throw forbidden('Operators work with the help desk only');
  if (principal.role === 'organiser') {
    throw forbidden('Organisers work with volunteer events and hearings only');
  }
  if (principal.role === 'official' || principal.role === 'head') {
    return { officeId: principal.officeId ?? -1 };
  }
  return {};
}

/** How the lifecycle sees an API caller. */
export function actorOfPrincipal(principal: Principal): Actor {
  switch (principal.role) {
    case 'official':
    case 'head':
      return {
        kind: 'official',
        officeId: principal.officeId ?? -1,
        role: principal.role,
        id: principal.tokenId,
      };
    case 'dispatcher':
      return { kind: 'dispatcher', id: principal.tokenId };
    case 'moderator':
      return { kind: 'moderator', id: principal.tokenId };
    case 'admin':
      return { kind: 'admin', id: principal.tokenId };
    case 'operator':
      return { kind: 'operator', id: principal.tokenId };
    case 'organiser':
      return { kind: 'organiser', id: principal.tokenId };
  }
}
