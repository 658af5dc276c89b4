import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { RawStdioServer } from '../helpers/raw-stdio.js';
import { resourceJson } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const DEMO_SIZE = 400;
const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: String(DEMO_SIZE) });
let session: StdioSession;

function demoQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path.join(home.dir, 'demo-pacs.sqlite'), sqlite3.OPEN_READONLY, (opened) => {
      if (opened) return reject(opened);
      db.all(sql, params, (err, rows) => {
        db.close();
        if (err) reject(err);
        else resolve(rows as T[]);
      });
    });
  });
}

async function readJson(uri: string) {
  const { contents } = await session.client.readResource({ uri });
  return resourceJson({ contents }).json;
}

beforeAll(async () => {
  session = await connectStdio(env);
  // The server builds the demo database on first use; the tests read it directly too.
  await session.ok('query_sql', { sql: 'SELECT 1 AS ready' });
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('MCP server over stdio on a fresh data dir', () => {
  it('lists every foundation tool with schemas and honest annotations', async () => {
    const { tools } = await session.client.listTools();
    const names = tools.map((t) => t.name);
    for (const name of ['list_connections', 'test_connection', 'list_source_tables', 'describe_table', 'query_sql', 'search_parcels', 'get_parcel', 'get_parcel_timeline', 'list_appeals']) {
      expect(names).toContain(name);
    }
    for (const tool of tools) {
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.annotations, tool.name).toBeDefined();
    }
    const querySql = tools.find((t) => t.name === 'query_sql')!;
    expect(querySql.annotations?.readOnlyHint).toBe(true);
    expect(querySql.annotations?.destructiveHint).toBe(false);
  });

  it('registers the demo database as the default training connection', async () => {
    const { connections } = await session.ok('list_connections');
    expect(connections).toEqual([
      expect.objectContaining({ id: 'demo', kind: 'sqlite', role: 'training', is_default: true, read_only: false }),
      expect.objectContaining({ id: 'lakehouse', kind: 'lakehouse', role: 'warehouse', is_default: true, read_only: false }),
    ]);
    const test = await session.ok('test_connection', { connection_id: 'demo' });
    expect(test.ok).toBe(true);
    expect(test.server_version).toMatch(/^SQLite 3\./);
  });

  it('lists and describes the PACS tables', async () => {
    const { tables } = await session.ok('list_source_tables', {});
    const names = tables.map((t: { name: string }) => t.name);
    for (const t of ['property', 'property_val', 'prop_supp_assoc', 'account', 'owner', 'situs', 'property_exemption', 'exmpt_type', 'appraiser', '_arb_protest', 'import_staging_property_values', 'export_snapshot_parcel_timeline']) {
      expect(names).toContain(t);
    }
    const described = await session.ok('describe_table', { table_name: 'property_val' });
    const cols = described.columns.map((c: { name: string }) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['prop_val_yr', 'sup_num', 'prop_id', 'market', 'appraised_val', 'assessed_val', 'hood_cd']));
    expect(described.columns.filter((c: { primary_key: boolean }) => c.primary_key).map((c: { name: string }) => c.name).sort()).toEqual(['prop_id', 'prop_val_yr', 'sup_num']);
    const missing = await session.call('describe_table', { table_name: 'no_such_table' });
    expect(missing.isError).toBe(true);
    expect(errorText(missing)).toMatch(/list_source_tables/);
  });

  it('query_sql returns rows keyed by column, caps them and says so', async () => {
    const count = await session.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' });
    expect(count).toMatchObject({ connection_id: 'demo', columns: ['n'], rows: [{ n: DEMO_SIZE }], row_count: 1, truncated: false });
    expect(count.elapsed_ms).toBeGreaterThanOrEqual(0);
    const capped = await session.ok('query_sql', { sql: 'SELECT prop_id, prop_val_yr FROM property_val ORDER BY prop_id', max_rows: 7 });
    expect(capped.row_count).toBe(7);
    expect(capped.rows).toHaveLength(7);
    expect(capped.truncated).toBe(true);
    const exact = await session.ok('query_sql', { sql: 'SELECT prop_id FROM property ORDER BY prop_id LIMIT 5', max_rows: 5 });
    expect(exact.truncated).toBe(false);
  });

  it('query_sql refuses writes, and the data is unchanged', async () => {
    for (const sql of ['DELETE FROM property', "UPDATE property SET geo_id = 'x'", 'SELECT 1; DROP TABLE property', 'PRAGMA query_only = OFF', 'CREATE TABLE t (a)']) {
      const result = await session.call('query_sql', { sql });
      expect(result.isError, sql).toBe(true);
      expect(errorText(result).length).toBeGreaterThan(20);
    }
    const after = await demoQuery<{ n: number }>('SELECT COUNT(*) AS n FROM property');
    expect(after[0].n).toBe(DEMO_SIZE);
  });

  it('bad arguments and unknown connections get isError results that say what to do, and the server keeps answering', async () => {
    const bad = await session.call('query_sql', { sql: 'SELECT 1', max_rows: 'lots' });
    expect(bad.isError).toBe(true);
    expect(errorText(bad)).toMatch(/max_rows/);
    const missing = await session.call('query_sql', {});
    expect(errorText(missing)).toMatch(/sql is required/);
    const unknown = await session.call('search_parcels', { connection_id: 'nope' });
    expect(unknown.isError).toBe(true);
    expect(errorText(unknown)).toMatch(/no connection "nope".*list_connections/i);
    await expect(session.client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
    const ok = await session.ok('query_sql', { sql: 'SELECT 1 AS one' });
    expect(ok.rows).toEqual([{ one: 1 }]);
  });

  it('stops a query at its timeout and keeps serving', async () => {
    const slow = await session.call('query_sql', {
      sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c',
      timeout_ms: 1_000,
    });
    expect(slow.isError).toBe(true);
    expect(errorText(slow)).toMatch(/longer than 1 s/);
    expect((await session.ok('query_sql', { sql: 'SELECT 2 AS two' })).rows).toEqual([{ two: 2 }]);
  });

  it('cancels a query when the client cancels the request', async () => {
    const controller = new AbortController();
    const pending = session.client.callTool(
      { name: 'query_sql', arguments: { sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c', timeout_ms: 50_000 } },
      undefined,
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort('user pressed stop'), 300);
    await expect(pending).rejects.toThrow();
    const started = Date.now();
    expect((await session.ok('query_sql', { sql: 'SELECT 3 AS three' })).rows).toEqual([{ three: 3 }]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('search_parcels, get_parcel and get_parcel_timeline agree with the database', async () => {
    const [{ appr_yr: year }] = await demoQuery<{ appr_yr: number }>('SELECT MAX(appr_yr) AS appr_yr FROM pacs_system');
    const [first] = await demoQuery<{ prop_id: number; geo_id: string }>('SELECT prop_id, geo_id FROM property ORDER BY prop_id LIMIT 1');
    const byGeo = await session.ok('search_parcels', { query: first.geo_id });
    expect(byGeo.year).toBe(year);
    expect(byGeo.parcels.map((p: { prop_id: number }) => p.prop_id)).toContain(first.prop_id);

    const limited = await session.ok('search_parcels', { limit: 3 });
    expect(limited.parcels).toHaveLength(3);
    expect(limited.truncated).toBe(true);

    const parcel = await session.ok('get_parcel', { prop_id: first.prop_id });
    const [official] = await demoQuery<{ market: number; sup_num: number }>(
      `SELECT pv.market, pv.sup_num FROM property_val pv JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
       WHERE pv.prop_id = ? AND pv.prop_val_yr = ?`,
      [first.prop_id, year],
    );
    expect(parcel.value.market).toBe(official.market);
    expect(parcel.value.sup_num).toBe(official.sup_num);
    expect(parcel.owners.length).toBeGreaterThan(0);
    for (const e of parcel.exemptions) {
      expect(e).not.toHaveProperty('prop_exmpt_ss_num');
      expect(e).not.toHaveProperty('birth_dt');
    }

    const timeline = await session.ok('get_parcel_timeline', { prop_id: first.prop_id });
    const [{ n }] = await demoQuery<{ n: number }>('SELECT COUNT(*) AS n FROM property_val WHERE prop_id = ?', [first.prop_id]);
    expect(timeline.values).toHaveLength(n);
    const years = new Set(timeline.values.map((v: { year: number }) => v.year));
    for (const y of years) expect(timeline.values.filter((v: { year: number; official: boolean }) => v.year === y && v.official)).toHaveLength(1);
    const officialOnly = await session.ok('get_parcel_timeline', { prop_id: first.prop_id, include_supplements: false });
    expect(officialOnly.values).toHaveLength(years.size);

    const missing = await session.call('get_parcel', { prop_id: 999_999_999 });
    expect(missing.isError).toBe(true);
    expect(errorText(missing)).toMatch(/search_parcels/);
  });

  it('shows confidential owners only by their confidential name', async () => {
    const [conf] = await demoQuery<{ prop_id: number; file_as_name: string; confidential_file_as_name: string; owner_tax_yr: number }>(
      `SELECT o.prop_id, a.file_as_name, a.confidential_file_as_name, o.owner_tax_yr FROM owner o JOIN account a ON a.acct_id = o.owner_id
       JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       WHERE a.confidential_flag = 'T' ORDER BY o.owner_tax_yr DESC LIMIT 1`,
    );
    expect(conf).toBeDefined();
    const parcel = await session.ok('get_parcel', { prop_id: conf.prop_id, year: conf.owner_tax_yr });
    const text = JSON.stringify(parcel);
    expect(text).not.toContain(conf.file_as_name);
    expect(parcel.owners.some((o: { owner_name: string }) => o.owner_name === conf.confidential_file_as_name)).toBe(true);
  });

  it('list_appeals filters by status and openness', async () => {
    const all = await session.ok('list_appeals', { limit: 1000 });
    const [{ n }] = await demoQuery<{ n: number }>('SELECT COUNT(*) AS n FROM _arb_protest');
    expect(all.appeals.length).toBe(Math.min(n, 1000));
    const open = await session.ok('list_appeals', { open_only: true, limit: 1000 });
    expect(open.appeals.every((a: { closed: boolean }) => !a.closed)).toBe(true);
    const status = all.appeals[0].prot_status;
    const byStatus = await session.ok('list_appeals', { status: [status], limit: 1000 });
    expect(byStatus.appeals.every((a: { prot_status: string }) => a.prot_status === status)).toBe(true);
  });

  it('serves the four resource templates and the three prompts', async () => {
    const { resources } = await session.client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(['datasource://demo/status', 'datasource://demo/tables']));
    const { resourceTemplates } = await session.client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(
      ['datasource://{id}/status', 'datasource://{id}/tables', 'table://{catalog}/{schema}/{name}/preview', 'table://{catalog}/{schema}/{name}/schema'].sort(),
    );
    const status = await readJson('datasource://demo/status');
    expect(status).toMatchObject({ id: 'demo', ok: true, role: 'training' });
    const tables = await readJson('datasource://demo/tables');
    expect(tables.tables.length).toBeGreaterThan(10);
    const schema = await readJson('table://demo/main/property/schema');
    expect(schema.columns.map((c: { name: string }) => c.name)).toContain('geo_id');
    const preview = await readJson('table://demo/main/property/preview');
    expect(preview.rows).toHaveLength(20);

    const { prompts } = await session.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['analyze_schema', 'generate_query', 'troubleshoot_connection']);
    const analyze = await session.client.getPrompt({ name: 'analyze_schema', arguments: { table_name: 'property_val' } });
    expect(JSON.stringify(analyze.messages)).toContain('prop_val_yr');
    const trouble = await session.client.getPrompt({ name: 'troubleshoot_connection', arguments: { connection_id: 'demo' } });
    expect((trouble.messages[0].content as { text: string }).text).toContain('"ok":true');
    const gen = await session.client.getPrompt({ name: 'generate_query', arguments: { question: 'How many parcels per neighborhood?' } });
    expect(JSON.stringify(gen.messages)).toContain('SQLite');
  });

  it('audits every call with the client name, and the chain verifies until it is altered', async () => {
    // A server on a data dir of its own: this test alters its audit log.
    const own = makeTempHome();
    const ownEnv = serverEnv(own.dir, { PACS_MCP_DEMO_SIZE: '50' });
    const audited = await connectStdio(ownEnv);
    try {
      await audited.ok('query_sql', { sql: 'SELECT 1 AS one' });
      expect((await audited.call('query_sql', { sql: 'DELETE FROM property' })).isError).toBe(true);
      expect((await audited.call('query_sql', { sql: 'SELECT * FROM no_such_table' })).isError).toBe(true);
      await expect(audited.client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(/Unknown tool/);
    } finally {
      await audited.close();
    }
    const listed = await runCli(['audit', 'list', '--json', '--limit', '500'], ownEnv);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { action: string; client_name: string; outcome: string; os_user: string; duration_ms: number }[];
    const calls = rows.filter((r) => r.action === 'query_sql');
    expect(calls.map((r) => r.outcome).sort()).toEqual(['error', 'ok', 'refused']);
    expect(calls.every((r) => r.client_name === 'pacs-test-client')).toBe(true);
    expect(rows.some((r) => r.action === 'no_such_tool' && r.outcome === 'error')).toBe(true);
    expect(rows.every((r) => r.os_user.length > 0)).toBe(true);

    expect((await runCli(['audit', 'verify'], ownEnv)).code).toBe(0);
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(path.join(own.dir, 'app.sqlite'));
      db.run("UPDATE audit_log SET outcome = 'ok' WHERE outcome = 'refused'", (err) => db.close(() => (err ? reject(err) : resolve())));
    });
    const verify = await runCli(['audit', 'verify'], ownEnv);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/altered/);
    own.cleanup();
  });

  it('writes nothing but protocol to stdout (logs go to stderr)', async () => {
    // The raw bytes of the server's stdout through a session of every kind of request.
    const server = new RawStdioServer(env);
    const call = (id: string, name: string, args: Record<string, unknown>) => server.request({ id, method: 'tools/call', params: { name, arguments: args } });
    try {
      await server.initialize();
      expect((await server.request({ id: 'tools', method: 'tools/list' })).result.tools.length).toBeGreaterThan(10);
      expect((await server.request({ id: 'resources', method: 'resources/list' })).result).toBeDefined();
      expect((await server.request({ id: 'read', method: 'resources/read', params: { uri: 'datasource://demo/status' } })).result).toBeDefined();
      expect((await server.request({ id: 'prompts', method: 'prompts/get', params: { name: 'troubleshoot_connection', arguments: { connection_id: 'demo' } } })).result).toBeDefined();
      expect((await call('ok', 'query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' })).result.isError).toBeFalsy();
      expect((await call('refused', 'query_sql', { sql: 'DROP TABLE property' })).result.isError).toBe(true);
      expect((await call('bad', 'get_parcel', { prop_id: 'x' })).result.isError).toBe(true);
      expect((await call('search', 'search_parcels', { limit: 2 })).result.isError).toBeFalsy();
      expect((await server.request({ id: 'unknown', method: 'no/such/method' })).error?.code).toBe(-32601);
    } finally {
      await server.close();
    }
    const stdout = Buffer.concat(server.stdoutBytes).toString('utf8');
    expect(stdout.endsWith('\n'), 'stdout ends with a complete line').toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line.replace(/\r$/, '')) as Record<string, unknown>;
      } catch {
        throw new Error(`a stdout line that is not JSON: ${line.slice(0, 200)}`);
      }
      expect(message.jsonrpc, line.slice(0, 200)).toBe('2.0');
      const isResponse = 'id' in message && ('result' in message || 'error' in message);
      const isRequestOrNotification = typeof message.method === 'string';
      expect(isResponse || isRequestOrNotification, line.slice(0, 200)).toBe(true);
    }
    expect(server.badLines).toEqual([]);
  });
});
