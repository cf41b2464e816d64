import type { Db } from '../db/client.ts';

/**
 * Who a resident is, when a service needs it (a hearing's comment, a volunteer's seat).
 * Personal data: it goes to the organisers who need it and never to the logs.
 */
export interface Identity {
  fullName: string | null;
  address: string | null;
  /** +7XXXXXXXXXX */
  phone: string | null;
  /** The phone came from the platform's contact button for the resident's own account. */
  phoneFromContact: boolean;
}

/** An identity with every part given. */
export interface CompleteIdentity {
  fullName: string;
  address: string;
  phone: string;
  phoneFromContact: boolean;
}

export type Checked<R extends string> = { ok: true; value: string } | { ok: false; reason: R };

export const FULL_NAME_MAX = 150;
export const ADDRESS_MIN = 5;
export const ADDRESS_MAX = 200;

/** The identity a resident gave before, or null if they never gave one. */
export async function findIdentity(db: Db, residentId: number): Promise<Identity | null> {
  return db.residentIdentity.findUnique({
    where: { residentId },
    select: { fullName: true, address: true, phone: true, phoneFromContact: true },
  });
}

/** Saves the given parts of a resident's identity; parts left out stay as they were. */
export async function saveIdentity(
  db: Db,
  residentId: number,
  parts: Partial<Identity>,
): Promise<void> {
  await db.residentIdentity.upsert({
    where: { residentId },
    create: { residentId, ...parts },
    update: parts,
  });
}

/**
 * The identity when it has a full name, an address and a phone; null otherwise. The name is
 * checked again: a volunteer may have given only the name an organiser calls them by ("Маша"),
 * which is not enough to sign a hearing comment.
 */
export function completeIdentity(identity: Identity | null): CompleteIdentity | null {
  if (!identity?.fullName || !identity.address || !identity.phone) return null;
  if (!checkFullName(identity.fullName).ok) return null;
  const { fullName, address, phone, phoneFromContact } = identity;
  return { fullName, address, phone, phoneFromContact };
}

/**
 * A full name: at least a surname and a name, of letters (any alphabet: Yakut names have
 * ҥ, ө, һ, ү), with hyphens inside a word ("Петрова-Водкина") and single spaces between.
 */
export function checkFullName(
  typed: string,
): Checked<'too_long' | 'not_letters' | 'one_word' | 'too_short'> {
  const value = typed.trim().replace(/\s+/g, ' ');
  if ([...value].length > FULL_NAME_MAX) return { ok: false, reason: 'too_long' };
  if (!/^[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*(?: [\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*)*$/u.test(value)) {
    return { ok: false, reason: 'not_letters' };
  }
  const words = value.split(' ');
  if (words.length < 2) return { ok: false, reason: 'one_word' };
  // "И И" is initials, not a name an organiser can record.
  if (words.filter((word) => [...word].length >= 2).length < 2) {
    return { ok: false, reason: 'too_short' };
  }
  return { ok: true, value };
}

/** An address as typed: something an organiser can read, without control characters. */
export function checkAddress(typed: string): Checked<'too_short' | 'too_long' | 'not_an_address'> {
  const value = typed.trim().replace(/\s+/g, ' ');
  const length = [...value].length;
  if (length < ADDRESS_MIN) return { ok: false, reason: 'too_short' };
  if (length > ADDRESS_MAX) return { ok: false, reason: 'too_long' };
  if (!/\p{L}/u.test(value) || /\p{Cc}/u.test(value))
    return { ok: false, reason: 'not_an_address' };
  return { ok: true, value };
}

/**
 * A Russian phone number as +7XXXXXXXXXX, from "+7 914 123-45-67", "8 (914) 1234567",
 * "79141234567" (Telegram's contacts often lack the "+") or the ten national digits.
 * Russian numbers begin with 3, 4, 8 or 9 after the country code; +7 6… and +7 7… are
 * Kazakhstan's, and any other country code is not ours to call.
 */
export function normalizePhone(typed: string): Checked<'not_russian' | 'malformed'> {
  const compact = typed.trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'malformed' };

  const digits = compact.replace('+', '');
  const plus = compact.startsWith('+');
  let national: string | undefined;
  if (digits.length === 11 && digits.startsWith('7')) national = digits.slice(1);
  else if (!plus && digits.length === 11 && digits.startsWith('8')) national = digits.slice(1);
  else if (!plus && digits.length === 10) national = digits;
  else if (plus && digits.startsWith('7')) return { ok: false, reason: 'malformed' };
  else if (plus || digits.length > 11) return { ok: false, reason: 'not_russian' };

  if (national === undefined) return { ok: false, reason: 'malformed' };
  if (!/^[3489]/.test(national)) return { ok: false, reason: 'not_russian' };
  return { ok: true, value: `+7${national}` };
}
