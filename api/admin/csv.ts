/** A value of a CSV cell: text, a number, a time, or nothing. */
export type CsvValue = string | number | Date | null;

/** Spreadsheets run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV line (RFC 4180: CRLF ends it; a cell with a comma, a quote or a line break is
 * quoted, its quotes doubled). Text that a spreadsheet would run as a formula gets a leading
 * apostrophe; numbers and times we write ourselves are left as they are.
 */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Excel reads a CSV file as UTF-8 (Cyrillic intact) only when it starts with this mark. */
export const UTF8_BOM = '\uFEFF';
