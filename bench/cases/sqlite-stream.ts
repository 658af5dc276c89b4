// Reading a SQLite source in bulk: the connector's batch stream (what syncs and query snapshots
// read through) and sync_table_to_bronze from a SQLite table through the built server, against
// the sqlite3 shell writing the same table as CSV.
import fs from 'node:fs';
import path from 'node:path';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { makeBenchHome } from '../lib/bench-home.js';
import { startBenchServer } from '../lib/mcp-stdio.js';
import { runMeasured, selfPeakRssMb } from '../lib/rss.js';
import { sizeOf } from '../lib/sizes.js';
import { writeRowsTable } from '../lib/sqlite-fixture.js';
import { round, summarize } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

const SQLITE3 = '/usr/bin/sqlite3';

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const rows = sizeOf(options, 'rows', { full: 1_000_000, quick: 3_000 });
  const runs = sizeOf(options, 'runs', { full: 3, quick: 1 });
  const home = await makeBenchHome({ prefix: 'pacs-bench-stream-' });
  try {
    const file = path.join(home.dir, 'rows.sqlite');
    await writeRowsTable(file, rows);
    const csv = path.join(home.dir, 'rows.csv');
    const shell: number[] = [];
    for (let i = 0; i < runs; i++) {
      shell.push((await runMeasured(SQLITE3, ['-readonly', '-csv', file], { input: `.output ${csv}\nSELECT * FROM bench_rows;\n` })).elapsed_ms);
      fs.rmSync(csv, { force: true });
    }
    const shellRate = rows / (summarize(shell).median / 1000);
    const baseline = { name: 'sqlite3 shell: SELECT * written as CSV, rows/s', median: round(shellRate, 0) };

    const connector = new SqliteConnector({ file });
    const streamed: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        let seen = 0;
        for await (const batch of connector.streamBatches('SELECT * FROM bench_rows', [], 5_000)) seen += batch.length;
        if (seen !== rows) throw new Error(`the stream returned ${seen} rows, expected ${rows}`);
        streamed.push(performance.now() - started);
      }
    } finally {
      await connector.close();
    }
    const streamRate = rows / (summarize(streamed).median / 1000);

    await home.cli(['connections', 'add', '--id', 'rows', '--kind', 'sqlite', '--role', 'other', '--file', file]);
    const server = await startBenchServer(home.env);
    let syncMs: number;
    let syncRows: number;
    let syncPeak: number;
    try {
      const started = performance.now();
      const { job_id } = await server.ok('sync_table_to_bronze', { connection_id: 'rows', table_name: 'bench_rows', sync_mode: 'full' });
      for (;;) {
        const job = await server.ok('get_job', { job_id });
        if (job.status === 'failed') throw new Error(`the sync failed: ${job.error}`);
        if (job.status === 'succeeded') {
          syncMs = performance.now() - started;
          syncRows = job.rows;
          syncPeak = server.peakRssMb();
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await server.close();
    }
    if (syncRows !== rows) throw new Error(`the sync loaded ${syncRows} rows, expected ${rows}`);
    const label = `${rows.toLocaleString('en-US')}-row SQLite table (6 columns)`;
    return [
      {
        name: `SQLite connector streamBatches of a ${label}`,
        unit: 'rows/s',
        value: round(streamRate, 0),
        peak_rss_mb: selfPeakRssMb(),
        baseline,
        ratio: round(streamRate / shellRate, 3),
        target: '>= 200,000 rows/s',
        note: `${runs} run(s) in the bench process, batches of 5,000 rows as syncs read them; ratio = our rows/s ÷ the shell's (the shell also formats and writes CSV). Peak RSS is the bench process's whole run.`,
      },
      {
        name: `sync_table_to_bronze of a ${label} to local bronze (Parquet)`,
        unit: 'rows/s',
        value: round(rows / (syncMs / 1000), 0),
        peak_rss_mb: syncPeak,
        baseline,
        ratio: round(rows / (syncMs / 1000) / shellRate, 3),
        note: 'Wall time from the tool call to get_job reporting succeeded, through the built server; peak RSS is the server process.',
      },
    ];
  } finally {
    home.cleanup();
  }
}
