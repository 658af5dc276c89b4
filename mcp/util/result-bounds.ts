import type { Row } from '../connectors/connector.js';

/**
 * Bounds on what a read hands back to the model, in bytes as well as rows: one cell of a few
 * hundred megabytes, or many rows of wide text, would otherwise be copied, encoded and written
 * to stdout whole (and three such calls at once take the process down).
 */

/** Characters of one text value kept in a result; the rest is cut, and the cut is said. */
export const MAX_CELL_CHARS = 8_192;
/** Approximate JSON size of the rows of one result. */
export const MAX_RESULT_BYTES = 4 * 1024 * 1024;

export interface BoundedRows {
  rows: Row[];
  /** How many cell values were cut to MAX_CELL_CHARS. */
  cutCells: number;
  /** True when rows were left out to stay within MAX_RESULT_BYTES. */
  cutRows: boolean;
}

function boundValue(value: unknown): { value: unknown; cut: boolean } {
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
    return { value: `${value.slice(0, MAX_CELL_CHARS)}… [cut: ${value.length.toLocaleString('en-US')} characters in all]`, cut: true };
  }
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    if (text.length > MAX_CELL_CHARS) return { value: `${text.slice(0, MAX_CELL_CHARS)}… [cut: ${text.length.toLocaleString('en-US')} characters in all]`, cut: true };
  }
  return { value, cut: false };
}

/** JSON-safe rows (see json-safe.ts) cut to the bounds above. */
export function boundRows(rows: readonly Row[], limits: { maxBytes?: number } = {}): BoundedRows {
  const maxBytes = limits.maxBytes ?? MAX_RESULT_BYTES;
  const out: Row[] = [];
  let bytes = 2;
  let cutCells = 0;
  for (const row of rows) {
    const bounded: Row = {};
    let rowBytes = 2;
    for (const key of Object.keys(row)) {
      const { value, cut } = boundValue(row[key]);
      if (cut) cutCells += 1;
      bounded[key] = value;
      rowBytes += key.length + 4 + (typeof value === 'string' ? value.length + 2 : JSON.stringify(value ?? null).length);
    }
    if (out.length > 0 && bytes + rowBytes > maxBytes) return { rows: out, cutCells, cutRows: true };
    out.push(bounded);
    bytes += rowBytes + 1;
  }
  return { rows: out, cutCells, cutRows: false };
}

/** The sentence a result carries when it was cut (empty when it was not). */
export function boundsNote(bounded: BoundedRows, maxBytes = MAX_RESULT_BYTES): string {
  const notes: string[] = [];
  if (bounded.cutCells > 0) notes.push(`${bounded.cutCells} long value(s) were cut to ${MAX_CELL_CHARS.toLocaleString('en-US')} characters (select substr(…) or a length instead).`);
  if (bounded.cutRows) notes.push(`Only the first ${bounded.rows.length} rows fit in the ${maxBytes / 1024 ** 2} MB a result may carry: select fewer or narrower columns, or page with a WHERE clause.`);
  return notes.join(' ');
}

/**
 * Characters one tool answer may carry, its text and structured content together: the last
 * bound, for answers no tool-specific cut keeps small (a summary quoting a huge value, a listing
 * of thousands of tables). Well under the 32 MiB a message may be.
 */
export const MAX_ANSWER_CHARS = 16 * 1024 * 1024;

/** About how many characters `value` takes as JSON, counted only until the count passes `limit`. */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && size <= limit) {
    const next = pending.pop();
    if (typeof next === 'string') size += next.length + 2;
    else if (next === null || typeof next !== 'object') size += 8;
    else if (Array.isArray(next)) {
      size += 2 + next.length;
      for (const item of next) pending.push(item);
    } else {
      size += 2;
      for (const [key, item] of Object.entries(next)) {
        size += key.length + 4;
        pending.push(item);
      }
    }
  }
  return size;
}
