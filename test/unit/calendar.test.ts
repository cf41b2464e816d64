import { beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarFiles } from '../../core/calendar/load-calendar-files.ts';
import {
  type CalendarEntry,
  createProductionCalendar,
  type ProductionCalendar,
} from '../../core/calendar/production-calendar.ts';

// The shipped calendar (seed/calendar) for 2026, settled by decree, and the New Year holidays
// of 2027, fixed by the Labour Code.
let entries: CalendarEntry[];
let calendar: ProductionCalendar;
beforeAll(async () => {
  entries = await loadCalendarFiles(undefined, { years: [2026, 2027] });
  calendar = createProductionCalendar(entries);
});

/** A wall-clock time in Yakutsk (UTC+9 all year) as an instant. */
const yakutsk = (local: string) => new Date(`${local}+09:00`);
/** The last millisecond of a Yakutsk day, as deadlines end. */
const endOf = (day: string) => yakutsk(`${day}T23:59:59.999`).toISOString();
const due = (from: string, days: number, on = calendar) =>
  on.addWorkingDays(yakutsk(from), days).toISOString();

describe('when a deadline crosses a weekend', () => {
  it('makes a report filed on Friday evening with one working day due at the end of Monday', () => {
    expect(due('2026-12-04T21:00', 1)).toBe(endOf('2026-12-07'));
  });

  it('starts the count on Monday for a report filed on Saturday', () => {
    expect(due('2026-12-05T10:00', 1)).toBe(endOf('2026-12-07'));
  });

  it('counts eight working days over two weekends', () => {
    expect(due('2026-11-09T10:00', 8)).toBe(endOf('2026-11-19'));
  });
});

describe('when a deadline crosses the New Year holidays', () => {
  it('skips 31 December (moved from 4 January) and 1-10 January', () => {
    expect(due('2026-12-30T12:00', 1)).toBe(endOf('2027-01-11'));
    expect(due('2026-12-30T12:00', 8)).toBe(endOf('2027-01-20'));
  });

  it('skips Friday 9 January 2026, the day off moved from 3 January', () => {
    expect(due('2026-01-08T12:00', 1)).toBe(endOf('2026-01-12'));
  });
});

describe('when a holiday falls on a weekend', () => {
  it('takes the next Monday off instead (8 March 2026 is a Sunday)', () => {
    expect(due('2026-03-06T12:00', 1)).toBe(endOf('2026-03-10'));
    expect(calendar.isWorkingDay(yakutsk('2026-03-09T12:00'))).toBe(false);
  });
});

describe('when the republic has a day off of its own', () => {
  it('skips 27 April, Day of the Republic', () => {
    expect(due('2026-04-24T12:00', 1)).toBe(endOf('2026-04-28'));
  });

  it('counts 27 April as working in a calendar of federal days only', () => {
    const federal = createProductionCalendar(entries, { regions: ['RU'] });
    expect(due('2026-04-24T12:00', 1, federal)).toBe(endOf('2026-04-27'));
  });
});

describe('when a decree makes a Saturday working', () => {
  const transfer: CalendarEntry[] = [
    { date: '2026-11-07', kind: 'workday', name: 'Рабочая суббота', region: 'RU' },
    { date: '2026-11-06', kind: 'holiday', name: 'Перенос с субботы 7 ноября', region: 'RU' },
  ];

  it('counts that Saturday and skips the Friday it freed', () => {
    const withTransfer = createProductionCalendar(transfer);
    expect(due('2026-11-05T18:00', 1, withTransfer)).toBe(endOf('2026-11-07'));
    expect(due('2026-11-05T18:00', 2, withTransfer)).toBe(endOf('2026-11-09'));
  });

  it('still rests on that Saturday when the republic has a holiday there', () => {
    const regional: CalendarEntry = {
      date: '2026-11-07',
      kind: 'holiday',
      name: 'Региональный праздник',
      region: 'RU-SA',
    };
    const both = createProductionCalendar([...transfer, regional]);
    expect(both.isWorkingDay(yakutsk('2026-11-07T12:00'))).toBe(false);
  });
});

describe('when a report arrives late in the Yakutsk evening', () => {
  it('counts from the Yakutsk date, though UTC is still on the same day', () => {
    // 23:30 on Monday in Yakutsk is 14:30 UTC on Monday.
    expect(yakutsk('2026-12-07T23:30').toISOString()).toBe('2026-12-07T14:30:00.000Z');
    expect(due('2026-12-07T23:30', 1)).toBe('2026-12-08T14:59:59.999Z');
  });

  it('counts from Tuesday once midnight has passed in Yakutsk, though UTC is on Monday', () => {
    // 00:30 on Tuesday in Yakutsk is 15:30 UTC on Monday.
    expect(yakutsk('2026-12-08T00:30').toISOString()).toBe('2026-12-07T15:30:00.000Z');
    expect(due('2026-12-08T00:30', 1)).toBe('2026-12-09T14:59:59.999Z');
  });

  it('reads Friday 23:30 in Yakutsk as Friday, so the deadline is Monday', () => {
    expect(due('2026-12-11T23:30', 1)).toBe(endOf('2026-12-14'));
  });
});

