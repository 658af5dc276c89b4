import { describe, expect, it } from 'vitest';
import { classifyWithNodeSqlParser } from '../../mcp/guard/node-sql-parser-guard.js';
import { classifyPostgres } from '../../mcp/guard/postgres-guard.js';
import { assertReadOnly, classifyReadOnly, forgetAllowedShapes, ReadOnlyViolation } from '../../mcp/guard/read-only-guard.js';

/** How the guard combines its passes, and what it says when it refuses before any pass runs. */

describe('SQL the parser cannot read', () => {
  it.each<[string, 'tsql' | 'sqlite']>([
    ['WITH x AS (SELECT 1 AS a) SELECT TRY_CAST(a AS int) AS b FROM x', 'tsql'],
    ['WITH x AS (SELECT 1 AS a) SELECT [a] FROM x', 'sqlite'],
  ])('runs when the token pass found it clean and it begins with WITH: %s', async (sql, dialect) => {
    expect((await classifyWithNodeSqlParser(sql, dialect)).outcome).toBe('unparsed');
    expect(await classifyReadOnly(sql, dialect)).toEqual({ allowed: true, statementCount: 1 });
  });

  it('is refused, with the parser’s words, when it begins with anything else', async () => {
    const sql = "VALUES (1, 'a')";
    expect((await classifyWithNodeSqlParser(sql, 'sqlite')).outcome).toBe('unparsed');
    const verdict = await classifyReadOnly(sql, 'sqlite');
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(/could not be parsed as SQLite/);
  });
});

describe('SQL the parser reads and allows', () => {
  it('runs on the parser’s word, also when it does not begin with SELECT or WITH', async () => {
    forgetAllowedShapes();
    const sql = '(SELECT parcel_id FROM dbo.parcels)';
    expect(await classifyWithNodeSqlParser(sql, 'tsql')).toEqual({ outcome: 'allowed', statementCount: 1 });
    expect(await classifyReadOnly(sql, 'tsql')).toEqual({ allowed: true, statementCount: 1 });
  });
});

describe('before any pass', () => {
  it('refuses what is not text as an empty request', async () => {
    expect(await classifyReadOnly(42 as never, 'sqlite')).toEqual({ allowed: false, reason: expect.stringContaining('received no SQL statement'), statementCount: 0 });
  });

  it('refuses a dialect it does not know, naming it', async () => {
    expect(await classifyReadOnly('SELECT 1', 'oracle' as never)).toEqual({
      allowed: false,
      reason: 'query_sql does not know the SQL dialect "oracle", so nothing is run. Check the database type of the connection.',
      statementCount: 0,
    });
  });
});

describe('a refusal', () => {
  it('is a UserError of kind refused that carries the verdict', async () => {
    const err = await assertReadOnly('DELETE FROM t', 'sqlite').then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ReadOnlyViolation);
    expect((err as ReadOnlyViolation).kind).toBe('refused');
    expect((err as ReadOnlyViolation).verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect((err as ReadOnlyViolation).message).toBe((err as ReadOnlyViolation).verdict.reason);
  });

  it('made without a verdict carries one of its own', () => {
    expect(new ReadOnlyViolation('no').verdict).toEqual({ allowed: false, reason: 'no', statementCount: 0 });
  });

  it('of SELECT … INTO on PostgreSQL does not suggest INTO might be a column name', async () => {
    for (const sql of ['SELECT 1 INTO t', 'SELECT * FROM (SELECT 1) s UNION ALL (SELECT 2 INTO t2)']) {
      const verdict = await classifyPostgres(sql);
      expect(verdict.reason, sql).toContain('`INTO` was found');
      expect(verdict.reason, sql).not.toContain('name of a column');
    }
  });
});

describe('the node-sql-parser pass counts statements, not the empty one after a final semicolon', () => {
  it.each<['tsql' | 'sqlite']>([['tsql'], ['sqlite']])('%s', async (dialect) => {
    expect(await classifyWithNodeSqlParser('SELECT 1;', dialect)).toEqual({ outcome: 'allowed', statementCount: 1 });
  });
});

describe('the remembered allowances', () => {
  it('never remember a refusal: the same refused read asked again, or with another number, is refused again', async () => {
    // Only PostgreSQL's parser refuses these (the token pass cannot tell a catalog from a column).
    for (const sql of ['SELECT rolpassword FROM pg_authid WHERE oid = 10', 'SELECT rolpassword FROM pg_authid WHERE oid = 10', 'SELECT rolpassword FROM pg_authid WHERE oid = 11']) {
      const verdict = await classifyReadOnly(sql, 'postgres');
      expect(verdict.allowed, sql).toBe(false);
      expect(verdict.reason, sql).toContain('does not read `pg_authid`');
    }
  });
});
