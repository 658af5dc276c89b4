import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { resourceJson } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/** A data dir of the test's own, with the environment of a server for each tenant. */
function lakeHome() {
  const home = makeTempHome('pacs-lake-e2e-');
  return {
    dir: home.dir,
    envA: serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '200', PACS_MCP_TENANT: 'county_a' }),
    envB: serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '200', PACS_MCP_TENANT: 'county_b' }),
    cleanup: home.cleanup,
  };
}

/** Runs `test` with a server for tenant county_a on a data dir of its own. */
async function withTenantA(test: (a: StdioSession, home: ReturnType<typeof lakeHome>) => Promise<void>): Promise<void> {
  const home = lakeHome();
  const a = await connectStdio(home.envA);
  try {
    await test(a, home);
  } finally {
    await a.close();
    home.cleanup();
  }
}

/** The demo's property table synced into tenant county_a's bronze layer. */
async function syncedProperty(a: StdioSession) {
  const sync = await a.ok('sync_table_to_bronze', { table_name: 'property', sync_mode: 'full' });
  const job = await waitForJob(a, sync.job_id);
  expect(job.status, job.error ?? '').toBe('succeeded');
  return { sync, job };
}

async function waitForJob(session: StdioSession, jobId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await session.ok('get_job', { job_id: jobId });
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function makeBigSqlite(file: string, rows: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.exec(
      `CREATE TABLE big_values (id INTEGER PRIMARY KEY, name VARCHAR(40), amount NUMERIC(14,2), seen DATE);
       INSERT INTO big_values WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT ${rows})
         SELECT x, 'parcel ' || x, round(x * 1.25, 2), date('2020-01-01', '+' || (x % 1000) || ' days') FROM c;`,
      (err) => db.close(() => (err ? reject(err) : resolve())),
    );
  });
}

