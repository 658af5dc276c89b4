import { describe, expect, it } from 'vitest';
import type { RowValues } from '../../mcp/imports/import-kind.js';
import { PropertyValueChecker } from '../../mcp/imports/kinds/property-value-checker.js';
import { checkRows, pacsSource, type CheckedRow, type PacsRows } from '../helpers/pacs-checker-source.js';

/**
 * The property_values checker on its own, over a small real PACS database of exactly the rows each
 * test needs: how parcel_id is read (prop_id or geo_id, never both meanings), the year and its
 * value layer, and duplicates.
 */

/** A staged value row (values as staging converts them); property_values rows never carry a prop_id of their own. */
function valueRow(parcel: string | null, date: string | null = '2026-01-01', firstLine?: number): CheckedRow {
  const values: RowValues = [parcel, 'market', 100_000, date, null];
  return { values, filePropId: null, firstLine };
}

const YEARS: PacsRows['years'] = [{ year: 2025, certified: '2025-11-30' }, { year: 2026 }];

async function check(rows: PacsRows, file: CheckedRow[], fromManifest = true) {
  const source = await pacsSource({ years: YEARS, ...rows });
  try {
    return await checkRows(() => new PropertyValueChecker(), source, file, { fromManifest });
  } finally {
    await source.close();
  }
}

describe('property_values checker: which parcel parcel_id names', () => {
  it('reads digits as a prop_id, other text as a geo_id, and a geo_id of digits when no parcel has that prop_id', async () => {
    for (const fromManifest of [true, false]) {
      const { issues, propIds } = await check(
        {
          parcels: [
            { prop: 10, geo: 'R-10' },
            { prop: 11, geo: '900' },
            { prop: 12, geo: '12345678901' },
          ],
          layers: [10, 11, 12].map((prop) => ({ year: 2026, prop })),
        },
        [valueRow('10'), valueRow('R-10'), valueRow('900'), valueRow('12345678901'), valueRow('0010')],
        fromManifest,
      );
      expect(issues, `fromManifest ${fromManifest}`).toEqual([]);
      expect(propIds).toEqual([10, 10, 11, 12, 10]);
    }
  });

  it('refuses digits that are one parcel\'s prop_id and another parcel\'s geo_id, but not a parcel whose geo_id is its own prop_id', async () => {
    const { issues, messages, propIds } = await check(
      {
        parcels: [
          { prop: 20, geo: 'R-20' },
          { prop: 21, geo: '20' },
          { prop: 22, geo: '22' },
        ],
        layers: [20, 21, 22].map((prop) => ({ year: 2026, prop })),
      },
      [valueRow('20'), valueRow('22')],
    );
    expect(issues).toEqual([[2, 'parcel_id', 'parcel_ambiguous']]);
    expect(messages[0]).toBe('parcel_id 20 is prop_id 20 but also the geo_id of parcel 21; use the prop_id of the parcel you mean.');
    expect(propIds).toEqual([null, 22]);
  });

  it('refuses a geo_id that names more than one parcel, and resolves it to no parcel', async () => {
    const { issues, messages, propIds } = await check(
      {
        parcels: [
          { prop: 30, geo: 'SHARED' },
          { prop: 31, geo: 'SHARED' },
        ],
        layers: [30, 31].map((prop) => ({ year: 2026, prop })),
      },
      [valueRow('SHARED')],
    );
    expect(issues).toEqual([[2, 'parcel_id', 'parcel_ambiguous']]);
    expect(messages[0]).toBe('geo_id SHARED names more than one parcel; use the prop_id instead.');
    expect(propIds).toEqual([null]);
  });

  it('resolves the geo_id of a parcel numbered 0 to that parcel (only a shared geo_id is ambiguous)', async () => {
    const { issues, propIds } = await check({ parcels: [{ prop: 0, geo: 'R-0' }], layers: [{ year: 2026, prop: 0 }] }, [valueRow('R-0')]);
    expect(issues).toEqual([]);
    expect(propIds).toEqual([0]);
  });

  it('says which parcel_id matches nothing, and reads a longer run of digits as a geo_id only', async () => {
    const { issues, messages, propIds } = await check(
      { parcels: [{ prop: 40, geo: 'R-40' }], layers: [{ year: 2026, prop: 40 }] },
      [valueRow('NOPE'), valueRow('99'), valueRow('00000000040')],
    );
    expect(issues).toEqual([
      [2, 'parcel_id', 'parcel_not_found'],
      [3, 'parcel_id', 'parcel_not_found'],
      [4, 'parcel_id', 'parcel_not_found'],
    ]);
    expect(messages[0]).toBe('There is no parcel with prop_id or geo_id "NOPE" in this PACS database.');
    expect(propIds).toEqual([null, null, null]);
  });

  it('checks nothing about the parcel of a row without parcel_id', async () => {
    const { issues } = await check({ parcels: [{ prop: 41, geo: 'R-41' }] }, [valueRow(null), valueRow(null, null)]);
    expect(issues).toEqual([]);
  });
});

