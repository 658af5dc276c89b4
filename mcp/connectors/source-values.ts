/**
 * One shape for values whatever the source, so a PACS tool gives the same answer on the SQLite
 * demo, PostgreSQL and SQL Server:
 *  - dates are text `YYYY-MM-DD`; timestamps without zone `YYYY-MM-DDTHH:MM:SS[.fff]` (how the
 *    demo stores them); timestamps with a zone full ISO 8601 in UTC;
 *  - exact numbers (NUMERIC, DECIMAL, BIGINT) are JSON numbers when a double holds them exactly
 *    as written, and text otherwise, so no digit is ever silently lost.
 */

/** Significant digits a double always reproduces exactly when printed back. */
const SAFE_SIGNIFICANT_DIGITS = 15;

/** A NUMERIC / DECIMAL / BIGINT as the database wrote it ("1234.5000", "-0.10", "9007199254740993"). */
export function exactNumberFromText(text: string): number | string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text; // NaN, Infinity, exponent forms: keep the text
  const integerDigits = match[2].replace(/^0+/, '');
  const fractionDigits = (match[3] ?? '').replace(/0+$/, '');
  const significant = (integerDigits + fractionDigits).replace(/^0+/, '').length;
  if (significant > SAFE_SIGNIFICANT_DIGITS) return text;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

/** PostgreSQL `timestamp` text ("2024-05-01 13:45:00" or with ".123456") → "2024-05-01T13:45:00". */
export function timestampFromPostgresText(text: string): string {
  return text.length >= 19 && text[10] === ' ' ? `${text.slice(0, 10)}T${text.slice(11)}` : text;
}

/** A driver's Date for a DATE column (midnight UTC) → "YYYY-MM-DD". */
export function dateOnlyText(value: Date): string {
  return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
}

/** A driver's Date for a zone-less DATETIME read as UTC → "YYYY-MM-DDTHH:MM:SS", plus ".fff" when not whole seconds. */
export function localDateTimeText(value: Date): string {
  if (Number.isNaN(value.getTime())) return String(value);
  const iso = value.toISOString();
  return value.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}
