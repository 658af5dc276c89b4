import type { DiffChange } from '../diff/diff-types.js';
import { numericValue } from '../diff/field-compare.js';
import { TIMELINE_VALUE_COLUMNS } from '../snapshots/timeline-columns.js';
import type { Finding } from './package-format.js';

/** At most this many findings are listed in a package; the counts cover all of them. */
export const MAX_LISTED_FINDINGS = 10_000;
/** A value move at least this large (percent) is flagged for a reviewer's eye. */
export const LARGE_CHANGE_PCT = 25;

export const CHECK_DESCRIPTIONS: Record<string, string> = {
  negative_value: 'A value component is below zero.',
  assessed_above_appraised: 'The assessed value is above the appraised value (a cap can only lower it).',
  market_components_mismatch: 'The market value is not the sum of land, improvement and ag market values.',
  no_owner: 'The parcel has no owner on its official layer that year.',
  large_value_change: `The value moved by ${LARGE_CHANGE_PCT}% or more between the snapshots.`,
  parcel_removed: 'A parcel-year of the base snapshot is missing from the target.',
};

/**
 * Validation checks a reviewer gets with a snapshot pair: per-row checks on each snapshot
 * (applied when the columns they need are present, so query snapshots get what fits) and
 * checks on the diff. Streaming: call `row` and `change` as rows go by, then `results`.
 */
export class SnapshotChecks {
  private readonly listed: Finding[] = [];
  private readonly counts = new Map<string, number>();

  private add(finding: Finding): void {
    this.counts.set(finding.check, (this.counts.get(finding.check) ?? 0) + 1);
    if (this.listed.length < MAX_LISTED_FINDINGS) this.listed.push(finding);
  }

  row(snapshotId: string, columns: readonly string[], prop_id: number, year: number, values: readonly unknown[]): void {
    const get = (c: string) => {
      const i = columns.indexOf(c);
      return i < 0 ? undefined : values[i];
    };
    const base = { snapshot_id: snapshotId, prop_id, year };
    for (const c of [...TIMELINE_VALUE_COLUMNS, 'value']) {
      const n = numericValue(get(c));
      if (n !== null && n < 0) this.add({ ...base, check: 'negative_value', severity: 'error', message: `${c} is ${n}.` });
    }
    const assessed = numericValue(get('assessed_val'));
    const appraised = numericValue(get('appraised_val'));
    if (assessed !== null && appraised !== null && assessed > appraised) {
      this.add({ ...base, check: 'assessed_above_appraised', severity: 'error', message: `assessed_val ${assessed} > appraised_val ${appraised}.` });
    }
    const parts = ['land_hstd_val', 'land_non_hstd_val', 'imprv_hstd_val', 'imprv_non_hstd_val', 'ag_market'].map((c) => numericValue(get(c)));
    const market = numericValue(get('market'));
    if (market !== null && parts.every((p) => p !== null)) {
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - market) > 0.5) this.add({ ...base, check: 'market_components_mismatch', severity: 'warning', message: `market ${market} but the components add up to ${sum}.` });
    }
    const owners = get('owner_count');
    if (owners === 0) this.add({ ...base, check: 'no_owner', severity: 'warning', message: 'No owner on the official layer.' });
  }

  change(targetSnapshotId: string, change: DiffChange): void {
    const base = { snapshot_id: targetSnapshotId, prop_id: change.prop_id, year: change.year, ...(Object.keys(change.key).length ? { key: change.key } : {}) };
    if (change.change === 'removed') {
      this.add({ ...base, check: 'parcel_removed', severity: 'info', message: 'In the base snapshot, not in the target.' });
      return;
    }
    if (change.change !== 'changed') return;
    const moved = change.fields.find((f) => (f.field === 'value' || f.field === 'market') && (f.pct_change === null ? f.delta !== null && f.delta !== 0 : Math.abs(f.pct_change) >= LARGE_CHANGE_PCT));
    if (moved) {
      this.add({ ...base, check: 'large_value_change', severity: 'warning', message: `${moved.field} ${String(moved.old)} → ${String(moved.new)}${moved.pct_change === null ? '' : ` (${moved.pct_change}%)`}.` });
    }
  }

  results(): { findings: Finding[]; counts: Record<string, number>; total: number } {
    const counts = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    return { findings: this.listed, counts, total: [...this.counts.values()].reduce((a, b) => a + b, 0) };
  }
}
