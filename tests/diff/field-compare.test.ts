import { describe, expect, it } from 'vitest';
import { compareRows, fieldChange, numericValue, sameValue } from '../../mcp/diff/field-compare.js';

describe('sameValue', () => {
  it.each([
    [1, 1],
    ['a', 'a'],
    [null, null],
    [null, undefined],
    [undefined, null],
    [undefined, undefined],
    [['HS', 'OV65'], ['HS', 'OV65']],
    [[], []],
    [{ a: 1 }, { a: 1 }],
  ])('%j equals %j', (a, b) => {
    expect(sameValue(a, b)).toBe(true);
  });

  it.each([
    [1, 2],
    [1, '1'],
    ['a', 'A'],
    [null, 0],
    [null, ''],
    [undefined, 'x'],
    [0, null],
    [['HS'], ['HS', 'OV65']],
    [['HS', 'OV65'], ['OV65', 'HS']],
    [['HS'], []],
    [[], null],
    [null, []],
    [['1'], [1]],
    [{ a: 1 }, { a: 2 }],
    [['HS'], 'HS'],
  ])('%j differs from %j', (a, b) => {
    expect(sameValue(a, b)).toBe(false);
  });
});

describe('sameValue on what a snapshot row holds', () => {
  // The same facts as the tables above, one test each, so a single failing comparison names the rule it breaks.
  it('takes a missing value (null, or a column the row does not have) as equal to another missing value, and to nothing else', () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    for (const present of [0, '', 'LOT 1', [], ['HS'], {}]) {
      expect(sameValue(null, present), `null vs ${JSON.stringify(present)}`).toBe(false);
      expect(sameValue(present, null), `${JSON.stringify(present)} vs null`).toBe(false);
      expect(sameValue(undefined, present), `undefined vs ${JSON.stringify(present)}`).toBe(false);
      expect(sameValue(present, undefined), `${JSON.stringify(present)} vs undefined`).toBe(false);
    }
  });

  it('compares lists and records by content, not by identity', () => {
    expect(sameValue(['HS', 'OV65'], ['HS', 'OV65'])).toBe(true);
    expect(sameValue({ code: 'HS', pct: 100 }, { code: 'HS', pct: 100 })).toBe(true);
    expect(sameValue(['HS', 'OV65'], ['OV65', 'HS'])).toBe(false);
    expect(sameValue({ code: 'HS' }, { code: 'DV' })).toBe(false);
    expect(sameValue(['HS'], 'HS')).toBe(false);
    expect(sameValue('HS', ['HS'])).toBe(false);
  });
});

describe('numericValue', () => {
  it('reads numbers and numeric text, nothing else', () => {
    expect(numericValue(12)).toBe(12);
    expect(numericValue(-1.5)).toBe(-1.5);
    expect(numericValue('250000')).toBe(250000);
    expect(numericValue(' -12.50 ')).toBe(-12.5);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '1e5', '12a', '', '.5', '5.', null, undefined, true, [1]]) expect(numericValue(value), String(value)).toBeNull();
  });
});

describe('fieldChange', () => {
  it('gives the delta and the percent change of numbers, rounded to two places', () => {
    expect(fieldChange('market', 200000, 250000)).toEqual({ field: 'market', old: 200000, new: 250000, delta: 50000, pct_change: 25 });
    expect(fieldChange('market', 300, 200)).toEqual({ field: 'market', old: 300, new: 200, delta: -100, pct_change: -33.33 });
    expect(fieldChange('market', -200, -100)).toEqual({ field: 'market', old: -200, new: -100, delta: 100, pct_change: 50 });
    expect(fieldChange('market', '0.1', '0.3').delta).toBe(0.2);
  });

  it('has no percent change from zero and no delta for text, lists or a missing side', () => {
    expect(fieldChange('market', 0, 100)).toEqual({ field: 'market', old: 0, new: 100, delta: 100, pct_change: null });
    expect(fieldChange('legal_desc', 'LOT 1', 'LOT 2')).toEqual({ field: 'legal_desc', old: 'LOT 1', new: 'LOT 2', delta: null, pct_change: null });
    expect(fieldChange('exemption_codes', ['HS'], ['HS', 'OV65'])).toEqual({ field: 'exemption_codes', old: ['HS'], new: ['HS', 'OV65'], delta: null, pct_change: null });
    expect(fieldChange('market', undefined, 5)).toEqual({ field: 'market', old: null, new: 5, delta: null, pct_change: null });
    expect(fieldChange('market', 5, 'n/a')).toEqual({ field: 'market', old: 5, new: 'n/a', delta: null, pct_change: null });
  });
});

describe('compareRows', () => {
  const columns = ['prop_id', 'year', 'market', 'exemption_codes', 'legal_desc'];
  const keys = new Set([0, 1]);

  it('reports each changed field, list fields included, and skips key columns', () => {
    expect(compareRows(columns, keys, [1, 2024, 100, ['HS'], 'LOT 1'], [2, 2025, 100, ['HS', 'OV65'], 'LOT 1'])).toEqual([
      { field: 'exemption_codes', old: ['HS'], new: ['HS', 'OV65'], delta: null, pct_change: null },
    ]);
    expect(compareRows(columns, keys, [1, 2024, 100, ['HS'], 'LOT 1'], [1, 2024, 150, ['HS'], 'LOT 2'])).toEqual([
      { field: 'market', old: 100, new: 150, delta: 50, pct_change: 50 },
      { field: 'legal_desc', old: 'LOT 1', new: 'LOT 2', delta: null, pct_change: null },
    ]);
    expect(compareRows(columns, keys, [1, 2024, 100, ['HS'], 'LOT 1'], [1, 2024, 100, ['HS'], 'LOT 1'])).toEqual([]);
    expect(compareRows(columns, new Set(), [1, 2024, 100, ['HS'], 'LOT 1'], [1, 2024, 100, ['HS'], 'LOT 1'])).toEqual([]);
    expect(compareRows(columns, new Set(), [1, 2024, 100, ['HS'], 'LOT 1'], [2, 2024, 100, ['HS'], 'LOT 1'])).toEqual([{ field: 'prop_id', old: 1, new: 2, delta: 1, pct_change: 100 }]);
  });
});
