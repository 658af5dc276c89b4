import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
let t = performance.now();
setTimeout(() => c.interrupt(), 500);
try { const r = await c.stream('SELECT count(*) FROM range(100000000000) a'); const ch = await r.fetchChunk(); console.log('chunk', ch?.rowCount); } catch (e) { console.log('interrupted after', Math.round(performance.now() - t), e.message); }
const r2 = await c.runAndReadAll('SELECT 42 AS x, 12345678901234::BIGINT AS b, 1.50::DECIMAL(14,2) AS d, DATE \'2020-02-03\' AS dt, TIMESTAMP \'2020-01-01 10:00:00.123456\' AS ts, \'x\'::BLOB AS bl, NULL::INTEGER AS n, 1.5::DOUBLE AS f, true AS bo, TIMESTAMPTZ \'2020-01-01 10:00:00+00\' AS tz, 12345678901234567890::HUGEINT AS h');
console.log(r2.getRowObjectsJson(), r2.columnTypes().map(String), r2.columnTypes().map(t => t.typeId));
const s = await c.stream('SELECT range AS i FROM range(10000)');
let n = 0; for (;;) { const ch = await s.fetchChunk(); if (!ch || ch.rowCount === 0) break; n += ch.rowCount; if (n > 3000) break; }
console.log('streamed', n);
const r3 = await c.runAndReadAll('SELECT 1'); console.log(r3.getRows());
const p = await c.prepare('COPY (SELECT 1) TO \'/tmp/x.csv\''); console.log('stmt type', p.statementType);
const p2 = await c.prepare('SELECT 1'); console.log('stmt type', p2.statementType);
const p3 = await c.prepare('WITH a AS (SELECT 1) SELECT * FROM a'); console.log('stmt type', p3.statementType);
const p4 = await c.prepare('EXPLAIN SELECT 1'); console.log('stmt type', p4.statementType);
const p5 = await c.prepare('FROM range(3)'); console.log('stmt type', p5.statementType);
import { StatementType } from '@duckdb/node-api'; console.log(StatementType.SELECT);
