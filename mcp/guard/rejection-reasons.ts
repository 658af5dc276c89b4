import { dialectOf } from '../dialects/index.js';
import type { SqlDialect } from './guard-types.js';

/**
 * Every refusal is a sentence a county user can act on: what was found, why it is refused,
 * and what to do instead.
 */

const WRITES_ELSEWHERE = 'Writes go through the import tools.';
const ONE_SELECT = 'Send a single SELECT (or WITH … SELECT) statement.';

/** Extra words for keywords whose danger is not obvious from the word itself. */
const KEYWORD_EXPLANATIONS: Record<string, string> = {
  into: 'SELECT … INTO writes its result into a new table',
  returning: 'RETURNING only appears on statements that write',
  set: 'SET changes session or server settings',
  declare: 'DECLARE starts procedural code',
  begin: 'BEGIN starts a transaction or a block of procedural code',
  commit: 'COMMIT ends a transaction',
  rollback: 'ROLLBACK ends a transaction',
  savepoint: 'SAVEPOINT controls a transaction',
  release: 'RELEASE controls a transaction',
  abort: 'ABORT ends a transaction',
  transaction: 'transaction control is handled by query_sql itself',
  tran: 'transaction control is handled by query_sql itself',
  save: 'SAVE TRANSACTION controls a transaction',
  exec: 'EXEC runs a stored procedure or dynamic SQL, which can write',
  execute: 'EXECUTE runs a stored procedure or prepared SQL, which can write',
  call: 'CALL runs a procedure, which can write',
  do: 'DO runs a block of procedural code',
  waitfor: 'WAITFOR stalls the connection',
  copy: 'COPY reads or writes server files and tables',
  lock: 'LOCK takes table locks',
  pragma: 'the PRAGMA statement can change database settings; to read table structure use SELECT * FROM pragma_table_info(\'table_name\')',
  attach: 'ATTACH opens or creates another database file',
  detach: 'DETACH changes which databases are open',
  use: 'USE switches the database for the whole connection',
  openrowset: 'OPENROWSET reaches other servers and files',
  openquery: 'OPENQUERY runs SQL on a linked server',
  opendatasource: 'OPENDATASOURCE reaches other servers',
  openxml: 'OPENXML needs a stored procedure call to prepare its document',
  updlock: 'the UPDLOCK hint takes update locks; WITH (NOLOCK) is fine',
  xlock: 'the XLOCK hint takes exclusive locks; WITH (NOLOCK) is fine',
  tablock: 'the TABLOCK hint locks the whole table; WITH (NOLOCK) is fine',
  tablockx: 'the TABLOCKX hint locks the whole table exclusively; WITH (NOLOCK) is fine',
  holdlock: 'the HOLDLOCK hint holds locks until the transaction ends; WITH (NOLOCK) is fine',
  analyze: 'ANALYZE rewrites statistics, and EXPLAIN ANALYZE runs the statement it explains',
  listen: 'LISTEN changes session state',
  notify: 'NOTIFY sends messages to other sessions',
};

/** `mightBeAName`: false where the word cannot be a column or table, e.g. at the start of the statement. */
export function forbiddenKeyword(word: string, dialect: SqlDialect, mightBeAName = true): string {
  const shown = word.toUpperCase();
  const why = KEYWORD_EXPLANATIONS[word.toLowerCase()];
  const nameHint = mightBeAName ? ` If ${shown.toLowerCase()} is the name of a column or table, put it in ${dialectOf(dialect).identifierQuoting}.` : '';
  return (
    `query_sql runs read-only SELECT statements only; \`${shown}\` was found` +
    (why ? `: ${why}.` : '.') +
    ` ${WRITES_ELSEWHERE}${nameHint}`
  );
}

export function replaceStatement(): string {
  return `query_sql runs read-only SELECT statements only; \`REPLACE\` used as a statement writes rows. ${WRITES_ELSEWHERE} The REPLACE(text, from, to) function is fine.`;
}

export function dangerousFunction(name: string, dialect: SqlDialect): string {
  if (dialect === 'sqlite' && name.toLowerCase().startsWith('pragma_')) {
    return (
      `query_sql does not allow \`${name}\`: only the schema-describing pragma functions ` +
      `(pragma_table_info, pragma_index_list, pragma_foreign_key_list and similar) are read-only enough. ` +
      `Use one of those, or query sqlite_master.`
    );
  }
  return (
    `query_sql does not allow \`${name}\`, because it can change data, reach the server's files or network, ` +
    `affect other sessions or stall the server. Remove it and ask for the data with a plain SELECT.`
  );
}

export function fileAccess(name: string, dialect: SqlDialect): string {
  return (
    `query_sql does not read files: ${name} looks like a file path, which ${dialectOf(dialect).label} would open directly. ` +
    'Query the lakehouse tables instead (list_source_tables on the warehouse connection shows them, e.g. bronze.my_table); files are loaded with upload_file or sync_table_to_bronze.'
  );
}

