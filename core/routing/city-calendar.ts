import { loadCalendarFiles } from '../calendar/load-calendar-files.ts';
import {
  createProductionCalendar,
  type ProductionCalendar,
} from '../calendar/production-calendar.ts';
import { CITY_TIME_ZONE } from '../text/dates.ts';

/**
 * The city's production calendar: federal and the republic's days off, read in the city's
 * time zone from the files in seed/calendar (a city edits them; no code changes).
 */
export async function loadCityCalendar(dir?: string): Promise<ProductionCalendar> {
  return createProductionCalendar(await loadCalendarFiles(dir), { timeZone: CITY_TIME_ZONE });
}
