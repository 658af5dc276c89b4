import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTION_KINDS } from '../../mcp/connections/connection-types.js';
import type { DatabaseConnector } from '../../mcp/connectors/connector.js';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { SqlServerConnector } from '../../mcp/connectors/sqlserver/sqlserver-connector.js';
import { duckdb } from '../../mcp/dialects/duckdb.js';
import { DIALECTS, dialectForKind, dialectOf, isSqlDialect, type Dialect } from '../../mcp/dialects/index.js';
import { classifyReadOnly } from '../../mcp/guard/read-only-guard.js';
import { tokenizeSql } from '../../mcp/guard/sql-lexer.js';
import { openDuckDb, readerRows, withConnection } from '../../mcp/lakehouse/local/duckdb.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

// Names and values a hostile model or a hostile database could hand us: every quote character of
// every dialect, doubled quotes, statement breakers, a dot, spaces, non-ASCII.
const HOSTILE_NAMES = ['a"b', 'x]y', 'b`t', "o'neil", '""', ']]', '``', '"; DROP TABLE t; --', 'two words', 'a.b', 'ünï cødé'];
const HOSTILE_TEXT = ["it's", "''", 'back\\slash', "\\'", "'; DROP TABLE t; --", 'line\nbreak', 'ünïcødé 😀', '"quoted" [bracketed] `ticked`', ''];

/**
 * Builds a table named and filled entirely through the dialect, reads it back capped at two rows,
 * and returns what the database answered. `run` executes DDL/inserts, `read` the capped SELECT.
 */
async function roundTrip(d: Dialect, run: (sql: string) => Promise<void>, read: (sql: string) => Promise<Record<string, unknown>[]>, schema: string) {
  const table = d.qualifiedTable(schema, 'tbl "x" ]y` z');
  const columns = HOSTILE_NAMES.map((name) => d.quoteIdent(name));
  await run(`CREATE TABLE ${table} (${d.quoteIdent('n')} INTEGER, ${columns.map((c) => `${c} VARCHAR(200)`).join(', ')})`);
  for (const [i, text] of HOSTILE_TEXT.entries()) {
    await run(`INSERT INTO ${table} (${d.quoteIdent('n')}, ${columns.join(', ')}) VALUES (${d.numberLiteral(i)}, ${HOSTILE_NAMES.map(() => d.stringLiteral(text)).join(', ')})`);
  }
  const select = d.selectWithLimit(columns.map((c, i) => `${c} AS ${d.quoteIdent(`v${i}`)}`).join(', '), table, 2, `ORDER BY ${d.quoteIdent('n')} DESC`);
  expect(await classifyReadOnly(select, d.name), select).toMatchObject({ allowed: true });
  return read(select);
}

/** What each row should hold: the last two values, every hostile column alike. */
function expectedLastTwo(): Record<string, unknown>[] {
  return HOSTILE_TEXT.slice(-2)
    .reverse()
    .map((text) => Object.fromEntries(HOSTILE_NAMES.map((_n, i) => [`v${i}`, text])));
}

