// query_sql over a 1,000,000-row PostgreSQL result stays small because the cap is applied
// while fetching from a cursor, never after materialising. Target: server peak RSS under 150 MB.
import { makeBenchHome } from '../lib/bench-home.js';
import { startBenchServer } from '../lib/mcp-stdio.js';
import { startBenchPostgres } from '../lib/postgres-fixture.js';
import { sizeOf } from '../lib/sizes.js';
import { round } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const rows = sizeOf(options, 'rows', { full: 1_000_000, quick: 20_000 });
  const home = await makeBenchHome({ demoSize: 20 });
  const pg = await startBenchPostgres(
    home,
    `CREATE TABLE bench_rows AS SELECT g AS id, md5(g::text) AS note, g * 1.5 AS amount, TIMESTAMP '2024-01-01' + g * INTERVAL '1 second' AS changed_at
       FROM generate_series(1, ${rows}) AS g;
     ANALYZE bench_rows;`,
  );
  const label = `${rows.toLocaleString('en-US')}-row PostgreSQL table`;
  try {
    const measure = async (sql: string, maxRows: number) => {
      const server = await startBenchServer(home.env);
      try {
        await server.ok('list_connections');
        const idle = server.peakRssMb();
        const started = performance.now();
        const result = await server.ok('query_sql', { connection_id: 'bench_pg', sql, max_rows: maxRows, timeout_ms: 55_000 });
        const elapsed = performance.now() - started;
        if (!result.truncated || result.row_count !== maxRows) throw new Error(`expected ${maxRows} capped rows, got ${result.row_count} (truncated ${result.truncated})`);
        return { peak: server.peakRssMb(), idle, elapsed };
      } finally {
        await server.close();
      }
    };
    const scan = await measure('SELECT * FROM bench_rows', 500);
    const maxCap = await measure('SELECT * FROM bench_rows', 10_000);
    const sorted = await measure('SELECT * FROM bench_rows ORDER BY note', 500);
    return [
      {
        name: `query_sql of a ${label}, default cap (500): server peak RSS`,
        unit: 'MB',
        value: scan.peak,
        peak_rss_mb: scan.peak,
        target: '< 150 MB',
        note: `SELECT * through a cursor; the server peaked at ${scan.idle} MB before the query; the call took ${round(scan.elapsed, 1)} ms.`,
      },
      {
        name: `query_sql of a ${label}, largest cap (10,000): server peak RSS`,
        unit: 'MB',
        value: maxCap.peak,
        peak_rss_mb: maxCap.peak,
        target: '< 150 MB',
        note: `max_rows 10,000 (the most query_sql allows); the call took ${round(maxCap.elapsed, 1)} ms.`,
      },
      {
        name: `query_sql of a ${label} sorted on an unindexed column, default cap: server peak RSS`,
        unit: 'MB',
        value: sorted.peak,
        peak_rss_mb: sorted.peak,
        target: '< 150 MB',
        note: `ORDER BY a text column: PostgreSQL sorts every row (on its side) before the first comes back; the call took ${round(sorted.elapsed, 1)} ms.`,
      },
    ];
  } finally {
    pg.stop();
    home.cleanup();
  }
}
