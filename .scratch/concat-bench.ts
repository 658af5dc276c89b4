import { columnField } from '../mcp/lakehouse/parquet/value-text.js';
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
const conv = cols.map((c) => columnField(c.name, c.type, 'local'));
const src = cols.map((c) => c.name);
const n = conv.length;
function concat(rows: Record<string, unknown>[]) { let out = ''; for (const row of rows) { out += conv[0](row[src[0]]); for (let i = 1; i < n; i++) out += `,${conv[i](row[src[i]])}`; out += '\n'; } return Buffer.byteLength(out); }
function join(rows: Record<string, unknown>[]) { const parts: string[] = new Array(rows.length * n * 2); let k = 0; for (const row of rows) { parts[k++] = conv[0](row[src[0]]); for (let i = 1; i < n; i++) { parts[k++] = ','; parts[k++] = conv[i](row[src[i]]); } parts[k++] = '\n'; } parts.length = k; return Buffer.byteLength(parts.join('')); }
function lineJoin(rows: Record<string, unknown>[]) { const lines: string[] = new Array(rows.length); const f: string[] = new Array(n); for (let r = 0; r < rows.length; r++) { const row = rows[r]; for (let i = 0; i < n; i++) f[i] = conv[i](row[src[i]]); lines[r] = f.join(','); } return Buffer.byteLength(lines.join('\n') + '\n'); }
const buf = Buffer.allocUnsafe(4 << 20);
function bufWrite(rows: Record<string, unknown>[]) { let off = 0; for (const row of rows) { off += buf.latin1Write ? buf.write(conv[0](row[src[0]]), off) : 0; for (let i = 1; i < n; i++) { buf[off++] = 44; off += buf.write(conv[i](row[src[i]]), off); } buf[off++] = 10; } return off; }
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let round = 0; round < 2; round++) for (const [name, fn] of [['concat', concat], ['join', join], ['lineJoin', lineJoin], ['bufWrite', bufWrite]] as const) { const t = cpu(); let total = 0; for (const b of batches) total += fn(b); console.log(name, Math.round(cpu() - t), total); }
