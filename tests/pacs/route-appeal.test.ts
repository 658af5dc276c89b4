import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProductionReadOnlyError } from '../../mcp/connections/connection-types.js';
import { routeAppeal, RoutingError } from '../../mcp/pacs/route-appeal.js';
import { openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';

// Each test writes into the training database: every one gets an engine and a demo of its own.
let t: ImportTestEngine;

beforeEach(async () => {
  t = await openImportEngine(400);
});
afterEach(async () => {
  await t?.close();
});

/** Test set-up writes straight into the training database (as a PACS user would in PACS itself). */
function demoWrite(sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(t.demoFile);
    db.run(sql, params, (err) => {
      db.close();
      if (err) reject(err);
      else resolve();
    });
  });
}

const source = () => t.engine.source('demo');
const route = async (prop_id: number, extra: Partial<Parameters<typeof routeAppeal>[2]> = {}) => {
  const { record, connector } = await source();
  return routeAppeal(record, connector, { prop_id, year: 2026, earliest_date: '2026-01-01', reassign: false, ...extra });
};

async function openProtests() {
  return t.demo<{ prop_id: number; case_id: number; prot_status: string; prop_type_cd: string; last_appraiser_id: number | null; hood_cd: string | null; prot_create_dt: string }>(
    `SELECT ap.prop_id, ap.case_id, ap.prot_status, p.prop_type_cd, pv.last_appraiser_id, pv.hood_cd, ap.prot_create_dt FROM _arb_protest ap
       JOIN property p ON p.prop_id = ap.prop_id
       JOIN prop_supp_assoc psa ON psa.prop_id = ap.prop_id AND psa.owner_tax_yr = ap.prop_val_yr
       JOIN property_val pv ON pv.prop_val_yr = psa.owner_tax_yr AND pv.sup_num = psa.sup_num AND pv.prop_id = psa.prop_id
      WHERE ap.prop_val_yr = 2026 AND ap.prot_status IN ('OPEN', 'O') AND ap.docket_id IS NULL AND p.prop_type_cd = 'R'
      ORDER BY ap.prop_id`,
  );
}

