import { ParquetWriter, fileWriter } from 'hyparquet-writer/src/node.js';
import { ByteWriter } from 'hyparquet-writer';
const N = 1_000_000, B = 10_000;
const t0 = performance.now();
const writer = fileWriter('/tmp/hpw.parquet');
const schema = [
  { name: 'root', num_children: 7 },
  { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
  { name: 'big', type: 'INT64', repetition_type: 'OPTIONAL' },
  { name: 'amt', type: 'INT64', repetition_type: 'OPTIONAL', converted_type: 'DECIMAL', precision: 14, scale: 2, logical_type: { type: 'DECIMAL', precision: 14, scale: 2 } },
  { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'd', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
  { name: 'ts', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } },
  { name: 'f', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
];
const pw = new ParquetWriter({ writer, schema, statistics: true });
let cols = null; let n = 0;
const reset = () => { cols = { id: [], big: [], amt: [], name: [], d: [], ts: [], f: [] }; n = 0; };
reset();
for (let i = 0; i < N; i++) {
  cols.id.push(i); cols.big.push(BigInt(i) * 1000n); cols.amt.push(i % 10 === 0 ? null : BigInt(i * 123)); cols.name.push('name ' + (i % 5000)); cols.d.push(18000 + (i % 1000)); cols.ts.push(BigInt(1_600_000_000_000_000 + i)); cols.f.push(i / 3);
  n++;
  if (n === 100_000) { pw.write({ columnData: Object.entries(cols).map(([name, data]) => ({ name, data })), rowGroupSize: 100_000 }); reset(); }
}
if (n) pw.write({ columnData: Object.entries(cols).map(([name, data]) => ({ name, data })), rowGroupSize: 100_000 });
pw.finish();
const ms = performance.now() - t0;
console.log('hyparquet-writer', Math.round(N / ms * 1000), 'rows/s', 'rss', Math.round(process.memoryUsage().rss / 1e6), 'MB');