describe('lakehouse over MCP stdio (built server)', () => {
  it('lists the lakehouse and analysis tools with schemas and honest annotations', () => withTenantA(async (a) => {
    const { tools } = await a.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['sync_table_to_bronze', 'get_job', 'upload_file', 'list_source_tables', 'transform_to_silver', 'describe_table', 'suggest_query', 'query_sql']) {
      expect(byName.has(name), name).toBe(true);
      expect(byName.get(name)!.outputSchema?.type).toBe('object');
    }
    expect(byName.get('sync_table_to_bronze')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('get_job')!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('query_sql')!.annotations).toMatchObject({ readOnlyHint: true });
  }));

  it('syncs a demo table as a job (the call returns at once), then queries it on the lakehouse read-only', () => withTenantA(async (a) => {
    const started = Date.now();
    const sync = await a.ok('sync_table_to_bronze', { table_name: 'property', sync_mode: 'full' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sync).toMatchObject({ status: expect.stringMatching(/queued|running/), bronze_table: 'tenant_county_a.bronze.property', tenant_id: 'county_a', connection_id: 'demo' });
    const job = await waitForJob(a, sync.job_id);
    expect(job).toMatchObject({ status: 'succeeded', rows: 200, bronze_table: 'tenant_county_a.bronze.property', error: null });
    expect(job.result).toMatchObject({ rows_loaded: 200, file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const { connections } = await a.ok('list_connections');
    const lake = connections.find((c: { kind: string }) => c.kind === 'lakehouse');
    expect(lake).toMatchObject({ id: 'lakehouse', role: 'warehouse', target: 'tenant county_a' });
    const tables = await a.ok('list_source_tables', { connection_id: 'lakehouse', layer: 'bronze' });
    expect(tables.tables).toEqual([expect.objectContaining({ qualified_name: 'tenant_county_a.bronze.property', row_count: 200 })]);
    const count = await a.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT count(*) AS n, count(DISTINCT prop_id) AS d FROM bronze.property' });
    expect(count.rows).toEqual([{ n: 200, d: 200 }]);
    // Columns sharing a name stay apart on DuckDB too.
    const twice = await a.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT x.prop_id, x.geo_id, y.geo_id FROM bronze.property x JOIN bronze.property y ON y.prop_id = x.prop_id ORDER BY x.prop_id LIMIT 2' });
    expect(twice.columns).toEqual(['prop_id', 'geo_id', 'geo_id_2']);
    expect(twice.rows[0].geo_id_2).toBe(twice.rows[0].geo_id);
    const missing = await a.call('query_sql', { connection_id: 'lakehouse', sql: 'SELECT * FROM bronze.parcels' });
    expect(errorText(missing)).toMatch(/^DuckDB could not run the query on "lakehouse": .*Table with name parcels does not exist.*The tables of "lakehouse" are: bronze\.property/);
    const described = await a.ok('describe_table', { connection_id: 'lakehouse', table_name: 'bronze.property' });
    expect(described.columns.map((c: { name: string }) => c.name)).toContain('geo_id');
    const listed = await a.ok('list_source_tables', { connection_id: 'lakehouse' });
    expect(listed.tables).toEqual([expect.objectContaining({ catalog: 'lakehouse', schema: 'bronze', name: 'property', type: 'table', column_count: described.columns.length })]);

    for (const sql of ['DELETE FROM bronze.property', 'CREATE TABLE bronze.x AS SELECT 1', "COPY bronze.property TO '/tmp/x.csv'", "SELECT * FROM read_parquet('/etc/passwd')", 'SELECT * FROM "/etc/passwd"', "ATTACH '/tmp/x.db'"]) {
      const refused = await a.call('query_sql', { connection_id: 'lakehouse', sql });
      expect(refused.isError, sql).toBe(true);
    }
    const schema = await a.client.readResource({ uri: 'table://lakehouse/bronze/property/preview' });
    expect(resourceJson(schema).json.rows).toHaveLength(20);
  }));

  it('uploads a CSV, transforms it to silver, and the analysis tools explain it', () => withTenantA(async (a) => {
    await syncedProperty(a);
    const csv = 'prop_id,exmpt_type_cd,amount\n10001, HS ,100.50\n10001,HS,100.50\n10002,OV65,n/a\n';
    const up = await a.ok('upload_file', { file_content: csv, file_name: 'exemptions.csv' });
    expect(up).toMatchObject({ status: 'succeeded', rows: 3, bronze_table: 'tenant_county_a.bronze.exemptions', dataset_name: 'exemptions' });
    const silver = await a.ok('transform_to_silver', {
      bronze_table: 'bronze.exemptions',
      transformations: { trim: true, normalize_nulls: { values: ['n/a'] }, cast: [{ column: 'prop_id', to: 'integer' }, { column: 'amount', to: 'decimal(10,2)' }], dedupe: { keys: ['prop_id', 'exmpt_type_cd'] } },
    });
    expect(silver.status).toBe('succeeded');
    expect(silver.result).toMatchObject({ rows_in: 3, rows_out: 2, duplicates_removed: 1, silver_table: 'tenant_county_a.silver.exemptions' });
    expect(silver.sql).toContain('TRY_CAST');
    const rows = await a.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT * FROM silver.exemptions ORDER BY prop_id' });
    expect(rows.rows).toEqual([
      { prop_id: 10001, exmpt_type_cd: 'HS', amount: 100.5 },
      { prop_id: 10002, exmpt_type_cd: 'OV65', amount: null },
    ]);
    const bad = await a.call('transform_to_silver', { bronze_table: 'bronze.exemptions', transformations: { cast: [{ column: 'nope', to: 'integer' }] } });
    expect(bad.isError).toBe(true);
    expect(errorText(bad)).toMatch(/no column "nope".*prop_id/);

    const analysis = await a.ok('describe_table', { table_name: 'property_val', analyze: true });
    expect(analysis.analysis.likely_joins.map((j: { to_table: string }) => j.to_table)).toEqual(expect.arrayContaining(['property', 'prop_supp_assoc']));
    const suggestion = await a.ok('suggest_query', { question: 'assessed value of each parcel by year' });
    expect(suggestion.tables[0].table).toBe('property_val');
    for (const example of suggestion.example_queries) expect((await a.call('query_sql', { sql: example.sql })).isError, example.sql).toBeFalsy();
    const explained = await a.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT prop_type_cd, count(*) AS n FROM bronze.property GROUP BY prop_type_cd', summarize: true });
    expect(explained.summaries.find((s: { name: string }) => s.name === 'n').sum).toBe(200);
    expect(explained.rows).toEqual([]);
    const prompt = await a.client.getPrompt({ name: 'generate_query', arguments: { question: 'parcels by type' } });
    expect((prompt.messages[0].content as { text: string }).text).toMatch(/suggest_query.*summarize: true/s);
    const analyzePrompt = await a.client.getPrompt({ name: 'analyze_schema', arguments: { table_name: 'property_val' } });
    expect((analyzePrompt.messages[0].content as { text: string }).text).toMatch(/Call describe_table.*analyze: true/);
  }));

  it('a server for tenant B cannot read or write tenant A', () => withTenantA(async (a, home) => {
    await syncedProperty(a);
    const b = await connectStdio(home.envB);
    try {
      const ownLake = (await b.ok('list_connections')).connections.find((c: { kind: string; target: string }) => c.kind === 'lakehouse' && c.target === 'tenant county_b');
      expect(ownLake).toMatchObject({ id: 'lakehouse-county_b', role: 'warehouse' });
      const listed = await b.ok('list_source_tables', { connection_id: 'lakehouse-county_b' });
      expect(listed).toMatchObject({ connection_id: 'lakehouse-county_b', tables: [] });
      const read = await b.call('query_sql', { connection_id: 'lakehouse', sql: 'SELECT count(*) FROM bronze.property' });
      expect(read.isError).toBe(true);
      expect(errorText(read)).toMatch(/serves tenant "county_b".*tenant "county_a"/);
      const write = await b.call('sync_table_to_bronze', { table_name: 'property', warehouse_connection_id: 'lakehouse' });
      expect(errorText(write)).toMatch(/serves tenant "county_b"/);
      const asA = await b.call('list_source_tables', { connection_id: 'lakehouse' });
      expect(errorText(asA)).toMatch(/serves tenant "county_b"/);
      const jobOfA = (await a.ok('sync_table_to_bronze', { table_name: 'situs' })).job_id;
      expect(errorText(await b.call('get_job', { job_id: jobOfA }))).toMatch(/belongs to tenant "county_a"/);
      await waitForJob(a, jobOfA);
      // B's own lakehouse is separate: its sync lands in tenant_county_b only.
      const own = await b.ok('sync_table_to_bronze', { table_name: 'property' });
      expect(own.bronze_table).toBe('tenant_county_b.bronze.property');
      await waitForJob(b, own.job_id);
      const fileOfA = fs.readdirSync(path.join(home.dir, 'lakehouse', 'tenant_county_a', 'bronze', 'property'))[0];
      const direct = await b.call('query_sql', { connection_id: 'lakehouse-county_b', sql: `SELECT * FROM "${path.join(home.dir, 'lakehouse', 'tenant_county_a', 'bronze', 'property', fileOfA)}"` });
      expect(direct.isError).toBe(true);
      expect((await b.ok('list_source_tables', { connection_id: 'lakehouse-county_b' })).tables.map((t: { qualified_name: string }) => t.qualified_name)).toEqual(['tenant_county_b.bronze.property']);
      expect((await a.ok('list_source_tables', { connection_id: 'lakehouse', layer: 'bronze' })).tables.map((t: { qualified_name: string }) => t.qualified_name)).not.toContain('tenant_county_b.bronze.property');
    } finally {
      await b.close();
    }
  }));

  it('keeps answering quickly while a big sync runs, and a job cut off by a crash is failed on the next start', () => withTenantA(async (_a, home) => {
    const { envA } = home;
    const bigFile = path.join(home.dir, 'big.sqlite');
    await makeBigSqlite(bigFile, 300_000);
    const added = await runCli(['connections', 'add', '--id', 'big', '--kind', 'sqlite', '--role', 'other', '--file', bigFile], envA);
    expect(added.code, added.stderr).toBe(0);
    const victim = await connectStdio(envA);
    const { job_id } = await victim.ok('sync_table_to_bronze', { connection_id: 'big', table_name: 'big_values' });
    let running: Record<string, any> | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const t = Date.now();
      const job = await victim.ok('get_job', { job_id });
      expect(Date.now() - t).toBeLessThan(2_000);
      if (job.status === 'running' && job.progress.done > 0) {
        running = job;
        break;
      }
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(running?.progress.message).toBe('extracting');
    const serverPid = (victim.client.transport as unknown as { pid: number | null }).pid;
    expect(serverPid).toBeGreaterThan(0);
    process.kill(serverPid!, 'SIGKILL');
    await victim.close().catch(() => undefined);

    const after = await connectStdio(envA);
    try {
      const job = await after.ok('get_job', { job_id });
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/interrupted.*stopped before it finished/);
      expect((await after.ok('list_source_tables', { connection_id: 'lakehouse' })).tables.map((t: { name: string }) => t.name)).not.toContain('big_values');
      const again = await after.ok('sync_table_to_bronze', { connection_id: 'big', table_name: 'big_values' });
      const done = await waitForJob(after, again.job_id, 180_000);
      expect(done).toMatchObject({ status: 'succeeded', rows: 300_000 });
      const total = await after.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT count(*) AS n, sum(amount) AS s FROM bronze.big_values' });
      expect(total.rows).toEqual([{ n: 300_000, s: Math.round(1.25 * (300_000 * 300_001) / 2 * 100) / 100 }]);
    } finally {
      await after.close();
    }
  }), 300_000);
});
