// Sync a 1,000,000-row PostgreSQL table into the local lakehouse's bronze
// layer through the built server (sync_table_to_bronze as a job, polled with get_job), against
// `psql \copy (SELECT …) TO` a CSV file of the same table. Target: >= 150,000 rows/s on the
// 2-core build machine, server peak RSS < 300 MB.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { startPostgres, type PgCluster } from '../../tests/helpers/postgres.js';
import { makeBenchHome, type BenchHome } from '../lib/bench-home.js';
import { startBenchServer } from '../lib/mcp-stdio.js';
import { builtCli } from '../lib/paths.js';
import { runMeasured } from '../lib/rss.js';
import { sizeOf } from '../lib/sizes.js';
import { round } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

const TABLE = 'parcel_values';

/** A property_val-like table: years, ids, whole-dollar and fractional decimals, text, a date, a timestamp, nulls. */
const PG_TABLE = `
  CREATE TABLE ${TABLE} (
    prop_val_yr numeric(4,0) NOT NULL, sup_num integer NOT NULL, prop_id integer NOT NULL,
    market numeric(14,0), appraised_val numeric(14,0), legal_acreage numeric(14,4),
    hood_cd varchar(10), legal_desc varchar(255), sup_dt date, updated_at timestamp,
    PRIMARY KEY (prop_val_yr, sup_num, prop_id));`;

function pgRows(rows: number): string {
  return `INSERT INTO ${TABLE}
    SELECT 2020 + (g % 6), g % 3, g, 50000 + (g * 7919) % 900000, 40000 + (g * 104729) % 800000,
      CASE WHEN g % 5 = 0 THEN NULL ELSE round(((g % 10000) / 997.0)::numeric, 4) END,
      'H' || lpad((g % 240)::text, 4, '0'), 'LOT ' || (g % 97) || ' BLK ' || (g % 53) || ' MILL CREEK ESTATES',
      CASE WHEN g % 4 = 0 THEN NULL ELSE DATE '2015-01-01' + (g % 3000)::int END,
      TIMESTAMP '2020-01-01 08:00:00' + (g % 5000000)::int * interval '1 second'
    FROM generate_series(1::bigint, ${rows}) g;`;
}

function sqliteRows(file: string, rows: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.exec(
      `PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
       CREATE TABLE ${TABLE} (prop_val_yr NUMERIC(4,0) NOT NULL, sup_num INTEGER NOT NULL, prop_id INTEGER NOT NULL, market NUMERIC(14,0),
         appraised_val NUMERIC(14,0), legal_acreage NUMERIC(14,4), hood_cd VARCHAR(10), legal_desc VARCHAR(255), sup_dt DATE, updated_at DATETIME,
         PRIMARY KEY (prop_val_yr, sup_num, prop_id));
       WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < ${rows})
       INSERT INTO ${TABLE} SELECT 2020 + (g % 6), g % 3, g, 50000 + (g * 7919) % 900000, 40000 + (g * 104729) % 800000,
         CASE WHEN g % 5 = 0 THEN NULL ELSE round((g % 10000) / 997.0, 4) END, 'H' || substr('0000' || (g % 240), -4),
         'LOT ' || (g % 97) || ' BLK ' || (g % 53) || ' MILL CREEK ESTATES', CASE WHEN g % 4 = 0 THEN NULL ELSE date('2015-01-01', '+' || (g % 3000) || ' days') END,
         datetime('2020-01-01 08:00:00', '+' || (g % 5000000) || ' seconds') FROM n;`,
      (err) => db.close(() => (err ? reject(err) : resolve())),
    );
  });
}

