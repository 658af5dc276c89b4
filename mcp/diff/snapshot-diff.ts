import type { SqliteDb } from '../store/sqlite-db.js';
import { decodeKeyExtra } from '../snapshots/snapshot-key.js';
import { getSnapshot } from '../snapshots/snapshot-store.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { QueryCancelledError } from '../connectors/connector.js';
import type { DiffChange, DiffFilters, DiffHeader, DiffResult, DiffSink, DiffSummary } from './diff-types.js';
import { SnapshotShapeError } from './diff-types.js';
import { normalizeFilters, reportsChange, validateFilters } from './diff-filter.js';
import { compareRows } from './field-compare.js';
import { HashedPage, openHashedSnapshotReader, type TextRow } from './hashed-snapshot-reader.js';

/** Refuses pairs whose rows cannot be compared field by field, saying why. */
export function assertComparable(base: SnapshotMeta, target: SnapshotMeta): void {
  if (JSON.stringify(base.key_columns) !== JSON.stringify(target.key_columns)) {
    throw new SnapshotShapeError(
      `The snapshots have different keys (${base.key_columns.join(', ')} vs ${target.key_columns.join(', ')}), so their rows cannot be matched. Diff snapshots taken the same way.`,
    );
  }
  const baseCols = new Set(base.columns);
  const targetCols = new Set(target.columns);
  const onlyBase = base.columns.filter((c) => !targetCols.has(c));
  const onlyTarget = target.columns.filter((c) => !baseCols.has(c));
  if (onlyBase.length || onlyTarget.length) {
    const parts = [onlyBase.length ? `only the base has ${onlyBase.join(', ')}` : '', onlyTarget.length ? `only the target has ${onlyTarget.join(', ')}` : ''].filter(Boolean);
    throw new SnapshotShapeError(`The snapshots have different shapes: ${parts.join('; ')}. Diff snapshots with the same columns (the same content and query).`);
  }
  if (base.masking_policy !== target.masking_policy) {
    throw new SnapshotShapeError(
      `The snapshots were masked differently (base "${base.masking_policy}", target "${target.masking_policy}"), so masked fields would all look changed. Take both with the same masking_policy.`,
    );
  }
  if (base.masking_key_id !== target.masking_key_id) {
    throw new SnapshotShapeError('The snapshots were masked with different install keys (one was taken on another install, or the keychain entry was replaced), so their pseudonyms do not line up.');
  }
}

/** A row only the base has (removed), only the target has (added), or both have with different hashes. */
interface Pending {
  base?: TextRow;
  target?: TextRow;
}

/**
 * Keyed diff of two stored snapshots: a merge join over two key-ordered cursors, each reading a
 * page of keys and row hashes at a time, so memory stays flat whatever the size. Rows with the
 * same hash are unchanged without their text being read; the texts of the rest are read together
 * once per page and compared field by field. Every reported change goes to each sink in key order.
 */
