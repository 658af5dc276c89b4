import pg from 'pg';
import Cursor from 'pg-cursor';
import { ParquetWriter, fileWriter } from 'hyparquet-writer/src/node.js';
const c = new pg.Client({ host: '127.0.0.1', port: 55432, user: 'postgres', database: 'postgres' });
await c.connect();
const t0 = performance.now();
const RG = Number(process.env.RG ?? 50000);
const schema = [
  { name: 'root', num_children: 7 },
  { name: 'id', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'amt', type: 'INT64', repetition_type: 'OPTIONAL', converted_type: 'DECIMAL', precision: 14, scale: 2, logical_type: { type: 'DECIMAL', precision: 14, scale: 2 } },
  { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'd', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
  { name: 'ts', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } },
  { name: 'f', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
];
const dec = (s, scale) => { if (s === null) return null; const neg = s[0] === '-'; const t = neg ? s.slice(1) : s; const dot = t.indexOf('.'); let ip = dot < 0 ? t : t.slice(0, dot), fp = dot < 0 ? '' : t.slice(dot + 1); fp = (fp + '0'.repeat(scale)).slice(0, scale); const v = BigInt(ip + fp); return neg ? -v : v; };
const day = (s) => s === null ? null : Date.UTC(+s.slice(0,4), +s.slice(5,7)-1, +s.slice(8,10)) / 864e5;
const ts = (s) => { if (s === null) return null; const ms = Date.UTC(+s.slice(0,4), +s.slice(5,7)-1, +s.slice(8,10), +s.slice(11,13), +s.slice(14,16), +s.slice(17,19)); let us = 0; if (s[19] === '.') us = Number((s.slice(20) + '000000').slice(0, 6)); return BigInt(ms) * 1000n + BigInt(us); };
const conv = { id: (s) => s === null ? null : Number(s), big: (s) => s === null ? null : BigInt(s), amt: (s) => dec(s, 2), name: (s) => s, d: day, ts, f: (s) => s === null ? null : Number(s) };
const names = Object.keys(conv);
const raw = { getTypeParser: () => (v) => v };
const pw = new ParquetWriter({ writer: fileWriter('/tmp/hp2.parquet'), schema });
const cur = c.query(new Cursor('SELECT * FROM big', [], { types: raw }));
let cols = names.map(() => []); let inGroup = 0; let n = 0;
const flush = () => { pw.write({ columnData: names.map((name, i) => ({ name, data: cols[i] })), rowGroupSize: RG }); cols = names.map(() => []); inGroup = 0; };
for (;;) {
  const rows = await cur.read(5000); if (!rows.length) break;
  for (let i = 0; i < names.length; i++) { const f = conv[names[i]], k = names[i], out = cols[i]; for (const r of rows) out.push(f(r[k])); }
  inGroup += rows.length; n += rows.length;
  if (inGroup >= RG) flush();
}
if (inGroup) flush();
pw.finish();
const ms = performance.now() - t0;
console.log('hyparquet', RG, 'total', Math.round(n / ms * 1000), 'rows/s', 'rss', Math.round(process.memoryUsage().rss / 1e6), 'MB');
await c.end();
