import type { ComputedDiff, DiffFilters, DiffRow } from './diff-store.js';

/** Rows of a diff that pass the screen's filters, in the diff's order. */
export function filterDiffRows(rows: DiffRow[], filters: DiffFilters): DiffRow[] {
  const kinds = new Set(filters.kinds);
  const keyText = filters.key_contains?.trim().toLowerCase();
  return rows.filter((row) => {
    if (!kinds.has(row.kind)) return false;
    if (keyText && !row.key.toLowerCase().includes(keyText)) return false;
    if (row.kind !== 'changed') return filters.min_abs_delta === undefined && filters.min_pct === undefined && !filters.field;
    const changed = row.fields.filter((f) => f.changed && (!filters.field || f.field === filters.field));
    if (changed.length === 0) return false;
    if (filters.min_abs_delta !== undefined && !changed.some((f) => f.delta !== null && Math.abs(f.delta) >= filters.min_abs_delta!)) return false;
    if (filters.min_pct !== undefined && !changed.some((f) => f.pct !== null && Math.abs(f.pct) >= filters.min_pct!)) return false;
    return true;
  });
}

// The value the chart shows first, when the snapshot has it.
const PREFERRED_CHART_FIELDS = ['market', 'appraised_val', 'assessed_val', 'value'];

/** The numeric field whose deltas the chart shows: a preferred value column, else the most changed one. */
export function chartField(diff: ComputedDiff, rows: DiffRow[], requested?: string): string | null {
  const counts = new Map<string, number>();
  for (const row of rows) for (const f of row.fields) if (f.changed && f.delta !== null) counts.set(f.field, (counts.get(f.field) ?? 0) + 1);
  if (requested && counts.has(requested)) return requested;
  const preferred = PREFERRED_CHART_FIELDS.find((f) => counts.has(f) && diff.fields.includes(f));
  if (preferred) return preferred;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Deltas of `field` over the changed rows, in about `buckets` equal-width buckets (empty ones kept). */
export function deltaHistogram(rows: DiffRow[], field: string | null, buckets = 24): { from: number; to: number; count: number }[] {
  if (!field) return [];
  const deltas: number[] = [];
  for (const row of rows) {
    if (row.kind !== 'changed') continue;
    const f = row.fields.find((x) => x.field === field);
    if (f && f.changed && f.delta !== null && Number.isFinite(f.delta)) deltas.push(f.delta);
  }
  if (deltas.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const d of deltas) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  // Every change the same size: one bar, given a width so the chart can draw it.
  if (min === max) {
    const half = Math.max(1, Math.abs(min) * 0.05);
    return [{ from: min - half, to: max + half, count: deltas.length }];
  }
  const width = niceWidth((max - min) / buckets);
  const start = Math.floor(min / width) * width;
  const n = Math.max(1, Math.ceil((max - start) / width + 1e-9));
  const counts = new Array<number>(n).fill(0);
  for (const d of deltas) counts[Math.min(n - 1, Math.floor((d - start) / width))]++;
  return counts.map((count, i) => ({ from: start + i * width, to: start + (i + 1) * width, count }));
}

/** 1, 2 or 5 times a power of ten, at least `raw`: bucket edges people can read. */
function niceWidth(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * power >= raw) return step * power;
  return 10 * power;
}