export async function diffSnapshots(store: SqliteDb, baseId: string, targetId: string, filters: DiffFilters, sinks: DiffSink[], signal?: AbortSignal): Promise<DiffResult> {
  const started = performance.now();
  const base = await getSnapshot(store, baseId);
  const target = await getSnapshot(store, targetId);
  assertComparable(base, target);
  validateFilters(base.columns, filters);
  const chosen = normalizeFilters(filters);

  const columns = base.columns;
  const keyIndexes = new Set(base.key_columns.map((c) => columns.indexOf(c)));
  const extraKeys = base.key_columns.slice(2);
  // Same columns in a different order: read the target's values in the base's order.
  const reorder = target.columns.every((c, i) => c === columns[i]) ? undefined : columns.map((c) => target.columns.indexOf(c));
  const header: DiffHeader = { base, target, columns, key_columns: base.key_columns, filters: chosen };

  const summary: DiffSummary = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  let reported = 0;
  let filteredOut = 0;
  const offer = async (change: DiffChange) => {
    if (!reportsChange(change, chosen)) {
      filteredOut++;
      return;
    }
    reported++;
    for (const sink of sinks) await sink.change(change);
  };
  const keyOf = (row: TextRow) => (extraKeys.length ? Object.fromEntries(decodeKeyExtra(row.key_extra).map((v, i) => [extraKeys[i], v])) : {});
  const valuesOf = (values: unknown[]) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null]));
  const baseValues = (row: TextRow) => JSON.parse(row.row_json!) as unknown[];
  const targetValues = (row: TextRow) => {
    const values = JSON.parse(row.row_json!) as unknown[];
    return reorder ? reorder.map((i) => values[i]) : values;
  };

  const baseReader = await openHashedSnapshotReader(store, base.snapshot_id);
  const targetReader = await openHashedSnapshotReader(store, target.snapshot_id);
  let pending: Pending[] = [];
  const settle = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await Promise.all([baseReader.fillTexts(rows.map((p) => p.base)), targetReader.fillTexts(rows.map((p) => p.target))]);
    for (const { base: b, target: t } of rows) {
      if (signal?.aborted) throw new QueryCancelledError();
      if (b && !t) {
        summary.removed++;
        await offer({ change: 'removed', prop_id: b.prop_id, year: b.year, key: keyOf(b), values: valuesOf(baseValues(b)) });
      } else if (t && !b) {
        summary.added++;
        await offer({ change: 'added', prop_id: t.prop_id, year: t.year, key: keyOf(t), values: valuesOf(targetValues(t)) });
      } else if (b && t) {
        // The same text is the same row, unless the target's columns are in another order.
        const fields = b.row_json === t.row_json && !reorder ? [] : compareRows(columns, keyIndexes, baseValues(b), targetValues(t));
        if (fields.length === 0) {
          summary.unchanged++;
        } else {
          summary.changed++;
          await offer({ change: 'changed', prop_id: b.prop_id, year: b.year, key: keyOf(b), fields });
        }
      }
    }
  };

  try {
    for (const sink of sinks) await sink.begin(header);
    const none = new HashedPage([], [], [], '', []);
    let basePage = (await baseReader.pager.next()) ?? none;
    let targetPage = (await targetReader.pager.next()) ?? none;
    let bi = 0;
    let ti = 0;
    while (basePage.length > 0 || targetPage.length > 0) {
      if (signal?.aborted) throw new QueryCancelledError();
      if (bi === basePage.length && basePage.length > 0) {
        await settle();
        basePage = (await baseReader.pager.next()) ?? none;
        bi = 0;
        continue;
      }
      if (ti === targetPage.length && targetPage.length > 0) {
        await settle();
        targetPage = (await targetReader.pager.next()) ?? none;
        ti = 0;
        continue;
      }
      const order = bi < basePage.length && ti < targetPage.length ? basePage.compareKey(bi, targetPage, ti) : bi < basePage.length ? -1 : 1;
      if (order < 0) {
        pending.push({ base: basePage.textRow(bi) });
        bi++;
      } else if (order > 0) {
        pending.push({ target: targetPage.textRow(ti) });
        ti++;
      } else {
        if (!reorder && basePage.sameStored(bi, targetPage, ti)) summary.unchanged++;
        else pending.push({ base: basePage.textRow(bi), target: targetPage.textRow(ti) });
        bi++;
        ti++;
      }
    }
    await settle();
    const result: DiffResult = {
      base_snapshot_id: base.snapshot_id,
      target_snapshot_id: target.snapshot_id,
      summary,
      reported,
      filtered_out: filteredOut,
      elapsed_ms: Math.round(performance.now() - started),
    };
    for (const sink of sinks) await sink.end(result);
    return result;
  } catch (err) {
    for (const sink of sinks) await sink.abort?.();
    throw err;
  } finally {
    await baseReader.close();
    await targetReader.close();
  }
}
