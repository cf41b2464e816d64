import type { Translate } from '../i18n/index.ts';
import { mapLink } from '../staff/report-card.ts';
import { CITY_TIME_ZONE } from '../text/dates.ts';

/** What the texts about an event need of it. */
export interface EventFacts {
  title: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  startsAt: Date;
  endsAt: Date;
}

const day = new Intl.DateTimeFormat('ru-RU', {
  timeZone: CITY_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('ru-RU', {
  timeZone: CITY_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "12.12.2026, 10:00–14:00" in the city's time; an event over midnight names both days. */
export function formatWhen(event: { startsAt: Date; endsAt: Date }): string {
  const startDay = day.format(event.startsAt);
  const endDay = day.format(event.endsAt);
  const start = time.format(event.startsAt);
  const end = time.format(event.endsAt);
  if (startDay === endDay) return `${startDay}, ${start}–${end}`;
  return `${startDay}, ${start} – ${endDay}, ${end}`;
}

/** "12.12, 10:00": short enough for a button. */
export function formatShortStart(startsAt: Date): string {
  return `${day.format(startsAt).slice(0, 5)}, ${time.format(startsAt)}`;
}

/** The place in words, and a map link on the next line when the event has a location. */
export function placeText(t: Translate, event: EventFacts): string {
  const map = mapLink(event);
  const where = event.address ?? (map ? t('volunteer-place-on-map') : t('volunteer-place-unknown'));
  return map ? `${where}\n${t('volunteer-map', { url: map })}` : where;
}

/** When and where, as two labelled lines (and the map link). */
export function whenAndWhere(t: Translate, event: EventFacts): string {
  return [
    t('volunteer-when', { when: formatWhen(event) }),
    t('volunteer-where', { place: placeText(t, event) }),
  ].join('\n');
}

/** Seats free, or that there are none. */
export function seatsText(t: Translate, event: { seats: number; seatsLeft: number }): string {
  if (event.seatsLeft <= 0) return t('volunteer-full');
  return t('volunteer-seats', { left: event.seatsLeft, seats: event.seats });
}

export function skillsText(t: Translate, skills: string[]): string | undefined {
  return skills.length > 0 ? t('volunteer-skills', { skills: skills.join(', ') }) : undefined;
}