describe('the dialect registry', () => {
  it('has a dialect for every connection kind, and each database connector speaks its kind’s dialect', () => {
    for (const kind of CONNECTION_KINDS) expect(dialectForKind(kind).connectionKind).toBe(kind);
    const record = (kind: string) => ({ id: `t_${kind}`, role: 'training' as const, config: { server: 'x', host: 'x', database: 'x', user: 'x' } });
    const connectors: [string, DatabaseConnector][] = [
      ['sqlite', new SqliteConnector({ file: '/nonexistent.sqlite' })],
      ['postgres', new PostgresConnector(record('postgres'), undefined)],
      ['sqlserver', new SqlServerConnector(record('sqlserver'), undefined)],
    ];
    for (const [kind, connector] of connectors) expect(connector.dialect, kind).toBe(dialectForKind(kind as 'sqlite').name);
  });

  it('names every dialect once and refuses names it does not know', () => {
    expect(Object.keys(DIALECTS).sort()).toEqual(['databricks', 'duckdb', 'postgres', 'sqlite', 'tsql']);
    for (const [name, d] of Object.entries(DIALECTS)) expect(d.name).toBe(name);
    expect(isSqlDialect('__proto__')).toBe(false);
    expect(isSqlDialect('mysql')).toBe(false);
    expect(() => dialectOf('mysql' as never)).toThrow(/does not know the SQL dialect "mysql"/);
  });

  it('refuses a NUL in any name or text, in every dialect', () => {
    for (const d of Object.values(DIALECTS)) {
      expect(() => d.quoteIdent('a\0b'), d.name).toThrow(/NUL/);
      expect(() => d.stringLiteral('a\0b'), d.name).toThrow(/NUL/);
      expect(() => d.numberLiteral(Number.NaN), d.name).toThrow(/cannot be written/);
      expect(() => d.numberLiteral(Number.POSITIVE_INFINITY), d.name).toThrow(/cannot be written/);
    }
  });

  it('splits qualified names with any quoting and fills in the default schema', () => {
    expect(DIALECTS.tsql.splitTableName('[dbo].[property_val]')).toEqual({ schema: 'dbo', name: 'property_val' });
    expect(DIALECTS.tsql.splitTableName('property_val')).toEqual({ schema: 'dbo', name: 'property_val' });
    expect(DIALECTS.postgres.splitTableName('"pacs"."owner"')).toEqual({ schema: 'pacs', name: 'owner' });
    expect(DIALECTS.postgres.splitTableName('owner')).toEqual({ schema: 'public', name: 'owner' });
    expect(DIALECTS.sqlite.splitTableName('owner')).toEqual({ schema: 'main', name: 'owner' });
    expect(DIALECTS.duckdb.splitTableName('silver.exemptions')).toEqual({ schema: 'silver', name: 'exemptions' });
    expect(DIALECTS.databricks.splitTableName('`property`')).toEqual({ schema: 'bronze', name: 'property' });
    expect(DIALECTS.sqlite.tableLabel('main', 'owner')).toBe('owner');
    expect(DIALECTS.tsql.tableLabel('dbo', 'owner')).toBe('dbo.owner');
  });

  it('calls a stored procedure only by a plain name, and only where the database has procedures', () => {
    expect(DIALECTS.tsql.procedureCall('dbo.ARBAutoSchedule', ['lYear', 'lCaseID'])).toBe('EXEC [dbo].[ARBAutoSchedule] @lYear = ?, @lCaseID = ?');
    expect(DIALECTS.postgres.procedureCall('ARBAutoSchedule', ['lYear', 'lCaseID'])).toBe('CALL "ARBAutoSchedule"(?, ?)');
    for (const hostile of ['x; DROP TABLE y', 'a.b.c', '[dbo].[p]', 'p--', '"p"', '']) {
      for (const d of [DIALECTS.tsql, DIALECTS.postgres]) expect(() => d.procedureCall(hostile, []), `${d.name} ${hostile}`).toThrow(/is not a procedure name/);
    }
    for (const d of [DIALECTS.sqlite, DIALECTS.duckdb, DIALECTS.databricks]) expect(() => d.procedureCall('ARBAutoSchedule', []), d.name).toThrow(/has no stored procedures/);
  });

  it('locks the rows a read-then-update reads: a table hint on SQL Server, FOR UPDATE on PostgreSQL, nothing where the write holds the database', () => {
    expect(DIALECTS.tsql.lockRowsRead('ap')).toEqual({ tableHint: ' WITH (UPDLOCK, ROWLOCK)', suffix: '' });
    expect(DIALECTS.tsql.rowLockedUpdate).toBe(' WITH (ROWLOCK)');
    expect(DIALECTS.postgres.lockRowsRead('ap')).toEqual({ tableHint: '', suffix: ' FOR UPDATE OF ap' });
    expect(DIALECTS.sqlite.lockRowsRead('ap')).toEqual({ tableHint: '', suffix: '' });
  });
});

