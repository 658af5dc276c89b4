import { describe, expect, it } from 'vitest';
import { classifyPostgres } from '../../mcp/guard/postgres-guard.js';

/**
 * What a lakehouse (DuckDB) query may name, as the parser pass sees it: tables of the layers,
 * names the query itself defines in a WITH clause (wherever that clause stands), and table
 * functions from a short list, also when ROWS FROM calls several.
 */

const duckdb = (sql: string) => classifyPostgres(sql, 'duckdb');

describe('relations', () => {
  it.each([
    'SELECT * FROM tenant_a.bronze.property',
    'SELECT * FROM information_schema.tables',
    'WITH "Recent" AS (SELECT 1 AS a) SELECT a FROM "Recent"',
    'SELECT * FROM (WITH w AS (SELECT 1 AS a) SELECT a FROM w) s',
    'SELECT x FROM bronze.t WHERE x IN (WITH c AS (SELECT 1 AS y) SELECT y FROM c)',
  ])('reads a layer table or a name the query defines: %s', async (sql) => {
    expect(await duckdb(sql)).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each([
    ['SELECT * FROM property', '`property`'],
    ['SELECT * FROM other_db.main.property', '`other_db.main.property`'],
    // A WITH name covers only the bare name, not a table of another schema that happens to share it.
    ['WITH t AS (SELECT 1 AS a) SELECT * FROM main.t', '`main.t`'],
  ])('refuses anything else, naming it as written: %s', async (sql, named) => {
    const verdict = await duckdb(sql);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain(`does not read ${named} on the lakehouse`);
  });
});

describe('table functions', () => {
  it.each(['SELECT * FROM range(3)', 'SELECT * FROM ROWS FROM (range(3), generate_series(1, 2))'])('calls the listed ones: %s', async (sql) => {
    expect(await duckdb(sql)).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each(["SELECT * FROM upper('x')", "SELECT * FROM ROWS FROM (range(3), upper('x'))"])(
    'refuses any other function in FROM, even one allowed in the select list: %s',
    async (sql) => {
      const verdict = await duckdb(sql);
      expect(verdict.allowed).toBe(false);
      expect(verdict.reason).toContain('does not call the DuckDB table function `upper`');
    },
  );
});
