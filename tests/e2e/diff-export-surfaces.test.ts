import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import type { AppServices } from '../../electron/services/index.js';
import { diffFilters as apiDiffFilters } from '../../electron/api/schemas/snapshots.js';
import { diffFilterArgs } from '../../mcp/tools/diff-filter-args.js';
import { appServicesFor, callOk } from '../helpers/app-services.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { runOn } from '../helpers/test-engine.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * One diff, exported through every surface that can export one: the MCP tool (export_diff_report),
 * the CLI (`pacs-mcp snapshot diff --out`) and the desktop app's API (`snapshots.export`, what the
 * screen shows). Each format, with and without filters, must come out byte for byte the same.
 */
const home = makeTempHome('pacs-diff-surfaces-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '200' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
const OFFICIAL = 'JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id';
let session: StdioSession;
let engine: Engine;
let services: AppServices;
let baseId: string;
let targetId: string;

beforeAll(async () => {
  session = await connectStdio(env, 'diff-surfaces');
  await session.ok('list_connections');
  const [{ year }] = await runOn<{ year: number }>(demoFile, 'SELECT MAX(appr_yr) AS year FROM pacs_system');
  const base = await session.ok('export_parcel_snapshot', { name: 'roll before', prop_ids: [10001, 10002, 10003, 10004, 10005, 10006], from_year: year - 1 });
  // Values up and down, text a spreadsheet or a browser would act on, one parcel out and one in.
  await runOn(demoFile, `UPDATE property_val SET market = market + 25000, appraised_val = appraised_val + 25000 WHERE prop_id = 10002 AND (prop_val_yr, sup_num, prop_id) IN (SELECT pv.prop_val_yr, pv.sup_num, pv.prop_id FROM property_val pv ${OFFICIAL})`);
  await runOn(demoFile, `UPDATE property_val SET market = market - 300 WHERE prop_id = 10004 AND prop_val_yr = ?`, [year]);
  await runOn(demoFile, `UPDATE property_val SET legal_desc = '=HYPERLINK("http://x") <script>alert(1)</script>, "quoted" & more' WHERE prop_id = 10005 AND prop_val_yr = ?`, [year]);
  const target = await session.ok('export_parcel_snapshot', { name: 'roll after', prop_ids: [10002, 10003, 10004, 10005, 10006, 10007], from_year: year - 1 });
  baseId = base.snapshot_id;
  targetId = target.snapshot_id;
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' } as NodeJS.ProcessEnv, initDemo: false });
  services = appServicesFor(engine, home.dir);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await services?.close();
  await engine?.close();
  home.cleanup();
});

type Filters = { kinds?: ('added' | 'removed' | 'changed')[]; min_pct_change?: number; min_abs_change?: number; fields?: string[]; key_contains?: string };

function cliFlags(f: Filters): string[] {
  return [
    ...(f.kinds ? ['--kinds', f.kinds.join(',')] : []),
    ...(f.min_pct_change !== undefined ? ['--min-pct', String(f.min_pct_change)] : []),
    ...(f.min_abs_change !== undefined ? ['--min-abs', String(f.min_abs_change)] : []),
    ...(f.fields ? ['--fields', f.fields.join(',')] : []),
    ...(f.key_contains !== undefined ? ['--key-contains', f.key_contains] : []),
  ];
}

async function throughTool(format: string, filters: Filters): Promise<Buffer> {
  const out = await session.ok('export_diff_report', { base_snapshot_id: baseId, target_snapshot_id: targetId, format, ...filters });
  expect(path.dirname(out.file)).toBe(path.join(home.dir, 'reports'));
  return fs.readFileSync(out.file);
}

async function throughCli(format: string, filters: Filters): Promise<Buffer> {
  const file = path.join(home.dir, `cli-${Object.keys(filters).join('-') || 'all'}.${format}`);
  const result = await runCli(['snapshot', 'diff', baseId, targetId, ...cliFlags(filters), '--out', file], env);
  expect(result.code, result.stderr).toBe(0);
  return fs.readFileSync(file);
}

async function throughApp(format: string, filters: Filters): Promise<{ bytes: Buffer; rowCount: number }> {
  let state = await callOk(services, 'snapshots.diff', { base_snapshot_id: baseId, target_snapshot_id: targetId, filters });
  while (!state.complete) {
    await new Promise((r) => setTimeout(r, 50));
    state = await callOk(services, 'snapshots.diffStatus', { diff_id: state.diff_id });
  }
  const file = await callOk<{ file_name: string; mime: string; content: string }>(services, 'snapshots.export', { diff_id: state.diff_id, format });
  expect(file.file_name).toMatch(new RegExp(`^pacs-diff-roll_before-vs-roll_after(-[0-9a-f]{8})?\\.${format}$`));
  return { bytes: Buffer.from(file.content, 'utf8'), rowCount: state.row_count };
}

describe('one diff export path for MCP, the CLI and the desktop app', () => {
  it('the app takes the same filter vocabulary as the diff_snapshots tool; the report tool says it writes a file', async () => {
    expect(Object.keys(apiDiffFilters.shape).sort()).toEqual(Object.keys(diffFilterArgs).sort());
    const { tools } = await session.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of Object.keys(diffFilterArgs)) expect(Object.keys(byName.get('diff_snapshots')!.inputSchema.properties ?? {}), name).toContain(name);
    expect(byName.get('export_diff_report')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
  });

  const cases: [string, Filters][] = [
    ['no filter', {}],
    ['a threshold', { min_abs_change: 1000 }],
    ['kinds, a field and key text', { kinds: ['changed', 'added'], fields: ['legal_desc', 'market'], key_contains: '1000' }],
  ];
  for (const [name, filters] of cases) {
    it(`writes byte-identical JSON, CSV and HTML from every surface: ${name}`, async () => {
      for (const format of ['json', 'csv', 'html']) {
        const tool = await throughTool(format, filters);
        const cli = await throughCli(format, filters);
        const app = await throughApp(format, filters);
        expect(tool.length, format).toBeGreaterThan(0);
        expect(cli.equals(tool), `${format}: CLI vs MCP tool`).toBe(true);
        expect(app.bytes.equals(tool), `${format}: app vs MCP tool`).toBe(true);
        if (format === 'json') {
          // What the screen counts is what the file holds.
          const report = JSON.parse(tool.toString('utf8'));
          expect(report.changes).toHaveLength(app.rowCount);
          // Recorded in one canonical form, whichever order the caller gave.
          expect(report.filters).toEqual(filters.kinds ? { ...filters, kinds: ['added', 'removed', 'changed'].filter((k) => filters.kinds!.includes(k as 'added')) } : filters);
        }
        // The edited legal description is in every report whose filters keep text changes.
        if (format === 'csv' && filters.min_abs_change === undefined) expect(tool.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"") <script>alert(1)</script>, ""quoted"" & more"`);
        if (format === 'html') expect(tool.toString('utf8')).not.toContain('<script>alert');
      }
    }, 120_000);
  }

  it('the filters do what they say, the same on every surface', async () => {
    const all = JSON.parse((await throughTool('json', {})).toString('utf8'));
    const kinds = all.changes.map((c: { change: string }) => c.change).sort();
    expect(new Set(kinds)).toEqual(new Set(['added', 'removed', 'changed']));
    const some = JSON.parse((await throughTool('json', { kinds: ['changed'], fields: ['legal_desc'] })).toString('utf8'));
    expect(some.changes.length).toBeGreaterThan(0);
    expect(some.changes.every((c: { change: string; fields: { field: string }[] }) => c.change === 'changed' && c.fields.some((f) => f.field === 'legal_desc'))).toBe(true);
    expect(some.result.filtered_out).toBe(all.changes.length - some.changes.length);
  });
});
