import { z } from 'zod';

/**
 * A database id or ticket number in a path or query: decimal digits only (no "0x2", "1e1"
 * or "-5", which a lenient number parse would accept), within PostgreSQL's integer.
 */
export const dbId = z
  .string()
  .regex(/^\d{1,10}$/, 'a positive whole number')
  .transform(Number)
  .pipe(z.number().int().positive().max(2_147_483_647));

/** A moment in a query: ISO 8601 with its offset, within years the city's data can hold. */
export const isoMoment = z.iso.datetime({ offset: true }).refine((text) => {
  const year = new Date(text).getUTCFullYear();
  return year >= 2000 && year <= 2100;
}, 'a date between the years 2000 and 2100');
