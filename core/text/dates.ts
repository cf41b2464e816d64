/** The city's time zone: dates residents and officials read are Yakutsk dates. */
export const CITY_TIME_ZONE = 'Asia/Yakutsk';

/** A date as "04.12.2026" in the city's time zone. */
export function formatCityDate(date: Date): string {
  return date.toLocaleDateString('ru-RU', { timeZone: CITY_TIME_ZONE });
}
