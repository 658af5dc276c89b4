import type { ConnectionKind } from '../connections/connection-types.js';

/**
 * The SQL dialects PACS MCP reads and writes. `duckdb`: the local lakehouse (DuckDB over
 * Parquet). `databricks`: Databricks SQL (Spark SQL).
 */
export type SqlDialect = 'sqlite' | 'postgres' | 'tsql' | 'duckdb' | 'databricks';

/**
 * Where a dialect reads a declared column type differently from the others; the common reading
 * is in `lakeTypeFromDeclared` (mcp/lakehouse/lake-types.ts).
 */
export interface DeclaredTypeRules {
  /** `numeric` without a precision: any scale (kept as exact text), or DECIMAL(18,0). */
  unconstrainedNumeric: 'text' | 'decimal';
  /** `INT` / `INTEGER`: 32 bits, or 64 (SQLite). */
  integerBits: 32 | 64;
  /**
   * A `TIMESTAMP` without a zone: a plain date-time, a date-time with zone (Databricks'
   * TIMESTAMP), or not a time at all (SQL Server's TIMESTAMP is a row version).
   */
  timestamp: 'timestamp' | 'timestamptz' | 'rowversion';
}

/**
 * How the dialect's SQL text is read: the quoting and comment rules the read-only guard's
 * tokenizer (mcp/guard/sql-lexer.ts) follows, so it sees the tokens the server sees.
 */
export interface DialectSyntax {
  /** Block comments nest; SQLite's do not. */
  nestedBlockComments: boolean;
  /**
   * Whether a server setting decides if `\'` inside '…' is an escaped quote (PostgreSQL's
   * standard_conforming_strings, Spark's escapedStringLiterals), and how it reads by default.
   */
  backslashEscapes: 'never' | 'off-by-default' | 'on-by-default';
  /** Whether comment nesting, too, may differ between engines that run this dialect (Spark). */
  commentNestingVaries: boolean;
  /** E'…' and $tag$…$tag$ strings and $1 parameters: PostgreSQL's grammar (DuckDB's derives from it). */
  postgresStrings: boolean;
  /** Spark SQL: r'…' raw strings, and "…" is a string, not a name. */
  sparkStrings: boolean;
  /** [name]: with ]] for a ] inside (T-SQL), ending at the first ] (SQLite), or not a name. */
  bracketNames: 'doubled-escape' | 'no-escape' | null;
  /** `name` quotes a name. */
  backtickNames: boolean;
  /**
   * ?NNN, :name, @name, $name and #name mark parameters (SQLite), and a name may go on with
   * `::` and end with `(…)`: `$a(x'y)` is one parameter there.
   */
  sqliteParameters: boolean;
  /** @ and # start and continue words (T-SQL's variables and temporary tables). */
  atAndHashInWords: boolean;
  /**
   * Every character from U+0080 up that is not one of `unicodeSpaces` is part of a name:
   * PostgreSQL's, DuckDB's and SQLite's scanners read names byte by byte and take any byte
   * from 0x80 up, so `x€$$` is one name there. Elsewhere only letters are.
   */
  nonAsciiInNames: boolean;
  /**
   * Spark's reading of names and line comments: a name may start with digits (`1r'…'` is the
   * name `1r` and a plain string, not a number and a raw string), `scheme://path` unquoted is
   * one name, and a backslash ending a `--` comment's line carries the comment onto the next.
   */
  sparkNamesAndComments: boolean;
  /**
   * White space beyond ASCII's and how the dialect reads it: as white space (SQL Server,
   * Databricks), or either as white space or as part of a name (DuckDB: which one depends on
   * the rest of the text, so the guard refuses such a space outside quotes and comments).
   * Null where every character from U+0080 up is part of a name (PostgreSQL, SQLite).
   */
  unicodeSpaces: { characters: RegExp; readAs: 'white-space' | 'either' } | null;
}

