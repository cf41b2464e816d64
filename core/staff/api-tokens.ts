import { createHash, randomBytes } from 'node:crypto';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import type { Db } from '../db/client.ts';
import { OFFICE_ROLES } from './link-codes.ts';

/**
 * Bearer tokens of the admin API. A token is shown once, when issued; only its SHA-256 is
 * stored (a random 32-byte secret needs no slow hash), with a short prefix for lists.
 */
const TOKEN_PREFIX = 'oc_';
/** lastUsedAt is refreshed at most this often, so reading the API does not write every time. */
const LAST_USED_EVERY_MS = 60_000;

/** Who is calling the API: the token's role and, for officials and heads, their office. */
export interface Principal {
  tokenId: number;
  role: StaffRole;
  officeId: number | null;
  name: string;
}

export interface TokenRequest {
  name: string;
  role: StaffRole;
  officeId: number | null;
  createdById?: number;
  expiresAt?: Date;
}

export interface IssuedToken {
  id: number;
  token: string;
  prefix: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues a token; throws when the role and the office do not go together. */
export async function issueApiToken(db: Db, request: TokenRequest): Promise<IssuedToken> {
  const needsOffice = OFFICE_ROLES.includes(request.role);
  if (needsOffice !== (request.officeId !== null)) {
    throw new Error(`A ${request.role} token ${needsOffice ? 'needs' : 'takes no'} office`);
  }
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return storeToken(db, token, request);
}

async function storeToken(db: Db, token: string, request: TokenRequest): Promise<IssuedToken> {
  const prefix = token.slice(0, 8);
  const row = await db.apiToken.create({
    data: {
      tokenHash: hashToken(token),
      prefix,
      name: request.name,
      role: request.role,
      officeId: request.officeId,
      createdById: request.createdById ?? null,
      expiresAt: request.expiresAt ?? null,
    },
    select: { id: true },
  });
  return { id: row.id, token, prefix };
}

/** The principal behind a presented token, or null for an unknown, revoked or expired one. */
export async function findPrincipal(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<Principal | null> {
  if (token.length < 16 || token.length > 200) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, role: row.role, officeId: row.officeId, name: row.name };
}

/**
 * ADMIN_BOOTSTRAP_TOKEN: the first admin's token, stored when no admin token is active, so a
 * new deployment can issue the others. Once an admin exists it is ignored.
 */
export async function ensureBootstrapAdmin(db: Db, token: string): Promise<boolean> {
  const admins = await db.apiToken.count({ where: { role: 'admin', revokedAt: null } });
  if (admins > 0) return false;
  const existing = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (existing) return false;
  await storeToken(db, token, { name: 'bootstrap admin', role: 'admin', officeId: null });
  return true;
}
