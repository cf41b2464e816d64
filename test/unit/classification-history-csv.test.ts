import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, parseCsvWithHeader } from '../../core/classification/history/csv.ts';
import { readHistoryCsv } from '../../core/classification/history/train-from-history.ts';

describe('when a CSV field is quoted', () => {
  it('keeps commas, doubled quotes and line breaks inside it', () => {
    const text = 'id,text\n1,"Яма, большая"\n2,"Он сказал ""срочно"""\n3,"первая строка\nвторая"\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'Яма, большая'],
      ['2', 'Он сказал "срочно"'],
      ['3', 'первая строка\nвторая'],
    ]);
  });

  it('reads CRLF line breaks, inside quotes and between records', () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
    ]);
  });

  it('keeps an empty quoted field and a quote inside an unquoted one', () => {
    expect(parseCsv('a,,b\nc,"",\n5 "дюймов",x')).toEqual([
      ['a', '', 'b'],
      ['c', '', ''],
      ['5 "дюймов"', 'x'],
    ]);
  });

  it('fails when the text ends inside a quoted field', () => {
    expect(() => parseCsv('a\n"не закрыто')).toThrow(/inside a quoted field/);
  });
});

describe('when a CSV has a header', () => {
  it('keys each record by column, skipping a byte-order mark and filling short records', () => {
    expect(parseCsvWithHeader('\uFEFFa,b,c\n1,"2"\n')).toEqual([{ a: '1', b: '2', c: '' }]);
  });

  it('gives no records for an empty text', () => {
    expect(parseCsvWithHeader('')).toEqual([]);
  });
});

describe('when a history file lacks a column the mapping reads', () => {
  const folder = mkdtempSync(join(tmpdir(), 'history-csv-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('names the missing column and the ones there are', () => {
    const path = join(folder, 'history.csv');
    writeFileSync(path, 'description,type\nЯма,Дороги\n');
    expect(() => readHistoryCsv(path, { text: 'text', category: 'type' })).toThrow(
      /no column "text"; its columns are description, type/,
    );
  });

  it('reads the rows when the columns are there', () => {
    const path = join(folder, 'good.csv');
    writeFileSync(path, 'text,type\n"Яма, глубокая",Дороги\n');
    expect(readHistoryCsv(path, { text: 'text', category: 'type' })).toEqual([
      { text: 'Яма, глубокая', type: 'Дороги' },
    ]);
  });
});