export function rowLocking(clause: string): string {
  return `query_sql runs read-only SELECT statements only; \`${clause}\` locks rows as if to change them. Remove the ${clause} clause.`;
}

export function sequenceIncrement(): string {
  return `query_sql runs read-only SELECT statements only; \`NEXT VALUE FOR\` advances a sequence, which is a write. ${WRITES_ELSEWHERE}`;
}

export function scriptTransform(): string {
  return `query_sql does not run \`TRANSFORM … USING\`: it runs a command or script on the cluster. Ask for the data with a plain SELECT; the transform() function on arrays is fine.`;
}

export function stackedStatements(): string {
  return `query_sql runs exactly one statement per call, but more SQL follows a \`;\`. Send each SELECT in its own query_sql call.`;
}

export function secondStatementWithoutSemicolon(word: string): string {
  return (
    `query_sql runs exactly one statement per call, but a second statement starts at \`${word.toUpperCase()}\` ` +
    `(SQL Server allows statements without a \`;\` between them). Send each SELECT in its own query_sql call.`
  );
}

export function notASelect(firstToken: string, dialect: SqlDialect): string {
  const starts = dialect === 'postgres' ? ['SELECT', 'WITH', 'VALUES', 'TABLE'] : dialect === 'duckdb' ? ['SELECT', 'WITH', 'VALUES'] : ['SELECT', 'WITH'];
  // A misspelt SELECT is a typo to fix, not an attempt to write.
  const near = starts.find((word) => closeSpelling(firstToken.toUpperCase(), word));
  return (
    `query_sql could not read this as a query: it starts with \`${firstToken}\`, and a query starts with ${starts.join(', ').replace(/, (\w+)$/, ' or $1')}` +
    `${near ? ` (did you mean ${near}?)` : ''}. ${ONE_SELECT}`
  );
}

/** At most two letters added, dropped or changed. */
function closeSpelling(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] <= 2;
}

export function parsedStatementKind(kind: string): string {
  return `query_sql runs read-only SELECT statements only; this is a \`${kind}\` statement. ${ONE_SELECT} ${WRITES_ELSEWHERE}`;
}

export function writingSubStatement(kind: string): string {
  return `query_sql runs read-only SELECT statements only; a \`${kind}\` is nested inside the query (for example in a WITH clause). ${WRITES_ELSEWHERE}`;
}

export function multipleStatements(count: number): string {
  return `query_sql runs exactly one statement per call, but ${count} were found. Send each SELECT in its own query_sql call.`;
}

export function emptySql(): string {
  return `query_sql received no SQL statement (only blanks or comments). ${ONE_SELECT}`;
}

export function containsNulCharacter(): string {
  return 'query_sql does not run SQL containing a NUL (\\0) character, because the database and this check could read it differently. Remove the character and try again.';
}

export function tooLong(limit: number): string {
  return `query_sql does not run SQL longer than ${limit.toLocaleString('en-US')} characters. Shorten the query, for example by filtering in the WHERE clause instead of listing values.`;
}

export function unreadable(problem: string, position: number): string {
  return `This SQL could not be read (${problem}, at character ${position + 1}), so it is not run. Check the quotes and comments.`;
}

const UNPARSABLE = 'This SQL could not be parsed as ';

export function unparsable(dialect: SqlDialect, detail: string): string {
  const shortDetail = detail.length > 160 ? `${detail.slice(0, 157)}…` : detail;
  return `${UNPARSABLE}${dialectOf(dialect).label}, so it is not run (parser: ${shortDetail}). Check the syntax; query_sql accepts one plain SELECT.`;
}

/** Whether a refusal says the SQL did not parse (a typo, or another dialect's syntax) rather than that it would write. */
export function isUnparsable(reason: string): boolean {
  return reason.startsWith(UNPARSABLE);
}

export function parserUnavailable(dialect: SqlDialect): string {
  return `The ${dialectOf(dialect).label} SQL checker could not start, so nothing is run. Try again; if it keeps failing, report it to the app administrator.`;
}

export function readsDifferentlyUnderServerSettings(reason: string, what: 'backslashes' | 'comments' = 'backslashes'): string {
  const setting = what === 'comments' ? 'does not nest /* */ comments' : 'treats backslashes in strings as escapes';
  return `${reason} (This SQL reads differently when the server ${setting}, so it was checked both ways.)`;
}

export function credentialCatalog(name: string): string {
  return (
    `query_sql does not read \`${name}\`: it holds password hashes or connection secrets. ` +
    'To see roles use pg_roles (its password column is always masked); a login that can read this catalog should be replaced by one that can only read the PACS tables.'
  );
}
