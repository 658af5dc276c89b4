import sqlite3 from 'sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProductionReadOnlyError } from '../../mcp/connections/connection-types.js';
import { routeAppeal, RoutingError, type RouteAppealRequest, type RoutingSettings } from '../../mcp/pacs/route-appeal.js';
import { openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';

// Each test writes into the training database: every one gets an engine and a demo of its own.
let t: ImportTestEngine;

beforeEach(async () => {
  t = await openImportEngine(600);
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

const SETTINGS: RoutingSettings = { scheduledStatus: 'S' };
const route = async (prop_id: number, extra: Partial<RouteAppealRequest> = {}, settings: RoutingSettings = SETTINGS) => {
  const { record, connector } = await t.engine.source('demo');
  return routeAppeal(record, connector, { propId: prop_id, year: 2026, earliestDate: '2026-01-01', reassign: false, ...extra }, settings);
};

interface OpenProtest {
  prop_id: number;
  case_id: number;
  prot_status: string;
  prop_type_cd: string;
  last_appraiser_id: number | null;
  hood_cd: string | null;
  commercial: string;
}

/** Open 2026 protests not on a docket, of parcels with no other protest that year. */
async function openProtests(propType = 'R'): Promise<OpenProtest[]> {
  return t.demo<OpenProtest>(
    `SELECT ap.prop_id, ap.case_id, ap.prot_status, p.prop_type_cd, pv.last_appraiser_id, pv.hood_cd, coalesce(sc.commercial_acct_flag, 'F') AS commercial FROM _arb_protest ap
       JOIN property p ON p.prop_id = ap.prop_id
       JOIN prop_supp_assoc psa ON psa.prop_id = ap.prop_id AND psa.owner_tax_yr = ap.prop_val_yr
       JOIN property_val pv ON pv.prop_val_yr = psa.owner_tax_yr AND pv.sup_num = psa.sup_num AND pv.prop_id = psa.prop_id
       LEFT JOIN property_profile pp ON pp.prop_id = ap.prop_id AND pp.prop_val_yr = ap.prop_val_yr
       LEFT JOIN state_code sc ON sc.state_cd = pp.state_cd
      WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL AND p.prop_type_cd = ?
        AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id)
      ORDER BY ap.prop_id`,
    [propType],
  );
}

interface DocketRow {
  docket_id: number;
  maximum_hearing_count: number | null;
  scheduled_protest_count: number;
  szHearingType: string;
  cAccountType: string | null;
  types: string;
}

/** Every docket from `from`, in start order, with its hearing's type, account type and property types. */
async function dockets(from: string): Promise<DocketRow[]> {
  return t.demo<DocketRow>(
    `SELECT d.docket_id, d.maximum_hearing_count, d.scheduled_protest_count, h.szHearingType, h.cAccountType,
            (SELECT group_concat(szPropertyType) FROM _arb_protest_hearing_property_type t WHERE t.lHearingID = h.lHearingID) AS types
       FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON h.lHearingID = d.lHearingID
      WHERE d.docket_start_date_time >= ? ORDER BY d.docket_start_date_time, d.docket_id`,
    [`${from}T00:00:00`],
  );
}

/** What PACS's auto-scheduling picks, computed here independently from the rows. */
function eligible(d: DocketRow, propType: string, commercial: string): boolean {
  return (
    d.szHearingType === 'P' &&
    d.maximum_hearing_count !== null &&
    d.scheduled_protest_count < d.maximum_hearing_count &&
    d.types.split(',').includes(propType) &&
    (propType !== 'R' || d.cAccountType === null || d.cAccountType === commercial)
  );
}

async function actualCount(docketId: number): Promise<number> {
  const [row] = await t.demo<{ n: number }>('SELECT count(*) AS n FROM _arb_protest WHERE docket_id = ? OR prot_appr_docket_id = ?', [docketId, docketId]);
  return row.n;
}

describe('route_appeal on a training connection', () => {
  it("puts the case on the docket PACS's auto-scheduling would pick, names the hearing appraiser and sets the county's scheduling status", async () => {
    const [protest] = (await openProtests()).filter((p) => p.last_appraiser_id !== null && p.last_appraiser_id <= 12);
    expect(protest).toBeDefined();
    const expected = (await dockets('2026-01-01')).find((d) => eligible(d, 'R', protest.commercial))!;
    const routed = await route(protest.prop_id);
    expect(routed).toMatchObject({
      prop_id: protest.prop_id,
      case_id: protest.case_id,
      appraiser_id: protest.last_appraiser_id,
      appraiser_source: 'last_appraiser',
      docket_id: expected.docket_id,
      docket_source: 'auto_schedule',
      hearings_on_docket: expected.scheduled_protest_count + 1,
      max_hearings: expected.maximum_hearing_count,
      previous_status: protest.prot_status,
      prot_status: 'S',
      changed: true,
    });
    // The columns PACS uses, and the docket count PACS's triggers would keep.
    expect(await t.demo('SELECT prot_hearing_appraisal_staff, docket_id, prot_status, prot_appraisal_staff IS NULL AS operator_untouched FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = ?', [protest.prop_id, protest.case_id])).toEqual([
      { prot_hearing_appraisal_staff: protest.last_appraiser_id, docket_id: expected.docket_id, prot_status: 'S', operator_untouched: expect.any(Number) },
    ]);
    const [docket] = await t.demo<{ n: number }>('SELECT scheduled_protest_count AS n FROM _arb_protest_hearing_docket WHERE docket_id = ?', [expected.docket_id]);
    expect(docket.n).toBe(await actualCount(expected.docket_id));
    // Again: nothing changes.
    const again = await route(protest.prop_id);
    expect(again).toMatchObject({ changed: false, docket_id: expected.docket_id, docket_source: 'already_assigned', appraiser_source: 'already_assigned', hearings_on_docket: expected.scheduled_protest_count + 1 });
  });

  it("leaves the status as it is when neither the call nor the connection names the county's scheduling status", async () => {
    const [, , protest] = await openProtests();
    const routed = await route(protest.prop_id, {}, {});
    expect(routed).toMatchObject({ prot_status: protest.prot_status, previous_status: protest.prot_status, changed: true });
  });

  it("falls back to the neighborhood's appraiser when the last one is inactive, and skips full dockets and dockets without a maximum", async () => {
    const [, protest] = await openProtests();
    const [inactive] = await t.demo<{ appraiser_id: number }>("SELECT appraiser_id FROM appraiser WHERE inactive = 'T' ORDER BY appraiser_id LIMIT 1");
    await demoWrite('UPDATE property_val SET last_appraiser_id = ? WHERE prop_val_yr = 2026 AND prop_id = ?', [inactive.appraiser_id, protest.prop_id]);
    const [hood] = await t.demo<{ appraiser_id: number }>('SELECT appraiser_id FROM neighborhood WHERE hood_cd = ? AND hood_yr = 2026', [protest.hood_cd]);
    const first = (await dockets('2026-01-01')).find((d) => eligible(d, 'R', protest.commercial))!;
    // The first eligible docket fills up; an earlier protest hearing docket loses its maximum.
    await demoWrite('UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count WHERE docket_id = ?', [first.docket_id]);
    const next = (await dockets('2026-01-01')).find((d) => eligible(d, 'R', protest.commercial))!;
    expect(next.docket_id).not.toBe(first.docket_id);
    await demoWrite('UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = NULL WHERE docket_id = ?', [next.docket_id]);
    const after = (await dockets('2026-01-01')).find((d) => eligible(d, 'R', protest.commercial))!;
    const routed = await route(protest.prop_id);
    expect(routed).toMatchObject({ appraiser_id: hood.appraiser_id, appraiser_source: 'neighborhood', docket_id: after.docket_id, changed: true });
    expect([first.docket_id, next.docket_id]).not.toContain(routed.docket_id);
  });

  it('puts a personal-property case only on a hearing that takes type P, and a commercial parcel only where its account type is taken', async () => {
    const [personal] = await openProtests('P');
    expect(personal).toBeDefined();
    const routed = await route(personal.prop_id);
    const [hearing] = await t.demo<{ types: string; szHearingType: string }>(
      `SELECT h.szHearingType, (SELECT group_concat(szPropertyType) FROM _arb_protest_hearing_property_type t WHERE t.lHearingID = h.lHearingID) AS types
         FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON h.lHearingID = d.lHearingID WHERE d.docket_id = ?`,
      [routed.docket_id],
    );
    expect(hearing.szHearingType).toBe('P');
    expect(hearing.types.split(',')).toContain('P');

    // A commercial real parcel: its protest goes to a hearing that takes commercial accounts or any.
    const [commercial] = await t.demo<{ prop_id: number }>(
      `SELECT p.prop_id FROM property p JOIN property_profile pp ON pp.prop_id = p.prop_id AND pp.prop_val_yr = 2026 JOIN state_code sc ON sc.state_cd = pp.state_cd
        WHERE p.prop_type_cd = 'R' AND sc.commercial_acct_flag = 'T' AND NOT EXISTS (SELECT 1 FROM _arb_protest a WHERE a.prop_id = p.prop_id AND a.prop_val_yr = 2026) ORDER BY p.prop_id LIMIT 1`,
    );
    await demoWrite("INSERT INTO _arb_protest (prop_id, prop_val_yr, case_id, prot_type, prot_status, prot_create_dt, case_prepared) VALUES (?, 2026, 9001, 'MKT', 'O', '2026-05-01T09:00:00', 0)", [commercial.prop_id]);
    const expected = (await dockets('2026-01-01')).find((d) => eligible(d, 'R', 'T'))!;
    const routedCommercial = await route(commercial.prop_id);
    expect(routedCommercial).toMatchObject({ commercial: true, docket_id: expected.docket_id });
    const [h] = await t.demo<{ cAccountType: string | null }>('SELECT h.cAccountType FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON h.lHearingID = d.lHearingID WHERE d.docket_id = ?', [expected.docket_id]);
    expect(h.cAccountType === null || h.cAccountType === 'T').toBe(true);
  });

  it("gives a second protest of the parcel the docket its first one has (PACS's rule), and a reassignment moves the count", async () => {
    const [protest] = (await openProtests()).slice(4);
    const first = await route(protest.prop_id);
    await demoWrite("INSERT INTO _arb_protest (prop_id, prop_val_yr, case_id, prot_type, prot_status, prot_create_dt, case_prepared) VALUES (?, 2026, 9002, 'UNEQ', 'O', '2026-05-02T09:00:00', 0)", [protest.prop_id]);
    const second = await route(protest.prop_id, { caseId: 9002 });
    expect(second).toMatchObject({ docket_id: first.docket_id, docket_source: 'same_property', hearings_on_docket: first.hearings_on_docket + 1 });

    // Moving the first case: its old docket loses one, the new one gains one, and both counts stay true.
    await demoWrite('UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count WHERE docket_id = ?', [first.docket_id]);
    await demoWrite('UPDATE _arb_protest SET docket_id = NULL WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = 9002', [protest.prop_id]);
    await demoWrite('UPDATE _arb_protest_hearing_docket SET scheduled_protest_count = scheduled_protest_count - 1, maximum_hearing_count = maximum_hearing_count - 1 WHERE docket_id = ?', [first.docket_id]);
    const moved = await route(protest.prop_id, { caseId: protest.case_id, reassign: true });
    expect(moved.docket_id).not.toBe(first.docket_id);
    for (const docketId of [first.docket_id, moved.docket_id]) {
      const [d] = await t.demo<{ n: number }>('SELECT scheduled_protest_count AS n FROM _arb_protest_hearing_docket WHERE docket_id = ?', [docketId]);
      expect(d.n, `docket ${docketId}`).toBe(await actualCount(docketId));
    }
  });

  it("looks as many days ahead as the county's auto-scheduling options say when no earliest date is given", async () => {
    const [protest] = (await openProtests()).slice(6);
    const day = (offset: number) => new Date(Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    await demoWrite('UPDATE _arb_protest_options SET pro_lNumDaysAutoSchedule = 10');
    await demoWrite("INSERT INTO _arb_protest_hearing (lHearingID, dtDay, szHearingType, cAccountType) VALUES (9001, ?, 'P', NULL), (9002, ?, 'P', NULL)", [`${day(5)}T00:00:00`, `${day(20)}T00:00:00`]);
    await demoWrite("INSERT INTO _arb_protest_hearing_property_type (lHearingID, szPropertyType) VALUES (9001, 'R'), (9002, 'R')");
    await demoWrite(
      'INSERT INTO _arb_protest_hearing_docket (lHearingID, docket_id, docket_start_date_time, docket_end_date_time, maximum_hearing_count, scheduled_protest_count) VALUES (9001, 9001, ?, ?, 5, 0), (9002, 9002, ?, ?, 5, 0)',
      [`${day(5)}T08:30:00`, `${day(5)}T12:00:00`, `${day(20)}T08:30:00`, `${day(20)}T12:00:00`],
    );
    const { record, connector } = await t.engine.source('demo');
    const routed = await routeAppeal(record, connector, { propId: protest.prop_id, year: 2026, reassign: false }, SETTINGS);
    expect(routed.docket_id).toBe(9002);
  });

  it('says why when there is nothing to route, no docket with room, or a status the county does not have', async () => {
    const [closed] = await t.demo<{ prop_id: number }>("SELECT prop_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NOT NULL AND prot_status = 'SET' LIMIT 1");
    await expect(route(closed.prop_id)).rejects.toThrow(/is closed \(prot_complete_dt is set\).*SET, completed 2026-/);
    await expect(route(1)).rejects.toThrow(RoutingError);
    await expect(route(1)).rejects.toThrow(/no protest for parcel 1 in 2026/);
    const [protest] = (await openProtests()).slice(8);
    await expect(route(protest.prop_id, { setStatus: 'NOPE' })).rejects.toThrow(/"NOPE" is not a status code of this PACS database.*O, .*S/);
    await expect(route(protest.prop_id, { setStatus: 'F' })).rejects.toThrow(/Status F closes a case/);
    await demoWrite('UPDATE _arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count');
    await expect(route(protest.prop_id)).rejects.toThrow(/No hearing docket from 2026-01-01 takes property type R \((not )?commercial\) and has room: \d+ docket\(s\) start then, \d+ of them protest hearings, \d+ for this property type/);
    expect(await t.demo('SELECT docket_id, prot_status FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = ?', [protest.prop_id, protest.case_id])).toEqual([{ docket_id: null, prot_status: protest.prot_status }]);
  });

  it('refuses a production connection, and a scheduling procedure on SQLite', async () => {
    await t.engine.connections.upsert({ id: 'prod-copy', kind: 'sqlite', role: 'production', description: '', config: { file: t.demoFile } });
    await t.engine.connections.upsert({ id: 'wh', kind: 'sqlite', role: 'warehouse', description: '', config: { file: t.demoFile } });
    const [protest] = await t.demo<{ prop_id: number }>('SELECT prop_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NULL AND docket_id IS NULL LIMIT 1');
    const prod = await t.engine.source('prod-copy');
    await expect(routeAppeal(prod.record, prod.connector, { propId: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(ProductionReadOnlyError);
    await expect(routeAppeal(prod.record, prod.connector, { propId: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(/production connection and is read-only: routing an appeal .* is refused/);
    const wh = await t.engine.source('wh');
    await expect(routeAppeal(wh.record, wh.connector, { propId: protest.prop_id, year: 2026, reassign: false })).rejects.toThrow(/only on a training connection/);
    await expect(route(protest.prop_id, {}, { procedure: 'dbo.ARBAutoSchedule' })).rejects.toThrow(/names the scheduling procedure dbo.ARBAutoSchedule, which cannot be called: A SQLite database has no stored procedures/);
  });
});