describe('SQLite', () => {
  const d = DIALECTS.sqlite;
  let dir: string;
  let db: SqliteDb;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-dialect-'));
    db = await SqliteDb.open(path.join(dir, 'hostile.sqlite'));
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('quotes hostile names and text so SQLite reads back exactly what was written, capped with LIMIT', async () => {
    const rows = await roundTrip(d, async (sql) => void (await db.run(sql)), (sql) => db.all(sql), 'main');
    expect(rows).toEqual(expectedLastTwo());
    expect(d.qualifiedTable('main', 'owner')).toBe('"owner"');
    expect(d.selectWithLimit('*', '"owner"', 5)).toBe('SELECT * FROM "owner" LIMIT 5');
    expect(d.rowLimit(3)).toEqual({ top: '', limit: 'LIMIT 3' });
  });

  it('writes numbers, booleans and text length the way SQLite evaluates them', async () => {
    const row = await db.get<Record<string, unknown>>(
      `SELECT ${d.numberLiteral(9_007_199_254_740_993n)} AS big, ${d.numberLiteral(-0.25)} AS frac, ${d.booleanLiteral(true)} AS yes, ${d.textLength(d.stringLiteral('ünï'))} AS len`,
    );
    expect(row).toEqual({ big: 9_007_199_254_740_992, frac: -0.25, yes: 1, len: 3 });
  });

  it('the model is told the truth: SQLite has no MEDIAN', async () => {
    expect(d.cautions.join(' ')).toMatch(/no MEDIAN/);
    await expect(db.all('SELECT median(1) AS m')).rejects.toThrow(/no such function: median/);
  });
});

describe.runIf(postgresAvailable())('PostgreSQL', () => {
  const d = DIALECTS.postgres;
  let pg: PgCluster;
  let connector: PostgresConnector;

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql('CREATE DATABASE dialect_test');
    connector = new PostgresConnector({ id: 'pg_dialect', role: 'training', config: { host: '127.0.0.1', port: pg.port, database: 'dialect_test', user: 'postgres' } }, undefined);
  });
  afterAll(async () => {
    await connector?.close();
    pg?.stop();
  });

  it('quotes hostile names and text so PostgreSQL reads back exactly what was written, capped with LIMIT', async () => {
    const rows = await roundTrip(
      d,
      (sql) => connector.writeTransaction(async (tx) => void (await tx.execute(sql, []))),
      async (sql) => (await connector.query(sql, [], { maxRows: 100, timeoutMs: 10_000 })).rows,
      'public',
    );
    expect(rows).toEqual(expectedLastTwo());
  });

  it('writes numbers, booleans and text length the way PostgreSQL evaluates them', async () => {
    const { rows } = await connector.query(`SELECT ${d.numberLiteral(-0.25)} AS frac, ${d.booleanLiteral(false)} AS no, ${d.textLength(d.stringLiteral('ünï'))} AS len`, [], { maxRows: 1, timeoutMs: 10_000 });
    expect(rows[0]).toEqual({ frac: -0.25, no: false, len: 3 });
  });

  it('the model is told the truth: PostgreSQL has no MEDIAN', async () => {
    expect(d.cautions.join(' ')).toMatch(/no MEDIAN/);
    await expect(connector.query('SELECT median(1) AS m', [], { maxRows: 1, timeoutMs: 10_000 })).rejects.toThrow(/function median\(integer\) does not exist/);
  });
});

