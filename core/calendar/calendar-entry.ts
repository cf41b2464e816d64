/**
 * One day of a production calendar, as the data files hold it and as a table row would:
 * `holiday` is a non-working day (a holiday or a day off moved onto a weekday), `workday` a
 * Saturday or Sunday made working by a transfer.
 */
export interface CalendarEntry {
  /** The local calendar date, `YYYY-MM-DD`. */
  date: string;
  kind: CalendarEntryKind;
  /** What the day is, in Russian, as the law or decree names it. */
  name: string;
  /** ISO 3166 code of the country or its subdivision: `RU`, `RU-SA` (Sakha, Yakutia). */
  region: string;
}

export type CalendarEntryKind = 'holiday' | 'workday';

export const CALENDAR_ENTRY_KINDS = ['holiday', 'workday'] as const satisfies CalendarEntryKind[];
