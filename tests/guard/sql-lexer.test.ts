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
const DIALECTS: SqlDialect[] = ['sqlite', 'postgres', 'tsql', 'duckdb', 'databricks'];

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
  it('a line comment ends at a line break, \\n or \\r\\n, in every dialect', () => {
    for (const dialect of DIALECTS) {
      expect(read('SELECT 1 --a\n, 2 --b\r\n, 3 -- c', dialect), dialect).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2', 'symbol ,', 'number 3']);
    }
  });

  it('a line comment holding any other line break is refused: SQLite reads on to the \\n, PostgreSQL and DuckDB stop at \\r', () => {
    // SQLite runs `, load_extension('x')` here; a lexer that ended the comment at \r would read
    // the quote after it as the start of a string and hide the call.
    const hidden = "SELECT 1 --\r'\n, load_extension('x') --'";
    for (const dialect of DIALECTS) {
      expect(lexError(hidden, dialect), dialect).toEqual({
        name: 'SqlLexError',
        message: 'a -- comment holds a line break other than a plain one, where databases disagree on where the comment ends',
        position: 11,
      });
    }
    for (const lineBreak of ['\r', '\v', '\f', '\u0085', '\u2028', '\u2029']) {
      expect(lexError(`SELECT 1 -- a${lineBreak}b\n`, 'postgres')?.position, JSON.stringify(lineBreak)).toBe(13);
      // Right before a \n, too: only \r\n is a plain line break.
      expect(lexError(`SELECT 1 -- a${lineBreak}\n`, 'sqlite')?.position, JSON.stringify(lineBreak)).toBe(lineBreak === '\r' ? undefined : 13);
    }
    // The same characters outside a comment are white space or symbols, as before.
    expect(read('SELECT 1\r2\v3\f4', 'postgres')).toEqual(['word SELECT', 'number 1', 'number 2', 'number 3', 'number 4']);
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

  it('a lone * or / inside a nesting comment opens nothing, and a * after a value is an operator', () => {
    expect(read('SELECT 1 /* a*b / c/d **/ , 2*3', 'postgres')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2', 'symbol *', 'number 3']);
    expect(read('SELECT a*b, c/d', 'tsql')).toEqual(['word SELECT', 'word a', 'symbol *', 'word b', 'symbol ,', 'word c', 'symbol /', 'word d']);
  });

  it('a comment right after a line break starts at its own dashes', () => {
    expect(read('SELECT 1\n--c\n, 2', 'sqlite')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2']);
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
    // A doubled quote inside is one quote too: `DELETE` stays inside the string.
    expect(read("SELECT E'a''; DELETE FROM t; ', 1", 'postgres')).toEqual(['word SELECT', "string E'a''; DELETE FROM t; '", 'symbol ,', 'number 1']);
    // SQLite has no E strings: E is a name and the backslash escapes nothing.
    expect(read("SELECT E'it\\', 1", 'sqlite')).toEqual(['word SELECT', 'word E', "string 'it\\'", 'symbol ,', 'number 1']);
  });

  it('Databricks reads "…" as a string, takes backslash escapes, and r\'…\' / R"…" raw strings without any escape', () => {
    expect(read("SELECT \"a\", 'b\\'c', 1", 'databricks')).toEqual(['word SELECT', 'string "a"', 'symbol ,', "string 'b\\'c'", 'symbol ,', 'number 1']);
    expect(read("SELECT r'a\\', R\"b\\\", r'c''d', 1", 'databricks')).toEqual([
      'word SELECT', "string r'a\\'", 'symbol ,', 'string R"b\\"', 'symbol ,', "string r'c'", "string 'd'", 'symbol ,', 'number 1',
    ]);
    // r starts a raw string only right before a quote; x'…' is a word and a string.
    expect(read("SELECT rate, r.x, X'1F', 'a''b', \"c\\\"d\" FROM r", 'databricks')).toEqual([
      'word SELECT', 'word rate', 'symbol ,', 'word r', 'symbol .', 'word x', 'symbol ,', 'word X', "string '1F'", 'symbol ,', "string 'a''b'", 'symbol ,', 'string "c\\"d"', 'word FROM', 'word r',
    ]);
    // Elsewhere r is a name.
    expect(read("SELECT r'a', 1", 'postgres')).toEqual(['word SELECT', 'word r', "string 'a'", 'symbol ,', 'number 1']);
  });

  it('a reading with backslash escapes applies only where a server setting can turn them on', () => {
    const escaping = { nestedBlockComments: false, backslashEscapesInPlainStrings: true };
    expect(tokenizeSql("SELECT 'a\\', 1", 'sqlite', escaping).map((t) => t.text)).toEqual(['SELECT', "'a\\'", ',', '1']);
    expect(tokenizeSql("SELECT 'a\\', 1", 'tsql', escaping).map((t) => t.text)).toEqual(['SELECT', "'a\\'", ',', '1']);
    // PostgreSQL with standard_conforming_strings off: `\'` is an escaped quote.
    expect(tokenizeSql("SELECT 'a\\'', 1", 'postgres', escaping).map((t) => t.text)).toEqual(['SELECT', "'a\\''", ',', '1']);
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
    // A backslash escapes nothing inside brackets.
    expect(read('SELECT [a\\], 1', 'tsql')).toEqual(['word SELECT', 'quoted_identifier [a\\] = a\\', 'symbol ,', 'number 1']);
  });

  it('`…` names on SQLite and Databricks double their backtick; elsewhere a backtick is a symbol', () => {
    for (const dialect of ['sqlite', 'databricks'] as const) {
      expect(read('SELECT `a``b`, 1', dialect)).toEqual(['word SELECT', 'quoted_identifier `a``b` = a`b', 'symbol ,', 'number 1']);
    }
    expect(read('SELECT `a`', 'postgres')).toEqual(['word SELECT', 'symbol `', 'word a', 'symbol `']);
    expect(read('SELECT `a\\`, 1', 'databricks')).toEqual(['word SELECT', 'quoted_identifier `a\\` = a\\', 'symbol ,', 'number 1']);
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
    // Only 0x or 0X opens a hexadecimal number.
    expect(read('SELECT 1x5, 0,1, 0 1, 0a', 'tsql')).toEqual([
      'word SELECT', 'number 1', 'word x5', 'symbol ,', 'number 0', 'symbol ,', 'number 1', 'symbol ,', 'number 0', 'number 1', 'symbol ,', 'number 0', 'word a',
    ]);
  });

  it('SQL Server words may hold @ and #; elsewhere those are symbols', () => {
    expect(read('SELECT @x, #t, @@rowcount, a@b', 'tsql')).toEqual(['word SELECT', 'word @x', 'symbol ,', 'word #t', 'symbol ,', 'word @@rowcount', 'symbol ,', 'word a@b']);
    expect(read('SELECT @x, #t', 'postgres')).toEqual(['word SELECT', 'symbol @', 'word x', 'symbol ,', 'symbol #', 'word t']);
  });

  it('SQL Server and Databricks words take letters of any script and $; any other character is one symbol', () => {
    for (const dialect of ['tsql', 'databricks'] as const) {
      expect(read('SELECT größe, a$b, _x, a€b, 😀, \uffff, 1', dialect), dialect).toEqual([
        'word SELECT', 'word größe', 'symbol ,', 'word a$b', 'symbol ,', 'word _x', 'symbol ,', 'word a', 'symbol €', 'word b', 'symbol ,', 'symbol 😀', 'symbol ,', 'symbol \uffff', 'symbol ,', 'number 1',
      ]);
    }
  });
});

describe('names and white space beyond ASCII, as each server reads them', () => {
  it('PostgreSQL, DuckDB and SQLite take every character from U+0080 up into a name, so a $$ or e\' after one opens nothing', () => {
    // Three statements on these servers: `x€$$` is a name, not a name and a dollar quote.
    const stacked = 'SELECT 1 AS x€$$; DELETE FROM t; SELECT 1 AS x€$$';
    for (const dialect of ['postgres', 'duckdb'] as const) {
      expect(read(stacked, dialect), dialect).toEqual([
        'word SELECT', 'number 1', 'word AS', 'word x€$$', 'symbol ;', 'word DELETE', 'word FROM', 'word t', 'symbol ;', 'word SELECT', 'number 1', 'word AS', 'word x€$$',
      ]);
    }
    // PostgreSQL: `x\u00a0e` is a name and '\' a plain string, so DELETE is a statement.
    expect(read("SELECT 1 AS x\u00a0e'\\'; DELETE FROM t; --'", 'postgres')).toEqual([
      'word SELECT', 'number 1', 'word AS', "word x\u00a0e", "string '\\'", 'symbol ;', 'word DELETE', 'word FROM', 'word t', 'symbol ;',
    ]);
    expect(read('SELECT 😀a, \u00a0b, é$x, \uffff', 'sqlite')).toEqual(['word SELECT', 'word 😀a', 'symbol ,', 'word \u00a0b', 'symbol ,', 'word é$x', 'symbol ,', 'word \uffff']);
  });

  it('SQL Server and Databricks read Unicode white space as white space', () => {
    for (const dialect of ['tsql', 'databricks'] as const) {
      expect(read('SELECT\u00a0a\u2003b\u3000c', dialect), dialect).toEqual(['word SELECT', 'word a', 'word b', 'word c']);
    }
  });

  it('DuckDB reads a no-break or other Unicode space outside quotes as a space or as part of a name, so the text is refused', () => {
    for (const space of ['\u00a0', '\u2000', '\u200b', '\u202f', '\u205f', '\u3000', '\ufeff']) {
      expect(lexError(`SELECT 1 AS x${space}y`, 'duckdb'), JSON.stringify(space)).toMatchObject({ name: 'SqlLexError', position: 13 });
    }
    expect(lexError('SELECT\u00a01', 'duckdb')).toEqual({
      name: 'SqlLexError',
      message: 'a U+00A0 space outside quotes, which DuckDB reads either as a space or as part of a name; use a plain space',
      position: 6,
    });
    expect(lexError('SELECT 1 AS $a\u3000$x$a\u3000$', 'duckdb')?.message).toContain('a U+3000 space outside quotes');
    // Inside strings, quoted names and comments they are text; other characters are part of names.
    expect(read("SELECT 'a\u00a0b' AS \"c\u00a0d\", x\u2028y /* \u00a0 */ -- \u00a0", 'duckdb')).toEqual([
      'word SELECT', "string 'a\u00a0b'", 'word AS', 'quoted_identifier "c\u00a0d" = c\u00a0d', 'symbol ,', 'word x\u2028y',
    ]);
  });
});

describe('parameters that hold quotes', () => {
  it('a SQLite parameter name goes on with :: pairs and ends with (…) up to the first ), quotes and dashes included', () => {
    expect(read("SELECT $a(--), load_extension('x')", 'sqlite')).toEqual(['word SELECT', 'parameter $a(--)', 'symbol ,', 'word load_extension', 'symbol (', "string 'x'", 'symbol )']);
    expect(read("SELECT @a(x'y), :b::c(q), $d::e, #f, :g()", 'sqlite')).toEqual([
      'word SELECT', "parameter @a(x'y)", 'symbol ,', 'parameter :b::c(q)', 'symbol ,', 'parameter $d::e', 'symbol ,', 'parameter #f', 'symbol ,', 'parameter :g()',
    ]);
    expect(read('SELECT $é€(1), $::a, ?a, $a$, :b:c', 'sqlite')).toEqual([
      'word SELECT', 'parameter $é€(1)', 'symbol ,', 'parameter $::a', 'symbol ,', 'parameter ?', 'word a', 'symbol ,', 'parameter $a$', 'symbol ,', 'parameter :b', 'parameter :c',
    ]);
  });

  it('a SQLite mark with no name is a symbol, also at the very end, and ( after it opens no parameter', () => {
    expect(read('SELECT 1, @', 'sqlite')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'symbol @']);
    // :: goes on only right after the name.
    expect(read('SELECT $a,:b', 'sqlite')).toEqual(['word SELECT', 'parameter $a', 'symbol ,', 'parameter :b']);
    expect(read("SELECT $(x), @ ( 'y' ), #, :: a", 'sqlite')).toEqual([
      'word SELECT', 'symbol $', 'symbol (', 'word x', 'symbol )', 'symbol ,', 'symbol @', 'symbol (', "string 'y'", 'symbol )', 'symbol ,', 'symbol #', 'symbol ,', 'symbol :', 'symbol :', 'word a',
    ]);
  });

  it('a SQLite parameter whose ( meets white space before ) is refused, as SQLite refuses it', () => {
    expect(lexError("SELECT 1, $ab::c(x' )", 'sqlite')).toEqual({ name: 'SqlLexError', message: 'the parameter $ab::c( has no ) before white space', position: 10 });
    expect(lexError('SELECT $a(x', 'sqlite')?.position).toBe(7);
    expect(lexError('SELECT $a(', 'sqlite')?.position).toBe(7);
  });

  it('these marks are not parameters on the other dialects', () => {
    expect(read("SELECT $a(x'y')", 'postgres')).toEqual(['word SELECT', 'symbol $', 'word a', 'symbol (', 'word x', "string 'y'", 'symbol )']);
    expect(read('SELECT :a, #b', 'duckdb')).toEqual(['word SELECT', 'symbol :', 'word a', 'symbol ,', 'symbol #', 'word b']);
  });
});

describe('dollar quotes', () => {
  it('a tag may be of any length and hold any character from U+0080 up, as in PostgreSQL', () => {
    const tag = `$${'t'.repeat(300)}$`;
    expect(read(`SELECT ${tag}'; DELETE FROM t; ${tag}, 1`, 'postgres')).toEqual(['word SELECT', `string ${tag}'; DELETE FROM t; ${tag}`, 'symbol ,', 'number 1']);
    expect(read("SELECT $€1$ ' $€1$, 1", 'duckdb')).toEqual(['word SELECT', "string $€1$ ' $€1$", 'symbol ,', 'number 1']);
    // A tag does not start with a digit and holds no $.
    expect(read('SELECT $1$, $a$b$ $a$', 'postgres')).toEqual(['word SELECT', 'parameter $1', 'symbol $', 'symbol ,', 'string $a$b$ $a$']);
  });

  it('SQL Server, SQLite and Databricks have no dollar quotes: $$ hides nothing there', () => {
    expect(read('SELECT $$; DELETE FROM t; $$', 'tsql')).toEqual(['word SELECT', 'symbol $', 'symbol $', 'symbol ;', 'word DELETE', 'word FROM', 'word t', 'symbol ;', 'symbol $', 'symbol $']);
    expect(read('SELECT $$; DELETE FROM t; $$', 'databricks')).toEqual(['word SELECT', 'symbol $', 'symbol $', 'symbol ;', 'word DELETE', 'word FROM', 'word t', 'symbol ;', 'symbol $', 'symbol $']);
    expect(read('SELECT $a$ , $a$', 'sqlite')).toEqual(['word SELECT', 'parameter $a$', 'symbol ,', 'parameter $a$']);
  });
});

describe("Spark's names and line comments on Databricks", () => {
  it('a number run into letters is refused: Spark reads 1r\'…\' as the name 1r and a plain string, not a raw string', () => {
    expect(lexError("SELECT 1r'\\'x' ; DROP TABLE t --'", 'databricks')).toEqual({
      name: 'SqlLexError',
      message: "a number run into letters (1r), which Spark may read as a name; put a space after the number",
      position: 7,
    });
    expect(lexError("SELECT .5r'x'", 'databricks')?.message).toContain('(.5r)');
    expect(lexError('SELECT 10L', 'databricks')?.position).toBe(7);
    expect(read("SELECT 1 r, 1e5, 2+r'x', x1r'y'", 'databricks')).toEqual([
      'word SELECT', 'number 1', 'word r', 'symbol ,', 'number 1e5', 'symbol ,', 'number 2', 'symbol +', "string r'x'", 'symbol ,', 'word x1r', "string 'y'",
    ]);
    // Elsewhere a number simply stops before letters.
    expect(read('SELECT 10L', 'postgres')).toEqual(['word SELECT', 'number 10', 'word L']);
  });

  it('an unquoted scheme://path is refused: Spark reads it as one name, dashes and quotes included', () => {
    expect(lexError('SELECT * FROM abc://x-- ; DROP TABLE t', 'databricks')).toEqual({
      name: 'SqlLexError',
      message: 'an unquoted path (scheme://…), which Spark reads as one name, -- and quotes included; quote it with backticks',
      position: 14,
    });
    expect(read('SELECT a:b, c :// d', 'databricks')).toEqual(['word SELECT', 'word a', 'symbol :', 'word b', 'symbol ,', 'word c', 'symbol :', 'symbol /', 'symbol /', 'word d']);
    expect(read('SELECT abc://x', 'postgres')).toEqual(['word SELECT', 'word abc', 'symbol :', 'symbol /', 'symbol /', 'word x']);
  });

  it('a backslash ending a -- comment line carries the comment onto the next line', () => {
    expect(read('SELECT 1 -- a \\\nDROP TABLE t\n, 2', 'databricks')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2']);
    expect(read('SELECT 1 -- a \\\r\n, 2', 'databricks')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2']);
    expect(read('SELECT 1 -- a \\\n, 2', 'postgres')).toEqual(['word SELECT', 'number 1', 'symbol ,', 'number 2']);
  });
});
