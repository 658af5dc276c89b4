import { describe, expect, it } from 'vitest';
import type { SqlDialect } from '../../mcp/guard/guard-types.js';
import { checkLexically } from '../../mcp/guard/lexical-checks.js';

/**
 * The token pass on its own (lexical-checks.ts): what it refuses, the reason it gives (the person
 * reads it to know what to change), and the ordinary reads it must not refuse. It refuses before
 * any parser runs, so its reasons are the ones most users see.
 */

const verdictOf = (sql: string, dialect: SqlDialect) => checkLexically(sql, dialect).verdict;

function refusal(sql: string, dialect: SqlDialect): string {
  const verdict = verdictOf(sql, dialect);
  expect(verdict.allowed, `${dialect}: ${sql}`).toBe(false);
  return verdict.reason ?? '';
}

function expectAllowed(sql: string, dialect: SqlDialect): void {
  expect(verdictOf(sql, dialect), `${dialect}: ${sql}`).toEqual({ allowed: true, statementCount: 1 });
}

describe('before reading any token', () => {
  it('refuses a NUL character anywhere, even in a comment, because a C parser stops reading there', () => {
    expect(refusal('SELECT 1 /* \0 */', 'postgres')).toContain('containing a NUL (\\0) character');
  });

  it('reads up to 200,000 characters and refuses anything longer, saying the limit', () => {
    const padded = (length: number) => `SELECT 1${' '.repeat(length - 'SELECT 1'.length)}`;
    expectAllowed(padded(200_000), 'sqlite');
    expect(verdictOf(padded(200_001), 'sqlite')).toEqual({ allowed: false, reason: expect.stringContaining('longer than 200,000 characters'), statementCount: 0 });
  });
});

describe('the first token', () => {
  it('may be a parenthesis that opens the query', () => {
    expectAllowed('(SELECT prop_id FROM property) UNION (SELECT prop_id FROM property_val)', 'postgres');
    expectAllowed('(SELECT prop_id FROM dbo.property) UNION (SELECT prop_id FROM dbo.property_val)', 'tsql');
  });

  it('that is a forbidden keyword is named, without suggesting it might be a column name', () => {
    const reason = refusal('DELETE FROM property', 'postgres');
    expect(reason).toContain('`DELETE` was found');
    expect(reason).not.toContain('name of a column');
  });

  it('that is a quoted name, a number or a string is not a SELECT, whatever it spells', () => {
    expect(refusal('"select" * FROM property', 'postgres')).toContain('it starts with `"select"`, and a query starts with SELECT, WITH, VALUES or TABLE');
    expect(refusal('"delete" FROM property', 'postgres')).toContain('it starts with `"delete"`');
    expect(refusal('"replace" INTO owner VALUES (1)', 'sqlite')).toContain('it starts with `"replace"`');
    expect(refusal("'DELETE' FROM property", 'sqlite')).toContain("it starts with `'DELETE'`, and a query starts with SELECT or WITH");
    expect(refusal('42', 'duckdb')).toContain('it starts with `42`, and a query starts with SELECT, WITH or VALUES');
  });

  it('REPLACE at the start is the statement that writes rows', () => {
    expect(refusal("REPLACE INTO owner (owner_id, name) VALUES (1, 'x')", 'sqlite')).toContain('`REPLACE` used as a statement writes rows');
  });

  it('VALUES starts a read on DuckDB and PostgreSQL, TABLE only on PostgreSQL', () => {
    expectAllowed('VALUES (1, 2), (3, 4)', 'duckdb');
    expectAllowed('VALUES (1, 2), (3, 4)', 'postgres');
    // SQLite's VALUES passes the token pass; its parser cannot read it, so the whole guard refuses it.
    expectAllowed('VALUES (1, 2), (3, 4)', 'sqlite');
    expectAllowed('TABLE property', 'postgres');
    expect(refusal('TABLE property', 'duckdb')).toContain('starts with `TABLE`');
  });
});

describe('no statement at all', () => {
  it('semicolons alone are refused as an empty request, counting no statement', () => {
    for (const sql of [';', ' ; ;', '/* nothing */ ;']) {
      expect(verdictOf(sql, 'sqlite'), sql).toEqual({ allowed: false, reason: expect.stringContaining('received no SQL statement'), statementCount: 0 });
    }
  });

  it('a semicolon before the query is not a statement of its own', () => {
    expect(verdictOf('; SELECT 1', 'sqlite')).toMatchObject({ allowed: false, statementCount: 1 });
  });

  it('text that cannot be read is refused with where, and yields no tokens', () => {
    expect(checkLexically("SELECT 'abc", 'postgres')).toEqual({
      verdict: { allowed: false, reason: expect.stringContaining("an opening ' has no closing ', at character 8"), statementCount: 0 },
      tokens: [],
    });
  });
});

