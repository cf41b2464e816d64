import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CALENDAR_ENTRY_KINDS } from '../../../core/calendar/calendar-entry.ts';
import { calendarFileSchema } from '../../../core/calendar/calendar-file-schema.ts';
import {
  DEFAULT_CALENDAR_DIR,
  type LoadedCalendarFile,
  readCalendarDirectory,
} from '../../../core/calendar/load-calendar-files.ts';
import { DEFAULT_REGIONS } from '../../../core/calendar/production-calendar.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import { calendarFileName, writeCalendarFile } from './calendar-files.ts';
import { REFERENCE_READERS } from './reference-schemas.ts';

const entryView = z.object({
  date: z.string(),
  kind: z.enum(CALENDAR_ENTRY_KINDS),
  name: z.string(),
  region: z.string(),
  verify: z.string().optional(),
});

const yearView = z.object({
  year: z.number(),
  /** Each file of the year: its region, its note on sources and completeness. */
  sources: z.array(
    z.object({
      file: z.string(),
      region: z.string(),
      note: z.string().nullable(),
      /** Whether deadlines count this region's days (the city's regions: RU and RU-SA). */
      applies: z.boolean(),
    }),
  ),
  /** Non-working days: holidays and days off moved onto weekdays. */
  daysOff: z.array(entryView),
  /** Saturdays and Sundays made working by a transfer. */
  workingWeekends: z.array(entryView),
});

/** The body of PUT: a calendar file without its year (the path gives it). */
const fileBody = z.object({
  region: z.string().max(10),
  note: z.string().max(4000).optional(),
  entries: z
    .array(
      z.object({
        date: z.string().max(10),
        kind: z.enum(CALENDAR_ENTRY_KINDS),
        name: z.string().max(500),
        /** The file's region when absent. */
        region: z.string().max(10).optional(),
        verify: z.string().max(2000).optional(),
      }),
    )
    .max(366),
});

const yearParams = z.object({ year: z.coerce.number().int().min(1992).max(2200) });

/**
 * The production calendar's files, read and written per region and year. Reading shows what
 * the folder holds, which is what the service loaded at its start unless a PUT changed it.
 *
 * LIMITATION: the deadline calendar is built once at service start and cannot be swapped, so
 * a PUT here counts in deadlines after the next restart; a calendar holder the service shares
 * with its workers, rebuilt after a PUT, would lift it.
 */
export const calendarRoutes: FastifyPluginAsyncZod<{ calendarDir?: string }> = async (
  app,
  options,
) => {
  const dir = options.calendarDir ?? DEFAULT_CALENDAR_DIR;

  app.get(
    '/calendar/:year',
    {
      schema: {
        tags: ['reference'],
        summary: 'A year’s days off and working weekends, with the files’ notes',
        params: yearParams,
        response: { 200: yearView },
      },
    },
    async (request) => {
      requireRole(request, ...REFERENCE_READERS);
      const { year } = request.params;
      const files = await readCalendarDirectory(dir, [year]);
      if (files.length === 0) throw notFound(`Calendar of ${year}`);
      return viewOf(year, files);
    },
  );

  app.put(
    '/calendar/:year',
    {
      schema: {
        tags: ['reference'],
        summary: 'Write one region’s file for a year (admin); counts in deadlines after restart',
        params: yearParams,
        body: fileBody,
        response: { 200: yearView },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const { year } = request.params;
      const { region, note, entries } = request.body;
      const parsed = calendarFileSchema.safeParse({
        region,
        year,
        ...(note === undefined ? {} : { note }),
        entries: entries.map((entry) => ({ ...entry, region: entry.region ?? region })),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw new ApiError(400, 'invalid_calendar', `${where}${issue?.message ?? 'invalid'}`);
      }

      const existing = await readCalendarDirectory(dir, [year]);
      await writeCalendarFile(dir, calendarFileName(existing, region, year), parsed.data);
      return viewOf(year, await readCalendarDirectory(dir, [year]));
    },
  );
};

function viewOf(year: number, files: readonly LoadedCalendarFile[]): z.infer<typeof yearView> {
  const entries = files
    .flatMap((file) => file.entries)
    .sort((a, b) => a.date.localeCompare(b.date) || a.region.localeCompare(b.region));
  return {
    year,
    sources: files.map((file) => ({
      file: file.path.split(/[\\/]/).pop() ?? file.path,
      region: file.region,
      note: file.note ?? null,
      applies: DEFAULT_REGIONS.includes(file.region),
    })),
    daysOff: entries.filter((entry) => entry.kind === 'holiday'),
    workingWeekends: entries.filter((entry) => entry.kind === 'workday'),
  };
}
