import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { runOn } from '../helpers/test-engine.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '300' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
let session: StdioSession;
let year: number;

const OFFICIAL = 'JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id';

beforeAll(async () => {
  session = await connectStdio(env, 'snapshot-e2e');
  await session.ok('list_connections');
  [{ year }] = await runOn<{ year: number }>(demoFile, 'SELECT MAX(appr_yr) AS year FROM pacs_system');
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('snapshot tools over stdio (built server, MCP SDK client)', () => {
  it('lists the three snapshot tools with honest annotations', async () => {
    const { tools } = await session.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('export_parcel_snapshot')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(byName.get('list_snapshots')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get('diff_snapshots')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    for (const name of ['export_parcel_snapshot', 'list_snapshots', 'diff_snapshots']) expect(byName.get(name)?.outputSchema?.type).toBe('object');
  });

  it('takes, lists and diffs snapshots, finding a value change made in between', async () => {
    const ids = [10001, 10002, 10003, 10004, 10005];
    const first = await session.ok('export_parcel_snapshot', { name: 'five parcels, before', prop_ids: ids, from_year: year - 1 });
    expect(first).toMatchObject({ name: 'five parcels, before', connection_id: 'demo', content: 'parcel_timeline', masking_policy: 'qa', from_year: year - 1, to_year: null, key_columns: ['prop_id', 'year'], training_copy: null, missing_count: 0 });
    expect(first.row_count).toBe(10);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);

    const listed = await session.ok('list_snapshots', {});
    expect(listed.snapshots.map((s: { snapshot_id: string }) => s.snapshot_id)).toContain(first.snapshot_id);
    expect(listed.snapshots[0]).toMatchObject({ snapshot_id: first.snapshot_id, row_count: 10, sha256: first.sha256, client_name: 'snapshot-e2e', masking_policy: 'qa' });
    const byName = await session.ok('list_snapshots', { name_contains: 'BEFORE', connection_id: 'demo' });
    expect(byName.snapshots.length).toBeGreaterThan(0);
    expect(byName.snapshots.every((s: { name: string }) => s.name.toLowerCase().includes('before'))).toBe(true);
    expect((await session.ok('list_snapshots', { name_contains: 'no snapshot is called this' })).snapshots).toEqual([]);
    expect((await session.ok('list_snapshots', { connection_id: 'no-such-connection' })).snapshots).toEqual([]);

    const [{ market, sup_num }] = await runOn<{ market: number; sup_num: number }>(demoFile, `SELECT pv.market, pv.sup_num FROM property_val pv ${OFFICIAL} WHERE pv.prop_id = 10003 AND pv.prop_val_yr = ?`, [year]);
    await runOn(demoFile, 'UPDATE property_val SET market = market + 2500 WHERE prop_id = 10003 AND prop_val_yr = ? AND sup_num = ?', [year, sup_num]);
    const second = await session.ok('export_parcel_snapshot', { name: 'five parcels, after', prop_ids: ids, from_year: year - 1 });
    expect(second.sha256).not.toBe(first.sha256);

    const diff = await session.ok('diff_snapshots', { base_snapshot_id: first.snapshot_id, target_snapshot_id: second.snapshot_id });
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 9 });
    expect(diff.truncated).toBe(false);
    expect(diff.changes).toEqual([
      {
        change: 'changed',
        prop_id: 10003,
        year,
        key: {},
        fields: [
          { field: 'value', old: market, new: market + 2500, delta: 2500, pct_change: Math.round((2500 / market) * 10_000) / 100 },
          { field: 'market', old: market, new: market + 2500, delta: 2500, pct_change: Math.round((2500 / market) * 10_000) / 100 },
        ],
      },
    ]);
    const result = await session.call('diff_snapshots', { base_snapshot_id: first.snapshot_id, target_snapshot_id: second.snapshot_id });
    expect(errorText(result)).toMatch(/1 changed, 9 unchanged/);

    const filtered = await session.ok('diff_snapshots', { base_snapshot_id: first.snapshot_id, target_snapshot_id: second.snapshot_id, min_abs_change: 3000 });
    expect(filtered).toMatchObject({ summary: { changed: 1 }, reported: 0, filtered_out: 1, changes: [] });
  });

  it('cuts the change list at max_changes and says so', async () => {
    const before = await session.ok('export_parcel_snapshot', { name: 'hood, before', query: 'SELECT prop_id FROM property WHERE prop_id < 10100' });
    await runOn(demoFile, 'UPDATE property_val SET assessed_val = assessed_val - 1 WHERE prop_id < 10100 AND prop_id % 4 = 0');
    const after = await session.ok('export_parcel_snapshot', { name: 'hood, after', query: 'SELECT prop_id FROM property WHERE prop_id < 10100' });
    const diff = await session.ok('diff_snapshots', { base_snapshot_id: before.snapshot_id, target_snapshot_id: after.snapshot_id, max_changes: 3 });
    expect(diff.summary.changed).toBeGreaterThan(3);
    expect(diff.reported).toBe(diff.summary.changed);
    expect(diff.changes).toHaveLength(3);
    expect(diff.truncated).toBe(true);
  });

  it('selects by search, and stores query rows', async () => {
    const bySearch = await session.ok('export_parcel_snapshot', { name: 'residential', search: { prop_type_cd: 'R', year }, from_year: year, to_year: year, max_parcels: 1000 });
    const [{ n }] = await runOn<{ n: number }>(demoFile, `SELECT COUNT(*) AS n FROM property p JOIN property_val pv ON pv.prop_id = p.prop_id ${OFFICIAL} WHERE p.prop_type_cd = 'R' AND pv.prop_val_yr = ?`, [year]);
    expect(bySearch.row_count).toBe(n);
    const rows = await session.ok('export_parcel_snapshot', {
      name: 'exemptions',
      content: 'query_rows',
      query: 'SELECT prop_id, exmpt_tax_yr AS year, sup_num, owner_id, exmpt_type_cd, applicant_nm FROM property_exemption',
      key_columns: ['sup_num', 'owner_id', 'exmpt_type_cd'],
    });
    expect(rows.key_columns).toEqual(['prop_id', 'year', 'sup_num', 'owner_id', 'exmpt_type_cd']);
    expect(rows.row_count).toBeGreaterThan(0);
  });

  it('answers bad requests with errors that say what to do, saves nothing, and keeps serving', async () => {
    const count = async () => (await session.ok('list_snapshots', { limit: 500 })).snapshots.length;
    const before = await count();
    const unknown = await session.call('diff_snapshots', { base_snapshot_id: 'nope', target_snapshot_id: 'nada' });
    expect(unknown.isError).toBe(true);
    expect(errorText(unknown)).toMatch(/no snapshot "nope".*list_snapshots/);
    const twoWays = await session.call('export_parcel_snapshot', { name: 'x', prop_ids: [10001], query: 'SELECT prop_id FROM property' });
    expect(errorText(twoWays)).toMatch(/one way/);
    const write = await session.call('export_parcel_snapshot', { name: 'x', query: 'DELETE FROM property' });
    expect(write.isError).toBe(true);
    expect(errorText(write).length).toBeGreaterThan(20);
    const empty = await session.call('export_parcel_snapshot', { name: 'x', prop_ids: [99999999] });
    expect(errorText(empty)).toMatch(/no snapshot was saved|Nothing matched/i);
    const dupes = await session.call('export_parcel_snapshot', { name: 'x', content: 'query_rows', query: 'SELECT prop_id, prop_val_yr AS year FROM property_val' });
    expect(errorText(dupes)).toMatch(/key_columns/);
    const noName = await session.call('export_parcel_snapshot', { prop_ids: [10001] });
    expect(errorText(noName)).toMatch(/name is required/);
    expect(await count()).toBe(before);
    const [{ n }] = await runOn<{ n: number }>(demoFile, 'SELECT COUNT(*) AS n FROM property');
    expect(n).toBe(300);
    // User mistakes are answers, not server faults: nothing was logged as an internal error.
    expect(session.stderr()).not.toMatch(/ERROR/);
  });

  it('a snapshot that outlasts the wait answers with its job, which get_job follows to the snapshot', async () => {
    const impatient = await connectStdio({ ...env, PACS_MCP_SNAPSHOT_WAIT_MS: '0' }, 'snapshot-e2e');
    try {
      const started = await impatient.ok('export_parcel_snapshot', { name: 'whole demo, as a job', query: 'SELECT prop_id FROM property' });
      expect(started).toMatchObject({ status: 'running', name: 'whole demo, as a job', connection_id: null, masking_policy: 'qa' });
      expect(started.snapshot_id).toBeUndefined();
      let job: Record<string, any> = {};
      for (let i = 0; i < 600; i++) {
        job = await impatient.ok('get_job', { job_id: started.job_id });
        if (job.status !== 'running' && job.status !== 'queued') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(job).toMatchObject({ kind: 'snapshot', status: 'succeeded', target_table: null, warehouse_connection_id: null, error: null });
      const listed = await impatient.ok('list_snapshots', {});
      const saved = listed.snapshots.find((x: { snapshot_id: string }) => x.snapshot_id === job.result.snapshot_id);
      expect(saved).toMatchObject({ name: 'whole demo, as a job', row_count: job.rows });
      expect(job.rows).toBeGreaterThan(300);
    } finally {
      await impatient.close();
    }
  });

  it('audits every snapshot tool call', async () => {
    const taken = await session.ok('export_parcel_snapshot', { name: 'audited', prop_ids: [10001, 10002], from_year: year });
    expect((await session.call('export_parcel_snapshot', { name: 'audited', query: 'DELETE FROM property' })).isError).toBe(true);
    expect((await session.call('diff_snapshots', { base_snapshot_id: taken.snapshot_id, target_snapshot_id: 'no-such-snapshot' })).isError).toBe(true);
    const audit = await runCli(['audit', 'list', '--json', '--limit', '500'], env);
    const rows = JSON.parse(audit.stdout) as { action: string; outcome: string; client_name: string; row_count: number | null; args_json: string }[];
    expect(rows.find((r) => r.action === 'export_parcel_snapshot' && r.outcome === 'ok' && r.args_json.includes('"audited"'))?.row_count).toBe(taken.row_count);
    expect(rows.some((r) => r.action === 'export_parcel_snapshot' && r.outcome === 'refused')).toBe(true);
    expect(rows.some((r) => r.action === 'diff_snapshots' && r.outcome === 'error')).toBe(true);
    expect(rows.every((r) => r.client_name === 'snapshot-e2e' || r.action.includes('.'))).toBe(true);
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
  });
});
