import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarFileError, readCalendarFiles } from '../../core/calendar/calendar-files.ts';
import type { ProductionCalendar } from '../../core/calendar/production-calendar.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';

let calendar: ProductionCalendar;
beforeAll(async () => {
  calendar = await loadCityCalendar();
});

/** A local Yakutsk time (UTC+9) as an instant. */
const yakutsk = (local: string) => new Date(`${local}+09:00`);
const due = (from: string, days: number) =>
  calendar.addWorkingDays(yakutsk(from), days).toISOString();
/** The end of a local Yakutsk day, as addWorkingDays returns it. */
const endOf = (day: string) => yakutsk(`${day}T23:59:59.999`).toISOString();

describe('when a deadline is counted in working days', () => {
  it('skips the weekend: filed on Friday evening, one day is due by Monday night', () => {
    expect(due('2026-12-04T21:00', 1)).toBe(endOf('2026-12-07'));
  });

  it('counts eight working days across a plain fortnight', () => {
    expect(due('2026-11-09T10:00', 8)).toBe(endOf('2026-11-19'));
  });

  it('skips the New Year holidays and the transferred 31 December', () => {
    // 30 Dec 2026 (Wed): 31 Dec and 1-10 Jan are off; the eight days run 11-20 Jan.
    expect(due('2026-12-30T12:00', 8)).toBe(endOf('2027-01-20'));
  });

  it('skips the republic’s own holiday on 27 April', () => {
    expect(due('2026-04-24T12:00', 1)).toBe(endOf('2026-04-28'));
  });

  it('reads the date in Yakutsk, not in UTC', () => {
    // 23:30 on Monday in Yakutsk is still Monday there, though it is 14:30 UTC.
    expect(due('2026-12-07T23:30', 1)).toBe(endOf('2026-12-08'));
    // 00:30 on Tuesday in Yakutsk is Monday 15:30 UTC: the count starts from Tuesday.
    expect(due('2026-12-08T00:30', 1)).toBe(endOf('2026-12-09'));
  });

  it('refuses zero, negative and fractional days', () => {
    for (const days of [0, -1, 1.5]) {
      expect(() => calendar.addWorkingDays(new Date(), days)).toThrow(RangeError);
    }
  });

  it('tells working days from days off', () => {
    expect(calendar.isWorkingDay(yakutsk('2026-12-07T12:00'))).toBe(true);
    expect(calendar.isWorkingDay(yakutsk('2026-12-05T12:00'))).toBe(false);
    expect(calendar.isWorkingDay(yakutsk('2026-06-12T12:00'))).toBe(false);
  });
});

describe('when the calendar files are read', () => {
  it('lists no date twice in a region', async () => {
    const entries = await readCalendarFiles();
    const keys = entries.map((entry) => `${entry.region} ${entry.date}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses a malformed file, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ entries: [{ date: '27.04.2026' }] }));
    await expect(readCalendarFiles(dir)).rejects.toThrow(CalendarFileError);
    await expect(readCalendarFiles(dir)).rejects.toThrow(/bad\.json: entries\.0\.date/);
  });
});
