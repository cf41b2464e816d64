import type { Db } from '../db/client.ts';

/** The longest name we keep; the organiser reads it out, so a name is all it should hold. */
export const MAX_NAME_CHARS = 100;

/**
 * The name an organiser calls a volunteer by, from the resident's identity. The hearings use
 * the same record for the full name a comment is signed with; this reads and writes that
 * field only.
 */
export async function volunteerName(db: Db, residentId: number): Promise<string | null> {
  const identity = await db.residentIdentity.findUnique({
    where: { residentId },
    select: { fullName: true },
  });
  return identity?.fullName ?? null;
}

export async function saveVolunteerName(db: Db, residentId: number, name: string): Promise<void> {
  await db.residentIdentity.upsert({
    where: { residentId },
    create: { residentId, fullName: name },
    update: { fullName: name },
  });
}

/**
 * A typed name made tidy, or null when it is not one: letters with spaces, hyphens, dots or
 * apostrophes between them (so a menu button's emoji or a phone number is asked again).
 */
export function cleanName(text: string): string | null {
  const name = text.trim().replace(/\s+/g, ' ');
  if ([...name].length < 2 || [...name].length > MAX_NAME_CHARS) return null;
  return /^\p{L}[\p{L}\p{M} .'’-]*$/u.test(name) ? name : null;
}
