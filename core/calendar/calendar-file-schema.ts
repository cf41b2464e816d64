import { z } from 'zod';
import { CALENDAR_ENTRY_KINDS } from './calendar-entry.ts';
import { isWeekend, parseIsoDate, yearOf } from './civil-date.ts';

/** `RU`, or a subdivision such as `RU-SA`, as ISO 3166-2 writes them. */
const regionSchema = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected an ISO 3166 code such as "RU" or "RU-SA"');

const dateSchema = z
  .string()
  .refine((text) => parseIsoDate(text) !== undefined, 'expected a real date as YYYY-MM-DD');

/** An entry as a file holds it: a calendar entry, and what to confirm about it, if anything. */
const fileEntrySchema = z.strictObject({
  date: dateSchema,
  kind: z.enum(CALENDAR_ENTRY_KINDS),
  name: z.string().trim().min(1, 'expected a name'),
  region: regionSchema,
  /** Why this date must be confirmed (each year, or against a decree); kept out of the rows. */
  verify: z.string().trim().min(1).optional(),
});

/** One file: one region's entries for one year, with a note on how complete they are. */
export const calendarFileSchema = z
  .strictObject({
    region: regionSchema,
    year: z.int().min(1992).max(2200),
    note: z.string().trim().min(1).optional(),
    entries: z.array(fileEntrySchema),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.entries.forEach((entry, index) => {
      const fail = (field: string, message: string) =>
        context.addIssue({ code: 'custom', path: ['entries', index, field], message });
      const day = parseIsoDate(entry.date);
      if (entry.region !== file.region) fail('region', `expected the file's "${file.region}"`);
      if (day !== undefined && yearOf(day) !== file.year) fail('date', `not in ${file.year}`);
      if (day !== undefined && entry.kind === 'workday' && !isWeekend(day)) {
        fail('kind', 'a workday entry must fall on a Saturday or Sunday');
      }
      if (seen.has(entry.date)) fail('date', 'listed twice');
      seen.add(entry.date);
    });
  });

export type CalendarFile = z.output<typeof calendarFileSchema>;
