import { describe, expect, it } from 'vitest';
import { classifyReadOnly } from '../../mcp/guard/read-only-guard.js';

/**
 * The read-only guard's two warehouse dialects. DuckDB SQL is parsed with PostgreSQL's parser
 * (DuckDB's grammar descends from it) and checked against DuckDB's file-, extension- and
 * secret-reaching functions; Databricks SQL gets the token pass with Spark's quoting rules and
 * the Hive grammar. Anything either cannot read is refused.
 */
const duckdbHostile = [
  ['DELETE FROM bronze.property', 'delete'],
  ["COPY bronze.property TO '/tmp/x.csv'", 'copy to a file'],
  ["SELECT * FROM read_csv('/etc/passwd')", 'reads a file'],
  ["SELECT * FROM read_csv_auto('/etc/passwd')", 'reads a file'],
  ["SELECT * FROM read_parquet('/data/lakehouse/tenant_b/bronze/x/1.parquet')", "reads another tenant's file"],
  ["SELECT * FROM parquet_scan('x.parquet')", 'reads a file'],
  ["SELECT * FROM read_json('x.json')", 'reads a file'],
  ["SELECT content FROM read_text('/etc/hostname')", 'reads a file'],
  ["SELECT * FROM read_blob('/etc/shadow')", 'reads a file'],
  ["SELECT * FROM glob('/data/*')", 'lists files'],
  ["SELECT * FROM 'data.csv'", 'replacement scan on a string'],
  ['SELECT * FROM "data.parquet"', 'replacement scan on a quoted name'],
  ['SELECT * FROM "/etc/passwd"', 'replacement scan on a path'],
  ['SELECT * FROM "s3://bucket/x"', 'remote file'],
  ["ATTACH '/tmp/other.duckdb' AS o", 'attach a database'],
  ['INSTALL httpfs', 'install an extension'],
  ['LOAD httpfs', 'load an extension'],
  ["EXPORT DATABASE '/tmp/dump'", 'export'],
  ['PRAGMA database_list', 'pragma'],
  ["SET enable_external_access = true", 'settings'],
  ['RESET lock_configuration', 'settings'],
  ["SELECT * FROM query('DROP TABLE x')", 'runs SQL text'],
  ["SELECT * FROM query_table('bronze.property')", 'dynamic table'],
  ["SELECT getenv('HOME')", 'environment'],
  ["SELECT current_setting('allowed_paths')", 'reveals paths'],
  ["SELECT * FROM sqlite_scan('/data/app.sqlite', 'connections')", 'reads the app store'],
  ["SELECT * FROM duckdb_secrets()", 'secrets'],
  ["CREATE SECRET s (TYPE s3, KEY_ID 'x')", 'secrets'],
  ['SELECT 1; DROP VIEW bronze.property', 'stacked'],
  ['CHECKPOINT', 'checkpoint'],
  ['FROM bronze.property', 'not parseable as PostgreSQL'],
  ["SELECT \"read_csv\"('/etc/passwd')", 'quoted function name'],
  ['WITH d AS (DELETE FROM bronze.property RETURNING *) SELECT * FROM d', 'data-modifying CTE'],
  ['SELECT * INTO bronze.copy FROM bronze.property', 'select into'],
];

const duckdbLegit = [
  'SELECT * FROM bronze.property LIMIT 5',
  'SELECT count(*) FROM tenant_county_a.bronze.property',
  'WITH v AS (SELECT prop_id, market FROM bronze.property_val) SELECT prop_id, sum(market) FROM v GROUP BY prop_id',
  'SELECT read_date, parquet_file FROM silver.loads',
  'SELECT "Exempt_Type", count(*) FROM bronze.exemptions GROUP BY 1 ORDER BY 2 DESC',
  "SELECT * FROM bronze.property WHERE geo_id LIKE 'R-%'",
];

