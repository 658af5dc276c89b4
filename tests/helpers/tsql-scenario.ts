import path from 'node:path';
import type { ConnectionRecord } from '../../mcp/connections/connection-types.js';
import type { Connector } from '../../mcp/connectors/connector-factory.js';
import type { Row } from '../../mcp/connectors/connector.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { DEMO_CALENDAR_DATE } from '../../mcp/demo/demo-world.js';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { VALUE_COLUMNS } from '../../mcp/imports/kinds/property-value-layout.js';
import { PROCEDURE_RESULT, PROMOTION_PROCEDURES } from '../../mcp/imports/promotion-procedures.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { callTool } from '../../mcp/tools/call-tool.js';
import { TOOLS } from '../../mcp/tools/index.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, type ImportTestEngine } from './import-fixtures.js';
import { RecordingConnector, type RecordedStatement } from './recording-connector.js';

/**
 * Every PACS operation, run through the engine as the county runs it, against connections that
 * speak T-SQL (RecordingConnector): the PACS tools, snapshots with a training copy, validation of
 * both import kinds, the push, and promotion by procedure (SQL Server) and by built-in statements
 * (a PostgreSQL or SQLite production copy). Each statement is labelled with its operation.
 */

/** The connection ids the scenario registers, each served by a recording connector. */
export const RECORDED = {
  training: 'rec_training',
  /** The same database, with the county's choice of PACS's own scheduling procedure. */
  trainingScheduler: 'rec_training_sched',
  /** The same database, standing at a day after its last hearing docket. */
  trainingLate: 'rec_training_late',
  production: 'rec_oltp',
  /** A production copy of another kind, whose promotion runs the built-in statements. */
  productionBuiltin: 'rec_oltp_builtin',
} as const;

const ui = actorFor('ui');
const cli = actorFor('cli');