/** Whether this build can open PostgreSQL connections (the PostgreSQL connector is another issue's work). */
async function postgresSupported(home: BenchHome, pg: PgCluster): Promise<boolean> {
  await home.cli(['connections', 'add', '--id', 'pg', '--kind', 'postgres', '--role', 'other', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'bench', '--user', 'postgres', '--no-password']);
  const test = await runMeasured(process.execPath, [builtCli(), 'connections', 'test', 'pg', '--json'], { env: home.env, allowFailure: true });
  if (test.code === 0) return true;
  if (/not supported by this build/.test(test.stdout)) return false;
  throw new Error(`the PostgreSQL connection test failed: ${test.stdout}${test.stderr}`);
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined off Linux. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

async function syncOnce(home: BenchHome, connectionId: string): Promise<{ ms: number; jobMs: number; rows: number; peak: number; idle: number; cpu?: number }> {
  const server = await startBenchServer(home.env);
  try {
    await server.ok('list_connections');
    const idle = server.peakRssMb();
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const { job_id } = await server.ok('sync_table_to_bronze', { connection_id: connectionId, table_name: TABLE, sync_mode: 'full' });
    for (;;) {
      const job = await server.ok('get_job', { job_id });
      if (job.status === 'failed') throw new Error(`the sync failed: ${job.error}`);
      if (job.status === 'succeeded') {
        const ms = performance.now() - started;
        const cpuAfter = cpuSeconds(server.pid);
        const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
        return { ms, jobMs: job.duration_ms, rows: job.rows, peak: server.peakRssMb(), idle, cpu };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await server.close();
  }
}

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const rows = sizeOf(options, 'rows', { full: 1_000_000, quick: 5_000 });
  const home = await makeBenchHome({ prefix: 'pacs-bench-sync-' });
  const pg = await startPostgres();
  try {
    pg.psql('CREATE DATABASE bench');
    pg.psql(`${PG_TABLE}${pgRows(rows)} ANALYZE ${TABLE};`, 'bench');

    const csv = path.join(home.dir, 'psql-copy.csv');
    const copy = await runMeasured('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', 'bench', '-c', `\\copy (SELECT * FROM ${TABLE}) TO '${csv}' CSV HEADER`]);
    const copyRowsPerSecond = rows / (copy.elapsed_ms / 1000);
    fs.rmSync(csv, { force: true });

    let source = 'PostgreSQL';
    let connectionId = 'pg';
    if (!(await postgresSupported(home, pg))) {
      // Stand-in until the PostgreSQL connector is in the build: the same rows from SQLite.
      source = 'SQLite (this build has no PostgreSQL connector yet)';
      connectionId = 'sqlite_rows';
      const file = path.join(home.dir, 'rows.sqlite');
      await sqliteRows(file, rows);
      await home.cli(['connections', 'add', '--id', connectionId, '--kind', 'sqlite', '--role', 'other', '--file', file]);
    }
    const load = os.loadavg()[0];
    const sync = await syncOnce(home, connectionId);
    if (sync.rows !== rows) throw new Error(`the sync loaded ${sync.rows} rows, expected ${rows}`);
    const rowsPerSecond = rows / (sync.ms / 1000);
    const label = `${rows.toLocaleString('en-US')}-row ${source.startsWith('PostgreSQL') ? 'PostgreSQL' : 'SQLite'} table`;
    return [
      {
        name: `sync_table_to_bronze of a ${label} to local bronze (Parquet)`,
        unit: 'rows/s',
        value: round(rowsPerSecond, 0),
        peak_rss_mb: sync.peak,
        baseline: { name: `psql \\copy (SELECT * FROM ${TABLE}) TO a CSV file`, median: round(copyRowsPerSecond, 0) },
        ratio: round(rowsPerSecond / copyRowsPerSecond, 3),
        target: '>= 150,000 rows/s',
        note:
          `Source: ${source}. Wall time from the tool call to get_job reporting succeeded: ${round(sync.ms, 0)} ms (the job itself ${round(sync.jobMs, 0)} ms), ` +
          `10 columns (numeric years and values, decimals with 4 places, text, date, timestamp, nulls). psql \\copy of the same table took ${round(copy.elapsed_ms, 0)} ms; ` +
          `ratio = our rows/s ÷ psql rows/s. The server used ${sync.cpu === undefined ? '?' : round(sync.cpu, 2)} s of CPU ` +
          `(${sync.cpu ? round(rows / sync.cpu, 0).toLocaleString('en-US') : '?'} rows per CPU-second; DuckDB's Parquet conversion runs beside it); ` +
          `the 1-minute load average was ${round(load, 2)} on ${os.cpus().length} cores when it started.`,
      },
      {
        name: `sync_table_to_bronze of a ${label}: server peak RSS`,
        unit: 'MB',
        value: sync.peak,
        peak_rss_mb: sync.peak,
        target: '< 300 MB',
        note: `VmHWM of the server process, which peaked at ${sync.idle} MB before the sync started.`,
      },
    ];
  } finally {
    pg.stop();
    home.cleanup();
  }
}
