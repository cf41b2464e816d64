import { createHash, randomInt } from 'node:crypto';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import type { Channel } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { OFFICIAL_FIELDS, type Official } from './officials.ts';

/**
 * One-time codes that link a chat to an office. A code is read out or pasted by a person, so
 * it avoids letters that look alike; only its hash is stored, so a database dump links no one.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
/** Long enough to pass a code on to a colleague, short enough that a lost one soon dies. */
export const LINK_CODE_TTL_MS = 72 * 60 * 60 * 1000;

/** Every staff role, in the order people are told about them. */
export const STAFF_ROLES: readonly StaffRole[] = [
  'official',
  'head',
  'dispatcher',
  'moderator',
  'operator',
  'organiser',
  'admin',
];

/** Roles that belong to one office; the others act city-wide. */
export const OFFICE_ROLES: readonly StaffRole[] = ['official', 'head'];

export interface CodeRequest {
  role: StaffRole;
  officeId: number | null;
  issuedById?: number;
}

export type IssueRefusal = 'office_required' | 'office_not_allowed' | 'not_allowed';

/** Issues a code; the plain code is returned once and never stored. */
export async function issueLinkCode(
  db: Db,
  request: CodeRequest,
  now: Date = new Date(),
): Promise<{ code: string; expiresAt: Date }> {
  const needsOffice = OFFICE_ROLES.includes(request.role);
  if (needsOffice !== (request.officeId !== null)) {
    throw new Error(`A ${request.role} code ${needsOffice ? 'needs' : 'takes no'} office`);
  }
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(
    '',
  );
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await db.linkCode.create({
    data: {
      codeHash: hashCode(code),
      role: request.role,
      officeId: request.officeId,
      issuedById: request.issuedById ?? null,
      expiresAt,
    },
  });
  return { code, expiresAt };
}

/** Who asks for a code: an official in a chat, or the holder of an API token. */
export type CodeIssuer = Pick<Official, 'role' | 'officeId'>;

/**
 * Which codes a member of staff may issue: an admin any, a head officials of their own
 * office. Returns the refusal, or null when allowed.
 */
export function whyMayNotIssue(issuer: CodeIssuer, request: CodeRequest): IssueRefusal | null {
  if (OFFICE_ROLES.includes(request.role) && request.officeId === null) return 'office_required';
  if (!OFFICE_ROLES.includes(request.role) && request.officeId !== null) {
    return 'office_not_allowed';
  }
  if (issuer.role === 'admin') return null;
  if (issuer.role === 'head' && request.role === 'official' && request.officeId === issuer.officeId)
    return null;
  return 'not_allowed';
}

export type Redemption =
  | { ok: true; official: Official; officeName: string | null }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/**
 * Spends a code on a chat: the account becomes (or is re-linked as) that member of staff.
 * The code row is locked so two chats racing for one code cannot both win.
 */
export async function redeemLinkCode(
  db: Db,
  typed: string,
  account: { channel: Channel; platformUserId: string; chatId: string },
  now: Date = new Date(),
): Promise<Redemption> {
  const codeHash = hashCode(normalizeCode(typed));
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "LinkCode" WHERE code_hash = ${codeHash} FOR UPDATE`;
  const id = rows[0]?.id;
  if (id === undefined) return { ok: false, reason: 'unknown' };
  const code = await db.linkCode.findUniqueOrThrow({
    where: { id },
    include: { office: { select: { name: true } } },
  });
  if (code.usedAt) return { ok: false, reason: 'used' };
  if (code.expiresAt <= now) return { ok: false, reason: 'expired' };

  await db.linkCode.update({ where: { id }, data: { usedAt: now } });
  const data = { chatId: account.chatId, role: code.role, officeId: code.officeId };
  const official = await db.official.upsert({
    where: {
      channel_platformUserId: { channel: account.channel, platformUserId: account.platformUserId },
    },
    create: { ...account, role: code.role, officeId: code.officeId },
    update: { ...data, unreachableAt: null },
    select: OFFICIAL_FIELDS,
  });
  return { ok: true, official, officeName: code.office?.name ?? null };
}

/** People type codes with spaces, dashes and in lower case; none of that matters. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
