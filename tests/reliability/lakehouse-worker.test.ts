import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { LakehouseWorkerStopped } from '../../mcp/lakehouse/local/worker/worker-client.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { RawStdioServer } from '../helpers/raw-stdio.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * One lakehouse query used to take the whole server down: `enable_logging(storage='file', …)`
 * made DuckDB throw from a background thread on the next query (SIGABRT), and
 * `enable_logging(level='trace', storage='stdout')` wrote DuckDB's log onto the MCP channel.
 * Now the guard allows DuckDB functions by name only, and every DuckDB statement runs in a
 * worker process whose stdout goes nowhere: a native crash ends that worker, the call gets an
 * error, and the next call gets a new worker.
 */

const home = makeTempHome('pacs-lake-worker-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '120' });
let session: StdioSession;

/** Child processes of `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** The lakehouse worker of the server: the child running lakehouse-worker.js. */
function workerOf(pid: number): number | undefined {
  return childrenOf(pid).find((child) => {
    try {
      return fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('lakehouse-worker.js');
    } catch {
      return false;
    }
  });
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  session = await connectStdio(env);
  const sync = await session.ok('sync_table_to_bronze', { table_name: 'property', sync_mode: 'full' });
  for (;;) {
    const job = await session.ok('get_job', { job_id: sync.job_id });
    if (job.status === 'succeeded') break;
    if (job.status === 'failed') throw new Error(job.error);
    await new Promise((r) => setTimeout(r, 150));
  }
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('DuckDB functions are allowed by name on the lakehouse', () => {
  it('the logging, settings, checkpoint and file functions are refused over MCP; the server keeps answering', async () => {
    const attacks = [
      `SELECT * FROM enable_logging(storage='file', storage_path='${home.dir}/duck-log')`,
      "SELECT * FROM enable_logging(level='trace', storage='stdout')",
      "SELECT write_log('hello', level := 'error')",
      'SELECT * FROM duckdb_settings()',
      'SELECT * FROM duckdb_logs',
      'SELECT * FROM force_checkpoint()',
      "SELECT * FROM read_text('/etc/hostname')",
      "SELECT getvariable('x')",
      "SELECT * FROM query('SELECT 1')",
      'SELECT sleep_ms(60000)',
      "SELECT current_setting('memory_limit')",
      'SELECT * FROM system.main.duckdb_secrets()',
    ];
    for (const sql of attacks) {
      const result = await session.call('query_sql', { connection_id: 'lakehouse', sql });
      expect(result.isError, sql).toBe(true);
      expect(errorText(result), sql).toMatch(/query_sql (does not|runs)/);
    }
    expect(fs.existsSync(path.join(home.dir, 'duck-log'))).toBe(false);
    const ok = await session.ok('query_sql', { connection_id: 'lakehouse', sql: "SELECT count(*) AS n, max(length(trim(geo_id))) AS g, strftime(now(), '%Y') AS y FROM bronze.property" });
    expect(ok.rows[0].n).toBe(120);
  });

  it('the worker that runs DuckDB writes its stdout nowhere', async () => {
    await session.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT 1 AS one' });
    const worker = workerOf(session.pid!);
    expect(worker).toBeDefined();
    expect(fs.readlinkSync(`/proc/${worker}/fd/1`)).toBe('/dev/null');
  });

  it('over raw stdio, everything the server wrote to stdout is JSON-RPC', async () => {
    const raw = new RawStdioServer(env);
    try {
      await raw.initialize();
      for (const [i, sql] of ["SELECT * FROM enable_logging(level='trace', storage='stdout')", 'SELECT count(*) AS n FROM bronze.property'].entries()) {
        await raw.request({ id: `q${i}`, method: 'tools/call', params: { name: 'query_sql', arguments: { connection_id: 'lakehouse', sql } } });
      }
      expect(raw.badLines).toEqual([]);
    } finally {
      await raw.close();
    }
  });
});

describe('a native crash of DuckDB ends the worker only', () => {
  it('with the guard bypassed, the enable_logging attack aborts the worker; the call gets an error and the next call works', async () => {
    const store = await SqliteDb.open(path.join(home.dir, 'app.sqlite'), { wal: true, busyTimeoutMs: 15_000 });
    const lake = new LocalLakehouse({ dataDir: home.dir, store, tenantId: 'default' });
    const options = { maxRows: 10, timeoutMs: 20_000 };
    try {
      const outcomes: unknown[] = [];
      await lake.query(`SELECT * FROM enable_logging(storage='file', storage_path='${home.dir}/duck-log')`, [], options).catch((err) => outcomes.push(err));
      await lake.query('SELECT count(*) AS n FROM bronze.property', [], options).then(
        (r) => outcomes.push(r),
        (err) => outcomes.push(err),
      );
      // The attack made DuckDB abort: the worker died (SIGABRT), and its call was answered with that.
      expect(outcomes.some((o) => o instanceof LakehouseWorkerStopped && /SIGABRT/.test(o.message))).toBe(true);
      // This process is still here, and a new worker answers.
      expect((await lake.query('SELECT count(*) AS n FROM bronze.property', [], options)).rows).toEqual([{ n: 120 }]);
    } finally {
      await lake.close();
      await store.close();
    }
  });

  it('over MCP: the worker killed with SIGABRT mid-query answers that call with an error; the server and other sessions go on', async () => {
    const other = await connectStdio(env);
    try {
      const pid = session.pid!;
      const slow = session.call('query_sql', { connection_id: 'lakehouse', sql: 'SELECT count(*) AS n FROM range(100000000000) t(x) WHERE x % 7 = 3', timeout_ms: 55_000 });
      const worker = await waitFor(() => workerOf(pid));
      await new Promise((r) => setTimeout(r, 500));
      process.kill(worker, 'SIGABRT');
      const result = await slow;
      expect(result.isError).toBe(true);
      expect(errorText(result)).toMatch(/The lakehouse query engine stopped while running this \(the engine process was ended by SIGABRT\)/);
      expect(fs.existsSync(`/proc/${pid}`)).toBe(true);
      expect((await session.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT count(*) AS n FROM bronze.property' })).rows).toEqual([{ n: 120 }]);
      expect(workerOf(pid)).not.toBe(worker);
      expect((await other.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT count(*) AS n FROM bronze.property' })).rows).toEqual([{ n: 120 }]);
      expect((await session.ok('query_sql', { sql: 'SELECT count(*) AS n FROM property' })).rows).toEqual([{ n: 120 }]);
    } finally {
      await other.close();
    }
  }, 90_000);
});
