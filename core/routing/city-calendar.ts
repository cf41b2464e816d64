import { readCalendarFiles } from '../calendar/calendar-files.ts';
import {
  createProductionCalendar,
  type ProductionCalendar,
} from '../calendar/production-calendar.ts';
import { CITY_TIME_ZONE } from '../text/dates.ts';

/** The city's production calendar: federal and regional days off, in the city's time zone. */
export async function loadCityCalendar(dir?: string): Promise<ProductionCalendar> {
  return createProductionCalendar(await readCalendarFiles(dir), CITY_TIME_ZONE);
}
