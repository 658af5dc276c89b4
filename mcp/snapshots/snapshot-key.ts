import { UserError } from '../util/user-error.js';
/**
 * A snapshot row's key: (prop_id, year) and the values of any declared key columns, encoded as
 * `key_extra` text. The encoding is pure ASCII JSON, so SQLite's BINARY collation, JavaScript's
 * `<` and a byte compare all order keys the same way: the merge join of a diff relies on it.
 */
export interface RowKey {
  prop_id: number;
  year: number;
  key_extra: string;
}

export function encodeKeyExtra(values: unknown[]): string {
  if (values.length === 0) return '';
  return JSON.stringify(values.map((v) => (v === undefined ? null : v))).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function decodeKeyExtra(keyExtra: string): unknown[] {
  return keyExtra === '' ? [] : (JSON.parse(keyExtra) as unknown[]);
}

export function compareKeys(a: RowKey, b: RowKey): number {
  if (a.prop_id !== b.prop_id) return a.prop_id < b.prop_id ? -1 : 1;
  if (a.year !== b.year) return a.year < b.year ? -1 : 1;
  if (a.key_extra === b.key_extra) return 0;
  return a.key_extra < b.key_extra ? -1 : 1;
}

/**
 * The canonical text of one stored row, and the unit of a snapshot's sha256 and of a QA
 * package's snapshot section: `[prop_id,year,"key_extra",[values…]]` and a newline.
 */
export function canonicalRowLine(key: RowKey, rowJson: string): string {
  return `[${key.prop_id},${key.year},${JSON.stringify(key.key_extra)},${rowJson}]\n`;
}

/** Whole numbers only: PACS prop_id is INT and years are NUMERIC(4). */
export function integerKey(value: unknown, column: string): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new UserError('invalid', `Every row needs a whole-number ${column}; found ${value === null || value === undefined ? 'an empty one' : JSON.stringify(value)}.`);
  }
  return n;
}
