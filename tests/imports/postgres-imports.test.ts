import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { ProductionReadOnlyError } from '../../mcp/connections/connection-types.js';
import type { DatabaseConnector } from '../../mcp/connectors/connector.js';
import { loadDemoIntoConnection } from '../../mcp/demo/load-demo-into-source.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { routeAppeal } from '../../mcp/pacs/route-appeal.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

/**
 * The same flow on PostgreSQL: validation reads a PostgreSQL training database, the push and
 * appeal routing write it through its connector, and promotion reaches a PostgreSQL production
 * database only through the built-in allowlisted statements.
 */
describe.runIf(postgresAvailable('imports on PostgreSQL'))('imports and routing against PostgreSQL training and production databases', () => {
  let t: ImportTestEngine;
  let pg: PgCluster;
  const cli = actorFor('cli');
  const psql = (sql: string, db: string) => pg.psql(sql, db).trim();

  beforeAll(async () => {
    t = await openImportEngine(150);
    pg = await startPostgres();
    for (const [id, db] of [['pgtrain', 'pacs_training_copy'], ['pgprod', 'pacs_oltp_copy']]) {
      pg.psql(`CREATE DATABASE ${db}`);
      const config = parseConnectionConfig('postgres', { host: '127.0.0.1', port: pg.port, database: db, user: 'postgres' });
      await t.engine.connections.upsert({ id, kind: 'postgres', role: 'training', description: '', config });
      await loadDemoIntoConnection(t.engine, id);
    }
    const prod = await t.engine.connections.get('pgprod');
    await t.engine.connections.upsert({ ...prod, role: 'production' });
  });
  afterAll(async () => {
    await t?.close();
    pg?.stop();
  });

  it('validates against PostgreSQL, pushes into its staging tables and promotes into the production copy', async () => {
    const owners = await t.demo<{ prop_id: number; owner_id: number }>(
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
         JOIN property p ON p.prop_id = o.prop_id WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
          AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026)
          AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.sup_num = psa.sup_num AND v.prop_id = o.prop_id AND v.prop_inactive_dt IS NOT NULL)
        ORDER BY o.prop_id LIMIT 2`,
    );
    const [held] = await t.demo<{ prop_id: number; owner_id: number; exmpt_subtype_cd: string }>("SELECT prop_id, owner_id, exmpt_subtype_cd FROM property_exemption WHERE exmpt_tax_yr = 2026 AND exmpt_type_cd = 'SNR/DSBL' ORDER BY prop_id LIMIT 1");
    const rows = [
      ...owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX', name: '"O\'NEIL, ANN"' })),
      exemptionRow({ prop: held.prop_id, owner: held.owner_id, code: 'SNR/DSBL', subtype: held.exmpt_subtype_cd, qualifyCd: '1', income: 20_000 }),
      exemptionRow({ prop: 99_999, owner: 1, code: 'EX' }),
    ];
    const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: 'pg.csv' }, cli);
    const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id, connectionId: 'pgtrain' }, cli);
    const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 10, rowsLimit: 0 });
    expect(detail.errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'duplicate_existing'],
      [5, 'parcel_not_found'],
    ]);
    // The same file against the SQLite original finds the same.
    const onSqlite = await t.engine.imports.validate({ batchId: staged.batch_id, connectionId: 'demo' }, cli);
    expect(onSqlite.batch.error_row_count).toBe(2);
    const again = await t.engine.imports.validate({ batchId: staged.batch_id, connectionId: 'pgtrain' }, cli);
    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'Pat QA', reviewedSha256: again.batch.content_sha256! }, cli);

    const pushed = await t.engine.imports.push({ batchId: batch.batch_id }, cli);
    expect(pushed).toMatchObject({ connectionId: 'pgtrain', pushedRows: 2, skippedRows: 2 });
    expect(psql(`SELECT string_agg(prop_id || ':' || owner_id || ':' || applicant_nm, ',' ORDER BY line_number) FROM import_staging_exemptions WHERE batch_id = '${batch.batch_id}'`, 'pacs_training_copy')).toBe(
      owners.map((o) => `${o.prop_id}:${o.owner_id}:O'NEIL, ANN`).join(','),
    );
    expect(psql(`SELECT row_count || '/' || skipped_count FROM import_staging_batches WHERE batch_id = '${batch.batch_id}'`, 'pacs_training_copy')).toBe('2/2');
    expect(psql(`SELECT count(*) FROM import_staging_errors WHERE batch_id = '${batch.batch_id}'`, 'pacs_training_copy')).toBe('2');
    expect((await t.engine.imports.push({ batchId: batch.batch_id }, cli)).alreadyPushed).toBe(true);

    await setPromotionProcedure(t.engine, { connectionId: 'pgprod', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, actorFor('ui'));
    const promoted = await t.engine.imports.promote({ batchId: batch.batch_id, targetConnectionId: 'pgprod', confirmTarget: 'pgprod' });
    expect(promoted.appliedRows).toBe(2);
    for (const o of owners) {
      expect(psql(`SELECT exmpt_type_cd || '/' || sup_num FROM property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ${o.prop_id} AND owner_id = ${o.owner_id}`, 'pacs_oltp_copy')).toBe('EX/0');
      expect(psql(`SELECT count(*) FROM property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ${o.prop_id} AND owner_id = ${o.owner_id}`, 'pacs_training_copy')).toBe('0');
    }
    expect(psql(`SELECT applied_count FROM import_promotions WHERE batch_id = '${batch.batch_id}'`, 'pacs_oltp_copy')).toBe('2');
  });

  it('routes an appeal on the PostgreSQL training copy and refuses its production copy; the connector itself refuses production writes', async () => {
    const [protest] = await t.demo<{ prop_id: number; case_id: number }>('SELECT prop_id, case_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NULL AND docket_id IS NULL ORDER BY prop_id LIMIT 1');
    const train = await t.engine.source('pgtrain');
    const routed = await routeAppeal(train.record, train.connector, { propId: protest.prop_id, year: 2026, earliestDate: '2026-01-01', reassign: false });
    expect(routed.changed).toBe(true);
    expect(psql(`SELECT docket_id || '/' || prot_hearing_appraisal_staff FROM _arb_protest WHERE prop_id = ${protest.prop_id} AND prop_val_yr = 2026 AND case_id = ${protest.case_id}`, 'pacs_training_copy')).toBe(`${routed.docket_id}/${routed.appraiser_id}`);
    // The same routing computed on the SQLite original picks the same appraiser and docket.
    const lite = await t.engine.source('demo');
    expect(await routeAppeal(lite.record, lite.connector, { propId: protest.prop_id, year: 2026, earliestDate: '2026-01-01', reassign: false })).toEqual(routed);

    const prod = await t.engine.source('pgprod');
    await expect(routeAppeal(prod.record, prod.connector, { propId: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(ProductionReadOnlyError);
    await expect((prod.connector as DatabaseConnector).writeTransaction(async (tx) => tx.execute('DELETE FROM property', []))).rejects.toThrow(ProductionReadOnlyError);
    expect(Number(psql('SELECT count(*) FROM property', 'pacs_oltp_copy'))).toBe(150);
  });
});