/** An MCP tool call as any surface makes it (schema, handler, audit). */
async function tool(engine: ImportTestEngine['engine'], name: string, args: Record<string, unknown>): Promise<unknown> {
  const found = TOOLS.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name}`);
  return callTool(engine, { channel: 'mcp', clientName: 'tsql-scenario' }, found, args, { signal: new AbortController().signal, progress: async () => undefined });
}

export interface ScenarioResult {
  statements: RecordedStatement[];
  /** Operations whose statements reached a connection, with that connection's role. */
  roles: Map<string, Set<ConnectionRecord['role']>>;
}

export async function runTsqlScenario(t: ImportTestEngine): Promise<ScenarioResult> {
  const engine = t.engine;
  const prodFile = path.join(t.dir, 'rec-oltp.sqlite');
  await generateDemoDatabase(prodFile, { size: 300 });
  const base = { server: 'recorded', encrypt: false };
  // A training copy's dockets are those of the day it was taken: the demo's.
  await engine.connections.upsert({ id: RECORDED.training, kind: 'sqlserver', role: 'training', description: '', config: { ...base, database: 'pacs_training', appeal_scheduled_status: 'S', appeal_calendar_date: DEMO_CALENDAR_DATE } });
  await engine.connections.upsert({ id: RECORDED.trainingLate, kind: 'sqlserver', role: 'training', description: '', config: { ...base, database: 'pacs_training', appeal_scheduled_status: 'S', appeal_calendar_date: '2099-01-01' } });
  await engine.connections.upsert({ id: RECORDED.trainingScheduler, kind: 'sqlserver', role: 'training', description: '', config: { ...base, database: 'pacs_training', appeal_scheduling_procedure: 'dbo.ARBAutoSchedule' } });
  await engine.connections.upsert({ id: RECORDED.production, kind: 'sqlserver', role: 'production', description: '', config: { ...base, database: 'pacs_oltp' } });
  await engine.connections.upsert({ id: RECORDED.productionBuiltin, kind: 'postgres', role: 'production', description: '', config: { host: 'recorded', database: 'pacs_oltp', user: 'x' } });

  const applied = (): Row[] => [{ [PROCEDURE_RESULT.rowsApplied]: 1, [PROCEDURE_RESULT.alreadyPromoted]: 0 }];
  const training = new RecordingConnector(new SqliteConnector({ file: t.demoFile }, { id: RECORDED.training, role: 'training' }), 'pacs_training');
  const production = new RecordingConnector(new SqliteConnector({ file: prodFile }, { id: RECORDED.production, role: 'production' }), 'pacs_oltp', applied);
  const builtin = new RecordingConnector(new SqliteConnector({ file: prodFile }, { id: RECORDED.productionBuiltin, role: 'production' }), 'pacs_oltp');
  const byId: Record<string, RecordingConnector> = {
    [RECORDED.training]: training,
    [RECORDED.trainingScheduler]: training,
    [RECORDED.trainingLate]: training,
    [RECORDED.production]: production,
    [RECORDED.productionBuiltin]: builtin,
  };
  const roles = new Map<string, Set<ConnectionRecord['role']>>();
  const original = engine.sources.get.bind(engine.sources);
  engine.sources.get = (record: ConnectionRecord): Promise<Connector> => {
    const recorder = byId[record.id];
    if (!recorder) return original(record);
    let set = roles.get(recorder.operation);
    if (!set) roles.set(recorder.operation, (set = new Set()));
    set.add(record.role);
    return Promise.resolve(recorder);
  };
  const during = async (operation: string, work: () => Promise<unknown>, failureExpected = false) => {
    for (const r of [training, production, builtin]) r.operation = operation;
    const failed = await work().then(
      () => false,
      (err: unknown) => {
        if (!failureExpected) throw err;
        return true;
      },
    );
    if (failureExpected && !failed) throw new Error(`${operation}: the failure this step exercises did not happen`);
  };

  // The PACS tools.
  const [owner] = await t.demo<{ file_as_name: string }>("SELECT file_as_name FROM account WHERE file_as_name IS NOT NULL AND confidential_flag <> 'T' ORDER BY acct_id LIMIT 1");
  const [geo] = await t.demo<{ geo_id: string; prop_id: number }>('SELECT geo_id, prop_id FROM property WHERE geo_id IS NOT NULL ORDER BY prop_id LIMIT 1');
  const [hood] = await t.demo<{ hood_cd: string }>('SELECT hood_cd FROM property_val WHERE hood_cd IS NOT NULL ORDER BY prop_id LIMIT 1');
  const [street] = await t.demo<{ situs_street: string }>('SELECT situs_street FROM situs WHERE situs_street IS NOT NULL ORDER BY prop_id LIMIT 1');
  await during('search_parcels', async () => {
    for (const args of [{ query: owner.file_as_name.split(' ')[0] }, { query: geo.geo_id.slice(0, 4) }, { query: String(geo.prop_id) }, { query: street.situs_street }, { hood_cd: hood.hood_cd, prop_type_cd: 'R', year: 2026 }, {}]) {
      await tool(engine, 'search_parcels', { connection_id: RECORDED.training, limit: 10, ...args });
    }
  });
  const parcels = [
    ...(await t.demo<{ prop_id: number }>('SELECT DISTINCT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 2')),
    ...(await t.demo<{ prop_id: number }>('SELECT DISTINCT prop_id FROM property_exemption ORDER BY prop_id LIMIT 2')),
    ...(await t.demo<{ prop_id: number }>('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 0 ORDER BY prop_id LIMIT 1')),
    ...(await t.demo<{ prop_id: number }>('SELECT DISTINCT prop_id FROM property_val WHERE sup_num > 0 ORDER BY prop_id LIMIT 1')),
  ].map((p) => p.prop_id);
  await during('get_parcel', async () => {
    for (const prop_id of parcels) await tool(engine, 'get_parcel', { connection_id: RECORDED.training, prop_id });
  });
  await during('get_parcel_timeline', async () => {
    for (const prop_id of parcels) await tool(engine, 'get_parcel_timeline', { connection_id: RECORDED.training, prop_id, include_supplements: true });
  });
  const [status] = await t.demo<{ status_cd: string }>('SELECT status_cd FROM _arb_protest_status ORDER BY status_cd LIMIT 1');
  const [appraiser] = await t.demo<{ appraiser_id: number }>('SELECT appraiser_id FROM appraiser ORDER BY appraiser_id LIMIT 1');
  await during('list_appeals', async () => {
    await tool(engine, 'list_appeals', { connection_id: RECORDED.training, year: 2026, status: [status.status_cd], open_only: true, unassigned_only: true });
    await tool(engine, 'list_appeals', { connection_id: RECORDED.training, appraiser_id: appraiser.appraiser_id, prop_id: parcels[0] });
  });
  const open = await t.demo<{ prop_id: number; case_id: number }>(
    `SELECT ap.prop_id, ap.case_id FROM _arb_protest ap JOIN property p ON p.prop_id = ap.prop_id
      WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL AND p.prop_type_cd = 'R'
        AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id)
      ORDER BY ap.prop_id LIMIT 3`,
  );
  await during('route_appeal', async () => {
    await tool(engine, 'route_appeal', { connection_id: RECORDED.training, prop_id: open[0].prop_id, year: 2026 });
    await tool(engine, 'route_appeal', { connection_id: RECORDED.training, prop_id: open[0].prop_id, year: 2026, reassign: true });
  });
  // No docket that late: the tool says why, which reads the docket counts.
  await during('route_appeal', () => tool(engine, 'route_appeal', { connection_id: RECORDED.trainingLate, prop_id: open[1].prop_id, year: 2026 }), true);
  // The county's own scheduling procedure (SQLite has none, so it picks no docket here).
  await during('route_appeal', () => tool(engine, 'route_appeal', { connection_id: RECORDED.trainingScheduler, prop_id: open[2].prop_id, year: 2026 }), true);
  await during('export_parcel_snapshot', async () => {
    await tool(engine, 'export_parcel_snapshot', { connection_id: RECORDED.training, name: 'recorded', prop_ids: parcels, write_to_training: true, training_connection_id: RECORDED.training });
    await tool(engine, 'export_parcel_snapshot', { connection_id: RECORDED.training, name: 'recorded search', search: { hood_cd: hood.hood_cd }, max_parcels: 5_000 });
  });

  // Imports: validation (both kinds, valid and invalid rows), the push, both promotions.
  const owners = await t.demo<{ prop_id: number; owner_id: number; geo_id: string }>(
    `SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R' AND p.geo_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026)
        AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY o.prop_id, o.owner_id LIMIT 6`,
  );
  // An exemption an owner holds on the current layer of an open year: a REMOVE of it is valid.
  const [held] = await t.demo<{ prop_id: number; owner_id: number; exmpt_type_cd: string }>(
    `SELECT pe.prop_id, pe.owner_id, pe.exmpt_type_cd FROM property_exemption pe
       JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.sup_num = pe.sup_num AND psa.prop_id = pe.prop_id
       JOIN property p ON p.prop_id = pe.prop_id
      WHERE pe.exmpt_tax_yr = 2026 AND p.prop_type_cd = 'R' AND pe.exmpt_type_cd IN ('EX', 'SNR/DSBL')
        AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = pe.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY pe.prop_id LIMIT 1`,
  );
  const exemptionBatch = async (rows: (string | number | null)[][], name: string) => {
    const staged = await engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: name }, cli);
    await tool(engine, 'validate_import', { batch_id: staged.batch_id, connection_id: RECORDED.training });
    return staged.batch_id;
  };
  const valueBatch = async (rows: (string | number)[][], name: string) => {
    const staged = await engine.imports.stage({ kind: 'property_values', file_content: csvText(['parcel_id', 'value_type', 'value_amount', 'effective_date', 'source'], rows), file_name: name }, cli);
    await tool(engine, 'validate_import', { batch_id: staged.batch_id, connection_id: RECORDED.training });
    return staged.batch_id;
  };
  const batches: Record<string, string> = {};
  await during('validate_import', async () => {
    batches.exemptionsByProcedure = await exemptionBatch(
      [
        exemptionRow({ prop: owners[0].prop_id, owner: owners[0].owner_id, code: 'EX' }),
        exemptionRow({ geo: owners[1].geo_id, owner: owners[1].owner_id, code: 'EX' }),
        exemptionRow({ prop: owners[2].prop_id, owner: owners[2].owner_id, code: 'SNR/DSBL', qualifyCd: '1', income: 30_000 }),
        exemptionRow({ prop: 99_999_999, owner: 1, code: 'EX' }),
      ],
      'procedure.csv',
    );
    batches.exemptionsBuiltin = await exemptionBatch(
      [exemptionRow({ prop: owners[3].prop_id, owner: owners[3].owner_id, code: 'EX' }), exemptionRow({ prop: held.prop_id, owner: held.owner_id, code: held.exmpt_type_cd, action: 'REMOVE' })],
      'builtin.csv',
    );
    batches.valuesByProcedure = await valueBatch([[owners[0].prop_id, 'market', 250_000, '2026-01-01', 'review'], [owners[1].geo_id, 'appraised_val', 240_000, '2026-01-01', '']], 'values-procedure.csv');
    // Every value column a value import may set, so each one's statement is recorded.
    batches.valuesBuiltin = await valueBatch(
      VALUE_COLUMNS.map((column, i) => [owners[2].prop_id, column, 100_000 + i, '2026-01-01', 'review']),
      'values-builtin.csv',
    );
  });
  await during('stage_import (validate: true)', () =>
    tool(engine, 'stage_import', { kind: 'exemptions', validate: true, connection_id: RECORDED.training, file_content: csvText(EXEMPTION_HEADER, [exemptionRow({ prop: owners[5].prop_id, owner: owners[5].owner_id, code: 'EX' })]), file_name: 'check.csv' }),
  );
  for (const [name, batchId] of Object.entries(batches)) {
    const batch = await engine.imports.get(batchId);
    // The procedure batch carries two bad rows on purpose (an unknown parcel, an owner who does not qualify for SNR/DSBL); the others must be clean.
    if (batch.error_row_count !== (name === 'exemptionsByProcedure' ? 2 : 0)) throw new Error(`batch ${name}: ${batch.error_row_count} rows with errors`);
    await engine.imports.signoff({ batchId, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256! }, cli);
  }
  await during('import push', async () => {
    for (const batchId of Object.values(batches)) await engine.imports.push({ batchId, connectionId: RECORDED.training }, cli);
  });
  await setPromotionProcedure(engine, { connectionId: RECORDED.production, kind: 'exemptions', procedure: PROMOTION_PROCEDURES.exemptions }, ui);
  await setPromotionProcedure(engine, { connectionId: RECORDED.production, kind: 'property_values', procedure: PROMOTION_PROCEDURES.property_values }, ui);
  await setPromotionProcedure(engine, { connectionId: RECORDED.productionBuiltin, kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, ui);
  await setPromotionProcedure(engine, { connectionId: RECORDED.productionBuiltin, kind: 'property_values', procedure: 'pacs_mcp_promote_property_values' }, ui);
  const promote = (batchId: string, target: string) => engine.imports.promote({ batchId, targetConnectionId: target, confirmTarget: target }, ui);
  await during('import promote', async () => {
    await promote(batches.exemptionsByProcedure, RECORDED.production);
    await promote(batches.valuesByProcedure, RECORDED.production);
  });
  await during('import promote (built-in)', async () => {
    await promote(batches.exemptionsBuiltin, RECORDED.productionBuiltin);
    await promote(batches.valuesBuiltin, RECORDED.productionBuiltin);
  });
  engine.sources.get = original;
  await Promise.all([training.close(), production.close(), builtin.close()]);
  return { statements: [...training.statements, ...production.statements, ...builtin.statements], roles };
}
