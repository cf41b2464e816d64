import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CalendarFile } from '../../../core/calendar/calendar-file-schema.ts';
import type { LoadedCalendarFile } from '../../../core/calendar/load-calendar-files.ts';

/**
 * Writing a year's calendar file the way seed/calendar holds them: one entry a line, so a
 * change reads well in a diff, and atomically, so the loader never sees half a file.
 */

/** The file a region's year goes to: the one that holds it already, else `<region>-<year>`. */
export function calendarFileName(
  existing: readonly LoadedCalendarFile[],
  region: string,
  year: number,
): string {
  const current = existing.find((file) => file.region === region && file.year === year);
  if (current) return current.path.split(/[\\/]/).pop() ?? current.path;
  return `${region.toLowerCase()}-${year}.json`;
}

/** Writes beside the target, then renames over it: readers see the old file or the new one. */
export async function writeCalendarFile(
  dir: string,
  fileName: string,
  file: CalendarFile,
): Promise<void> {
  // A leading dot and no .json ending: the loader's directory listing skips it.
  const temporary = join(dir, `.${fileName}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, formatCalendarFile(file), { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, join(dir, fileName));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function formatCalendarFile(file: CalendarFile): string {
  const entries = file.entries.map((entry) => `    ${inline(entry)}`).join(',\n');
  const head = [
    `  "region": ${JSON.stringify(file.region)}`,
    `  "year": ${file.year}`,
    ...(file.note === undefined ? [] : [`  "note": ${JSON.stringify(file.note)}`]),
  ];
  const list = entries ? `[\n${entries}\n  ]` : '[]';
  return `{\n${head.join(',\n')},\n  "entries": ${list}\n}\n`;
}

function inline(entry: object): string {
  const fields = Object.entries(entry).filter(([, value]) => value !== undefined);
  const pairs = fields.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{ ${pairs.join(', ')} }`;
}
