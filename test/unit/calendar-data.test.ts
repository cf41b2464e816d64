import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CalendarDataError,
  DEFAULT_CALENDAR_DIR,
  loadCalendarFiles,
  readCalendarDirectory,
} from '../../core/calendar/load-calendar-files.ts';
import { createProductionCalendar } from '../../core/calendar/production-calendar.ts';

describe('when the shipped calendar files are read', () => {
  it('validates every file, each with a note on how complete it is', async () => {
    const files = await readCalendarDirectory(DEFAULT_CALENDAR_DIR);
    const found = files.map((file) => `${file.region} ${file.year}`).sort();
    expect(found).toEqual(['RU 2026', 'RU 2027', 'RU-SA 2026', 'RU-SA 2027']);
    for (const file of files) expect(file.note).toBeTruthy();
  });

  it('lists no date twice, in one file or across them', async () => {
    const entries = await loadCalendarFiles(DEFAULT_CALENDAR_DIR);
    const dates = entries.map((entry) => entry.date);
    expect(dates.filter((date, index) => dates.indexOf(date) !== index)).toEqual([]);
  });

  it('gives rows of date, kind, name and region only', async () => {
    const entries = await loadCalendarFiles(DEFAULT_CALENDAR_DIR, { years: [2026] });
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['date', 'kind', 'name', 'region']);
    }
  });

  it('gives 2026 the 247 working days of the published federal calendar', async () => {
    const entries = await loadCalendarFiles(DEFAULT_CALENDAR_DIR, { years: [2026] });
    const federal = createProductionCalendar(entries, { regions: ['RU'] });
    const lastOf2025 = new Date('2025-12-31T12:00:00+09:00');
    const lastOf2026 = new Date('2026-12-31T12:00:00+09:00');
    expect(federal.workingDaysBetween(lastOf2025, lastOf2026)).toBe(247);

    // Yakutia adds Monday 27 April and Monday 22 June (Ysyakh, moved from a Sunday).
    const city = createProductionCalendar(entries);
    expect(city.workingDaysBetween(lastOf2025, lastOf2026)).toBe(245);
  });
});

/** A directory holding the given files, each written as JSON. */
function calendarDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
  for (const [name, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const holiday = (date: string, region = 'RU') => ({ date, kind: 'holiday', name: 'x', region });
const ruFile = (entries: unknown[], extra: Record<string, unknown> = {}) => ({
  region: 'RU',
  year: 2026,
  entries,
  ...extra,
});
const load = (dir: string) => loadCalendarFiles(dir, { years: [2026], regions: ['RU'] });

describe('when a calendar file is wrong', () => {
  it('names the file and the entry of a date that does not exist', async () => {
    const dir = calendarDir({
      'ru-2026.json': ruFile([holiday('2026-01-01'), holiday('2026-02-30')]),
    });
    await expect(load(dir)).rejects.toThrow(CalendarDataError);
    await expect(load(dir)).rejects.toThrow(
      /ru-2026\.json: entry 2 \(date "2026-02-30"\): date: expected a real date/,
    );
  });

  it('refuses a date listed twice', async () => {
    const dir = calendarDir({
      'ru-2026.json': ruFile([holiday('2026-05-01'), holiday('2026-05-01')]),
    });
    await expect(load(dir)).rejects.toThrow(/entry 2 \(date "2026-05-01"\): date: listed twice/);
  });

  it('refuses a working day on a weekday', async () => {
    const entry = { ...holiday('2026-05-04'), kind: 'workday' };
    const dir = calendarDir({ 'ru-2026.json': ruFile([entry]) });
    await expect(load(dir)).rejects.toThrow(/entry 1 \(date "2026-05-04"\): kind: .*Saturday/);
  });

  it('refuses an entry of another region or another year', async () => {
    const region = calendarDir({ 'ru-2026.json': ruFile([holiday('2026-04-27', 'RU-SA')]) });
    await expect(load(region)).rejects.toThrow(/entry 1 \(date "2026-04-27"\): region: /);
    const year = calendarDir({ 'ru-2026.json': ruFile([holiday('2027-01-01')]) });
    await expect(load(year)).rejects.toThrow(/entry 1 \(date "2027-01-01"\): date: not in 2026/);
  });

  it('refuses a field it does not know, or a kind it does not know', async () => {
    const unknownField = calendarDir({
      'ru-2026.json': ruFile([{ ...holiday('2026-06-12'), confirm: true }]),
    });
    await expect(load(unknownField)).rejects.toThrow(/entry 1 \(date "2026-06-12"\): /);
    const unknownKind = calendarDir({
      'ru-2026.json': ruFile([{ ...holiday('2026-06-12'), kind: 'shortday' }]),
    });
    await expect(load(unknownKind)).rejects.toThrow(/entry 1 \(date "2026-06-12"\): kind: /);
  });

  it('refuses a file that is not JSON, naming it', async () => {
    const dir = calendarDir({ 'ru-2026.json': '{ "region": "RU", ' });
    await expect(load(dir)).rejects.toThrow(/ru-2026\.json: cannot read it as JSON/);
  });

  it('refuses a file named without its year, or with another year inside', async () => {
    const misnamed = calendarDir({ 'holidays.json': ruFile([]) });
    await expect(load(misnamed)).rejects.toThrow(/holidays\.json: .*<region>-<year>\.json/);
    const mismatched = calendarDir({ 'ru-2027.json': ruFile([]) });
    await expect(loadCalendarFiles(mismatched)).rejects.toThrow(/ru-2027\.json: the file name/);
  });

  it('refuses two files for the same region and year', async () => {
    const dir = calendarDir({ 'ru-2026.json': ruFile([]), 'russia-2026.json': ruFile([]) });
    await expect(load(dir)).rejects.toThrow(/RU 2026 is already given by .*ru-2026\.json/);
  });

  it('refuses a year asked for that a region has no file for', async () => {
    const dir = calendarDir({ 'ru-2026.json': ruFile([]) });
    await expect(loadCalendarFiles(dir, { years: [2026] })).rejects.toThrow(
      /no calendar file for region RU-SA, year 2026/,
    );
  });

  it('leaves out the files of regions not asked for, once they validate', async () => {
    const dir = calendarDir({
      'ru-2026.json': ruFile([holiday('2026-01-01')]),
      'sakha-2026.json': { region: 'RU-SA', year: 2026, entries: [holiday('2026-04-27', 'RU-SA')] },
    });
    const entries = await load(dir);
    expect(entries.map((entry) => entry.date)).toEqual(['2026-01-01']);
  });
});
