import type { FieldChange } from './diff-types.js';

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/** A number, or numeric text (PostgreSQL returns NUMERIC as text), else null. */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value);
  return null;
}

/**
 * Values read from a snapshot row's JSON are the same when their JSON is; a column the row does not
 * have (undefined) counts as null. Identical values skip the serialising.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function tidy(n: number): number {
  return Number(n.toPrecision(15));
}

export function fieldChange(field: string, oldValue: unknown, newValue: unknown): FieldChange {
  const o = numericValue(oldValue);
  const n = numericValue(newValue);
  const delta = o !== null && n !== null ? tidy(n - o) : null;
  const pct = delta !== null && o !== 0 ? Math.round((delta / Math.abs(o!)) * 10_000) / 100 : null;
  return { field, old: oldValue ?? null, new: newValue ?? null, delta, pct_change: pct };
}

/** Field-by-field comparison of two rows with the same columns; key columns are skipped. */
export function compareRows(columns: readonly string[], skip: ReadonlySet<number>, oldRow: readonly unknown[], newRow: readonly unknown[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [i, column] of columns.entries()) {
    if (!skip.has(i) && !sameValue(oldRow[i], newRow[i])) changes.push(fieldChange(column, oldRow[i], newRow[i]));
  }
  return changes;
}