describe('when the number of working days is not a whole number above zero', () => {
  it('refuses it with a RangeError', () => {
    for (const days of [0, -1, -8, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => calendar.addWorkingDays(yakutsk('2026-12-07T12:00'), days)).toThrow(RangeError);
    }
  });

  it('refuses an invalid date with a RangeError', () => {
    expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('when working days between two instants are counted', () => {
  const froms = ['2026-12-04T21:00', '2026-12-30T12:00', '2026-04-24T08:00', '2026-12-07T23:30'];

  it('gives back the days a deadline was given', () => {
    for (const from of froms) {
      for (const days of [1, 2, 5, 8, 20]) {
        const deadline = calendar.addWorkingDays(yakutsk(from), days);
        expect(calendar.workingDaysBetween(yakutsk(from), deadline)).toBe(days);
      }
    }
  });

  it('counts backwards as the negative of forwards', () => {
    const pairs = [
      ['2026-12-04T21:00', '2026-12-07T09:00'],
      ['2026-12-30T12:00', '2027-01-20T18:00'],
      ['2026-04-24T08:00', '2026-05-12T08:00'],
    ] as const;
    for (const [a, b] of pairs) {
      const forwards = calendar.workingDaysBetween(yakutsk(a), yakutsk(b));
      expect(forwards).toBeGreaterThan(0);
      expect(calendar.workingDaysBetween(yakutsk(b), yakutsk(a))).toBe(-forwards);
    }
  });

  it('counts none within one Yakutsk day, even across midnight UTC', () => {
    // 08:00 and 10:00 in Yakutsk on 7 December are 23:00 on the 6th and 01:00 on the 7th UTC.
    expect(
      calendar.workingDaysBetween(yakutsk('2026-12-07T08:00'), yakutsk('2026-12-07T10:00')),
    ).toBe(0);
  });

  it('counts none from Friday to Sunday and one from Friday to Monday', () => {
    const friday = yakutsk('2026-12-04T12:00');
    expect(calendar.workingDaysBetween(friday, yakutsk('2026-12-06T12:00'))).toBe(0);
    expect(calendar.workingDaysBetween(friday, yakutsk('2026-12-07T00:00'))).toBe(1);
  });
});

describe('when the working day before a date is asked for', () => {
  it('goes back over the weekend and a holiday to the start of that day', () => {
    // Tuesday 10 March 2026: Monday 9 March is off (8 March fell on a Sunday).
    const previous = calendar.previousWorkingDay(yakutsk('2026-03-10T12:00'));
    expect(previous.toISOString()).toBe(yakutsk('2026-03-06T00:00').toISOString());
  });

  it('finds the day to remind an office before its deadline', () => {
    const deadline = calendar.addWorkingDays(yakutsk('2026-12-30T12:00'), 1);
    const reminder = calendar.previousWorkingDay(deadline);
    expect(reminder.toISOString()).toBe(yakutsk('2026-12-30T00:00').toISOString());
  });
});

describe('when the calendar is asked about a single day', () => {
  it('tells working days from days off', () => {
    expect(calendar.isWorkingDay(yakutsk('2026-12-07T12:00'))).toBe(true);
    expect(calendar.isWorkingDay(yakutsk('2026-12-05T12:00'))).toBe(false);
    expect(calendar.isWorkingDay(yakutsk('2026-06-12T12:00'))).toBe(false);
    expect(calendar.isWorkingDay(yakutsk('2026-12-31T12:00'))).toBe(false);
  });

  it('gives the edges of the Yakutsk day', () => {
    const noon = yakutsk('2026-12-07T12:00');
    expect(calendar.startOfDay(noon).toISOString()).toBe('2026-12-06T15:00:00.000Z');
    expect(calendar.endOfDay(noon).toISOString()).toBe('2026-12-07T14:59:59.999Z');
  });

  it('says which years its data covers', () => {
    expect(calendar.covers(yakutsk('2027-06-01T12:00'))).toBe(true);
    expect(calendar.covers(yakutsk('2028-01-10T12:00'))).toBe(false);
  });
});

describe('when the calendar is built', () => {
  it('refuses a time zone the runtime does not know', () => {
    expect(() => createProductionCalendar([], { timeZone: 'Asia/Nowhere' })).toThrow(RangeError);
  });

  it('refuses an entry whose date is no real date', () => {
    const bad: CalendarEntry = { date: '2026-02-30', kind: 'holiday', name: 'x', region: 'RU' };
    expect(() => createProductionCalendar([bad])).toThrow(/2026-02-30/);
  });

  it('ignores entries of regions it was not asked for', () => {
    const elsewhere: CalendarEntry = {
      date: '2026-12-07',
      kind: 'holiday',
      name: 'Праздник другого региона',
      region: 'RU-TA',
    };
    const city = createProductionCalendar([elsewhere]);
    expect(city.isWorkingDay(yakutsk('2026-12-07T12:00'))).toBe(true);
  });
});
