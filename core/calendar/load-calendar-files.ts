import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CalendarEntry } from './calendar-entry.ts';
import { type CalendarFile, calendarFileSchema } from './calendar-file-schema.ts';
import { DEFAULT_REGIONS } from './production-calendar.ts';

/** The repository's seed/calendar/ directory: Russia's and Yakutia's non-working days. */
export const DEFAULT_CALENDAR_DIR = fileURLToPath(new URL('../../seed/calendar/', import.meta.url));

/** Calendar files are named `<anything>-<year>.json`; the region is read from the file. */
const CALENDAR_FILE_NAME = /^[a-z0-9][a-z0-9-]*-(\d{4})\.json$/;

/** Raised when a calendar file is missing, unreadable or invalid; the message names it. */
export class CalendarDataError extends Error {
  override name = 'CalendarDataError';
  readonly code = 'invalid_calendar';
}

export interface LoadCalendarOptions {
  /** Given: each region must have a file for each of these years. Omitted: every file there. */
  years?: readonly number[];
  /** Default RU and RU-SA; files of other regions are validated, then left out. */
  regions?: readonly string[];
}

/** A validated file and where it came from. */
export interface LoadedCalendarFile extends CalendarFile {
  path: string;
}

/**
 * Reads and validates the calendar files of a directory and returns the entries of the given
 * years and regions, ready for `createProductionCalendar` (or for rows of a table). A year
 * asked for but missing for a region fails: a silent gap would move deadlines.
 */
export async function loadCalendarFiles(
  dir: string = DEFAULT_CALENDAR_DIR,
  options: LoadCalendarOptions = {},
): Promise<CalendarEntry[]> {
  const regions = options.regions ?? DEFAULT_REGIONS;
  const files = (await readCalendarDirectory(dir, options.years)).filter((file) =>
    regions.includes(file.region),
  );
  if (options.years) checkCoverage(dir, files, options.years, regions);
  return files.flatMap((file) =>
    file.entries.map(({ date, kind, name, region }) => ({ date, kind, name, region })),
  );
}

/**
 * Every calendar file of the directory (of the given years, if any), validated, with its note
 * and the entries' `verify` remarks. Any `.json` there must be named `<name>-<year>.json`.
 */
export async function readCalendarDirectory(
  dir: string,
  years?: readonly number[],
): Promise<LoadedCalendarFile[]> {
  const names = (await listDirectory(dir)).filter((name) => name.endsWith('.json')).sort();
  const files: LoadedCalendarFile[] = [];
  for (const name of names) {
    const year = CALENDAR_FILE_NAME.exec(name)?.[1];
    if (year === undefined) {
      throw new CalendarDataError(
        `${join(dir, name)}: a calendar file is named <region>-<year>.json, like ru-2026.json`,
      );
    }
    if (years === undefined || years.includes(Number(year))) {
      files.push(await readCalendarFile(join(dir, name)));
    }
  }
  checkNoRepeatedRegionYear(files);
  return files;
}

/** One calendar file, validated; a problem names the file and the entry. */
export async function readCalendarFile(path: string): Promise<LoadedCalendarFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CalendarDataError(`${path}: cannot read it as JSON: ${reason}`, { cause: error });
  }

  const result = calendarFileSchema.safeParse(raw);
  if (result.success) {
    const year = CALENDAR_FILE_NAME.exec(path.split(/[\\/]/).pop() ?? '')?.[1];
    if (year !== undefined && Number(year) !== result.data.year) {
      throw new CalendarDataError(
        `${path}: the file name says ${year}, its "year" says ${result.data.year}`,
      );
    }
    return { ...result.data, path };
  }
  const issue = result.error.issues[0];
  const where = describeEntry(raw, issue?.path ?? []);
  throw new CalendarDataError(`${path}: ${where}${issue?.message ?? 'invalid'}`, {
    cause: result.error,
  });
}

async function listDirectory(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CalendarDataError(`${dir}: cannot list the calendar directory: ${reason}`, {
      cause: error,
    });
  }
}

/** `entry 3 (date "2026-02-30"): date: ` for an issue path like ['entries', 2, 'date']. */
function describeEntry(raw: unknown, path: readonly PropertyKey[]): string {
  const [first, index, ...rest] = path.map((key) => (typeof key === 'number' ? key : String(key)));
  if (first !== 'entries' || typeof index !== 'number') {
    return path.length > 0 ? `${path.map(String).join('.')}: ` : '';
  }
  const entries = (raw as { entries?: unknown[] }).entries;
  const date = (entries?.[index] as { date?: unknown } | undefined)?.date;
  const named = typeof date === 'string' ? ` (date "${date}")` : '';
  return `entry ${index + 1}${named}: ${rest.length > 0 ? `${rest.join('.')}: ` : ''}`;
}

function checkNoRepeatedRegionYear(files: readonly LoadedCalendarFile[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = `${file.region}/${file.year}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new CalendarDataError(
        `${file.path}: ${file.region} ${file.year} is already given by ${earlier}`,
      );
    }
    seen.set(key, file.path);
  }
}

function checkCoverage(
  dir: string,
  files: readonly LoadedCalendarFile[],
  years: readonly number[],
  regions: readonly string[],
): void {
  for (const year of years) {
    for (const region of regions) {
      if (!files.some((file) => file.year === year && file.region === region)) {
        throw new CalendarDataError(`${dir}: no calendar file for region ${region}, year ${year}`);
      }
    }
  }
}
