/**
 * Calendar dates without a time of day, as whole days since 1970-01-01. Counting days as
 * integers keeps the working-day arithmetic free of time zones; only the edges of a day
 * (time-zone.ts) turn them back into instants.
 */

export const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a `YYYY-MM-DD` date, or undefined when it is no real date (2026-02-30). */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const days = dayNumberOf(year, month, day);
  return formatIsoDate(days) === text ? days : undefined;
}

/** The day number of a year, month (1-12) and day of the month. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function formatIsoDate(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 for Sunday to 6 for Saturday, as `Date.getDay` counts. */
export function dayOfWeek(days: number): number {
  return new Date(days * MS_PER_DAY).getUTCDay();
}

export function isWeekend(days: number): boolean {
  const weekday = dayOfWeek(days);
  return weekday === 0 || weekday === 6;
}

export function yearOf(days: number): number {
  return new Date(days * MS_PER_DAY).getUTCFullYear();
}
