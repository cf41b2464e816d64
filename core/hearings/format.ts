import { CITY_TIME_ZONE } from '../text/dates.ts';

const cityMoment = new Intl.DateTimeFormat('ru-RU', {
  timeZone: CITY_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment as "15.12.2026 18:00" on Yakutsk's clock: a comment period ends at an hour, and
 * residents read it in their own time whatever the server's zone.
 */
export function formatCityMoment(date: Date): string {
  return cityMoment.format(date).replace(',', '');
}
