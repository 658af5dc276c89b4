import pg from 'pg';
import Cursor from 'pg-cursor';
import { DuckDBInstance, DuckDBDataChunk, VARCHAR } from '@duckdb/node-api';
const c = new pg.Client({ host: '127.0.0.1', port: 55432, user: 'postgres', database: 'postgres' });
await c.connect();
const t0 = performance.now();
const inst = await DuckDBInstance.create(':memory:', { memory_limit: process.env.ML ?? '100MB', threads: '2', temp_directory: '/tmp/ddtmp' });
const dc = await inst.connect();
const cols = ['id','big','amt','name','d','ts','f'];
await dc.run(`CREATE TABLE stage (${cols.map(c => `"${c}" VARCHAR`).join(',')})`);
const app = await dc.createAppender('stage');
const types = cols.map(() => VARCHAR);
const raw = { getTypeParser: () => (v) => v };
const cur = c.query(new Cursor('SELECT * FROM big', [], { types: raw }));
let n = 0;
for (;;) {
  const rows = await cur.read(10000); if (!rows.length) break;
  for (let off = 0; off < rows.length; off += 2048) {
    const slice = rows.slice(off, off + 2048);
    const ch = DuckDBDataChunk.create(types, slice.length);
    ch.setColumns(cols.map((k) => slice.map((r) => r[k])));
    app.appendDataChunk(ch);
  }
  n += rows.length;
}
app.closeSync();
const t1 = performance.now();
await dc.run(`COPY (SELECT id::INTEGER AS id, big::BIGINT AS big, amt::DECIMAL(14,2) AS amt, name, d::DATE AS d, ts::TIMESTAMP AS ts, f::DOUBLE AS f FROM stage) TO '/tmp/dd2.parquet' (FORMAT parquet)`);
const ms = performance.now() - t0;
console.log('extract+append', Math.round(n/(t1-t0)*1000), 'total', Math.round(n / ms * 1000), 'rows/s', 'rss', Math.round(process.memoryUsage().rss / 1e6), 'MB');
await c.end();
