import type { CalendarEntry } from './calendar-entry.ts';

export type { CalendarEntry, CalendarEntryKind } from './calendar-entry.ts';

import { formatIsoDate, isWeekend, parseIsoDate, yearOf } from './civil-date.ts';
import { checkTimeZone, endOfLocalDay, localDayOf, startOfLocalDay } from './time-zone.ts';

/** The city's time zone: deadlines end at local midnight in Yakutsk. */
export const DEFAULT_TIME_ZONE = 'Asia/Yakutsk';

/** The federal calendar and the Republic of Sakha (Yakutia)'s own non-working days. */
export const DEFAULT_REGIONS: readonly string[] = ['RU', 'RU-SA'];

export interface ProductionCalendarOptions {
  /** IANA time zone whose local dates count; default Asia/Yakutsk. */
  timeZone?: string;
  /** Which entries apply, by region; default RU and RU-SA. */
  regions?: readonly string[];
}

/**
 * Working days and deadlines by a production calendar. Every answer is about the local date
 * of an instant in the calendar's time zone; instants returned are UTC `Date`s.
 */
export interface ProductionCalendar {
  readonly timeZone: string;
  readonly regions: readonly string[];
  /** Monday to Friday unless a holiday entry says otherwise; a weekend day by a workday entry. */
  isWorkingDay(date: Date): boolean;
  /**
   * The deadline for something received at `from` with `days` working days: counting starts
   * on the next working day after `from`'s local date, and the deadline is the last
   * millisecond of the `days`-th working day, local time. Friday evening plus 1 is the end of
   * Monday. `days` is a whole number of at least 1; anything else is a RangeError.
   */
  addWorkingDays(from: Date, days: number): Date;
  /**
   * Working days after `from`'s local date up to and including `to`'s, so that
   * `workingDaysBetween(from, addWorkingDays(from, n)) === n`. Negative when `to` is earlier:
   * `workingDaysBetween(a, b) === -workingDaysBetween(b, a)`; 0 on the same local date.
   */
  workingDaysBetween(from: Date, to: Date): number;
  /** The start (local midnight) of the last working day before `date`'s local date. */
  previousWorkingDay(date: Date): Date;
  /** The first instant of `date`'s local date. */
  startOfDay(date: Date): Date;
  /** The last millisecond of `date`'s local date. */
  endOfDay(date: Date): Date;
  /** Whether the calendar holds any entry for the local year of `date` (see the LIMITATION). */
  covers(date: Date): boolean;
}

/**
 * Builds a production calendar from entries (the seed files, or later the database's rows).
 * Where one applicable region has a holiday and another a workday on the same date, the
 * holiday wins: a regional holiday on a federally working Saturday is still a day off.
 */
export function createProductionCalendar(
  entries: readonly CalendarEntry[],
  options: ProductionCalendarOptions = {},
): ProductionCalendar {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const regions = [...(options.regions ?? DEFAULT_REGIONS)];
  checkTimeZone(timeZone);
  const { holidays, workdays, years } = indexEntries(entries, new Set(regions));

  // LIMITATION: outside the years the entries cover, only weekends are days off, so a
  // deadline there ignores holidays; `covers` lets a caller warn, and adding next year's
  // files (seed/calendar) lifts it.
  const isWorking = (day: number): boolean =>
    !holidays.has(day) && (workdays.has(day) || !isWeekend(day));
  const localDay = (date: Date): number => localDayOf(instantOf(date), timeZone);

  return {
    timeZone,
    regions,
    isWorkingDay: (date) => isWorking(localDay(date)),
    addWorkingDays(from, days) {
      checkDayCount(days);
      let day = localDay(from);
      for (let counted = 0; counted < days; ) {
        day += 1;
        if (isWorking(day)) counted += 1;
      }
      return new Date(endOfLocalDay(day, timeZone));
    },
    workingDaysBetween(from, to) {
      const start = localDay(from);
      const end = localDay(to);
      const sign = end < start ? -1 : 1;
      let count = 0;
      for (let day = Math.min(start, end) + 1; day <= Math.max(start, end); day += 1) {
        if (isWorking(day)) count += 1;
      }
      return sign * count;
    },
    previousWorkingDay(date) {
      let day = localDay(date) - 1;
      while (!isWorking(day)) day -= 1;
      return new Date(startOfLocalDay(day, timeZone));
    },
    startOfDay: (date) => new Date(startOfLocalDay(localDay(date), timeZone)),
    endOfDay: (date) => new Date(endOfLocalDay(localDay(date), timeZone)),
    covers: (date) => years.has(yearOf(localDay(date))),
  };
}

function indexEntries(entries: readonly CalendarEntry[], regions: ReadonlySet<string>) {
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  const years = new Set<number>();
  for (const entry of entries) {
    if (!regions.has(entry.region)) continue;
    const day = parseIsoDate(entry.date);
    if (day === undefined) {
      throw new RangeError(`Calendar entry "${entry.name}" has no real date: "${entry.date}"`);
    }
    (entry.kind === 'holiday' ? holidays : workdays).add(day);
    years.add(yearOf(day));
  }
  return { holidays, workdays, years };
}

function instantOf(date: Date): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid Date given to the production calendar');
  return instant;
}

function checkDayCount(days: number): void {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new RangeError(`A deadline needs a whole number of working days, at least 1: ${days}`);
  }
}

/** `YYYY-MM-DD` of an instant's local date, for messages and logs. */
export function localIsoDate(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatIsoDate(localDayOf(instantOf(date), timeZone));
}
