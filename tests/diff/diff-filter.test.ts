import { describe, expect, it } from 'vitest';
import { normalizeFilters, reportsChange, validateFilters } from '../../mcp/diff/diff-filter.js';
import { SnapshotShapeError, type DiffChange, type DiffFilters, type FieldChange } from '../../mcp/diff/diff-types.js';
import { fieldChange } from '../../mcp/diff/field-compare.js';

/** Whether a changed row with these field changes is reported under `filters`. */
const passesThreshold = (fields: FieldChange[], filters: DiffFilters) => reportsChange({ change: 'changed', prop_id: 1, year: 2026, key: {}, fields }, filters);

describe('value thresholds', () => {
  const market = (o: number, n: number) => fieldChange('market', o, n);
  const legal = fieldChange('legal_desc', 'LOT 1', 'LOT 2');

  it('without a threshold every changed row qualifies, or with fields named, one that changed in them', () => {
    expect(passesThreshold([legal], {})).toBe(true);
    expect(passesThreshold([legal], { fields: ['market'] })).toBe(false);
    expect(passesThreshold([legal, market(1, 2)], { fields: ['market'] })).toBe(true);
  });

  it('min_abs_change: at least that much, either way', () => {
    expect(passesThreshold([market(100, 1100)], { min_abs_change: 1000 })).toBe(true);
    expect(passesThreshold([market(1100, 100)], { min_abs_change: 1000 })).toBe(true);
    expect(passesThreshold([market(100, 1099)], { min_abs_change: 1000 })).toBe(false);
    expect(passesThreshold([legal], { min_abs_change: 0 })).toBe(false);
    expect(passesThreshold([market(100, 100)], { min_abs_change: 0 })).toBe(false);
  });

  it('min_pct_change: at least that percentage, either way; from zero always qualifies', () => {
    expect(passesThreshold([market(100, 110)], { min_pct_change: 10 })).toBe(true);
    expect(passesThreshold([market(100, 90)], { min_pct_change: 10 })).toBe(true);
    expect(passesThreshold([market(100, 109)], { min_pct_change: 10 })).toBe(false);
    expect(passesThreshold([market(0, 5)], { min_pct_change: 1000 })).toBe(true);
    expect(passesThreshold([market(0, 0)], { min_pct_change: 0 })).toBe(false);
  });

  it('both thresholds must hold on the same field, and only the named fields count', () => {
    const assessed = fieldChange('assessed_val', 100, 200);
    expect(passesThreshold([market(100000, 104000), assessed], { min_pct_change: 4, min_abs_change: 5000 })).toBe(false);
    expect(passesThreshold([market(100000, 106000)], { min_pct_change: 4, min_abs_change: 5000 })).toBe(true);
    expect(passesThreshold([market(100, 200), assessed], { min_abs_change: 50, fields: ['legal_desc'] })).toBe(false);
    expect(passesThreshold([market(100, 101), assessed], { min_abs_change: 50, fields: ['assessed_val'] })).toBe(true);
    expect(passesThreshold([market(100, 200)], { min_abs_change: 50, fields: [] })).toBe(true);
  });
});

describe('kinds and key text', () => {
  const added: DiffChange = { change: 'added', prop_id: 10001, year: 2026, key: { owner_id: 'Benton-77' }, values: {} };
  const removed: DiffChange = { change: 'removed', prop_id: 10002, year: 2025, key: {}, values: {} };
  const changed: DiffChange = { change: 'changed', prop_id: 10003, year: 2026, key: {}, fields: [fieldChange('market', 1, 2)] };

  it('reports added and removed rows whatever their fields, and only the kinds asked for', () => {
    expect([added, removed, changed].map((c) => reportsChange(c, {}))).toEqual([true, true, true]);
    expect([added, removed, changed].map((c) => reportsChange(c, { kinds: ['removed'] }))).toEqual([false, true, false]);
    expect([added, removed, changed].map((c) => reportsChange(c, { kinds: ['added', 'changed'] }))).toEqual([true, false, true]);
    expect(reportsChange(added, { min_abs_change: 1_000_000, fields: ['market'] })).toBe(true);
  });

  it('matches key text in prop_id, year or another key column, ignoring case', () => {
    expect([added, removed, changed].map((c) => reportsChange(c, { key_contains: '1000' }))).toEqual([true, true, true]);
    expect([added, removed, changed].map((c) => reportsChange(c, { key_contains: '10002' }))).toEqual([false, true, false]);
    expect([added, removed, changed].map((c) => reportsChange(c, { key_contains: '2025' }))).toEqual([false, true, false]);
    expect([added, removed, changed].map((c) => reportsChange(c, { key_contains: 'BENTON' }))).toEqual([true, false, false]);
    expect(reportsChange({ ...added, key: { owner_id: null } }, { key_contains: 'null' })).toBe(false);
  });
});

describe('normalizeFilters', () => {
  it('drops what is unset or empty and keeps the rest in one form', () => {
    expect(normalizeFilters({})).toEqual({});
    expect(normalizeFilters({ kinds: ['changed', 'added', 'removed'], fields: [], key_contains: '  ' })).toEqual({});
    expect(normalizeFilters({ kinds: ['changed', 'added'], min_pct_change: 0, min_abs_change: 0, fields: ['market', 'market', 'land'], key_contains: ' 1000 ' })).toEqual({
      kinds: ['added', 'changed'],
      min_pct_change: 0,
      min_abs_change: 0,
      fields: ['market', 'land'],
      key_contains: '1000',
    });
  });
});

describe('validateFilters', () => {
  const columns = ['prop_id', 'year', 'market', 'land'];
  const refusal = (filters: DiffFilters) => {
    try {
      validateFilters(columns, filters);
    } catch (err) {
      expect(err).toBeInstanceOf(SnapshotShapeError);
      return (err as Error).message;
    }
    return 'accepted';
  };

  it('accepts filters the snapshots can answer', () => {
    expect(refusal({})).toBe('accepted');
    expect(refusal({ fields: ['market', 'land'], min_pct_change: 0, min_abs_change: 5, kinds: ['changed'] })).toBe('accepted');
  });

  it('names columns the snapshots do not have, and the ones they do', () => {
    expect(refusal({ fields: ['market', 'owner', 'taxes'] })).toBe('fields names columns the snapshots do not have: owner, taxes. Columns: prop_id, year, market, land.');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a threshold of %s', (v) => {
    expect(refusal({ min_pct_change: v })).toBe('min_pct_change must be a number of at least 0.');
    expect(refusal({ min_abs_change: v })).toBe('min_abs_change must be a number of at least 0.');
  });

  it('refuses unknown kinds and an empty list of kinds', () => {
    expect(refusal({ kinds: ['added', 'moved', 'gone'] as never })).toBe('kinds takes added, removed, changed; not moved, gone.');
    expect(refusal({ kinds: [] })).toBe('kinds needs at least one of added, removed, changed.');
  });
});
