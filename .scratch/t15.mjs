import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
// build a spool like ours: 1M rows, 10 cols quoted
if (!fs.existsSync('/tmp/spool1m.csv')) {
  const fd = fs.openSync('/tmp/spool1m.csv', 'w');
  for (let b = 0; b < 200; b++) { let out = ''; for (let i = b * 5000; i < (b + 1) * 5000; i++) out += `"${2020 + i % 6}","${i % 3}","${i}","${50000 + (i * 7919) % 900000}","${40000 + (i * 104729) % 800000}",${i % 5 ? `"${((i % 10000) / 997).toFixed(4)}"` : '\\N'},"H${i % 240}","LOT ${i % 97} BLK ${i % 53} MILL CREEK ESTATES",${i % 4 ? '"2015-03-04"' : '\\N'},"2020-01-01T08:00:00"\n`; fs.writeSync(fd, out); }
  fs.closeSync(fd);
}
const [ml, th, pio, rg] = process.argv.slice(2);
const t0 = performance.now();
const inst = await DuckDBInstance.create(':memory:', { memory_limit: ml, threads: th, temp_directory: '/tmp/ddtmp2', preserve_insertion_order: pio });
const c = await inst.connect();
const cols = ['prop_val_yr DECIMAL(4,0)','sup_num BIGINT','prop_id BIGINT','market DECIMAL(14,0)','appraised_val DECIMAL(14,0)','legal_acreage DECIMAL(14,4)','hood_cd VARCHAR','legal_desc VARCHAR','sup_dt DATE','updated_at TIMESTAMP'];
const colsDef = cols.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
const sel = cols.map((d, i) => { const [n, t] = d.split(' '); return t === 'VARCHAR' ? `c${i} AS ${n}` : `CAST(c${i} AS ${t}) AS ${n}`; }).join(', ');
await c.run(`COPY (SELECT ${sel} FROM read_csv('/tmp/spool1m.csv', columns = {${colsDef}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', nullstr = '\\N', allow_quoted_nulls = false${process.env.BUF ? ', buffer_size = ' + process.env.BUF : ''})) TO '/tmp/out1m.parquet' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rg})`);
console.log(ml, th, pio, rg, 'ms', Math.round(performance.now() - t0), 'rss', Math.round(process.resourceUsage().maxRSS / 1024));
