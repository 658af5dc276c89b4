import { describe, expect, it } from 'vitest';
import { classifyPostgres } from '../../mcp/guard/postgres-guard.js';

/**
 * The PostgreSQL parser pass on its own: what it names in each refusal (the person reads that
 * to know what to change), and the parts of the tree it must look into.
 */

describe('a statement of another kind is named in the refusal', () => {
  it.each([
    ['INSERT INTO t VALUES (1)', 'INSERT'],
    ['UPDATE t SET a = 1', 'UPDATE'],
    ['DELETE FROM t', 'DELETE'],
    ['MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE', 'MERGE'],
    ['EXPLAIN SELECT 1', 'EXPLAIN'],
    ['SET work_mem = 1', 'SET'],
    ['SHOW work_mem', 'SHOW'],
    ['BEGIN', 'transaction control'],
    ['COPY t TO STDOUT', 'COPY'],
    ["DO $$ BEGIN END $$", 'DO'],
    ['CALL p()', 'CALL'],
    ['CREATE TABLE t (a int)', 'CREATE TABLE'],
    ['CREATE TABLE t AS SELECT 1', 'CREATE TABLE AS'],
    ['DROP TABLE t', 'DROP'],
    ['TRUNCATE t', 'TRUNCATE'],
    ['GRANT SELECT ON t TO u', 'GRANT/REVOKE'],
    ['LOCK TABLE t', 'LOCK'],
    ["NOTIFY c, 'x'", 'NOTIFY'],
    ['LISTEN c', 'LISTEN'],
    ['VACUUM t', 'VACUUM/ANALYZE'],
    ["LOAD 'x'", 'LOAD'],
    ['PREPARE q AS SELECT 1', 'PREPARE'],
    ['EXECUTE q', 'EXECUTE'],
    ["COMMENT ON TABLE t IS 'x'", 'COMMENT'],
    // Kinds without a listed name: the parser's node name, spaced and upper-cased.
    ['CREATE INDEX i ON t (a)', 'INDEX'],
    ['ALTER TABLE t ADD COLUMN b int', 'ALTER TABLE'],
  ])('%s → %s', async (sql, name) => {
    const verdict = await classifyPostgres(sql);
    expect(verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect(verdict.reason).toContain(`this is a \`${name}\` statement`);
  });
});

describe('inside a SELECT', () => {
  it.each([
    ['WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d', 'a `DELETE` is nested inside the query'],
    ['WITH u AS (UPDATE t SET a = 1 RETURNING *) SELECT * FROM u', 'a `UPDATE` is nested inside the query'],
    ['SELECT * FROM (SELECT 1) s WHERE EXISTS (WITH i AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT 1 FROM i)', 'a `INSERT` is nested inside the query'],
  ])('a writing statement anywhere in the tree: %s', async (sql, named) => {
    const verdict = await classifyPostgres(sql);
    expect(verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect(verdict.reason).toContain(named);
  });

  it.each([
    ['SELECT * FROM t FOR UPDATE', 'FOR UPDATE'],
    ['SELECT * FROM t FOR NO KEY UPDATE', 'FOR NO KEY UPDATE'],
    ['SELECT * FROM t FOR SHARE', 'FOR SHARE'],
    ['SELECT * FROM t FOR KEY SHARE', 'FOR KEY SHARE'],
    ['SELECT * FROM (SELECT * FROM t FOR SHARE) s', 'FOR SHARE'],
    ['SELECT 1 UNION SELECT a FROM (SELECT a FROM t FOR KEY SHARE) s', 'FOR KEY SHARE'],
  ])('row locking, named by its strength: %s', async (sql, clause) => {
    const verdict = await classifyPostgres(sql);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain(`\`${clause}\` locks rows`);
  });

  it.each(['SELECT 1 INTO t', 'SELECT * FROM (SELECT 1) s UNION ALL (SELECT 2 INTO t2)'])('SELECT … INTO anywhere: %s', async (sql) => {
    const verdict = await classifyPostgres(sql);
    expect(verdict.allowed).toBe(false);
  });

  it('SELECT … INTO at the top is named as INTO, not as some other statement', async () => {
    const verdict = await classifyPostgres('SELECT 1 INTO t');
    expect(verdict.reason).toContain('`INTO` was found');
  });

  it.each([
    ['SELECT pg_sleep(1)', 'pg_sleep'],
    ['SELECT pg_catalog.pg_sleep(1)', 'pg_catalog.pg_sleep'],
    ['SELECT a FROM t WHERE a = (SELECT pg_terminate_backend(1))', 'pg_terminate_backend'],
    ['SELECT * FROM t ORDER BY lo_import(\'/etc/passwd\')', 'lo_import'],
    ['SELECT U&"\\0070g_sleep"(1)', 'pg_sleep'],
  ])('a dangerous function, however deep and however spelled: %s', async (sql, name) => {
    const verdict = await classifyPostgres(sql);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain(`does not allow \`${name}\``);
  });

  it('PostgreSQL reads are not held to the lakehouse lists: its own tables, functions and set-returning functions', async () => {
    for (const sql of ["SELECT * FROM regexp_split_to_table('a,b', ',')", "SELECT to_char(now(), 'YYYY') FROM property", "SELECT * FROM property p, LATERAL regexp_matches(p.geo_id, '[0-9]+') m"]) {
      expect(await classifyPostgres(sql), sql).toEqual({ allowed: true, statementCount: 1 });
      expect((await classifyPostgres(sql, 'duckdb')).allowed, sql).toBe(false);
    }
  });

  it('DuckDB SQL is checked against DuckDB’s function list', async () => {
    expect((await classifyPostgres("SELECT * FROM read_csv('x.csv')", 'duckdb')).allowed).toBe(false);
    expect((await classifyPostgres("SELECT * FROM read_csv('x.csv')", 'postgres')).allowed).toBe(true);
  });

  it('DuckDB: a scalar function off the list is refused on a layer table, one on the list is allowed', async () => {
    const offTheList = await classifyPostgres("SELECT to_char(now(), 'YYYY') FROM bronze.parcels", 'duckdb');
    expect(offTheList.allowed).toBe(false);
    expect(offTheList.reason).toContain('does not call the DuckDB function `to_char`');
    expect(await classifyPostgres('SELECT lower(name) FROM bronze.parcels', 'duckdb')).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each(['SELECT lower(name), pg_sleep(1) FROM bronze.parcels', 'SELECT pg_sleep(1), lower(name) FROM bronze.parcels'])(
    'DuckDB: an allowed function does not end the search for a dangerous one: %s',
    async (sql) => {
      const verdict = await classifyPostgres(sql, 'duckdb');
      expect(verdict.allowed).toBe(false);
      expect(verdict.reason).toContain('does not allow `pg_sleep`');
    },
  );

  it('allows plain reads, with their statement count', async () => {
    for (const sql of ['SELECT 1', 'SELECT a, count(*) FROM t GROUP BY a', 'WITH s AS (SELECT 1 AS a) SELECT a FROM s', 'SELECT lower(name) FROM t', "SELECT 'INSERT INTO t VALUES (1)'"]) {
      expect(await classifyPostgres(sql), sql).toEqual({ allowed: true, statementCount: 1 });
    }
  });
});

describe('statement counts', () => {
  it('refuses no statement and more than one, saying how many', async () => {
    expect(await classifyPostgres('-- nothing')).toMatchObject({ allowed: false, statementCount: 0 });
    const two = await classifyPostgres('SELECT 1; SELECT 2');
    expect(two).toMatchObject({ allowed: false, statementCount: 2 });
    expect(two.reason).toContain('but 2 were found');
  });

  it('refuses what does not parse, with the parser’s words', async () => {
    const verdict = await classifyPostgres('SELEC 1');
    expect(verdict).toMatchObject({ allowed: false, statementCount: 0 });
    expect(verdict.reason).toMatch(/could not be parsed as PostgreSQL.*syntax error/);
  });
});
