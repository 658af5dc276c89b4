import { describe, expect, it } from 'vitest';
import { checkLexically } from '../../mcp/guard/lexical-checks.js';
import { classifyReadOnly } from '../../mcp/guard/read-only-guard.js';

/**
 * SQL Server runs `SELECT 1 SELECT 2` as two statements: no semicolon is needed between them.
 * query_sql runs exactly one, so the token pass finds where a second one would start. At the
 * outer level a SELECT may only start the query, follow a set operator, or follow the `)` that
 * closes a WITH clause's query; a CTE (`WITH name AS` / `WITH name (…)`) may only start it.
 */

describe('a second SQL Server statement without a semicolon', () => {
  it.each([
    ['SELECT geo_id FROM dbo.property SELECT name FROM dbo.owner', 'SELECT', 'after a name'],
    ['SELECT geo_id FROM dbo.property WHERE prop_id IN (1, 2) SELECT name FROM dbo.owner', 'SELECT', 'after a parenthesis that closes a list'],
    ['SELECT CAST(1 AS int) AS a SELECT 2', 'SELECT', 'after a parenthesis that closes a CAST'],
    ['WITH x AS (SELECT 1 AS a) SELECT a FROM x SELECT name FROM dbo.owner', 'SELECT', 'after a query that began with a CTE'],
    ['SELECT 1 AS a WITH x AS (SELECT 2 AS a) SELECT a FROM x', 'WITH', 'a CTE'],
    ['SELECT 1 AS a WITH x (a) AS (SELECT 2) SELECT a FROM x', 'WITH', 'a CTE with a column list'],
    ['SELECT 1 AS a WITH [x] AS (SELECT 2 AS a) SELECT a FROM [x]', 'WITH', 'a CTE with a bracketed name'],
    // SQL Server has no MINUS: it reads the word as a column alias, and a second statement follows.
    ['SELECT name FROM dbo.owner MINUS SELECT geo_id FROM dbo.property', 'SELECT', 'after MINUS, which SQL Server does not know'],
    ['SELECT 1 AS [union] SELECT name FROM dbo.owner', 'SELECT', 'after a bracketed name that spells a set operator'],
  ])('is refused: %s (%s, %s)', async (sql, word) => {
    const verdict = await classifyReadOnly(sql, 'tsql');
    expect(verdict).toMatchObject({ allowed: false, statementCount: 2 });
    expect(verdict.reason).toContain(`a second statement starts at \`${word}\``);
  });
});

describe('one SQL Server statement with SELECT or WITH inside it', () => {
  it.each([
    'SELECT prop_id FROM dbo.property UNION SELECT prop_id FROM dbo.property_val',
    'SELECT prop_id FROM dbo.property UNION ALL SELECT prop_id FROM dbo.property_val',
    'SELECT prop_id FROM dbo.property EXCEPT SELECT prop_id FROM dbo.property_val',
    'SELECT prop_id FROM dbo.property INTERSECT SELECT prop_id FROM dbo.property_val',
    '(SELECT prop_id FROM dbo.property) UNION (SELECT prop_id FROM dbo.property_val)',
    'SELECT geo_id FROM dbo.property WHERE prop_id IN (SELECT prop_id FROM dbo.property_val)',
    'WITH x AS (SELECT 1 AS a) SELECT a FROM x',
    "WITH XMLNAMESPACES ('urn:pacs' AS p) SELECT 1 AS a",
    'SELECT TOP 5 WITH TIES prop_id FROM dbo.property_val ORDER BY market DESC',
    'SELECT TOP 5 WITH TIES (market * 2) AS doubled FROM dbo.property_val ORDER BY market DESC',
    'SELECT hood_cd, count(*) AS n FROM dbo.property GROUP BY hood_cd WITH ROLLUP',
    'SELECT hood_cd, count(*) AS n FROM dbo.property GROUP BY hood_cd WITH CUBE',
    'SELECT geo_id FROM dbo.property WITH (NOLOCK)',
    'SELECT 1 AS [select], 2 AS [with]',
  ])('is one statement to the token pass: %s', (sql) => {
    expect(checkLexically(sql, 'tsql').verdict).toEqual({ allowed: true, statementCount: 1 });
  });

  it('is not looked for in other dialects, where a SELECT after a word is a syntax error, not a second statement', () => {
    expect(checkLexically('SELECT prop_id FROM property UNION DISTINCT SELECT prop_id FROM property_val', 'postgres').verdict).toEqual({ allowed: true, statementCount: 1 });
  });
});
