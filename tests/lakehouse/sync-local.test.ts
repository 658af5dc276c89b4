import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import type { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { startSync } from '../../mcp/lakehouse/sync/sync-table.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { readParquet, wallClockMicros } from '../helpers/parquet.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-sync-');
const env = { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '150' };
let engine: Engine;
let demoFile: string;

function sqlite<T>(sql: string, params: unknown[] = [], write = false): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, write ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READONLY);
    db.all(sql, params, (err, rows) => {
      db.close();
      if (err) reject(err);
      else resolve(rows as T[]);
    });
  });
}

async function lakehouse(): Promise<LocalLakehouse> {
  return (await resolveWarehouse(engine)).connector as unknown as LocalLakehouse;
}

async function syncAndWait(request: Parameters<typeof startSync>[1]) {
  const { job } = await startSync(engine, request);
  const done = await engine.jobs.waitFor(job.job_id, 60_000);
  if (done.status !== 'succeeded') throw new Error(`sync failed: ${done.error}`);
  return { started: job, done };
}

async function parquetOf(layer: string, name: string) {
  const lake = await lakehouse();
  const row = await engine.store.get<{ files_json: string }>('SELECT files_json FROM lakehouse_tables WHERE layer = ? AND name = ?', [layer, name]);
  const files = JSON.parse(row!.files_json) as { path: string; sha256: string; rows: number }[];
  return { lake, files: files.map((f) => ({ ...f, absolute: lake.resolveFile(f.path) })) };
}

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env });
  demoFile = path.join(home.dir, 'demo-pacs.sqlite');
});
afterAll(async () => {
  await engine?.close();
  home.cleanup();
});

