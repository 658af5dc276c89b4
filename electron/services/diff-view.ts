import type { z } from 'zod';
import type { DiffChange } from '../../mcp/diff/diff-types.js';
import type { diffRow } from '../api/schemas/snapshots.js';
import type { ComputedDiff } from './diff-store.js';

type ScreenRow = z.input<typeof diffRow>;

/**
 * A change as the side-by-side table shows it: a changed row with the fields that changed (the
 * others are the same on both sides), an added or removed row with every value on its side.
 */
export function screenRow(change: DiffChange, keyColumns: readonly string[]): ScreenRow {
  const key = [String(change.prop_id), String(change.year), ...Object.values(change.key).map((v) => String(v))].join(' · ');
  if (change.change === 'changed') {
    return { kind: 'changed', key, fields: change.fields.map((f) => ({ field: f.field, old: cell(f.old), new: cell(f.new), delta: f.delta, pct: f.pct_change, changed: true })) };
  }
  const side = change.change === 'added' ? 'new' : 'old';
  const fields = Object.entries(change.values)
    .filter(([name]) => !keyColumns.includes(name))
    .map(([field, value]) => ({ field, old: side === 'old' ? cell(value) : null, new: side === 'new' ? cell(value) : null, delta: null, pct: null, changed: true }));
  return { kind: change.change, key, fields };
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

// The value the chart shows first, when the snapshot has it.
const PREFERRED_CHART_FIELDS = ['market', 'appraised_val', 'assessed_val', 'value'];

/** The numeric field whose deltas the chart shows: the requested one, a preferred value column, else the most changed one. */
export function chartField(diff: ComputedDiff, rows: DiffChange[], requested?: string): string | null {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.change === 'changed') for (const f of row.fields) if (f.delta !== null) counts.set(f.field, (counts.get(f.field) ?? 0) + 1);
  if (requested && counts.has(requested)) return requested;
  const preferred = PREFERRED_CHART_FIELDS.find((f) => counts.has(f) && diff.fields.includes(f));
  if (preferred) return preferred;
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Deltas of `field` over the changed rows, in about `buckets` equal-width buckets (empty ones kept). */
export function deltaHistogram(rows: DiffChange[], field: string | null, buckets = 24): { from: number; to: number; count: number }[] {
  if (!field) return [];
  const deltas: number[] = [];
  for (const row of rows) {
    if (row.change !== 'changed') continue;
    const f = row.fields.find((x) => x.field === field);
    if (f && f.delta !== null && Number.isFinite(f.delta)) deltas.push(f.delta);
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
