import { CITY_TIME_ZONE } from '../text/dates.ts';

/** What decides whether a category's report is an emergency. */
export interface Urgency {
  urgent: boolean;
  /** Months (1-12) it is urgent in; empty: all year. */
  urgentMonths: readonly number[];
}

/**
 * Whether a report of this category is urgent at this moment: heating or water failing in a
 * Yakutsk winter is an emergency, the same in July is not; an unsafe building always is.
 * Months are the city's own, so a failure at 1 a.m. on 1 October local time counts.
 */
export function isUrgentAt(category: Urgency, at: Date): boolean {
  if (!category.urgent) return false;
  if (category.urgentMonths.length === 0) return true;
  const month = Number(
    new Intl.DateTimeFormat('en-US', { timeZone: CITY_TIME_ZONE, month: 'numeric' }).format(at),
  );
  return category.urgentMonths.includes(month);
}
