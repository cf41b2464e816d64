import { describe, expect, it } from 'vitest';
import { dayNumberOf } from '../../core/calendar/civil-date.ts';
import { createProductionCalendar } from '../../core/calendar/production-calendar.ts';
import { endOfLocalDay, localDayOf, startOfLocalDay } from '../../core/calendar/time-zone.ts';

const HOUR = 3_600_000;

describe('when local days are found in time zones with clock changes', () => {
  // Yakutsk keeps one offset; the others change clocks, some at midnight (Santiago), by half an
  // hour (Lord Howe) or with an odd offset (Kathmandu).
  const zones = [
    'Asia/Yakutsk',
    'Europe/Berlin',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
  ];
  const firstDay = dayNumberOf(2026, 1, 1);

  it('starts and ends every day of 2026 on the right local date', () => {
    for (const zone of zones) {
      for (let day = firstDay; day < firstDay + 365; day += 1) {
        const start = startOfLocalDay(day, zone);
        const end = endOfLocalDay(day, zone);
        expect([localDayOf(start - 1, zone), localDayOf(start, zone)]).toEqual([day - 1, day]);
        expect([localDayOf(end, zone), localDayOf(end + 1, zone)]).toEqual([day, day + 1]);
      }
    }
  });

  it('gives Berlin a 23-hour day in spring and a 25-hour day in autumn', () => {
    const length = (month: number, date: number) => {
      const day = dayNumberOf(2026, month, date);
      return endOfLocalDay(day, 'Europe/Berlin') + 1 - startOfLocalDay(day, 'Europe/Berlin');
    };
    expect(length(3, 29)).toBe(23 * HOUR);
    expect(length(10, 25)).toBe(25 * HOUR);
    expect(length(6, 1)).toBe(24 * HOUR);
  });

  it('ends a deadline at local midnight after a clock change', () => {
    // Friday 27 March 2026, 20:00 in Berlin (UTC+1); Monday 30 March is on summer time (UTC+2).
    const berlin = createProductionCalendar([], { timeZone: 'Europe/Berlin', regions: [] });
    const deadline = berlin.addWorkingDays(new Date('2026-03-27T19:00:00Z'), 1);
    expect(deadline.toISOString()).toBe('2026-03-30T21:59:59.999Z');
  });
});
