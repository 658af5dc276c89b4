import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { csvText, openImportEngine, sqliteAll, type ImportTestEngine } from '../helpers/import-fixtures.js';

let t: ImportTestEngine;
let prodFile: string;
const cli = actorFor('cli');

beforeAll(async () => {
  t = await openImportEngine(200);
  prodFile = path.join(t.dir, 'prod-pacs.sqlite');
  await generateDemoDatabase(prodFile, { size: 200 });
  await t.engine.connections.upsert({ id: 'prod', kind: 'sqlite', role: 'production', description: '', config: { file: prodFile } });
});
afterAll(async () => {
  await t?.close();
});

describe("property_values imports (the county's import_staging_property_values)", () => {
  it('validates, pushes into import_staging_property_values and promotes onto the current value layer', async () => {
    const parcels = await t.demo<{ prop_id: number; geo_id: string }>("SELECT prop_id, geo_id FROM property WHERE prop_type_cd = 'R' ORDER BY prop_id LIMIT 3");
    const [p1, p2, p3] = parcels;
    const rows = [
      [p1.prop_id, 'market', 250000, '2026-01-01', 'field review'], // 2 valid
      [p2.geo_id, 'Appraised Value', '"$1,234,567"', '1/1/2026', ''], // 3 valid: geo_id, spelled type, currency
      ['999999', 'market', 1, '2026-01-01', ''], // 4 parcel_not_found
      [p3.prop_id, 'bogus', 1, '2026-01-01', ''], // 5 invalid_value
      [p3.prop_id, 'market', '100.50', '2026-01-01', ''], // 6 too_many_decimals (values are whole dollars)
      [p3.prop_id, 'market', 5, '2024-06-01', ''], // 7 certified year: a notice, pushed for a coding supplement
      [p1.prop_id, 'MARKET', 260000, '2026-03-01', ''], // 8 duplicate_in_file (same parcel, type and year as 2)
      [p3.prop_id, 'land_hstd_val', -5, '2026-01-01', ''], // 9 out_of_range
    ];
    const staged = await t.engine.imports.stage({ kind: 'property_values', file_content: csvText(['Parcel', 'Value Type', 'Amount', 'Effective Date', 'Source'], rows), file_name: 'values.csv' }, cli);
    const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id }, cli);
    const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 100, rowsLimit: 10 });
    expect(detail.errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'parcel_not_found'],
      [5, 'invalid_value'],
      [6, 'too_many_decimals'],
      [7, 'certified_year_supplement'],
      [8, 'duplicate_in_file'],
      [9, 'out_of_range'],
    ]);
    expect(detail.rows[1]).toMatchObject({ line: 3, prop_id: p2.prop_id, values: { parcel_id: p2.geo_id, value_type: 'appraised_val', value_amount: 1234567, effective_date: '2026-01-01' } });

    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'QA', reviewedSha256: batch.content_sha256! }, cli);
    const pushed = await t.engine.imports.push({ batchId: batch.batch_id }, cli);
    expect(pushed).toMatchObject({ pushedRows: 3, skippedRows: 5 });
    expect(await t.demo('SELECT parcel_id, value_type, value_amount, effective_date, source FROM import_staging_property_values WHERE import_batch_id = ? ORDER BY import_id', [batch.batch_id])).toEqual([
      { parcel_id: String(p1.prop_id), value_type: 'market', value_amount: 250000, effective_date: '2026-01-01', source: 'field review' },
      { parcel_id: p2.geo_id, value_type: 'appraised_val', value_amount: 1234567, effective_date: '2026-01-01', source: null },
      { parcel_id: String(p3.prop_id), value_type: 'market', value_amount: 5, effective_date: '2024-06-01', source: null },
    ]);

    await setPromotionProcedure(t.engine, { connectionId: 'prod', kind: 'property_values', procedure: 'pacs_mcp_promote_property_values' }, actorFor('ui'));
    const promoted = await t.engine.imports.promote({ batchId: batch.batch_id, targetConnectionId: 'prod', confirmTarget: 'prod' });
    expect(promoted.appliedRows).toBe(2);
    const current = (prop: number, column: string) =>
      sqliteAll<Record<string, number>>(prodFile, `SELECT pv.${column} AS v FROM property_val pv JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id WHERE pv.prop_val_yr = 2026 AND pv.prop_id = ?`, [prop]);
    expect(await current(p1.prop_id, 'market')).toEqual([{ v: 250000 }]);
    expect(await current(p2.prop_id, 'appraised_val')).toEqual([{ v: 1234567 }]);
    // Earlier, certified years are untouched until PACS puts the layer into a supplement in coding.
    const [old] = await sqliteAll<{ v: number }>(prodFile, 'SELECT market AS v FROM property_val WHERE prop_val_yr = 2024 AND prop_id = ? AND sup_num = 0', [p3.prop_id]);
    const [oldTraining] = await t.demo<{ v: number }>('SELECT market AS v FROM property_val WHERE prop_val_yr = 2024 AND prop_id = ? AND sup_num = 0', [p3.prop_id]);
    expect(old.v).toBe(oldTraining.v);
  });
});
