import pg from 'pg';
import Cursor from 'pg-cursor';
import path from 'node:path';
import { ParquetWriter } from '../mcp/lakehouse/parquet/parquet-writer.js';
import { lakeTypeFromDeclared } from '../mcp/lakehouse/lake-types.js';
function exactNumberFromText(text: string): number | string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const integerDigits = match[2].replace(/^0+/, '');
  const fractionDigits = (match[3] ?? '').replace(/0+$/, '');
  const significant = (integerDigits + fractionDigits).replace(/^0+/, '').length;
  if (significant > 15) return text;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
const parsers: Record<number, (v: string) => unknown> = { 1700: exactNumberFromText, 20: exactNumberFromText, 23: Number, 21: Number, 700: Number, 701: Number, 1082: (v) => v, 1114: (v) => (v.length >= 19 && v[10] === ' ' ? `${v.slice(0, 10)}T${v.slice(11)}` : v) };
const types = { getTypeParser: (oid: number) => parsers[oid] ?? ((v: string) => v) };
const c = new pg.Client({ host: '127.0.0.1', port: 55432, user: 'postgres', database: 'postgres' });
await c.connect();
const declared = [['id', 'integer'], ['big', 'bigint'], ['amt', 'numeric(14,2)'], ['name', 'text'], ['d', 'date'], ['ts', 'timestamp'], ['f', 'double precision']];
const fields = declared.map(([n, t]) => ({ source: n, column: { name: n, type: lakeTypeFromDeclared('postgres', t), nullable: true } }));
const t0 = performance.now();
const w = ParquetWriter.open({ workDir: '/tmp/simwork', fields, zone: 'local' });
const cur = c.query(new Cursor('SELECT * FROM big', [], { types }));
let tx = 0, tw = 0;
for (;;) { const a = performance.now(); const rows = await cur.read(5000); tx += performance.now() - a; if (!rows.length) break; const b = performance.now(); w.write(rows); tw += performance.now() - b; }
const t1 = performance.now();
const f = await w.finish(path.join('/tmp/simwork', 'out.parquet'));
const t2 = performance.now();
console.log('rows', f.rows, 'extract', Math.round(tx), 'spool', Math.round(tw), 'copy', Math.round(t2 - t1), 'total', Math.round(t2 - t0), 'rows/s', Math.round(f.rows / ((t2 - t0) / 1000)), 'peak MB', Math.round(process.resourceUsage().maxRSS / 1024));
await c.end();
