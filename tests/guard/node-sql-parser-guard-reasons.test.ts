import { describe, expect, it } from 'vitest';
import { classifyWithNodeSqlParser, loadNodeSqlParser, type NodeSqlParserDialect } from '../../mcp/guard/node-sql-parser-guard.js';

/**
 * The node-sql-parser pass on its own (SQL Server, SQLite, Databricks): what it names in each
 * refusal, and that it tells "could not parse" apart from "parsed and refused".
 */

describe('a statement of another kind is named in the refusal', () => {
  it.each<[string, NodeSqlParserDialect, string]>([
    ['INSERT INTO t VALUES (1)', 'tsql', 'INSERT'],
    ['UPDATE t SET a = 1', 'tsql', 'UPDATE'],
    ['DELETE FROM t', 'tsql', 'DELETE'],
    ['DROP TABLE t', 'tsql', 'DROP'],
    ['CREATE TABLE t (a int)', 'tsql', 'CREATE'],
    ['TRUNCATE TABLE t', 'tsql', 'TRUNCATE'],
    ['ALTER TABLE t ADD b int', 'tsql', 'ALTER'],
    ['EXEC p', 'tsql', 'EXEC'],
    ['DECLARE @a int', 'tsql', 'DECLARE'],
    ['USE db', 'tsql', 'USE'],
    ['REPLACE INTO t VALUES (1)', 'sqlite', 'REPLACE'],
    ["ATTACH DATABASE 'x' AS y", 'sqlite', 'ATTACH'],
    ['INSERT INTO t SELECT 1', 'databricks', 'INSERT'],
  ])('%s (%s) → %s', async (sql, dialect, name) => {
    const verdict = await classifyWithNodeSqlParser(sql, dialect);
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain(`this is a \`${name}\` statement`);
  });

  it('a statement of no known type is refused as UNKNOWN', async () => {
    const verdict = await classifyWithNodeSqlParser(';', 'sqlite');
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('this is a `UNKNOWN` statement');
  });
});

describe('inside a SELECT', () => {
  it.each<[string, NodeSqlParserDialect]>([
    ['SELECT * INTO t2 FROM t', 'tsql'],
    ['SELECT a INTO t2 FROM t WHERE a > 1', 'tsql'],
  ])('SELECT … INTO: %s', async (sql, dialect) => {
    const verdict = await classifyWithNodeSqlParser(sql, dialect);
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('`INTO` was found: SELECT … INTO writes its result');
    // INTO after a select list is the clause, never a column or table name: no hint to quote it.
    expect(verdict.outcome === 'refused' && verdict.reason).not.toContain('name of a column');
  });

  it.each<[string, NodeSqlParserDialect, string]>([
    ["SELECT load_extension('x')", 'sqlite', 'load_extension'],
    ["SELECT a FROM t WHERE a = (SELECT load_extension('x'))", 'sqlite', 'load_extension'],
    ['SELECT xp_cmdshell(1)', 'tsql', 'xp_cmdshell'],
    ['SELECT a FROM t WHERE a IN (SELECT xp_cmdshell(b) FROM u)', 'tsql', 'xp_cmdshell'],
  ])('a dangerous function, however deep: %s', async (sql, dialect, name) => {
    const verdict = await classifyWithNodeSqlParser(sql, dialect);
    expect(verdict.outcome).toBe('refused');
    expect(verdict.outcome === 'refused' && verdict.reason).toContain(`does not allow \`${name}\``);
  });

  it.each([
    'SELECT * FROM t WHERE a = 1 FOR UPDATE',
    'SELECT * FROM t AS x FOR UPDATE',
    'SELECT a FROM t WHERE a IN (SELECT b FROM u WHERE b = 1 FOR UPDATE)',
  ])('row locking, which the SQLite grammar reads after a WHERE or an alias, also in a subquery: %s', async (sql) => {
    const verdict = await classifyWithNodeSqlParser(sql, 'sqlite');
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('`FOR UPDATE` locks rows');
  });

  it.each<[string, NodeSqlParserDialect]>([
    ['SELECT * FROM (SELECT 1 AS a) s', 'sqlite'],
    ['SELECT (SELECT 1)', 'sqlite'],
    ['SELECT dbo.f(1)', 'tsql'],
    ['SELECT a FROM t WHERE a IN (SELECT b FROM u)', 'tsql'],
    ['SELECT lower(a) FROM t ORDER BY a DESC', 'sqlite'],
    ['SELECT a FROM t ORDER BY a DESC', 'tsql'],
    ['SELECT a FROM t', 'databricks'],
  ])('allows a plain read: %s', async (sql, dialect) => {
    expect(await classifyWithNodeSqlParser(sql, dialect)).toEqual({ outcome: 'allowed', statementCount: 1 });
  });
});

describe('statement counts and what does not parse', () => {
  it('refuses no statement and more than one, saying how many', async () => {
    const none = await classifyWithNodeSqlParser('', 'sqlite');
    expect(none).toMatchObject({ outcome: 'refused', statementCount: 0 });
    expect(none.outcome === 'refused' && none.reason).toContain('received no SQL statement');
    const two = await classifyWithNodeSqlParser('SELECT 1; SELECT 2', 'sqlite');
    expect(two).toMatchObject({ outcome: 'refused', statementCount: 2 });
    expect(two.outcome === 'refused' && two.reason).toContain('but 2 were found');
  });

  it('reports SQL its grammar cannot read as unparsed, with the parser’s words, not as a verdict', async () => {
    const verdict = await classifyWithNodeSqlParser('SELECT * FROM t FOR UPDATE', 'sqlite');
    expect(verdict.outcome).toBe('unparsed');
    expect(verdict.outcome === 'unparsed' && verdict.detail).toMatch(/^Expected /);
  });

  it('a T-SQL query read as word pairs of procedural assignments is unparsed, not six statements', async () => {
    expect(await classifyWithNodeSqlParser('GRANT SELECT ON t TO u', 'tsql')).toEqual({ outcome: 'unparsed', detail: 'the text was not recognised as a query' });
  });
});

describe('the grammars', () => {
  it.each<[NodeSqlParserDialect, string, string]>([
    ['tsql', 'TransactSQL', 'SELECT TOP 1 [a] FROM t'],
    ['sqlite', 'Sqlite', 'SELECT a FROM t LIMIT 1'],
    ['databricks', 'Hive', 'SELECT `a` FROM t'],
  ])('%s: loaded once, under the name node-sql-parser knows the dialect by', async (dialect, database, sql) => {
    const first = await loadNodeSqlParser(dialect);
    expect(first.database).toBe(database);
    expect(await loadNodeSqlParser(dialect)).toEqual({ parser: first.parser, database });
    expect((await loadNodeSqlParser(dialect)).parser).toBe(first.parser);
    expect(first.parser.astify(sql, { database })).toMatchObject({ type: 'select' });
  });
});
