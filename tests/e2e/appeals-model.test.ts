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
  it('list_appeals reads several in mixed case, and names only the unknown one among them', async () => {
    const [a, b] = await demo<{ prot_status: string; n: number }>('SELECT prot_status, count(*) AS n FROM _arb_protest GROUP BY prot_status ORDER BY n DESC, prot_status LIMIT 2');
    const mixed = (code: string) => [...code].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())).join('');
    const both = expectTextCarriesStructured(await session.call('list_appeals', { status: [a.prot_status.toLowerCase(), mixed(b.prot_status)], limit: 1_000 })).structured;
    expect(both.appeals).toHaveLength(a.n + b.n);
    expect(new Set(both.appeals.map((x: { prot_status: string }) => x.prot_status))).toEqual(new Set([a.prot_status, b.prot_status]));

    const oneWrong = await session.call('list_appeals', { status: [a.prot_status.toLowerCase(), 'closed'] });
    expect(oneWrong.isError).toBe(true);
    expect(oneWrong.structuredContent).toBeUndefined();
    expect(errorText(oneWrong)).toMatch(/^"closed" is not a status code of this PACS database\. Its codes \(_arb_protest_status\) are: /);
  });

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
    // A date the model slips in is refused by name, and nothing is routed.
    const dated = await session.call('route_appeal', { prop_id: protest.prop_id, earliest_date: '2031-01-01' });
    expect(dated.isError).toBe(true);
    expect(errorText(dated)).toMatch(/"earliest_date" is not an argument of this tool\. It takes: connection_id, prop_id, year, case_id, reassign, set_status\./);
    expect(await demo('SELECT docket_id FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026', [protest.prop_id])).toEqual([{ docket_id: null }]);
    const routed = expectTextCarriesStructured(await session.call('route_appeal', { prop_id: protest.prop_id })).structured;
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

describe('route_appeal set_status', () => {
  type Status = { status_cd: string; close_case: string };
  type Protest = { prop_id: number; case_id: number; prot_status: string; docket_id: number | null };
  const protestRow = async (propId: number) => (await demo<Protest>('SELECT prop_id, case_id, prot_status, docket_id FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026', [propId]))[0];

  it('reads the code in any case, checks it against the county table, refuses a closing one, and changes only the status of a routed case', async () => {
    const statuses = await demo<Status>('SELECT status_cd, close_case FROM _arb_protest_status ORDER BY status_cd');
    const codes = statuses.map((s) => s.status_cd);
    const closing = statuses.find((s) => s.close_case === 'T')!.status_cd;
    const [protest] = await demo<Protest>(
      `SELECT ap.prop_id, ap.case_id, ap.prot_status, ap.docket_id FROM _arb_protest ap
        WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL AND ap.prot_hearing_appraisal_staff IS NULL
          AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id)
        ORDER BY ap.prop_id LIMIT 1`,
    );
    expect(protest).toBeDefined();
    const [first, second] = statuses.filter((s) => s.close_case !== 'T' && s.status_cd !== protest.prot_status && /[A-Z]/.test(s.status_cd)).map((s) => s.status_cd);
    const route = (setStatus: string) => session.call('route_appeal', { prop_id: protest.prop_id, year: 2026, set_status: setStatus });

    // An unknown code is an error listing the county's codes, and nothing is written.
    const unknown = await route('scheduled');
    expect(unknown.isError).toBe(true);
    expect(unknown.structuredContent).toBeUndefined();
    expect(errorText(unknown)).toMatch(/"scheduled" is not a status code of this PACS database/);
    for (const code of codes) expect(errorText(unknown)).toContain(code);
    expect(await protestRow(protest.prop_id)).toEqual(protest);

    // A code that closes the case, in lower case, is refused: a case on a docket stays open.
    const closes = await route(closing.toLowerCase());
    expect(closes.isError).toBe(true);
    expect(errorText(closes)).toContain(`Status ${closing} closes a case`);
    expect(await protestRow(protest.prop_id)).toEqual(protest);

    // A code in lower case, with spaces, is the county's code.
    const routed = expectTextCarriesStructured(await route(` ${first.toLowerCase()} `));
    expect(routed.structured).toMatchObject({ prop_id: protest.prop_id, case_id: protest.case_id, previous_status: protest.prot_status, prot_status: first, changed: true, docket_source: 'auto_schedule' });
    expect(routed.text.split('\n')[0]).toMatch(/^Routed protest 2026-/);
    expect(await protestRow(protest.prop_id)).toEqual({ ...protest, prot_status: first, docket_id: routed.structured.docket_id });

    // Routed already: the code is still checked, and only the status changes.
    const wrongAgain = await route('HEARING');
    expect(wrongAgain.isError).toBe(true);
    expect(errorText(wrongAgain)).toMatch(/"HEARING" is not a status code of this PACS database/);
    const restatus = expectTextCarriesStructured(await route(second.toLowerCase()));
    expect(restatus.structured).toMatchObject({ previous_status: first, prot_status: second, changed: true, docket_id: routed.structured.docket_id, docket_source: 'already_assigned', appraiser_source: 'already_assigned' });
    expect(restatus.text.split('\n')[0]).toMatch(/was already routed: only its status changed/);
    expect(await protestRow(protest.prop_id)).toEqual({ ...protest, prot_status: second, docket_id: routed.structured.docket_id });

    const same = expectTextCarriesStructured(await route(second));
    expect(same.structured).toMatchObject({ prot_status: second, changed: false });
    expect(same.text.split('\n')[0]).toMatch(/was already routed \(nothing changed/);
  });
});
