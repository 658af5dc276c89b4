import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CALENDAR_DATE } from '../../mcp/demo/demo-world.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * Appeals the model cannot get wrong, through the MCP SDK client over stdio against the built
 * server on the demo: status codes in any case and checked against the county's status table,
 * one meaning of "open" in list_appeals and route_appeal, and route_appeal choosing the first
 * docket the rules allow with no date from the model.
 */
const home = makeTempHome('pacs-appeals-model-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '300' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
let session: StdioSession;

function demo<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, sqlite3.OPEN_READONLY);
    db.all(sql, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as T[]))));
  });
}

const plusDays = (day: string, days: number) => new Date(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  session = await connectStdio(env);
  await session.ok('list_connections');
}, 120_000);
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('status codes', () => {
  it('are read in any case and checked against the county table; an unknown one is an error that lists the valid codes', async () => {
    const statuses = await demo<{ status_cd: string }>('SELECT status_cd FROM _arb_protest_status ORDER BY status_cd');
    const [used] = await demo<{ prot_status: string; n: number }>('SELECT prot_status, count(*) AS n FROM _arb_protest GROUP BY prot_status ORDER BY n DESC, prot_status LIMIT 1');
    const upper = await session.ok('list_appeals', { status: [used.prot_status], limit: 1_000 });
    const lower = expectTextCarriesStructured(await session.call('list_appeals', { status: [` ${used.prot_status.toLowerCase()} `], limit: 1_000 })).structured;
    expect(lower.appeals).toEqual(upper.appeals);
    expect(upper.appeals).toHaveLength(used.n);
    expect(lower.statuses.map((s: { status_cd: string }) => s.status_cd)).toEqual(statuses.map((s) => s.status_cd));

    const unknown = await session.call('list_appeals', { status: ['HEARING_SCHEDULED'] });
    expect(unknown.isError).toBe(true);
    for (const { status_cd } of statuses) expect(errorText(unknown)).toContain(status_cd);
    expect(errorText(unknown)).toMatch(/"HEARING_SCHEDULED" is not a status code of this PACS database/);
  });
});

describe('one meaning of open', () => {
  it('list_appeals and route_appeal both call a protest open while prot_complete_dt is empty, whatever its status', async () => {
    const all = (await session.ok('list_appeals', { limit: 1_000 })).appeals as { prop_id: number; year: number; case_id: number; closed: boolean; prot_complete_dt: string | null }[];
    const open = (await session.ok('list_appeals', { open_only: true, limit: 1_000 })).appeals as typeof all;
    const [{ n }] = await demo<{ n: number }>('SELECT count(*) AS n FROM _arb_protest WHERE prot_complete_dt IS NULL');
    expect(open).toHaveLength(n);
    expect(all.filter((a) => !a.closed)).toEqual(open);
    for (const a of all) expect(a.closed).toBe(a.prot_complete_dt !== null);

    const closed = all.find((a) => a.closed && !all.some((b) => b.prop_id === a.prop_id && b.year === a.year && !b.closed))!;
    const refused = await session.call('route_appeal', { prop_id: closed.prop_id, year: closed.year });
    expect(refused.isError).toBe(true);
    expect(errorText(refused)).toMatch(/is closed \(prot_complete_dt is set\), so it is not routed/);
  });
});

describe('route_appeal', () => {
  it('takes no date from the model and puts the case on the first docket the rules allow', async () => {
    const { tools } = await session.client.listTools();
    const route = tools.find((t) => t.name === 'route_appeal')!;
    expect(Object.keys(route.inputSchema.properties ?? {})).not.toContain('earliest_date');

    const calendar = DEMO_CALENDAR_DATE;
    const protests = await demo<{ prop_id: number; case_id: number; prot_create_dt: string; prop_type_cd: string; commercial: string }>(
      `SELECT ap.prop_id, ap.case_id, ap.prot_create_dt, TRIM(p.prop_type_cd) AS prop_type_cd, COALESCE(sc.commercial_acct_flag, 'F') AS commercial
         FROM _arb_protest ap JOIN property p ON p.prop_id = ap.prop_id
         LEFT JOIN property_profile pp ON pp.prop_id = ap.prop_id AND pp.prop_val_yr = 2026 LEFT JOIN state_code sc ON sc.state_cd = pp.state_cd
        WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id)
        ORDER BY ap.prop_id LIMIT 1`,
    );
    expect(protests.length).toBe(1);
    const protest = protests[0];
    const [{ days }] = await demo<{ days: number }>("SELECT pro_lNumDaysAutoSchedule AS days FROM _arb_protest_options WHERE machine_name = ''");
    const from = plusDays([calendar, protest.prot_create_dt.slice(0, 10)].sort().pop()!, days);
    // The first protest-hearing docket from that day that takes the property type (and, for real property, its commercial flag) and has room.
    const [expected] = await demo<{ docket_id: number; start: string }>(
      `SELECT d.docket_id, d.docket_start_date_time AS start FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON h.lHearingID = d.lHearingID
        WHERE d.docket_start_date_time >= ? AND d.scheduled_protest_count < d.maximum_hearing_count AND h.szHearingType = 'P'
          AND EXISTS (SELECT 1 FROM _arb_protest_hearing_property_type t WHERE t.lHearingID = h.lHearingID AND t.szPropertyType = ?)
          AND (h.cAccountType = ? OR COALESCE(h.cAccountType, '') = '' OR ? <> 'R')
        ORDER BY d.docket_start_date_time, d.docket_id LIMIT 1`,
      [`${from}T00:00:00`, protest.prop_type_cd, protest.commercial === 'T' ? 'T' : 'F', protest.prop_type_cd],
    );
    expect(expected).toBeDefined();
    // A date the model slips in is not read.
    const routed = expectTextCarriesStructured(await session.call('route_appeal', { prop_id: protest.prop_id, earliest_date: '2031-01-01' })).structured;
    expect(routed).toMatchObject({ case_id: protest.case_id, docket_id: expected.docket_id, docket_source: 'auto_schedule', changed: true });
    expect(routed.docket_start_dt.slice(0, 10) >= from).toBe(true);
  });

  it('says to add dockets when the rules leave none, and never asks the model for a date', async () => {
    // A copy of the demo that stands at a day after its last hearing.
    const added = await runCli(['connections', 'add', '--id', 'late', '--kind', 'sqlite', '--role', 'training', '--file', demoFile, '--appeal-calendar-date', '2026-12-01'], env);
    expect(added.code, added.stderr).toBe(0);
    const [protest] = await demo<{ prop_id: number }>(
      `SELECT ap.prop_id FROM _arb_protest ap WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.docket_id IS NOT NULL)
        ORDER BY ap.prop_id DESC LIMIT 1`,
    );
    const none = await session.call('route_appeal', { connection_id: 'late', prop_id: protest.prop_id });
    expect(none.isError).toBe(true);
    expect(errorText(none)).toMatch(/No hearing docket from 2026-12-16 .*add hearing dockets in PACS/);
    expect(errorText(none)).not.toMatch(/earliest_date/);
  });
});
