import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_CALLER } from '../../electron/services/ui-audit.js';
import { Engine } from '../../mcp/engine.js';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { callTool } from '../../mcp/tools/call-tool.js';
import { querySqlTool } from '../../mcp/tools/query-sql.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured, resourceJson } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv, sharedMemorySecrets } from '../helpers/temp-home.js';

/**
 * What the model sees of sensitive values, through the MCP SDK client over stdio against the
 * built server, checked against the demo database: SSN, licence numbers, birth dates and the
 * names of confidential owners never reach the model in clear from any path (query_sql rows and
 * summaries, describe_table statistics, the table preview, the lakehouse), pseudonyms are
 * deterministic so grouping still works, and only a person can allow clear values.
 */
const home = makeTempHome('pacs-model-privacy-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '150' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
let session: StdioSession;

function demo<T>(sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, sqlite3.OPEN_READONLY);
    db.all(sql, [], (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as T[]))));
  });
}

interface Secrets {
  ssns: string[];
  licences: string[];
  birthDates: string[];
  confidentialNames: string[];
}

let secrets: Secrets;

/** Fails naming the first clear sensitive value found anywhere in the text or structuredContent. */
function expectNoClearValues(where: string, result: { content: unknown; structuredContent?: unknown }, which: (keyof Secrets)[] = ['ssns', 'licences', 'birthDates', 'confidentialNames']): void {
  const all = JSON.stringify(result.content) + JSON.stringify(result.structuredContent ?? null);
  for (const kind of which) for (const value of secrets[kind]) expect(all.includes(value), `${where}: a clear ${kind} value (${value}) reached the model`).toBe(false);
}

