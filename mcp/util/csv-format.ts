import { spreadsheetCell } from './spreadsheet-safe.js';

/** One CSV field (RFC 4180 quoting), spreadsheet-safe. */
export function csvField(value: unknown): string {
  const cell = spreadsheetCell(value);
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with CRLF, as spreadsheets expect. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
