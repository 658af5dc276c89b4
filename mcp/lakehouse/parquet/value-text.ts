import { UserError } from '../../util/user-error.js';
import type { LakeType } from '../lake-types.js';

/**
 * Source values as exact text for DuckDB to cast: every connector hands rows over in its own
 * JavaScript shapes (numbers, bigints, strings, Dates, Buffers), and text is the one form that
 * carries all of them without loss into DuckDB's exact casts (DECIMAL from "123.45", not a float).
 *
 * `zone` says how the source driver turned a date or time without zone into a JavaScript Date:
 * node-postgres and SQLite strings mean local wall-clock time, the SQL Server driver means UTC.
 */
export type DriverDateZone = 'local' | 'utc';

export class ValueConversionError extends UserError {
  constructor(column: string, type: LakeType, value: unknown, why: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
    super('invalid', `Column "${column}" (${type.kind}) has the value ${shown}, which ${why}.`);
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateParts(d: Date, zone: DriverDateZone) {
  return zone === 'utc'
    ? { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
    : { y: d.getFullYear(), m: d.getMonth() + 1, day: d.getDate(), h: d.getHours(), min: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
}

function isoDate(p: { y: number; m: number; day: number }): string {
  const year = p.y < 0 ? `-${pad(-p.y, 4)}` : pad(p.y, 4);
  return `${year}-${pad(p.m)}-${pad(p.day)}`;
}

/** A Date holding a calendar date: pg makes local midnight, tedious UTC midnight. */
function dateFromDate(d: Date, zone: DriverDateZone): string {
  const local = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
  const utc = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  if (local && !utc) return isoDate(dateParts(d, 'local'));
  if (utc && !local) return isoDate(dateParts(d, 'utc'));
  return isoDate(dateParts(d, zone));
}

const ZERO_TIME = /^[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00(?::?00)?)?$/;

function numberText(column: string, type: LakeType, value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if ((type.kind === 'integer' || type.kind === 'bigint') && !Number.isInteger(value)) {
    throw new ValueConversionError(column, type, value, 'is not a whole number although the column is declared as one');
  }
  if (type.kind === 'decimal' && !Number.isFinite(value)) throw new ValueConversionError(column, type, value, 'is not a finite number');
  return String(value);
}

/** The exact text of `value` for a column of `type`, or null for SQL NULL. */
export function valueText(column: string, type: LakeType, value: unknown, zone: DriverDateZone): string | null {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'varchar':
      if (typeof value === 'string') return value;
      if (value instanceof Date) return value.toISOString();
      if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
      if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      return String(value);
    case 'integer':
    case 'bigint':
    case 'double':
    case 'decimal':
      if (typeof value === 'number') return numberText(column, type, value);
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'string') return value.trim();
      if (typeof value === 'boolean') return value ? '1' : '0';
      throw new ValueConversionError(column, type, value, 'is not a number');
    case 'boolean':
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0 ? 'true' : 'false';
      if (typeof value === 'string') return value.trim();
      throw new ValueConversionError(column, type, value, 'is not true or false');
    case 'date':
      if (value instanceof Date) return dateFromDate(value, zone);
      if (typeof value === 'string') {
        const trimmed = value.trim();
        const date = /^-?\d{4,}-\d{2}-\d{2}/.exec(trimmed)?.[0];
        if (date && (trimmed.length === date.length || ZERO_TIME.test(trimmed.slice(date.length)))) return date;
        return trimmed;
      }
      throw new ValueConversionError(column, type, value, 'is not a date');
    case 'timestamp': {
      if (value instanceof Date) {
        const p = dateParts(value, zone);
        return `${isoDate(p)} ${pad(p.h)}:${pad(p.min)}:${pad(p.s)}.${pad(p.ms, 3)}`;
      }
      if (typeof value === 'string') return value.trim();
      throw new ValueConversionError(column, type, value, 'is not a date and time');
    }
    case 'timestamptz':
      if (value instanceof Date) return value.toISOString();
      if (typeof value === 'string') return value.trim();
      throw new ValueConversionError(column, type, value, 'is not a date and time');
    case 'time':
      if (typeof value === 'string') return value.trim();
      if (value instanceof Date) {
        const p = dateParts(value, zone);
        return `${pad(p.h)}:${pad(p.min)}:${pad(p.s)}.${pad(p.ms, 3)}`;
      }
      throw new ValueConversionError(column, type, value, 'is not a time of day');
    case 'blob':
      if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('hex');
      if (typeof value === 'string') return Buffer.from(value, 'utf8').toString('hex');
      throw new ValueConversionError(column, type, value, 'is not binary data');
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
const ISO_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** How the spool marks SQL NULL: an unquoted \N (a text value "\N" is written quoted). */
export const NULL_FIELD = '\\N';
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/** Any text as a CSV field: quoted (with "" for ") when it is empty, the NULL mark, or holds , " or a line break. */
export function csvField(text: string): string {
  return text === '' || text === NULL_FIELD || NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/**
 * The spool field (CSV text) of one column's values. The common shapes (whole numbers, finite
 * doubles, plain strings, ISO dates and times) skip the general dispatch and, where the text
 * cannot hold a delimiter, the quoting check: the spool converts every value of every row, so
 * this is the hot loop of a sync. Anything unusual goes through `valueText` and `csvField`.
 */
export function columnField(column: string, type: LakeType, zone: DriverDateZone): (value: unknown) => string {
  const slow = (value: unknown) => {
    const text = valueText(column, type, value, zone);
    return text === null ? NULL_FIELD : csvField(text);
  };
  switch (type.kind) {
    case 'integer':
    case 'bigint':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : v === null || v === undefined ? NULL_FIELD : slow(v));
    case 'decimal':
    case 'double':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v === null || v === undefined ? NULL_FIELD : slow(v));
    case 'varchar':
      return (v) => (typeof v === 'string' ? csvField(v) : v === null || v === undefined ? NULL_FIELD : slow(v));
    case 'date':
      return (v) => (typeof v === 'string' && ISO_DATE.test(v) ? v : v === null || v === undefined ? NULL_FIELD : slow(v));
    case 'timestamp':
      return (v) => (typeof v === 'string' && ISO_TIMESTAMP.test(v) ? v : v === null || v === undefined ? NULL_FIELD : slow(v));
    case 'timestamptz':
      return (v) => (typeof v === 'string' && ISO_TIMESTAMPTZ.test(v) ? v : v === null || v === undefined ? NULL_FIELD : slow(v));
    default:
      return slow;
  }
}
