import { valueText } from '../mcp/lakehouse/parquet/value-text.js';
import type { LakeColumn } from '../mcp/lakehouse/lake-types.js';
const cols: LakeColumn[] = [
  { name: 'prop_val_yr', type: { kind: 'decimal', precision: 4, scale: 0 }, nullable: false },
  { name: 'sup_num', type: { kind: 'integer' }, nullable: false },
  { name: 'prop_id', type: { kind: 'integer' }, nullable: false },
  { name: 'market', type: { kind: 'decimal', precision: 14, scale: 0 }, nullable: true },
  { name: 'appraised_val', type: { kind: 'decimal', precision: 14, scale: 0 }, nullable: true },
  { name: 'legal_acreage', type: { kind: 'decimal', precision: 14, scale: 4 }, nullable: true },
  { name: 'hood_cd', type: { kind: 'varchar' }, nullable: true },
  { name: 'legal_desc', type: { kind: 'varchar' }, nullable: true },
  { name: 'sup_dt', type: { kind: 'date' }, nullable: true },
  { name: 'updated_at', type: { kind: 'timestamp' }, nullable: true },
];
const batches: Record<string, unknown>[][] = [];
for (let b = 0; b < 200; b++) { const rows = []; for (let i = b * 5000; i < (b + 1) * 5000; i++) rows.push({ prop_val_yr: 2020 + (i % 6), sup_num: i % 3, prop_id: i, market: 50000 + ((i * 7919) % 900000), appraised_val: 40000 + ((i * 104729) % 800000), legal_acreage: i % 5 ? (i % 10000) / 997 : null, hood_cd: `H${i % 240}`, legal_desc: `LOT ${i % 97} BLK ${i % 53} MILL CREEK ESTATES`, sup_dt: i % 4 ? '2015-03-04' : null, updated_at: '2020-01-01T08:00:00' }); batches.push(rows); }
const QUOTE = /"/g;
function v1(rows: Record<string, unknown>[]) {
  let out = '';
  for (const row of rows) { let line = ''; for (let i = 0; i < cols.length; i++) { const c = cols[i]; const text = valueText(c.name, c.type, row[c.name], 'local'); if (i > 0) line += ','; if (text === null) line += '\\N'; else line += `"${text.includes('"') ? text.replace(QUOTE, '""') : text}"`; } out += `${line}\n`; }
  return out.length;
}
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const [name, fn] of [['v1', v1]] as const) {
  const t = cpu(); let total = 0; for (const b of batches) total += fn(b); console.log(name, Math.round(cpu() - t), 'cpu ms', total);
}
// parts
let t = cpu(); let k = 0; for (const b of batches) for (const r of b) for (const c of cols) { const x = valueText(c.name, c.type, r[c.name], 'local'); if (x) k += x.length; } console.log('valueText only', Math.round(cpu() - t), k);
t = cpu(); k = 0; for (const b of batches) for (const r of b) { const v = r.legal_acreage as number | null; if (v !== null) k += String(v).length; } console.log('String(float) only', Math.round(cpu() - t), k);
const NEEDS_QUOTE = /[",\r\n]/;
type Conv = (v: unknown) => string | null;
function compile(c: LakeColumn): Conv {
  const k = c.type.kind;
  if (k === 'integer' || k === 'bigint' || k === 'decimal' || k === 'double') {
    return (v) => (v === null || v === undefined ? null : typeof v === 'number' ? (Number.isInteger(v) || k === 'decimal' || k === 'double' ? String(v) : valueText(c.name, c.type, v, 'local')) : valueText(c.name, c.type, v, 'local'));
  }
  if (k === 'varchar') return (v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : valueText(c.name, c.type, v, 'local'));
  return (v) => valueText(c.name, c.type, v, 'local');
}
const convs = cols.map(compile);
const names = cols.map((c) => c.name);
function v2(rows: Record<string, unknown>[]) {
  let out = '';
  const n = convs.length;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let i = 0; i < n; i++) {
      const text = convs[i](row[names[i]]);
      if (i > 0) out += ',';
      if (text === null) out += '\\N';
      else if (text === '' || text === '\\N' || NEEDS_QUOTE.test(text)) out += '"' + text.replace(QUOTE, '""') + '"';
      else out += text;
    }
    out += '\n';
  }
  return out.length;
}
{ const t = cpu(); let total = 0; for (const b of batches) total += v2(b); console.log('v2', Math.round(cpu() - t), 'cpu ms', total); }
{ const t = cpu(); let total = 0; for (const b of batches) total += v1(b); console.log('v1 again', Math.round(cpu() - t), 'cpu ms', total); }
{ const t = cpu(); let total = 0; for (const b of batches) total += v2(b); console.log('v2 again', Math.round(cpu() - t), 'cpu ms', total); }
