import { DuckDBInstance } from '@duckdb/node-api';
const root='/tmp/ddtest';
let inst = await DuckDBInstance.create(':memory:');
let c = await inst.connect();
await c.run(`COPY (SELECT range AS id, 'a'||range AS name, (range*1.5)::DECIMAL(14,2) AS amt, DATE '2020-01-01' + range::INT AS d FROM range(10)) TO '${root}/tA/bronze/t.parquet' (FORMAT parquet)`);
await c.run(`COPY (SELECT 1 AS secret) TO '${root}/tB/bronze/s.parquet' (FORMAT parquet)`);
c.closeSync();
// catalog file for tenant A
const cat = `${root}/tA/catalog.duckdb`;
inst = await DuckDBInstance.create(cat);
c = await inst.connect();
await c.run(`CREATE SCHEMA IF NOT EXISTS bronze; CREATE OR REPLACE VIEW bronze.t AS SELECT * FROM read_parquet('${root}/tA/bronze/t.parquet')`);
c.closeSync(); inst.closeSync();
// read-only open with restrictions
inst = await DuckDBInstance.create(cat, { access_mode: 'READ_ONLY' });
c = await inst.connect();
await c.run(`SET allowed_directories=['${root}/tA/']; SET enable_external_access=false; SET lock_configuration=true;`);
const tryq = async (sql) => { try { const r = await c.runAndReadAll(sql); console.log('OK', sql, JSON.stringify(r.getRowObjectsJson()).slice(0,200)); } catch (e) { console.log('ERR', sql, '=>', e.message.split('\n')[0]); } };
await tryq('SELECT count(*) FROM bronze.t');
await tryq(`SELECT * FROM read_parquet('${root}/tB/bronze/s.parquet')`);
await tryq(`SELECT * FROM '${root}/tB/bronze/s.parquet'`);
await tryq(`SELECT * FROM "${root}/tB/bronze/s.parquet"`);
await tryq(`COPY (SELECT 1) TO '${root}/tA/evil.csv'`);
await tryq(`COPY (SELECT 1) TO '${root}/tB/evil.csv'`);
await tryq(`CREATE TABLE x AS SELECT 1`);
await tryq(`CREATE TEMP TABLE x AS SELECT 1`);
await tryq(`SET enable_external_access=true`);
await tryq(`ATTACH '${root}/tB/x.duckdb'`);
await tryq(`SELECT * FROM read_text('/etc/passwd')`);
await tryq(`INSTALL httpfs`);
await tryq(`SELECT getenv('HOME')`);
await tryq(`SELECT current_setting('allowed_directories')`);
await tryq(`DROP VIEW bronze.t`);
// second read-only instance same process
const inst2 = await DuckDBInstance.create(cat, { access_mode: 'READ_ONLY' });
console.log('second RO instance ok');
try { const inst3 = await DuckDBInstance.create(cat); console.log('RW while RO open in same proc: OK?!'); } catch(e) { console.log('RW while RO open:', e.message.split('\n')[0]); }