const databricksHostile = [
  ['INSERT INTO bronze.t VALUES (1)', 'insert'],
  ['INSERT OVERWRITE bronze.t SELECT 1', 'insert overwrite'],
  ['MERGE INTO bronze.t USING s ON t.a = s.a WHEN MATCHED THEN DELETE', 'merge'],
  ["COPY INTO bronze.t FROM '/Volumes/x'", 'copy into'],
  ['CREATE TABLE bronze.x AS SELECT 1', 'ddl'],
  ['DROP TABLE bronze.t', 'ddl'],
  ['OPTIMIZE bronze.t', 'maintenance'],
  ['VACUUM bronze.t', 'maintenance'],
  ['REFRESH TABLE bronze.t', 'maintenance'],
  ['MSCK REPAIR TABLE bronze.t', 'maintenance'],
  ['CACHE TABLE bronze.t', 'cache'],
  ['USE CATALOG tenant_b', 'switch catalog'],
  ["SET spark.sql.ansi.enabled = false", 'settings'],
  ["EXECUTE IMMEDIATE 'DROP TABLE bronze.t'", 'dynamic SQL'],
  ['DECLARE v INT', 'variables'],
  ["PUT '/etc/passwd' INTO '/Volumes/tenant_a/bronze/v/x'", 'connector file upload'],
  ["GET '/Volumes/tenant_a/bronze/v/x' TO '/tmp/x'", 'connector file download'],
  ["SELECT * FROM read_files('/Volumes/tenant_b/bronze/v/')", 'reads files'],
  ['SELECT * FROM parquet.`/Volumes/tenant_b/bronze/v/x.parquet`', 'path as a table'],
  ['SELECT * FROM delta.`s3://bucket/table`', 'path as a table'],
  ["SELECT secret('scope', 'key')", 'reads a secret'],
  ["SELECT reflect('java.lang.Runtime', 'getRuntime')", 'calls Java'],
  ["SELECT java_method('java.lang.System', 'exit', 0)", 'calls Java'],
  ["SELECT ai_query('model', 'prompt')", 'paid model endpoint'],
  ["SELECT http_request(conn => 'x', method => 'GET', path => '/')", 'network'],
  ["SELECT TRANSFORM(prop_id, geo_id) USING 'cat' AS (a, b) FROM bronze.t", 'script transform runs a command on the cluster'],
  ["SELECT TRANSFORM(*) USING r'python3 evil.py' FROM bronze.t", 'script transform with a raw string'],
  ["SELECT MAP(prop_id) USING 'sh -c id' FROM bronze.t", 'Hive MAP … USING runs a command'],
  ["SELECT REDUCE(prop_id) USING 'sh -c id' FROM bronze.t", 'Hive REDUCE … USING runs a command'],
  ['SELECT 1; DROP TABLE bronze.t', 'stacked'],
  ["SELECT 'a\\'; DROP TABLE bronze.t; --' AS x", 'backslash-escaped quote hides a stacked drop (read both ways)'],
  ["SELECT r'\\' ; DROP TABLE bronze.t; --'", 'raw string closes early'],
  ['SELECT 1 /* nested /* comment */ ; DROP TABLE bronze.t; */', 'nested comment'],
];

const databricksLegit = [
  'SELECT * FROM bronze.property LIMIT 10',
  'SELECT `prop id`, `geo_id` FROM `bronze`.`property`',
  'WITH a AS (SELECT 1 AS x) SELECT * FROM a',
  'SELECT try_cast(amount AS DECIMAL(10,2)) FROM silver.exemptions',
  'SELECT * FROM bronze.t QUALIFY row_number() OVER (PARTITION BY a ORDER BY b DESC) = 1',
  "SELECT \"text\", 'it\\'s' FROM bronze.t",
  'SELECT read_date FROM silver.loads',
  'SELECT transform(codes, c -> upper(c)) AS codes FROM silver.exemptions',
  'SELECT a.prop_id FROM bronze.a JOIN bronze.b USING (prop_id)',
];

describe('read-only guard: DuckDB (local lakehouse)', () => {
  it.each(duckdbHostile)('refuses %s (%s)', async (sql) => {
    const verdict = await classifyReadOnly(sql, 'duckdb');
    expect(verdict.allowed, sql).toBe(false);
    expect(verdict.reason?.length ?? 0).toBeGreaterThan(40);
  });
  it.each(duckdbLegit)('allows %s', async (sql) => {
    expect(await classifyReadOnly(sql, 'duckdb')).toEqual({ allowed: true, statementCount: 1 });
  });
  it('tells the user to query tables, not files', async () => {
    expect((await classifyReadOnly('SELECT * FROM "x.parquet"', 'duckdb')).reason).toMatch(/does not read files.*list_source_tables/);
  });
});

describe('read-only guard: Databricks SQL', () => {
  it.each(databricksHostile)('refuses %s (%s)', async (sql) => {
    const verdict = await classifyReadOnly(sql, 'databricks');
    expect(verdict.allowed, sql).toBe(false);
    expect(verdict.reason?.length ?? 0).toBeGreaterThan(40);
  });
  it.each(databricksLegit)('allows %s', async (sql) => {
    expect(await classifyReadOnly(sql, 'databricks')).toEqual({ allowed: true, statementCount: 1 });
  });
});
