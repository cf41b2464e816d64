import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CalendarEntry } from './production-calendar.ts';

export const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL('../../seed/calendar/', import.meta.url));

const fileSchema = z.object({
  note: z.string().optional(),
  entries: z.array(
    z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
      kind: z.enum(['holiday', 'workday']),
      name: z.string().min(1),
      region: z.string().min(2),
      confirm: z.boolean().optional(),
    }),
  ),
});

/** Raised for a calendar file that is not valid; the message names the file and the entry. */
export class CalendarFileError extends Error {
  override name = 'CalendarFileError';
}

/** Reads every calendar file of a folder (a city replaces them without touching code). */
export async function readCalendarFiles(dir = DEFAULT_CALENDAR_DIR): Promise<CalendarEntry[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const entries: CalendarEntry[] = [];
  for (const file of files) {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CalendarFileError(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    for (const { date, kind, name, region } of parsed.data.entries) {
      entries.push({ date, kind, name, region });
    }
  }
  return entries;
}
