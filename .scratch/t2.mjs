const m = await import('node-sql-parser/build/hive.js');
const p = new m.default.Parser();
for (const sql of ["SELECT `a b`, count(*) FROM `tenant_a`.`bronze`.`t` WHERE x = 'it\\'s' GROUP BY 1 LIMIT 5", "WITH c AS (SELECT 1 AS x) SELECT * FROM c", "SELECT * FROM parquet.`/tmp/x`", "INSERT INTO t SELECT 1", "SELECT * FROM t QUALIFY row_number() over (partition by a order by b) = 1", "SELECT try_cast(a AS INT) FROM t"]) {
  try { const ast = p.astify(sql, { database: 'Hive' }); console.log('OK', sql, JSON.stringify(ast).slice(0, 150)); } catch (e) { console.log('ERR', sql, e.message.slice(0, 100)); }
}