describe('DuckDB (the local lakehouse)', () => {
  const d = duckdb;

  it('quotes hostile names and text so DuckDB reads back exactly what was written, capped with LIMIT', async () => {
    const instance = await openDuckDb(':memory:');
    try {
      await withConnection(instance, async (c) => {
        await c.run(`CREATE SCHEMA ${d.quoteIdent('bronze')}`);
        const rows = await roundTrip(d, async (sql) => void (await c.run(sql)), async (sql) => readerRows(await c.runAndReadAll(sql)).rows, 'bronze');
        expect(rows).toEqual(expectedLastTwo());
        const cast = readerRows(await c.runAndReadAll(`SELECT ${d.tryCast(d.stringLiteral('12.5'), 'DOUBLE')} AS ok, ${d.tryCast(d.stringLiteral('N/A'), 'DOUBLE')} AS bad, ${d.booleanLiteral(true)} AS yes`)).rows;
        expect(cast).toEqual([{ ok: 12.5, bad: null, yes: true }]);
      });
    } finally {
      instance.closeSync();
    }
  });
});

// No SQL Server or Databricks here: their text is read back by the read-only guard's lexer, which
// follows each server's quoting rules, and by the T-SQL parser. Quoting that broke out of its
// quotes would show up as extra tokens.
describe('T-SQL (SQL Server)', () => {
  const d = DIALECTS.tsql;

  it('brackets hostile names with ]] inside, so each stays one name', () => {
    for (const name of HOSTILE_NAMES) {
      const tokens = tokenizeSql(d.quoteIdent(name), 'tsql');
      expect(tokens, name).toEqual([expect.objectContaining({ kind: 'quoted_identifier', normalized: name.toLowerCase() })]);
    }
    expect(d.quoteIdent('x]y')).toBe('[x]]y]');
  });

  it('writes text as one N\'…\' literal, whatever it holds', () => {
    for (const text of HOSTILE_TEXT) {
      const tokens = tokenizeSql(d.stringLiteral(text), 'tsql');
      expect(tokens.map((t) => t.kind), JSON.stringify(text)).toEqual(['word', 'string']);
      expect(tokens[0].text).toBe('N');
    }
  });

  it('caps rows with TOP (n), never LIMIT, and the guard and parser accept it', async () => {
    const sql = d.selectWithLimit(`${d.quoteIdent('x]y')}, COUNT(*) AS n`, d.qualifiedTable('dbo', 'tbl "x" ]y` z'), 5, `GROUP BY ${d.quoteIdent('x]y')} ORDER BY COUNT(*) DESC`);
    expect(sql).toBe('SELECT TOP (5) [x]]y], COUNT(*) AS n FROM [dbo].[tbl "x" ]]y` z] GROUP BY [x]]y] ORDER BY COUNT(*) DESC');
    expect(await classifyReadOnly(sql, 'tsql')).toMatchObject({ allowed: true, statementCount: 1 });
    expect(d.rowLimit(7.9)).toEqual({ top: 'TOP (7)', limit: '' });
    expect(d.selectWithLimit('*', 't', -3)).toBe('SELECT TOP (0) * FROM t');
    expect(d.textLength('x')).toBe('CAST(LEN(x) AS FLOAT)');
  });
});

describe('Databricks SQL', () => {
  const d = DIALECTS.databricks;

  it('backticks hostile names with `` inside, so each stays one name', () => {
    for (const name of HOSTILE_NAMES) {
      expect(tokenizeSql(d.quoteIdent(name), 'databricks'), name).toEqual([expect.objectContaining({ kind: 'quoted_identifier', normalized: name.toLowerCase() })]);
    }
  });

  it('escapes backslashes and quotes the Spark way, so every text is one literal', () => {
    for (const text of HOSTILE_TEXT) {
      expect(tokenizeSql(d.stringLiteral(text), 'databricks').map((t) => t.kind), JSON.stringify(text)).toEqual(['string']);
    }
    expect(d.stringLiteral("\\'")).toBe("'\\\\\\''");
  });

  it('caps rows with LIMIT and the guard accepts it', async () => {
    const sql = d.selectWithLimit(`${d.quoteIdent('b`t')} AS v`, d.qualifiedTable('bronze', 'property'), 20);
    expect(sql).toBe('SELECT `b``t` AS v FROM `bronze`.`property` LIMIT 20');
    expect(await classifyReadOnly(sql, 'databricks')).toMatchObject({ allowed: true });
  });
});