describe('sync_table_to_bronze into the local lakehouse (SQLite demo source)', () => {
  it('starts a job at once, and the job loads every row; an independent reader finds them exactly', async () => {
    const before = performance.now();
    const { job } = await startSync(engine, { tableName: 'property_val', syncMode: 'full' });
    expect(performance.now() - before).toBeLessThan(2_000);
    expect(job.status).toBe('queued');
    expect(job.target_table).toBe('tenant_default.bronze.property_val');

    const done = await engine.jobs.waitFor(job.job_id, 60_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    const source = await sqlite<Record<string, unknown>>('SELECT * FROM property_val ORDER BY prop_val_yr, sup_num, prop_id');
    expect(done.rows).toBe(source.length);
    expect(done.result).toMatchObject({ bronze_table: 'tenant_default.bronze.property_val', rows_loaded: source.length, table_rows: source.length, load: 'replaced' });
    expect(done.progress).toMatchObject({ done: source.length, fraction: 1 });

    const { files } = await parquetOf('bronze', 'property_val');
    expect(files).toHaveLength(1);
    expect(done.result?.file_sha256).toBe(files[0].sha256);
    const { rows, schema } = await readParquet(files[0].absolute);
    expect(schema.prop_id).toMatchObject({ type: 'INT64' });
    expect(schema.market).toMatchObject({ converted_type: 'DECIMAL', precision: 14, scale: 0 });
    expect(schema.legal_acreage).toMatchObject({ converted_type: 'DECIMAL', precision: 14, scale: 4 });
    // PACS dates are DATETIME.
    expect(schema.sup_dt).toMatchObject({ logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } });
    const key = (r: Record<string, unknown>) => `${Number(r.prop_val_yr)}/${Number(r.sup_num)}/${Number(r.prop_id)}`;
    const byKey = new Map(rows.map((r) => [key(r), r]));
    expect(byKey.size).toBe(source.length);
    for (const s of source) {
      const p = byKey.get(key(s))!;
      expect(p.prop_id).toBe(BigInt(s.prop_id as number));
      expect(p.market === null ? null : Math.round(p.market as number)).toBe(s.market);
      expect(p.legal_acreage === null ? null : Math.round((p.legal_acreage as number) * 10_000)).toBe(s.legal_acreage === null ? null : Math.round((s.legal_acreage as number) * 10_000));
      expect(p.legal_desc).toBe(s.legal_desc);
      expect(p.hood_cd).toBe(s.hood_cd);
      expect(p.sup_dt ?? null).toBe(s.sup_dt === null ? null : wallClockMicros(String(s.sup_dt)));
      expect(p.sup_action ?? null).toBe(s.sup_action ?? null);
    }
  });

  it('loads timestamps exactly and nulls as nulls', async () => {
    const { done } = await syncAndWait({ tableName: '_arb_protest', syncMode: 'full' });
    const source = await sqlite<Record<string, unknown>>('SELECT * FROM _arb_protest ORDER BY prop_id, prop_val_yr, case_id');
    expect(done.rows).toBe(source.length);
    const { files } = await parquetOf('bronze', '_arb_protest');
    const { rows, schema } = await readParquet(files[0].absolute);
    expect(schema.prot_create_dt).toMatchObject({ logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } });
    const byKey = new Map(rows.map((r) => [`${r.prop_id}/${Number(r.prop_val_yr)}/${r.case_id}`, r]));
    for (const s of source) {
      const p = byKey.get(`${BigInt(s.prop_id as number)}/${s.prop_val_yr}/${BigInt(s.case_id as number)}`)!;
      expect(p.prot_create_dt).toBe(s.prot_create_dt === null ? null : wallClockMicros(String(s.prot_create_dt)));
      expect(p.prot_complete_dt ?? null).toBe(s.prot_complete_dt === null ? null : wallClockMicros(String(s.prot_complete_dt)));
      expect(p.docket_id ?? null).toBe(s.docket_id === null ? null : BigInt(s.docket_id as number));
      expect(p.prot_status).toBe(s.prot_status);
    }
  });

  it('answers queries on the lakehouse through DuckDB, read-only, with the source values', async () => {
    const lake = await lakehouse();
    const counted = await lake.query('SELECT count(*) AS n, sum(market) AS total FROM bronze.property_val', [], { maxRows: 10, timeoutMs: 10_000 });
    const [expected] = await sqlite<{ n: number; total: number }>('SELECT count(*) AS n, sum(market) AS total FROM property_val');
    expect(counted.rows).toEqual([{ n: expected.n, total: expected.total }]);
    const qualified = await lake.query('SELECT count(*) AS n FROM tenant_default.bronze.property_val', [], { maxRows: 10, timeoutMs: 10_000 });
    expect(qualified.rows).toEqual([{ n: expected.n }]);
    const capped = await lake.query('SELECT prop_id FROM bronze.property_val ORDER BY prop_id', [], { maxRows: 5, timeoutMs: 10_000 });
    expect(capped).toMatchObject({ row_count: 5, truncated: true });
    expect(await lake.describeTable('bronze', 'property_val')).toEqual(expect.arrayContaining([{ name: 'market', type: 'DECIMAL(14,0)', nullable: true, primary_key: false }]));
    expect(await lake.listTables()).toEqual(expect.arrayContaining([{ catalog: 'tenant_default', schema: 'bronze', name: 'property_val', type: 'table' }]));
  });

  it('refuses writes at the database level too: DuckDB statement type, read-only catalog, files outside the tenant', async () => {
    const lake = await lakehouse();
    const opts = { maxRows: 10, timeoutMs: 10_000 };
    await expect(lake.query('CREATE TABLE bronze.x AS SELECT 1', [], opts)).rejects.toThrow(/read-only SELECT.*CREATE/);
    await expect(lake.query("COPY (SELECT 1) TO '/tmp/pacs-evil.csv'", [], opts)).rejects.toThrow(/read-only SELECT.*COPY|Permission Error/);
    await expect(lake.query('DROP VIEW bronze.property_val', [], opts)).rejects.toThrow(/read-only SELECT/);
    await expect(lake.query('SELECT 1; SELECT 2', [], opts)).rejects.toThrow(/exactly one SELECT/);
    await expect(lake.query("SELECT * FROM read_csv('/etc/passwd')", [], opts)).rejects.toThrow(/Permission|disabled/i);
    await expect(lake.query("SELECT * FROM read_text('/etc/hostname')", [], opts)).rejects.toThrow(/Permission|disabled/i);
    expect(fs.existsSync('/tmp/pacs-evil.csv')).toBe(false);
    expect((await lake.query('SELECT count(*) AS n FROM bronze.property_val', [], opts)).rows[0].n).toBeGreaterThan(0);
  });

  it('stops a long lakehouse query at its timeout', async () => {
    const lake = await lakehouse();
    const started = Date.now();
    await expect(lake.query('SELECT count(*) FROM range(10000000000) a, range(1000) b', [], { maxRows: 1, timeoutMs: 1_000 })).rejects.toThrow(/longer than 1 s/);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('incremental: the first sync loads everything, the next only rows past the watermark, and runs are recorded', async () => {
    const first = await syncAndWait({ tableName: 'event', syncMode: 'incremental', watermarkColumn: 'event_id' });
    const [{ n, top }] = await sqlite<{ n: number; top: number }>('SELECT count(*) AS n, max(event_id) AS top FROM event');
    expect(first.done.result).toMatchObject({ rows_loaded: n, table_rows: n, load: 'replaced', watermark_before: null, watermark_after: String(top) });

    await sqlite('INSERT INTO event (event_id, system_type, event_type, event_date, pacs_user, pacs_user_id, event_desc) VALUES (?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?)', [
      top + 1, 'A', 'TEST', '2030-01-01T10:00:00', 'tester', 1, 'new one',
      top + 2, 'A', 'TEST', '2030-01-02T10:00:00', 'tester', 1, 'new two',
    ], true);
    const second = await syncAndWait({ tableName: 'event', syncMode: 'incremental', watermarkColumn: 'event_id' });
    expect(second.done.result).toMatchObject({ rows_loaded: 2, table_rows: n + 2, load: 'appended', watermark_before: String(top), watermark_after: String(top + 2) });
    const third = await syncAndWait({ tableName: 'event', syncMode: 'incremental', watermarkColumn: 'event_id' });
    expect(third.done.result).toMatchObject({ rows_loaded: 0, table_rows: n + 2, watermark_after: String(top + 2) });

    const lake = await lakehouse();
    const q = await lake.query('SELECT count(*) AS n, count(DISTINCT event_id) AS d, max(event_id) AS m FROM bronze.event', [], { maxRows: 1, timeoutMs: 10_000 });
    expect(q.rows[0]).toEqual({ n: n + 2, d: n + 2, m: top + 2 });
    const runs = await engine.store.all<{ rows: number; sync_mode: string; watermark_after_json: string; file_sha256: string; duration_ms: number }>(
      "SELECT rows, sync_mode, watermark_after_json, file_sha256, duration_ms FROM lakehouse_runs WHERE target_table = 'tenant_default.bronze.event' ORDER BY run_id",
    );
    expect(runs.map((r) => r.rows)).toEqual([n, 2, 0]);
    expect(runs.every((r) => r.sync_mode === 'incremental' && /^[0-9a-f]{64}$/.test(r.file_sha256) && r.duration_ms >= 0)).toBe(true);
    expect(JSON.parse(runs[2].watermark_after_json)).toEqual({ kind: 'number', value: String(top + 2) });

    // A full sync replaces the table: no duplicates, old files swept.
    const full = await syncAndWait({ tableName: 'event', syncMode: 'full' });
    expect(full.done.result).toMatchObject({ rows_loaded: n + 2, table_rows: n + 2, load: 'replaced' });
    const { files } = await parquetOf('bronze', 'event');
    expect(files).toHaveLength(1);
    expect(fs.readdirSync(path.dirname(files[0].absolute))).toEqual([path.basename(files[0].absolute)]);
  });

  it('says what to do for a missing table, a missing or textual watermark, and a second sync of a busy table', async () => {
    await expect(startSync(engine, { tableName: 'no_such_table', syncMode: 'full' })).rejects.toThrow(/not found.*list_source_tables/);
    await expect(startSync(engine, { tableName: 'event', syncMode: 'incremental' })).rejects.toThrow(/needs watermark_column/);
    await expect(startSync(engine, { tableName: 'event', syncMode: 'incremental', watermarkColumn: 'nope' })).rejects.toThrow(/no column "nope".*event_id/);
    await expect(startSync(engine, { tableName: 'event', syncMode: 'incremental', watermarkColumn: 'pacs_user' })).rejects.toThrow(/VARCHAR.*watermark/);
    const { job } = await startSync(engine, { tableName: 'owner', syncMode: 'full' });
    await expect(startSync(engine, { tableName: 'owner', syncMode: 'full' })).rejects.toThrow(new RegExp(`${job.job_id} is already loading`));
    expect((await engine.jobs.waitFor(job.job_id, 60_000)).status).toBe('succeeded');
  });

  it('a source value that does not fit its declared type fails the job with the column named, and the old table stays', async () => {
    await sqlite("UPDATE pacs_year SET certification_dt = 'someday' WHERE tax_yr = (SELECT min(tax_yr) FROM pacs_year)", [], true);
    const { job } = await startSync(engine, { tableName: 'pacs_year', syncMode: 'full' });
    const done = await engine.jobs.waitFor(job.job_id, 60_000);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/Column "certification_dt" is declared TIMESTAMP.*"someday"/);
    await expect((await lakehouse()).listLayerTables('bronze')).resolves.not.toEqual(expect.arrayContaining([expect.objectContaining({ name: 'pacs_year' })]));
    expect(fs.readdirSync(path.join(home.dir, 'lakehouse', '.work'))).toEqual([]);
  });
});
