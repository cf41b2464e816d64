import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client.ts';
import { StaffRole } from '../../../generated/prisma/enums.ts';
import { ApiError } from '../errors.ts';

/** A staff role as the API names it: every role of the schema's StaffRole. */
export const staffRole = z.enum(StaffRole);

/**
 * What the reference-data routes share: who reads the city's reference data, the shape of the
 * codes that name its rows, and the answer to a duplicate code.
 */

/** Every role but the help desk's operators, who read the categories only. */
export const REFERENCE_READERS: StaffRole[] = [
  'official',
  'head',
  'dispatcher',
  'moderator',
  'admin',
];

/** Operators tell residents which category fits their problem, so they read categories too. */
export const CATEGORY_READERS: StaffRole[] = [...REFERENCE_READERS, 'operator'];

/** Offices' codes, as the issue fixes them: lowercase latin letters, digits and dashes. */
export const officeCode = z
  .string()
  .regex(/^[a-z0-9-]{2,64}$/, 'an office code is 2 to 64 of a-z, 0-9 and "-"');

/** Districts' and categories' codes may also hold "_" (the seed's `unsafe_buildings`). */
export const referenceCode = z
  .string()
  .regex(/^[a-z0-9_-]{2,64}$/, 'a code is 2 to 64 of a-z, 0-9, "_" and "-"');

export const name = z.string().trim().min(1).max(200);

export const OFFICE_KIND = z.enum(['city', 'district', 'dispatcher']);

/** Runs a write and turns a unique-constraint violation into a 409 naming the code. */
export async function unlessDuplicate<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ApiError(409, 'duplicate', `${what} already exists`);
    }
    throw error;
  }
}