beforeAll(async () => {
  session = await connectStdio(env);
  await session.ok('list_connections');
  secrets = {
    ssns: (await demo<{ v: string }>('SELECT DISTINCT prop_exmpt_ss_num AS v FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL')).map((r) => r.v),
    licences: (await demo<{ v: string }>("SELECT DISTINCT dl_num AS v FROM account WHERE dl_num IS NOT NULL AND dl_num <> ''")).map((r) => r.v),
    birthDates: (await demo<{ v: string }>('SELECT DISTINCT birth_dt AS v FROM property_exemption WHERE birth_dt IS NOT NULL')).map((r) => r.v),
    // Real names of confidential owners that no other account shares.
    confidentialNames: (
      await demo<{ v: string }>(
        "SELECT DISTINCT file_as_name AS v FROM account WHERE confidential_flag = 'T' AND file_as_name NOT IN (SELECT file_as_name FROM account WHERE confidential_flag <> 'T' AND file_as_name IS NOT NULL)",
      )
    ).map((r) => r.v),
  };
  expect(secrets.ssns.length).toBeGreaterThan(3);
  expect(secrets.confidentialNames.length).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('query_sql', () => {
  it('gives pseudonyms for SSN, licence numbers and birth dates, the same one for the same value, so grouping still works', async () => {
    const sql = 'SELECT prop_id, prop_exmpt_ss_num, prop_exmpt_dl_num, birth_dt FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL ORDER BY prop_id, exmpt_type_cd';
    const result = await session.call('query_sql', { sql, max_rows: 2_000 });
    const { structured } = expectTextCarriesStructured(result);
    expectNoClearValues('query_sql rows', result);
    const clear = await demo<{ prop_id: number; prop_exmpt_ss_num: string }>(sql);
    expect(structured.rows).toHaveLength(clear.length);
    // Same SSN, same pseudonym; different SSNs, different pseudonyms.
    const bySsn = new Map<string, Set<string>>();
    clear.forEach((row, i) => {
      const shown = structured.rows[i].prop_exmpt_ss_num as string;
      expect(shown).toMatch(/^SSN-[A-Z2-9]{10}$/);
      bySsn.set(row.prop_exmpt_ss_num, (bySsn.get(row.prop_exmpt_ss_num) ?? new Set()).add(shown));
    });
    for (const shown of bySsn.values()) expect(shown.size).toBe(1);
    expect(new Set(structured.rows.map((r: { prop_exmpt_ss_num: string }) => r.prop_exmpt_ss_num)).size).toBe(bySsn.size);
    expect(structured.masking.values).toBe('masked');
    expect(structured.masking.masked_columns.map((c: { column: string }) => c.column)).toEqual(['prop_exmpt_ss_num', 'prop_exmpt_dl_num', 'birth_dt']);
    // A second call gives the same pseudonyms.
    const again = await session.ok('query_sql', { sql, max_rows: 2_000 });
    expect(again.rows).toEqual(structured.rows);

    const grouped = await session.call('query_sql', { sql: 'SELECT prop_exmpt_ss_num, count(*) AS n FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL GROUP BY prop_exmpt_ss_num', max_rows: 2_000 });
    expectNoClearValues('query_sql GROUP BY', grouped);
    expect((grouped.structuredContent as { rows: unknown[] }).rows).toHaveLength(bySsn.size);
  });

  it('masks what a query computes from a sensitive column, by the parser\'s lineage, and refuses a query it cannot follow', async () => {
    const derived = [
      'prop_exmpt_ss_num AS x',
      "'note: ' || prop_exmpt_ss_num AS y",
      'substr(prop_exmpt_ss_num, 1, 3) AS first3',
      'substr(prop_exmpt_ss_num, 5, 2) || substr(prop_exmpt_ss_num, 8, 4) AS rest',
      'unicode(substr(prop_exmpt_ss_num, 1, 1)) AS code_point',
      'CAST(birth_dt AS TEXT) AS born',
      "strftime('%Y', birth_dt) AS birth_year",
      'combined_disp_income + 0 AS money',
    ];
    const sql = `SELECT prop_id, ${derived.join(', ')} FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL`;
    const result = await session.call('query_sql', { sql, max_rows: 2_000 });
    const { structured } = expectTextCarriesStructured(result);
    expectNoClearValues('derived expressions', result, ['ssns', 'birthDates']);
    expect(structured.masking.masked_columns.map((c: { column: string }) => c.column)).toEqual(['x', 'y', 'first3', 'rest', 'code_point', 'born', 'birth_year', 'money']);
    // Not even the pieces: the first three digits of every SSN are pseudonyms too.
    const clearFirst3 = new Set(secrets.ssns.map((s) => s.slice(0, 3)));
    expect(structured.rows.some((r: { first3: string }) => clearFirst3.has(r.first3))).toBe(false);
    // A subquery and a CTE are followed too.
    const nested = await session.call('query_sql', { sql: 'WITH e AS (SELECT prop_exmpt_ss_num AS s FROM property_exemption) SELECT (SELECT max(s) FROM e) AS top_one, lower(s) AS low FROM e' });
    expectNoClearValues('CTE and subquery', nested, ['ssns']);

    const summary = await session.call('query_sql', { sql: 'SELECT prop_exmpt_ss_num, birth_dt, combined_disp_income FROM property_exemption', summarize: true, max_rows: 2_000 });
    const summaries = expectTextCarriesStructured(summary).structured.summaries;
    expectNoClearValues('query_sql summarize', summary);
    const ssn = summaries.find((s: { name: string }) => s.name === 'prop_exmpt_ss_num');
    expect(ssn).toMatchObject({ min: null, max: null, min_length: null, max_length: null });
    expect(ssn.distinct).toBe(secrets.ssns.length);

    const unclear = await session.call('query_sql', { sql: 'SELECT * FROM property_exemption UNION ALL SELECT * FROM property_exemption LIMIT 1' });
    expect(unclear.isError).toBe(true);
    expect(errorText(unclear)).toMatch(/masking cannot tell which table columns the query's columns come from/);
    expect(errorText(unclear)).not.toMatch(/\d{3}-\d{2}-\d{4}/);

    // An unnamed expression beside * gets a name from the database that could pass for a harmless column.
    for (const sql of ["SELECT *, prop_exmpt_ss_num || '' FROM property_exemption", 'SELECT e.*, substr(e.prop_exmpt_ss_num, 1, 11) FROM property_exemption e']) {
      const beside = await session.call('query_sql', { sql, max_rows: 2_000 });
      expect(beside.isError, sql).toBe(true);
      expect(errorText(beside)).toMatch(/give every computed column a name with AS/);
      expectNoClearValues(sql, beside, ['ssns']);
    }
    const named = await session.call('query_sql', { sql: "SELECT *, prop_exmpt_ss_num || '' AS copy FROM property_exemption", max_rows: 2_000 });
    expectNoClearValues('a named expression beside *', named, ['ssns']);
    expect(expectTextCarriesStructured(named).structured.masking.masked_columns.map((c: { column: string }) => c.column)).toContain('copy');
  });

  it('shows no owner name from the model\'s own SQL, whatever flag it selects, while the server\'s own reads show those of owners who are not confidential', async () => {
    for (const flag of ['confidential_flag', "'F' AS confidential_flag", "CASE WHEN confidential_flag = 'T' THEN 'F' ELSE 'F' END AS confidential_flag"]) {
      const result = await session.call('query_sql', { sql: `SELECT acct_id, file_as_name, ${flag} FROM account ORDER BY acct_id`, max_rows: 5_000 });
      const { structured } = expectTextCarriesStructured(result);
      expectNoClearValues(`names with ${flag}`, result, ['confidentialNames']);
      expect(structured.rows.every((r: { file_as_name: string | null }) => r.file_as_name === null || /^NAME-/.test(r.file_as_name)), flag).toBe(true);
      expect(structured.masking.note).toMatch(/search_parcels and get_parcel show the names of owners who are not confidential/);
    }
    // The table preview reads the flag itself: confidential owners' names are pseudonyms, the others are shown.
    const preview = resourceJson(await session.client.readResource({ uri: 'table://demo/main/account/preview' })).json;
    const clear = await demo<{ acct_id: number; file_as_name: string; confidential_flag: string }>('SELECT acct_id, file_as_name, confidential_flag FROM account');
    const byId = new Map(clear.map((r) => [r.acct_id, r]));
    for (const row of preview.rows as { acct_id: number; file_as_name: string | null }[]) {
      const source = byId.get(row.acct_id)!;
      if (source.confidential_flag === 'T') expect(row.file_as_name).toMatch(/^NAME-/);
      else expect(row.file_as_name).toBe(source.file_as_name);
    }
  });
});

describe('describe_table, the table preview and the lakehouse', () => {
  it('describe_table analyze shows no clear sensitive value in min, max or top values', async () => {
    for (const table of ['property_exemption', 'account', 'owner']) {
      const result = await session.call('describe_table', { table_name: table, analyze: true });
      const { structured } = expectTextCarriesStructured(result);
      expectNoClearValues(`describe_table ${table}`, result);
      if (table === 'property_exemption') {
        const ssn = structured.columns.find((c: { name: string }) => c.name === 'prop_exmpt_ss_num');
        expect(ssn.masked).toBe('ssn');
        expect(ssn.min).toMatch(/^SSN-/);
      }
    }
  });

  it('the table preview resource masks its rows', async () => {
    for (const table of ['property_exemption', 'account']) {
      const read = await session.client.readResource({ uri: `table://demo/main/${table}/preview` });
      const { text, json } = resourceJson(read);
      for (const kind of ['ssns', 'licences', 'birthDates', 'confidentialNames'] as const) for (const value of secrets[kind]) expect(text.includes(value), `${table} preview: ${value}`).toBe(false);
      expect(json.masking.values).toBe('masked');
    }
  });

  it('loads a table into the lakehouse with pseudonyms, the same ones query_sql gives, so results join', async () => {
    const sync = await session.ok('sync_table_to_bronze', { table_name: 'property_exemption' });
    let job = sync;
    for (let i = 0; job.status !== 'succeeded' && i < 120; i++) {
      expect(job.status).not.toBe('failed');
      await new Promise((r) => setTimeout(r, 500));
      job = await session.ok('get_job', { job_id: sync.job_id });
    }
    expect(job.result.masked_columns).toEqual(expect.arrayContaining(['prop_exmpt_ss_num', 'prop_exmpt_dl_num', 'birth_dt']));
    // Even with the lakehouse's values allowed in clear, what was loaded holds no clear SSN.
    expect((await runCli(['connections', 'model-values', 'lakehouse', 'clear'], env)).code).toBe(0);
    const sql = 'SELECT prop_id, owner_id, exmpt_tax_yr, sup_num, exmpt_type_cd, prop_exmpt_ss_num FROM bronze.property_exemption WHERE prop_exmpt_ss_num IS NOT NULL ORDER BY prop_id, owner_id, exmpt_tax_yr, sup_num, exmpt_type_cd';
    const lake = await session.call('query_sql', { connection_id: 'lakehouse', sql, max_rows: 2_000 });
    expectNoClearValues('lakehouse', lake, ['ssns']);
    const source = await session.ok('query_sql', { sql: sql.replace('bronze.property_exemption', 'property_exemption'), max_rows: 2_000 });
    expect((lake.structuredContent as { rows: unknown[] }).rows).toEqual(source.rows);
    expect((await runCli(['connections', 'model-values', 'lakehouse', 'masked'], env)).code).toBe(0);
  });
});

describe('the parcel tools and snapshots', () => {
  it('never show a confidential owner\'s real name, an SSN, a licence number or a birth date', async () => {
    const year = '(SELECT appr_yr FROM pacs_system)';
    const parcels = [
      ...(await demo<{ prop_id: number }>(`SELECT DISTINCT o.prop_id FROM owner o JOIN account a ON a.acct_id = o.owner_id WHERE a.confidential_flag = 'T' AND o.owner_tax_yr = ${year} ORDER BY 1 LIMIT 3`)),
      ...(await demo<{ prop_id: number }>(`SELECT DISTINCT prop_id FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL AND exmpt_tax_yr = ${year} ORDER BY 1 LIMIT 3`)),
    ].map((r) => r.prop_id);
    expect(parcels.length).toBeGreaterThan(3);
    for (const prop_id of parcels) {
      for (const [tool, args] of [
        ['get_parcel', { prop_id }],
        ['get_parcel_timeline', { prop_id }],
        ['search_parcels', { query: String(prop_id) }],
        ['list_appeals', { prop_id }],
      ] as const) {
        const result = await session.call(tool, args);
        expectTextCarriesStructured(result);
        expectNoClearValues(`${tool} ${prop_id}`, result);
      }
    }
    const snapshot = await session.call('export_parcel_snapshot', { name: 'privacy', prop_ids: parcels });
    expectNoClearValues('export_parcel_snapshot', snapshot);
    const { snapshot_id } = expectTextCarriesStructured(snapshot).structured;
    expectNoClearValues('diff_snapshots', await session.call('diff_snapshots', { base_snapshot_id: snapshot_id, target_snapshot_id: snapshot_id }));
  });
});

describe('import batches', () => {
  it('get_import_batch shows an applicant\'s name and income from the file as pseudonyms', async () => {
    const [row] = await demo<{ prop_id: number; owner_id: number }>('SELECT prop_id, owner_id FROM owner ORDER BY prop_id LIMIT 1');
    const csv = `prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd,applicant_nm,combined_disp_income\n${row.prop_id},${row.owner_id},2026,SNR/DSBL,Mabel Q Okonkwo,31500\n`;
    const staged = await session.ok('stage_import', { kind: 'exemptions', file_content: csv, file_name: 'seniors.csv' });
    const detail = await session.call('get_import_batch', { batch_id: staged.batch_id, rows_limit: 5 });
    const { structured } = expectTextCarriesStructured(detail);
    const all = JSON.stringify(detail);
    expect(all).not.toContain('Mabel Q Okonkwo');
    expect(all).not.toContain('31500');
    expect(structured.rows[0].values).toMatchObject({ prop_id: row.prop_id, applicant_nm: expect.stringMatching(/^NAME-/), combined_disp_income: expect.stringMatching(/^INCOME-/) });
  });
});

describe('clear values', () => {
  it('only a person allows them, per connection: the CLI choice is audited and shown by list_connections', async () => {
    const before = await session.ok('list_connections');
    expect(before.connections.find((c: { id: string }) => c.id === 'demo').model_values).toBe('masked');
    // No tool can change it: no tool lists such an argument, and the server refuses an argument a tool does not list
    // (zod alone would drop it silently, so the refusal is checked here).
    for (const tool of (await session.client.listTools()).tools) expect(JSON.stringify(tool.inputSchema), tool.name).not.toMatch(/model_values|clear/);
    const slipped = await session.call('query_sql', { sql: 'SELECT prop_exmpt_ss_num FROM property_exemption', model_values: 'clear' });
    expect(slipped.isError).toBe(true);
    expect(errorText(slipped)).toMatch(/"model_values" is not an argument of this tool/);

    const set = await runCli(['connections', 'model-values', 'demo', 'clear'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/"demo": in clear/);
    const after = await session.ok('list_connections');
    expect(after.connections.find((c: { id: string }) => c.id === 'demo').model_values).toBe('clear');
    const rows = await session.ok('query_sql', { sql: 'SELECT DISTINCT prop_exmpt_ss_num FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL ORDER BY 1 LIMIT 3' });
    expect(rows.rows.map((r: { prop_exmpt_ss_num: string }) => r.prop_exmpt_ss_num)).toEqual(secrets.ssns.slice().sort().slice(0, 3));
    expect(rows.masking).toEqual({ values: 'clear', masked_columns: [], note: null });

    const audit = await runCli(['audit', 'list', '--json', '--limit', '50'], env);
    expect(audit.stdout).toMatch(/connections\.model-values/);

    expect((await runCli(['connections', 'model-values', 'demo', 'masked'], env)).code).toBe(0);
    expectNoClearValues('masked again', await session.call('query_sql', { sql: 'SELECT prop_exmpt_ss_num FROM property_exemption' }), ['ssns']);
    const wrong = await runCli(['connections', 'model-values', 'demo', 'sometimes'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/masked, clear/);
  });

  it('a person in the app sees the values as they are', async () => {
    const engine = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory', PACS_MCP_MEMORY_SECRETS: sharedMemorySecrets() }), initDemo: false });
    try {
      const out = await callTool(engine, UI_CALLER, querySqlTool, { sql: 'SELECT DISTINCT prop_exmpt_ss_num FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL ORDER BY 1 LIMIT 3' }, {
        signal: new AbortController().signal,
        progress: async () => undefined,
      });
      expect((out.structured.rows as { prop_exmpt_ss_num: string }[]).map((r) => r.prop_exmpt_ss_num)).toEqual(secrets.ssns.slice().sort().slice(0, 3));
    } finally {
      await engine.close();
    }
  });
});
