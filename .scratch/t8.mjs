import pg from 'pg';
import Cursor from 'pg-cursor';
import fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const c = new pg.Client({ host: '127.0.0.1', port: 55432, user: 'postgres', database: 'postgres' });
await c.connect();
const t0 = performance.now();
const cols = ['id','big','amt','name','d','ts','f'];
const quoted = [false,false,false,true,false,false,false];
const raw = { getTypeParser: () => (v) => v };
const cur = c.query(new Cursor('SELECT * FROM big', [], { types: raw }));
const fd = fs.openSync('/tmp/spool.csv', 'w');
let n = 0;
const Q = /"/g;
for (;;) {
  const rows = await cur.read(Number(process.env.BS ?? 5000)); if (!rows.length) break;
  let out = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < cols.length; i++) {
      const v = r[cols[i]];
      if (i) line += ',';
      if (v === null) line += '\\N';
      else if (quoted[i]) line += '"' + (v.includes('"') ? v.replace(Q, '""') : v) + '"';
      else line += v;
    }
    out += line + '\n';
  }
  fs.writeSync(fd, out);
  n += rows.length;
}
fs.closeSync(fd);
const t1 = performance.now(); console.log('rss after spool', Math.round(process.memoryUsage().rss/1e6), JSON.stringify(process.memoryUsage()));
const inst = await DuckDBInstance.create(':memory:', { memory_limit: '80MB', threads: '2', temp_directory: '/tmp/ddtmp' });
const dc = await inst.connect();
await dc.run(`COPY (SELECT id::INTEGER AS id, big::BIGINT AS big, amt::DECIMAL(14,2) AS amt, name, d::DATE AS d, ts::TIMESTAMP AS ts, f::DOUBLE AS f FROM read_csv('/tmp/spool.csv', header=false, columns={${cols.map(c=>`'${c}':'VARCHAR'`).join(',')}}, nullstr='\\N', allow_quoted_nulls=false, quote='"', escape='"', delim=',', new_line='\\n', auto_detect=false)) TO '/tmp/dd3.parquet' (FORMAT parquet, ROW_GROUP_SIZE 32768)`);
const ms = performance.now() - t0;
console.log('spool', Math.round(n/(t1-t0)*1000), 'total', Math.round(n / ms * 1000), 'rows/s', 'rss', Math.round(process.memoryUsage().rss / 1e6), 'MB');
const r = await dc.runAndReadAll(`SELECT count(*), count(amt), sum(amt), min(d), max(ts) FROM '/tmp/dd3.parquet'`); console.log(r.getRowsJson());
await c.end();