describe('keywords in quotes', () => {
  it('are names, not keywords', () => {
    expectAllowed('SELECT "delete", "update" FROM property', 'postgres');
    expectAllowed('SELECT [delete], [insert] FROM dbo.property', 'tsql');
    expectAllowed('SELECT `drop` FROM bronze.t', 'databricks');
  });
});

describe('REPLACE inside the text', () => {
  it('is the function when a parenthesis follows, and the statement otherwise', () => {
    expectAllowed("SELECT replace(geo_id, '-', '') FROM property", 'sqlite');
    expect(refusal('WITH a AS (SELECT 1 AS owner_id) REPLACE INTO owner SELECT owner_id FROM a', 'sqlite')).toContain('`REPLACE` used as a statement');
    expect(refusal('SELECT 1 AS replace', 'sqlite')).toContain('`REPLACE` used as a statement');
  });
});

describe('row locking', () => {
  it.each([
    ['SELECT * FROM property FOR UPDATE', 'FOR UPDATE'],
    ['SELECT * FROM property FOR UPDATE SKIP LOCKED', 'FOR UPDATE'],
    ['SELECT * FROM property FOR NO KEY UPDATE', 'FOR NO KEY UPDATE'],
    ['SELECT * FROM property FOR SHARE OF property NOWAIT', 'FOR SHARE'],
    ['SELECT * FROM property FOR KEY SHARE', 'FOR KEY SHARE'],
    // Only the clause is named: it ends at UPDATE or SHARE, or before the first other word, and has at most four words.
    ['SELECT * FROM property FOR UPDATE NO KEY', 'FOR UPDATE'],
    ['SELECT * FROM property FOR SHARE NO', 'FOR SHARE'],
    ['SELECT * FROM property FOR NO KEY LIMIT 1', 'FOR NO KEY'],
    ['SELECT * FROM property FOR NO KEY', 'FOR NO KEY'],
    ['SELECT * FROM property FOR NO KEY NO KEY', 'FOR NO KEY NO'],
  ])('is named by its clause: %s', (sql, clause) => {
    expect(refusal(sql, 'postgres')).toContain(`\`${clause}\` locks rows`);
  });

  it('is not what FOR means elsewhere, nor KEY or SHARE as names', () => {
    expectAllowed('SELECT prop_id, geo_id FROM dbo.property FOR XML PATH', 'tsql');
    expectAllowed('SELECT prop_id AS key, geo_id AS share, 1 AS no FROM property', 'postgres');
    expectAllowed('SELECT 1 FOR', 'postgres');
  });
});

describe('NEXT VALUE FOR on SQL Server', () => {
  it('advances a sequence, and is refused as a write', () => {
    expect(refusal('SELECT NEXT VALUE FOR dbo.prop_seq', 'tsql')).toContain('`NEXT VALUE FOR` advances a sequence');
  });

  it.each([
    ['SELECT next, value FROM dbo.queue', 'tsql'],
    ['SELECT next FROM dbo.queue', 'tsql'],
    ['SELECT next [value] FROM dbo.queue', 'tsql'],
    ['SELECT market value FROM dbo.property_val', 'tsql'],
    ['SELECT 1 AS next', 'tsql'],
    ['SELECT next value FROM counters', 'postgres'],
  ])('is not any other use of the words: %s (%s)', (sql, dialect) => {
    expectAllowed(sql, dialect as SqlDialect);
  });
});

describe("Spark's script transform on Databricks", () => {
  it('runs a command on the cluster, and is refused by its USING', () => {
    expect(refusal("SELECT TRANSFORM(prop_id) USING 'cat' AS (a) FROM bronze.t", 'databricks')).toContain('`TRANSFORM … USING`');
  });

  it('is not the transform() function, JOIN … USING, or USING anywhere else', () => {
    expectAllowed('SELECT transform(codes, c -> upper(c)) FROM silver.exemptions', 'databricks');
    expectAllowed('SELECT a.prop_id FROM bronze.a JOIN bronze.b USING (prop_id)', 'databricks');
    expectAllowed("SELECT 'cat' AS using_col FROM bronze.t", 'databricks');
    // A text that ends at USING is read to its end.
    expectAllowed('SELECT 1 AS using', 'databricks');
    expectAllowed("SELECT a FROM t JOIN u USING (a) WHERE b = 'x'", 'postgres');
  });
});