describe('property_values checker: the year and its value layer', () => {
  it('refuses a year the database does not have, and looks no further at its layer', async () => {
    const { issues, messages } = await check({ parcels: [{ prop: 50, geo: 'R-50' }], layers: [{ year: 2027, prop: 50 }] }, [valueRow('50', '2027-01-01')]);
    expect(issues).toEqual([[2, 'effective_date', 'year_unknown']]);
    expect(messages[0]).toMatch(/^effective_date year 2027 is not a year of this PACS database/);
  });

  it('refuses a parcel without a layer in the year, or deleted in it', async () => {
    const { issues, messages } = await check(
      {
        parcels: [
          { prop: 51, geo: 'R-51' },
          { prop: 52, geo: 'R-52' },
          { prop: 53, geo: 'R-53' },
        ],
        layers: [
          { year: 2025, prop: 51 },
          { year: 2026, prop: 52, inactive: true },
          { year: 2026, prop: 53 },
        ],
      },
      [valueRow('51'), valueRow('52'), valueRow('53')],
    );
    expect(issues).toEqual([
      [2, 'parcel_id', 'no_value_layer'],
      [3, 'parcel_id', 'parcel_inactive'],
    ]);
    expect(messages).toEqual([
      'Parcel 51 has no 2026 values (no prop_supp_assoc row), so there is no value to set.',
      'Parcel 52 is deleted (inactive) in 2026 (property_val.prop_inactive_dt is set), so it takes no value.',
    ]);
  });

  it('stages a certified year for a coding supplement: a notice, unless the layer is already in one', async () => {
    const { issues, messages } = await check(
      {
        parcels: [
          { prop: 60, geo: 'R-60' },
          { prop: 61, geo: 'R-61' },
        ],
        layers: [
          { year: 2025, prop: 60 },
          { year: 2025, prop: 61, sup: 3, groupStatus: 'C' },
        ],
      },
      [valueRow('60', '2025-03-01'), valueRow('61', '2025-03-01')],
    );
    expect(issues).toEqual([[2, 'effective_date', 'certified_year_supplement']]);
    expect(messages[0]).toMatch(/^Notice, not an error: effective_date year 2025 is certified \(pacs_year.certification_dt 2025-11-30\)/);
  });

  it('names the earlier line a row repeats', async () => {
    const { issues, messages } = await check({ parcels: [{ prop: 70, geo: 'R-70' }], layers: [{ year: 2026, prop: 70 }] }, [valueRow('70'), valueRow('70', '2026-06-01', 2)]);
    expect(issues).toEqual([[3, 'value_type', 'duplicate_in_file']]);
    expect(messages[0]).toBe('This row repeats line 2 (same parcel, value type and year). Keep one of them.');
  });
});