/**
 * Everything PACS MCP knows about one SQL dialect: how SQL it builds itself quotes names and
 * values and caps rows, which schema a bare table name is in, how the dialect is named to
 * people, and what the model should know before writing SQL in it. One file per dialect in
 * this folder; every other module asks here instead of comparing dialect names.
 */
export interface Dialect {
  readonly name: SqlDialect;
  /** The connection kind whose databases speak this dialect. */
  readonly connectionKind: ConnectionKind;
  /** For people: "SQL Server". */
  readonly label: string;
  /** For the model, one line: how query_sql SQL looks on such a connection. */
  readonly hint: string;
  /** For the model: what commonly goes wrong when SQL from another dialect is written here. */
  readonly cautions: readonly string[];
  /** The schema a table name without one is in. */
  readonly defaultSchema: string;
  /** How a name that is a keyword is quoted, in words for a message: "[brackets]". */
  readonly identifierQuoting: string;
  /** Every name that reaches SQL PACS MCP builds goes through here, whatever it looks like. */
  quoteIdent(name: string): string;
  /** `schema.name`, each part quoted (SQLite's one schema stays implicit). */
  qualifiedTable(schema: string, name: string): string;
  /** How analysis tools show a table: `schema.name` (SQLite: just the name). */
  tableLabel(schema: string, name: string): string;
  /** "dbo.property" / "[dbo].[property]" / "property" → schema and bare name, quotes removed. */
  splitTableName(qualified: string): { schema: string; name: string };
  stringLiteral(value: string): string;
  numberLiteral(value: number | bigint): string;
  booleanLiteral(value: boolean): string;
  /** `SELECT … FROM from [rest]` capped at `rows` rows, in the dialect's words. */
  selectWithLimit(selectList: string, from: string, rows: number, rest?: string): string;
  /** The marker of the n-th (from 1) bound value in SQL sent to this dialect's driver: `?`, `$1`, `@p1`. */
  parameterMarker(position: number): string;
  /** The pieces for SQL written around a row cap: `TOP (n)` after SELECT, or `LIMIT n` at the end. */
  rowLimit(rows: number): { top: string; limit: string };
  /** The length of a text expression, as a floating-point number (so AVG keeps its fraction). */
  textLength(expression: string): string;
  /**
   * A case-insensitive match of `column` against one bound pattern (`?`) that `likePattern`
   * built: plain LIKE where the database's collation already ignores case (SQL Server's PACS
   * collations, SQLite for ASCII), ILIKE elsewhere. The column stays bare, so its index can serve
   * a prefix.
   */
  caseInsensitiveLike(column: string): string;
  /** The pattern for `caseInsensitiveLike` matching text at the start: its LIKE wildcards escaped the dialect's way. */
  likePrefix(text: string): string;
  /**
   * A subquery (without alias) of `rows` rows drawn uniformly at random from `table` (already
   * quoted), for statistics over a big table; `method` says how, in words, for the evidence.
   */
  uniformSample(table: string, rows: number): { sql: string; method: string };
  /**
   * What locks the rows of table `alias` a SELECT reads until the transaction ends, so writers
   * that read rows and then update them take turns: a hint after the table name or a clause at
   * the end. Empty where a write transaction already holds the whole database (SQLite) or
   * nothing is written (warehouses).
   */
  lockRowsRead(alias: string): { tableHint: string; suffix: string };
  /** The hint after the target of an UPDATE that must lock rows only, never pages or the table. */
  readonly rowLockedUpdate: string;
  /**
   * A call of the stored procedure `name` (see PROCEDURE_NAME) with its arguments named in order
   * and bound as `?`; throws where the database has no procedures.
   */
  procedureCall(name: string, argNames: readonly string[]): string;
  readonly syntax: DialectSyntax;
  readonly declaredTypes: DeclaredTypeRules;
  /** Which values the database can compare: SQL Server cannot COUNT(DISTINCT)/MIN/MAX text, ntext or bit. */
  readonly comparable: { legacyText: boolean; booleanMinMax: boolean };
  /**
   * How the driver hands over a date-time without zone as a JavaScript Date: built in the local
   * zone, or in UTC (the SQL Server driver).
   */
  readonly driverTimestampZone: 'local' | 'utc';
}

