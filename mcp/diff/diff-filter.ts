import { DIFF_CHANGE_KINDS, SnapshotShapeError, type DiffChange, type DiffFilters, type FieldChange } from './diff-types.js';

/**
 * The filters in one canonical form, whichever surface they came from: unset and empty values
 * dropped, kinds in their fixed order (and dropped when all three), key text trimmed. Reports
 * record these, so the same request gives the same bytes from the tool, the CLI and the app.
 */
export function normalizeFilters(filters: DiffFilters): DiffFilters {
  const out: DiffFilters = {};
  const kinds = DIFF_CHANGE_KINDS.filter((k) => filters.kinds?.includes(k));
  if (filters.kinds && kinds.length < DIFF_CHANGE_KINDS.length) out.kinds = kinds;
  if (filters.min_pct_change !== undefined) out.min_pct_change = filters.min_pct_change;
  if (filters.min_abs_change !== undefined) out.min_abs_change = filters.min_abs_change;
  const fields = [...new Set(filters.fields ?? [])];
  if (fields.length) out.fields = fields;
  const keyText = filters.key_contains?.trim();
  if (keyText) out.key_contains = keyText;
  return out;
}

export function validateFilters(columns: string[], filters: DiffFilters): void {
  const unknown = (filters.fields ?? []).filter((f) => !columns.includes(f));
  if (unknown.length) throw new SnapshotShapeError(`fields names columns the snapshots do not have: ${unknown.join(', ')}. Columns: ${columns.join(', ')}.`);
  for (const [name, v] of [['min_pct_change', filters.min_pct_change], ['min_abs_change', filters.min_abs_change]] as const) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new SnapshotShapeError(`${name} must be a number of at least 0.`);
  }
  const badKinds = (filters.kinds ?? []).filter((k) => !DIFF_CHANGE_KINDS.includes(k));
  if (badKinds.length) throw new SnapshotShapeError(`kinds takes ${DIFF_CHANGE_KINDS.join(', ')}; not ${badKinds.join(', ')}.`);
  if (filters.kinds && filters.kinds.length === 0) throw new SnapshotShapeError('kinds needs at least one of added, removed, changed.');
}

/** Whether a change passes the filters (see DiffFilters). */
export function reportsChange(change: DiffChange, filters: DiffFilters): boolean {
  if (filters.kinds && !filters.kinds.includes(change.change)) return false;
  if (filters.key_contains && !keyContains(change, filters.key_contains)) return false;
  return change.change !== 'changed' || fieldsQualify(change.fields, filters);
}

function keyContains(change: DiffChange, text: string): boolean {
  const wanted = text.toLowerCase();
  return [change.prop_id, change.year, ...Object.values(change.key)].some((part) => String(part ?? '').toLowerCase().includes(wanted));
}

function fieldsQualify(fields: FieldChange[], filters: DiffFilters): boolean {
  const considered = filters.fields?.length ? new Set(filters.fields) : undefined;
  const candidates = considered ? fields.filter((f) => considered.has(f.field)) : fields;
  if (filters.min_abs_change === undefined && filters.min_pct_change === undefined) return candidates.length > 0;
  return candidates.some((f) => {
    if (f.delta === null) return false;
    if (filters.min_abs_change !== undefined && Math.abs(f.delta) < filters.min_abs_change) return false;
    if (filters.min_pct_change !== undefined) {
      // From zero to anything is an unbounded change: it passes any percentage threshold.
      if (f.pct_change === null) return f.delta !== 0;
      if (Math.abs(f.pct_change) < filters.min_pct_change) return false;
    }
    return f.delta !== 0;
  });
}