/** What routing should pick: the earliest 2026 docket from filing + 15 days that takes the type and has room. */
async function expectedDocket(propType: string, filed: string) {
  const from = new Date(Date.parse(`${filed.slice(0, 10)}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
  const dockets = await t.demo<{ docket_id: number; max_hearings: number; prop_type_cds: string; booked: number }>(
    `SELECT d.docket_id, d.max_hearings, d.prop_type_cds, (SELECT COUNT(*) FROM _arb_protest x WHERE x.docket_id = d.docket_id) AS booked
       FROM arb_docket d WHERE d.docket_start_dt >= ? AND d.docket_start_dt < '2027-01-01' ORDER BY d.docket_start_dt, d.docket_id`,
    [`${from}T00:00:00`],
  );
  return dockets.find((d) => d.prop_type_cds.split(',').includes(propType) && d.booked < d.max_hearings)!;
}

describe('route_appeal on a training connection', () => {
  it('assigns the parcel\'s last appraiser and the first docket that takes the property type and has room', async () => {
    const [protest] = await openProtests();
    expect(protest).toBeDefined();
    const [appraiser] = await t.demo<{ inactive: number }>('SELECT inactive FROM appraiser WHERE appraiser_id = ?', [protest.last_appraiser_id]);
    expect(appraiser.inactive).toBe(0);
    const docket = await expectedDocket('R', protest.prot_create_dt);
    const routed = await route(protest.prop_id);
    expect(routed).toMatchObject({
      prop_id: protest.prop_id,
      case_id: protest.case_id,
      appraiser_id: protest.last_appraiser_id,
      appraiser_source: 'last_appraiser',
      docket_id: docket.docket_id,
      hearings_on_docket: docket.booked + 1,
      max_hearings: docket.max_hearings,
      previous_status: protest.prot_status,
      prot_status: protest.prot_status === 'O' ? 'S' : 'HEARING_SCHEDULED',
      changed: true,
    });
    expect(await t.demo('SELECT prot_appraisal_staff, docket_id, prot_status FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = ?', [protest.prop_id, protest.case_id])).toEqual([
      { prot_appraisal_staff: protest.last_appraiser_id, docket_id: docket.docket_id, prot_status: routed.prot_status },
    ]);
    // Again: nothing changes.
    const again = await route(protest.prop_id);
    expect(again).toMatchObject({ changed: false, docket_id: docket.docket_id, appraiser_source: 'already_assigned', hearings_on_docket: docket.booked + 1 });
  });

  it('falls back to the neighborhood\'s appraiser when the last one is inactive, and skips full dockets', async () => {
    const [, protest] = await openProtests();
    await demoWrite('UPDATE property_val SET last_appraiser_id = 13 WHERE prop_val_yr = 2026 AND prop_id = ?', [protest.prop_id]);
    const [hood] = await t.demo<{ appraiser_id: number }>('SELECT appraiser_id FROM neighborhood WHERE hood_cd = ? AND hood_yr = 2026', [protest.hood_cd]);
    const first = await expectedDocket('R', protest.prot_create_dt);
    await demoWrite('UPDATE arb_docket SET max_hearings = ? WHERE docket_id = ?', [first.booked, first.docket_id]);
    const next = await expectedDocket('R', protest.prot_create_dt);
    expect(next.docket_id).not.toBe(first.docket_id);
    const routed = await route(protest.prop_id);
    expect(routed).toMatchObject({ appraiser_id: hood.appraiser_id, appraiser_source: 'neighborhood', docket_id: next.docket_id, changed: true });
  });

  it('puts a personal-property protest only on a docket that takes type P', async () => {
    const [parcel] = await t.demo<{ prop_id: number }>("SELECT p.prop_id FROM property p WHERE p.prop_type_cd = 'P' AND NOT EXISTS (SELECT 1 FROM _arb_protest ap WHERE ap.prop_id = p.prop_id AND ap.prop_val_yr = 2026) ORDER BY p.prop_id LIMIT 1");
    await demoWrite("INSERT INTO _arb_protest (prop_id, prop_val_yr, case_id, prot_type, prot_status, prot_create_dt) VALUES (?, 2026, 9001, 'MKT', 'OPEN', '2026-05-01T09:00:00')", [parcel.prop_id]);
    const routed = await route(parcel.prop_id);
    const [docket] = await t.demo<{ prop_type_cds: string }>('SELECT prop_type_cds FROM arb_docket WHERE docket_id = ?', [routed.docket_id]);
    expect(docket.prop_type_cds.split(',')).toContain('P');
    expect(routed.prop_type_cd).toBe('P');
  });

  it('says why when there is nothing to route or no docket with room', async () => {
    const [closed] = await t.demo<{ prop_id: number }>("SELECT prop_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_status = 'SETTLED' LIMIT 1");
    await expect(route(closed.prop_id)).rejects.toThrow(/is not open.*SETTLED \(closed\)/);
    await expect(route(1)).rejects.toThrow(RoutingError);
    await expect(route(1)).rejects.toThrow(/no protest for parcel 1 in 2026/);
    const [, , protest] = await openProtests();
    await demoWrite("UPDATE arb_docket SET max_hearings = 0 WHERE docket_start_dt LIKE '2026%'");
    await expect(route(protest.prop_id)).rejects.toThrow(/No hearing docket of 2026 from .* takes property type R and has room: \d+ docket\(s\) in that window, \d+ for other property types, \d+ full/);
    expect(await t.demo('SELECT docket_id FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = ?', [protest.prop_id, protest.case_id])).toEqual([{ docket_id: null }]);
  });

  it('refuses a production connection, and says why', async () => {
    await t.engine.connections.upsert({ id: 'prod-copy', kind: 'sqlite', role: 'production', description: '', config: { file: t.demoFile } });
    await t.engine.connections.upsert({ id: 'wh', kind: 'sqlite', role: 'warehouse', description: '', config: { file: t.demoFile } });
    const [protest] = await t.demo<{ prop_id: number }>("SELECT prop_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_status IN ('OPEN','O') AND docket_id IS NULL LIMIT 1");
    const prod = await t.engine.source('prod-copy');
    await expect(routeAppeal(prod.record, prod.connector, { prop_id: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(ProductionReadOnlyError);
    await expect(routeAppeal(prod.record, prod.connector, { prop_id: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(/production connection and is read-only: routing an appeal .* is refused/);
    const wh = await t.engine.source('wh');
    await expect(routeAppeal(wh.record, wh.connector, { prop_id: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(/only on a training connection/);
  });
});
