import { DuckDBInstance, DuckDBDataChunk, INTEGER, BIGINT, DECIMAL, VARCHAR, DATE, TIMESTAMP, DOUBLE, DuckDBDecimalValue, DuckDBDateValue, DuckDBTimestampValue, decimalValue } from '@duckdb/node-api';
const N = 1_000_000, B = 2048;
const t0 = performance.now();
const inst = await DuckDBInstance.create(':memory:', { memory_limit: '64MB', threads: '2', temp_directory: '/tmp/ddtmp' });
const c = await inst.connect();
await c.run('CREATE TABLE t (id INTEGER NOT NULL, big BIGINT, amt DECIMAL(14,2), name VARCHAR, d DATE, ts TIMESTAMP, f DOUBLE)');
const app = await c.createAppender('t');
const types = [INTEGER, BIGINT, DECIMAL(14,2), VARCHAR, DATE, TIMESTAMP, DOUBLE];
let rows = [];
for (let i = 0; i < N; i++) {
  rows.push([i, BigInt(i) * 1000n, i % 10 === 0 ? null : new DuckDBDecimalValue(BigInt(i * 123), 14, 2), 'name ' + (i % 5000), new DuckDBDateValue(18000 + (i % 1000)), new DuckDBTimestampValue(BigInt(1_600_000_000_000_000 + i)), i / 3]);
  if (rows.length === B) { const ch = DuckDBDataChunk.create(types, B); ch.setRows(rows); app.appendDataChunk(ch); rows = []; }
}
if (rows.length) { const ch = DuckDBDataChunk.create(types, rows.length); ch.setRows(rows); app.appendDataChunk(ch); }
app.closeSync();
const t1 = performance.now();
await c.run("COPY t TO '/tmp/dd.parquet' (FORMAT parquet, COMPRESSION snappy)");
const ms = performance.now() - t0;
console.log('duckdb append', Math.round(N/(t1-t0)*1000), 'total', Math.round(N / ms * 1000), 'rows/s', 'rss', Math.round(process.memoryUsage().rss / 1e6), 'MB');
