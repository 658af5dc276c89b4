import { describe, expect, it } from 'vitest';
import type { SqlDialect } from '../../mcp/guard/guard-types.js';
import { SqlLexError, tokenizeSql } from '../../mcp/guard/sql-lexer.js';

/**
 * The tokenizer the guard's token pass (and the placeholder translation and SQLite paging) reads
 * SQL with: what each dialect takes as one string, one name, one comment, one parameter or one
 * number. A token read differently from the server is either a keyword the guard cannot see or a
 * `;`, `?` or `LIMIT n` in the wrong place.
 */

/** Each token as `kind text`, with `= normalized` where a name's normalized form is not its text in lower case. */
function read(sql: string, dialect: SqlDialect): string[] {
  return tokenizeSql(sql, dialect).map((t) => `${t.kind} ${t.text}${t.normalized === t.text.toLowerCase() ? '' : ` = ${t.normalized}`}`);
}

function lexError(sql: string, dialect: SqlDialect): { name: string; message: string; position: number } | undefined {
  try {
    tokenizeSql(sql, dialect);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(SqlLexError);
    const { name, message, position } = error as SqlLexError;
    return { name, message, position };
  }
}

describe('comments', () => {
  it('a line comment ends at any kind of line break', () => {
    expect(read('SELECT 1 --a\n2 --b\r3 --c\v4 --d\f5 --e\u2028 6 --f\u2029 7', 'postgres')).toEqual([
      'word SELECT', 'number 1', 'number 2', 'number 3', 'number 4', 'number 5', 'number 6', 'number 7',
    ]);
    expect(read('SELECT 1 --e\u00856', 'postgres')).toEqual(['word SELECT', 'number 1', 'symbol \u0085', 'number 6']);
  });

  it('a single minus is an operator, not the start of a comment', () => {
    expect(read('SELECT 2-1, a -b', 'postgres')).toEqual(['word SELECT', 'number 2', 'symbol -', 'number 1', 'symbol ,', 'word a', 'symbol -', 'word b']);
  });

  it('block comments nest on PostgreSQL and SQL Server, not on SQLite', () => {
    const sql = 'SELECT 1 /* a /* b */ c */ , 2';
    expect(read(sql, 'postgres')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2']);
    expect(read(sql, 'tsql')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2']);
    expect(read(sql, 'sqlite')).toEqual(['word SELECT', 'number 1', 'word c', 'symbol *', 'symbol /', 'symbol ,', 'number 2']);
  });

  it('an unclosed block comment is an error at the comment', () => {
    expect(lexError('SELECT 1 /* x', 'postgres')).toEqual({ name: 'SqlLexError', message: 'a /* comment */ is never closed', position: 9 });
    expect(lexError('SELECT 1 /* a /* b */', 'postgres')?.position).toBe(9);
    expect(lexError('SELECT 1 /* a /* b */', 'sqlite')).toBeUndefined();
  });
});

describe('strings', () => {
  it("a plain '…' string doubles its quote, and on PostgreSQL a backslash is an ordinary character", () => {
    expect(read("SELECT 'a''b', 'c\\', 1", 'postgres')).toEqual(["word SELECT", "string 'a''b'", 'symbol ,', "string 'c\\'", 'symbol ,', 'number 1']);
  });

  it("PostgreSQL's E'…' strings take backslash escapes, in either case of E", () => {
    expect(read("SELECT E'it\\'s', e'x\\'y', 1", 'postgres')).toEqual(['word SELECT', "string E'it\\'s'", 'symbol ,', "string e'x\\'y'", 'symbol ,', 'number 1']);
    expect(read("SELECT E'it\\'s', 1", 'duckdb')).toEqual(['word SELECT', "string E'it\\'s'", 'symbol ,', 'number 1']);
    // SQLite has no E strings: E is a name and the backslash escapes nothing.
    expect(read("SELECT E'it\\', 1", 'sqlite')).toEqual(['word SELECT', 'word E', "string 'it\\'", 'symbol ,', 'number 1']);
  });

  it('Databricks reads "…" as a string, takes backslash escapes, and r\'…\' / R"…" raw strings without any escape', () => {
    expect(read("SELECT \"a\", 'b\\'c', 1", 'databricks')).toEqual(['word SELECT', 'string "a"', 'symbol ,', "string 'b\\'c'", 'symbol ,', 'number 1']);
    expect(read("SELECT r'a\\', R\"b\\\", r'c''d', 1", 'databricks')).toEqual([
      'word SELECT', "string r'a\\'", 'symbol ,', 'string R"b\\"', 'symbol ,', "string r'c'", "string 'd'", 'symbol ,', 'number 1',
    ]);
    // Elsewhere r is a name.
    expect(read("SELECT r'a', 1", 'postgres')).toEqual(['word SELECT', 'word r', "string 'a'", 'symbol ,', 'number 1']);
  });

  it("PostgreSQL's dollar quotes, with and without a tag, and its $1 parameters", () => {
    expect(read('SELECT $$a; b$$, $t$ $$ $t$, $1, $23, $x, 1', 'postgres')).toEqual([
      'word SELECT', 'string $$a; b$$', 'symbol ,', 'string $t$ $$ $t$', 'symbol ,', 'parameter $1', 'symbol ,', 'parameter $23', 'symbol ,', 'symbol $', 'word x', 'symbol ,', 'number 1',
    ]);
    expect(read('SELECT $$a$$', 'duckdb')).toEqual(['word SELECT', 'string $$a$$']);
    // A tag is a name (letters, digits after the first, _); a parameter before a dollar quote stays a parameter.
    expect(read('SELECT $1, $$a$$, $tag_1$ b $tag_1$', 'postgres')).toEqual(['word SELECT', 'parameter $1', 'symbol ,', 'string $$a$$', 'symbol ,', 'string $tag_1$ b $tag_1$']);
    expect(read('SELECT a$$b', 'postgres')).toEqual(['word SELECT', 'word a$$b']);
    expect(read('SELECT $', 'postgres')).toEqual(['word SELECT', 'symbol $']);
  });

  it('an unclosed string or dollar quote is an error at its opening', () => {
    expect(lexError("SELECT 'abc", 'postgres')).toEqual({ name: 'SqlLexError', message: "an opening ' has no closing '", position: 7 });
    expect(lexError("SELECT E'abc\\'", 'postgres')?.position).toBe(8);
    expect(lexError("SELECT r'abc", 'databricks')?.position).toBe(8);
    expect(lexError('SELECT 1, $x$ abc $y$', 'postgres')).toEqual({ name: 'SqlLexError', message: 'a $-quoted string is never closed', position: 10 });
  });
});

describe('quoted names', () => {
  it('"…" names double their quote and know no backslash escape', () => {
    expect(read('SELECT "a""b", "c\\", 1', 'postgres')).toEqual(['word SELECT', 'quoted_identifier "a""b" = a"b', 'symbol ,', 'quoted_identifier "c\\" = c\\', 'symbol ,', 'number 1']);
    expect(lexError('SELECT "abc', 'postgres')).toMatchObject({ message: 'an opening " has no closing "', position: 7 });
  });

  it('[…] names: SQL Server doubles ]] inside, SQLite ends at the first ], PostgreSQL has none', () => {
    expect(read('SELECT [a]]b], 1', 'tsql')).toEqual(['word SELECT', 'quoted_identifier [a]]b] = a]b', 'symbol ,', 'number 1']);
    expect(read('SELECT [a]]b], 1', 'sqlite')).toEqual(['word SELECT', 'quoted_identifier [a] = a', 'symbol ]', 'word b', 'symbol ]', 'symbol ,', 'number 1']);
    expect(read('SELECT a[1], 1', 'postgres')).toEqual(['word SELECT', 'word a', 'symbol [', 'number 1', 'symbol ]', 'symbol ,', 'number 1']);
    expect(lexError('SELECT [abc', 'tsql')).toMatchObject({ message: 'an opening [ has no closing ]', position: 7 });
  });

  it('`…` names on SQLite and Databricks double their backtick; elsewhere a backtick is a symbol', () => {
    for (const dialect of ['sqlite', 'databricks'] as const) {
      expect(read('SELECT `a``b`, 1', dialect)).toEqual(['word SELECT', 'quoted_identifier `a``b` = a`b', 'symbol ,', 'number 1']);
    }
    expect(read('SELECT `a`', 'postgres')).toEqual(['word SELECT', 'symbol `', 'word a', 'symbol `']);
  });
});

describe('parameters, numbers and words', () => {
  it('SQLite parameters: ?, ?NNN, :name, @name, $name; a colon alone is a symbol', () => {
    expect(read('SELECT ?, ?12, :name, @name, $name, a : b, 1', 'sqlite')).toEqual([
      'word SELECT', 'parameter ?', 'symbol ,', 'parameter ?12', 'symbol ,', 'parameter :name', 'symbol ,', 'parameter @name', 'symbol ,', 'parameter $name', 'symbol ,',
      'word a', 'symbol :', 'word b', 'symbol ,', 'number 1',
    ]);
    // PostgreSQL's ? is an operator (jsonb), left for the placeholder translation to find.
    expect(read('SELECT a ? b', 'postgres')).toEqual(['word SELECT', 'word a', 'symbol ?', 'word b']);
  });

  it('numbers: decimals, exponents, hexadecimal and digit separators; a number stops before letters', () => {
    expect(read('SELECT 1, 1.5, .5, 1e10, 1e+10, 1E-3, 0x1F, 0X1f, 1_000, 1.e5, 3.14_15', 'postgres').filter((t) => t !== 'symbol ,')).toEqual([
      'word SELECT', 'number 1', 'number 1.5', 'number .5', 'number 1e10', 'number 1e+10', 'number 1E-3', 'number 0x1F', 'number 0X1f', 'number 1_000', 'number 1.e5', 'number 3.14_15',
    ]);
    expect(read('SELECT 1e, 2ex, 3e+x, 4.x, 0xg, a.b', 'postgres').filter((t) => t !== 'symbol ,')).toEqual([
      'word SELECT', 'number 1', 'word e', 'number 2', 'word ex', 'number 3', 'word e', 'symbol +', 'word x', 'number 4.', 'word x', 'number 0x', 'word g', 'word a', 'symbol .', 'word b',
    ]);
  });

  it('SQL Server words may hold @ and #; elsewhere those are symbols', () => {
    expect(read('SELECT @x, #t, @@rowcount, a@b', 'tsql')).toEqual(['word SELECT', 'word @x', 'symbol ,', 'word #t', 'symbol ,', 'word @@rowcount', 'symbol ,', 'word a@b']);
    expect(read('SELECT @x, #t', 'postgres')).toEqual(['word SELECT', 'symbol @', 'word x', 'symbol ,', 'symbol #', 'word t']);
  });

  it('words take letters of any script and $; a character outside the basic plane is one symbol', () => {
    expect(read('SELECT größe, a$b, _x, 😀, 1', 'postgres')).toEqual(['word SELECT', 'word größe', 'symbol ,', 'word a$b', 'symbol ,', 'word _x', 'symbol ,', 'symbol 😀', 'symbol ,', 'number 1']);
    expect(read('SELECT \uffff, 1', 'postgres')).toEqual(['word SELECT', 'symbol \uffff', 'symbol ,', 'number 1']);
  });
});
