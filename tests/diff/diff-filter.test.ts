import { describe, expect, it } from 'vitest';
import { reportsChange } from '../../mcp/diff/diff-filter.js';
import type { DiffFilters, FieldChange } from '../../mcp/diff/diff-types.js';
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