/** A warehouse's dialect (lakehouse, Databricks): it also runs the casts a silver transform needs. */
export interface WarehouseDialect extends Dialect {
  readonly name: 'duckdb' | 'databricks';
  /** A cast that yields NULL instead of failing, so each failure can be counted. */
  tryCast(expression: string, typeName: string): string;
}

/** A stored procedure's name as a connection may configure it: `name` or `schema.name`, letters, digits and _. */
export const PROCEDURE_NAME = /^([A-Za-z_][A-Za-z0-9_]{0,127}\.)?[A-Za-z_][A-Za-z0-9_]{0,127}$/;

// Helpers the dialect files compose; nothing outside this folder needs them.

export function refuseNul(text: string, what: string): void {
  if (text.includes('\0')) throw new Error(`${what} may not contain a NUL character.`);
}

/** `open name close`, the closing character doubled inside. */
export function quoteWith(open: string, close: string): (name: string) => string {
  const doubled = new RegExp(close.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
  return (name) => {
    refuseNul(name, 'A name');
    return `${open}${name.replace(doubled, close + close)}${close}`;
  };
}

/** 'text' with single quotes doubled: the SQL standard's string literal. */
export function standardString(value: string): string {
  refuseNul(value, 'A text value');
  return `'${value.replace(/'/g, "''")}'`;
}

export function finiteNumber(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as an SQL number.`);
  return String(value);
}

export function wholeRows(rows: number): number {
  return Math.max(0, Math.floor(rows));
}

export function limitAtEnd(selectList: string, from: string, rows: number, rest = ''): string {
  return `SELECT ${selectList} FROM ${from}${rest ? ` ${rest}` : ''} LIMIT ${wholeRows(rows)}`;
}

/** Splits on dots and strips the quote characters the dialect's names may carry. */
export function splitQualified(qualified: string, defaultSchema: string): { schema: string; name: string } {
  const parts = qualified.split('.').map((p) => p.trim().replace(/^[["`]|[\]"`]$/g, ''));
  if (parts.length === 1) return { schema: defaultSchema, name: parts[0] };
  return { schema: parts[parts.length - 2], name: parts[parts.length - 1] };
}

/** `rows` rows in random order: a uniform sample wherever random() is; a full scan, top-N kept. */
export function orderByRandom(random: string): (table: string, rows: number) => { sql: string; method: string } {
  return (table, rows) => ({ sql: `SELECT * FROM ${table} ORDER BY ${random} LIMIT ${wholeRows(rows)}`, method: `uniform random sample (ORDER BY ${random} LIMIT ${wholeRows(rows)})` });
}
/** The quoted parts of a procedure name, after checking it is one. */
export function procedureName(name: string, quote: (part: string) => string): string {
  if (!PROCEDURE_NAME.test(name)) throw new Error(`"${name}" is not a procedure name (letters, digits and _; optionally schema.name).`);
  return name.split('.').map(quote).join('.');
}

export function noProcedures(label: string): never {
  throw new Error(`${label} has no stored procedures PACS MCP can call.`);
}

/** `%`, `_` and the escape character itself, each behind `!`: the pattern for LIKE … ESCAPE '!'. */
export function bangEscapedPrefix(text: string): string {
  return `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** LIKE that ignores case by the dialect's own rules, with `!` as the escape character. */
export const bangEscapedLike = (operator: 'LIKE' | 'ILIKE') => (column: string) => `${column} ${operator} ? ESCAPE '!'`;

/** No row locks to ask for: the whole database is held by the write, or nothing is written. */
export const noRowLocks = { lockRowsRead: () => ({ tableHint: '', suffix: '' }), rowLockedUpdate: '' };
