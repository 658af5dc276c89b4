import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { loadDemoIntoConnection } from '../../mcp/demo/load-demo-into-source.js';
import { routeAppeal, type RouteAppealResult } from '../../mcp/pacs/route-appeal.js';
import { openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

/**
 * Routing on the demo copied into PostgreSQL with the catalog's types, by many routers at once:
 * the docket counts never pass a maximum and always equal the cases on the docket, whatever the
 * interleaving. And the county's own scheduling procedure, where configured, picks the docket.
 */
describe.runIf(postgresAvailable())('route_appeal on a type-faithful PostgreSQL copy', () => {
  let t: ImportTestEngine;
  let pg: PgCluster;
  const psql = (sql: string) => pg.psql(sql, 'pacs_demo').trim();

  beforeAll(async () => {
    t = await openImportEngine(1_500);
    pg = await startPostgres();
    pg.psql('CREATE DATABASE pacs_demo');
    const config = parseConnectionConfig('postgres', { host: '127.0.0.1', port: pg.port, database: 'pacs_demo', user: 'postgres' });
    await t.engine.connections.upsert({ id: 'pgdemo', kind: 'postgres', role: 'training', description: '', config });
    await loadDemoIntoConnection(t.engine, 'pgdemo');
  });
  afterAll(async () => {
    await t?.close();
    pg?.stop();
  });

  /** Dockets whose count is not the number of cases on them, or above their maximum. */
  const inconsistentDockets = () =>
    psql(
      `SELECT count(*) FROM _arb_protest_hearing_docket d
        WHERE d.scheduled_protest_count <> (SELECT count(*) FROM _arb_protest p WHERE p.docket_id = d.docket_id OR p.prot_appr_docket_id = d.docket_id)
           OR d.scheduled_protest_count > coalesce(d.maximum_hearing_count, d.scheduled_protest_count)`,
    );

  it('never overfills a docket when many protests are routed at the same time', async () => {
    const open = psql(
      `SELECT string_agg(ap.prop_id::text, ',' ORDER BY ap.prop_id) FROM _arb_protest ap JOIN property p ON p.prop_id = ap.prop_id
        WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL AND p.prop_type_cd IN ('R', 'MH')
          AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id)`,
    )
      .split(',')
      .map(Number);
    expect(open.length).toBeGreaterThanOrEqual(12);
    // Room for exactly 3 more cases on one protest-hearing docket that takes every residential case, none anywhere else.
    const [target] = psql(
      `SELECT d.docket_id FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON h."lHearingID" = d."lHearingID"
        WHERE h."szHearingType" = 'P' AND h."cAccountType" IS NULL AND d.docket_start_date_time >= '2026-01-01'
          AND (SELECT count(*) FROM _arb_protest_hearing_property_type t WHERE t."lHearingID" = h."lHearingID" AND t."szPropertyType" IN ('R', 'MH')) = 2
        ORDER BY d.docket_start_date_time LIMIT 1`,
    ).split('\n');
    psql('UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count');
    psql(`UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count + 3 WHERE docket_id = ${target}`);

    const { record, connector } = await t.engine.source('pgdemo');
    const results = await Promise.allSettled(open.map((prop_id) => routeAppeal(record, connector, { propId: prop_id, year: 2026, earliestDate: '2026-01-01', reassign: false }, { scheduledStatus: 'S' })));
    const routed = results.filter((r): r is PromiseFulfilledResult<RouteAppealResult> => r.status === 'fulfilled').map((r) => r.value);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(routed.map((r) => r.docket_id)).toEqual([Number(target), Number(target), Number(target)]);
    expect(refused).toHaveLength(open.length - 3);
    for (const r of refused) expect(String(r.reason.message)).toMatch(/No hearing docket from 2026-01-01 takes property type/);
    expect(inconsistentDockets()).toBe('0');
    expect(psql(`SELECT scheduled_protest_count = maximum_hearing_count FROM _arb_protest_hearing_docket WHERE docket_id = ${target}`)).toBe('t');
    // Only the routed cases changed: docket, hearing appraiser and the county's scheduling status.
    expect(psql(`SELECT count(*) FROM _arb_protest WHERE docket_id = ${target} AND prot_status = 'S' AND prot_hearing_appraisal_staff IS NOT NULL AND prop_id IN (${routed.map((r) => r.prop_id).join(',')})`)).toBe('3');
  });

  it('refuses what SQL Server would refuse: a status code longer than the column, a code without a status row', async () => {
    const [protest] = psql("SELECT prop_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NULL AND docket_id IS NULL ORDER BY prop_id LIMIT 1").split('\n');
    expect(() => psql(`UPDATE _arb_protest SET prot_status = 'HEARING_SCHEDULED' WHERE prop_id = ${protest}`)).toThrow(/value too long for type character varying\(10\)/);
    expect(() => psql(`UPDATE _arb_protest SET prot_status = 'ZZ' WHERE prop_id = ${protest}`)).toThrow(/violates foreign key constraint/);
    expect(() => psql('UPDATE _arb_protest_hearing_docket SET scheduled_protest_count = maximum_hearing_count + 1 WHERE maximum_hearing_count IS NOT NULL')).toThrow(/violates check constraint/);
  });

  it("calls the county's own scheduling procedure when the connection names one, and reports the docket it chose", async () => {
    const [propId, caseId] = psql("SELECT prop_id || '|' || case_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NULL AND docket_id IS NULL ORDER BY prop_id DESC LIMIT 1").split('|').map(Number);
    const [docket] = psql("SELECT d.docket_id FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON h.\"lHearingID\" = d.\"lHearingID\" WHERE h.\"szHearingType\" = 'P' ORDER BY d.docket_start_date_time DESC LIMIT 1").split('\n');
    // A stand-in for PACS's ARBAutoSchedule with its parameters: it puts the case on the latest docket and counts it.
    psql(`CREATE PROCEDURE "ARBAutoSchedule"("lYear" numeric, "lCaseID" int, "lPropID" int, "lSupNum" int) LANGUAGE sql AS $$
            UPDATE _arb_protest SET docket_id = ${docket} WHERE prop_id = "lPropID" AND prop_val_yr = "lYear" AND case_id = "lCaseID";
            UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = GREATEST(maximum_hearing_count, scheduled_protest_count + 1), scheduled_protest_count = scheduled_protest_count + 1 WHERE docket_id = ${docket};
          $$`);
    const { record, connector } = await t.engine.source('pgdemo');
    const routed = await routeAppeal(record, connector, { propId: propId, year: 2026, caseId: caseId, reassign: false }, { procedure: 'ARBAutoSchedule', scheduledStatus: 'S' });
    expect(routed).toMatchObject({ docket_id: Number(docket), docket_source: 'procedure', prot_status: 'S', changed: true });
    expect(psql(`SELECT docket_id || '/' || prot_status FROM _arb_protest WHERE prop_id = ${propId} AND prop_val_yr = 2026 AND case_id = ${caseId}`)).toBe(`${docket}/S`);
    expect(inconsistentDockets()).toBe('0');
  });
});