describe('names that look like files (DuckDB and Databricks open them directly)', () => {
  it.each(['SELECT * FROM "report.xls"', 'SELECT * FROM "report.xlsx"', 'SELECT * FROM "app.sqlite"', 'SELECT * FROM "app.sqlite3"', 'SELECT * FROM "~/exports"', 'SELECT * FROM "s3://bucket/x"'])(
    'refuses %s',
    (sql) => {
      expect(refusal(sql, 'duckdb')).toContain('does not read files');
    },
  );

  it('lets through quoted names that only contain a dot, a tilde or an extension-like part', () => {
    expectAllowed('SELECT "parcels.orchard_acres", "rows ~ approx" FROM bronze.property', 'duckdb');
  });

  it('leaves quoted names alone on the other dialects, where they are only names', () => {
    expectAllowed('SELECT "a/b", "export.csv" FROM property', 'postgres');
  });

  it('a column named like a DuckDB function is fine when it is not called, also at the very end', () => {
    expectAllowed('SELECT 1 AS query', 'duckdb');
    expect(refusal('SELECT query(1)', 'duckdb')).toContain('does not allow `query`');
  });
});

describe('readings under other server settings', () => {
  it('names the setting under which the SQL reads differently', () => {
    expect(refusal('SELECT 1 /* nested /* comment */ ; DROP TABLE bronze.t; */', 'databricks')).toContain('(This SQL reads differently when the server does not nest /* */ comments');
    expect(refusal("SELECT 'a\\'; DROP TABLE bronze.t; --' AS x", 'databricks')).toContain('(This SQL reads differently when the server treats backslashes in strings as escapes');
    expect(refusal("SELECT 'x\\'\n' ; DELETE FROM property; --'", 'postgres')).toContain('treats backslashes in strings as escapes');
  });

  it('does not read PostgreSQL or SQL Server comments as if they did not nest: both always nest', () => {
    expectAllowed('SELECT 1 /* old: /* draft */ DELETE FROM property */', 'postgres');
    expectAllowed('SELECT 1 /* old: /* draft */ DELETE FROM dbo.property */', 'tsql');
  });
});

describe('statements', () => {
  it('a minus sign is not a comment that could hide a second statement', () => {
    expect(refusal('SELECT 2-1; DELETE FROM property', 'postgres')).toContain('more SQL follows a `;`');
  });

  it('are counted with and without semicolons', () => {
    expect(verdictOf('SELECT 1; SELECT 2; SELECT 3 SELECT 4', 'tsql').statementCount).toBe(3);
    // Outside SQL Server two SELECTs without a semicolon are one (unparsable) statement.
    expect(verdictOf('SELECT 1 SELECT 2', 'postgres').statementCount).toBe(1);
  });
});

describe('text a tokenizer could read differently from the server', () => {
  it("refuses SQLite's load_extension behind a $name(--) parameter, which SQLite reads as one token", () => {
    expect(refusal("SELECT $a(--), load_extension('/tmp/x.so')", 'sqlite')).toContain('`load_extension`');
    expect(refusal("SELECT @a(x'y), load_extension('/tmp/x.so') --'", 'sqlite')).toContain('`load_extension`');
  });

  it('refuses a line comment ending at a line break where servers disagree (SQLite reads on past \\r to the \\n)', () => {
    expect(refusal("SELECT 1 --\r'\n, load_extension('/tmp/x.so') --'", 'sqlite')).toContain('a -- comment holds a line break other than a plain one');
    expectAllowed('SELECT prop_id -- the parcel\r\nFROM property', 'sqlite');
  });

  it('refuses statements stacked behind a name holding a character from U+0080 up, which is no dollar quote', () => {
    expect(refusal('SELECT 1 AS x€$$; DELETE FROM property; SELECT 1 AS x€$$', 'postgres')).toContain('more SQL follows a `;`');
    const tag = `$${'t'.repeat(300)}$`;
    expect(refusal(`SELECT ${tag} ' ${tag}; DELETE FROM property; --'`, 'postgres')).toContain('more SQL follows a `;`');
    expectAllowed('SELECT größe, owner€ FROM property', 'postgres');
  });

  it("refuses on Databricks what Spark reads as one name or one comment: 1r before a quote, an unquoted scheme://path, a comment line ending in a backslash", () => {
    expect(refusal("SELECT 1r'\\'x' ; DROP TABLE bronze.t --'", 'databricks')).toContain('a number run into letters (1r)');
    expect(refusal('SELECT * FROM abc://x-- ; DROP TABLE bronze.t', 'databricks')).toContain('an unquoted path (scheme://…)');
    // Spark's comment runs on past the backslash's line break, so the quote opens no string.
    expect(refusal("SELECT 1 -- note \\\n'\n; DROP TABLE bronze.t; --'", 'databricks')).toContain('more SQL follows a `;`');
  });

  it("refuses a Unicode space outside quotes on DuckDB, which reads it one way or the other depending on the text", () => {
    expect(refusal('SELECT\u00a0prop_id FROM bronze.property', 'duckdb')).toContain('a U+00A0 space outside quotes');
    expectAllowed("SELECT prop_id FROM bronze.property WHERE owner = 'a\u00a0b'", 'duckdb');
  });
});
