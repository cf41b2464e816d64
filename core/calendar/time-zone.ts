import { dayNumberOf, MS_PER_DAY } from './civil-date.ts';

/*
 * Local dates and the instants where local days begin, from Intl alone (no time-zone
 * library). The offset of a zone at an instant is read by formatting the instant in the zone
 * and comparing the wall clock with UTC. This is general: it holds for zones with daylight
 * saving time and for historical offset changes, as far as the runtime's ICU data knows them.
 * Asia/Yakutsk itself has been UTC+9 all year since 2014.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError naming the zone when the runtime does not know it. */
export function checkTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The local calendar date (a day number) of an instant in a time zone. */
export function localDayOf(instant: number, timeZone: string): number {
  const wall = wallClockOf(instant, timeZone);
  return Math.floor(wall / MS_PER_DAY);
}

/** The first instant (epoch milliseconds) of a local calendar date in a time zone. */
export function startOfLocalDay(days: number, timeZone: string): number {
  const midnight = days * MS_PER_DAY;
  const first = midnight - offsetAt(midnight, timeZone);
  const second = midnight - offsetAt(first, timeZone);

  // Two guesses settle the offset in use at local midnight. Where a clock change skips
  // midnight, one guess falls on the day before; the day then begins at the change.
  const candidates = [first, second].filter((at) => localDayOf(at, timeZone) === days);
  return candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second);
}

/** The last millisecond of a local calendar date in a time zone. */
export function endOfLocalDay(days: number, timeZone: string): number {
  return startOfLocalDay(days + 1, timeZone) - 1;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  return wallClockOf(instant, timeZone) - instant;
}

/** The zone's wall-clock time at an instant, written as if it were a UTC timestamp. */
function wallClockOf(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  const milliseconds = ((instant % 1000) + 1000) % 1000;
  const wholeDay = dayNumberOf(year, month, day) * MS_PER_DAY;
  return wholeDay + ((hour * 60 + minute) * 60 + second) * 1000 + milliseconds;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
