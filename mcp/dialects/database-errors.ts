import type { SqlDialect } from './dialect.js';

/**
 * What went wrong when a database refused a query, read from the driver's error: SQLite and
 * DuckDB say it in words, PostgreSQL with a SQLSTATE code, SQL Server with an error number,
 * Databricks with an error class. The hint a caller gets depends on the kind (query-error.ts).
 */
export type DatabaseErrorKind =
  | 'missing_table'
  | 'missing_column'
  | 'syntax'
  | 'missing_function'
  | 'ambiguous_column'
  | 'grouping'
  | 'type_mismatch'
  | 'division_by_zero'
  | 'other';

export interface DatabaseError {
  kind: DatabaseErrorKind;
  /** The database's own words, without the driver's prefix. */
  message: string;
  /** The table, column or function it is about, when it names one. */
  subject: string | null;
}

type Rule = [DatabaseErrorKind, RegExp];

/** Patterns on the message; the first capture group, if any, is the name. */
const MESSAGE_RULES: Record<'sqlite' | 'duckdb' | 'databricks', Rule[]> = {
  sqlite: [
    ['missing_table', /no such table: ([^\s,]+)/i],
    ['missing_column', /no such column: ([^\s,]+)/i],
    ['missing_function', /no such function: (\w+)/i],
    ['missing_function', /wrong number of arguments to function (\w+)/i],
    ['ambiguous_column', /ambiguous column name: ([^\s,]+)/i],
    ['grouping', /misuse of (?:aggregate|window function)[^:]*:?\s*(\w+)?/i],
    ['syntax', /syntax error|incomplete input|unrecognized token/i],
  ],
  duckdb: [
    ['missing_table', /Table with name ([^\s!]+) does not exist/i],
    ['missing_column', /Referenced column "?([^"\s]+)"? not found/i],
    ['missing_function', /(?:Scalar|Aggregate|Table) Function with name "?(\w+)"? does not exist/i],
    ['ambiguous_column', /Ambiguous reference to column name "?([^"\s]+)"?/i],
    ['grouping', /must appear in the GROUP BY clause/i],
    ['type_mismatch', /Conversion Error|No function matches the given name and argument types/i],
    ['syntax', /Parser Error|syntax error/i],
  ],
  databricks: [
    ['missing_table', /TABLE_OR_VIEW_NOT_FOUND[^`]*`?([^`\s]*)`?/i],
    ['missing_column', /UNRESOLVED_COLUMN[^`]*`?([^`\s]*)`?/i],
    ['missing_function', /UNRESOLVED_ROUTINE[^`]*`?([^`\s]*)`?/i],
    ['ambiguous_column', /AMBIGUOUS_REFERENCE[^`]*`?([^`\s]*)`?/i],
    ['grouping', /MISSING_AGGREGATION|MISSING_GROUP_BY/i],
    ['type_mismatch', /CAST_INVALID_INPUT|DATATYPE_MISMATCH/i],
    ['division_by_zero', /DIVIDE_BY_ZERO/i],
    ['syntax', /PARSE_SYNTAX_ERROR|syntax error/i],
  ],
};

/** PostgreSQL SQLSTATE codes. */
const POSTGRES_CODES: Record<string, DatabaseErrorKind> = {
  '42P01': 'missing_table',
  '42703': 'missing_column',
  '42601': 'syntax',
  '42883': 'missing_function',
  '42702': 'ambiguous_column',
  '42803': 'grouping',
  '42804': 'type_mismatch',
  '22P02': 'type_mismatch',
  '42846': 'type_mismatch',
  '22012': 'division_by_zero',
};

/** SQL Server error numbers. */
const SQLSERVER_NUMBERS: Record<number, DatabaseErrorKind> = {
  208: 'missing_table',
  207: 'missing_column',
  102: 'syntax',
  156: 'syntax',
  170: 'syntax',
  153: 'syntax',
  195: 'missing_function',
  4121: 'missing_function',
  209: 'ambiguous_column',
  8120: 'grouping',
  245: 'type_mismatch',
  8114: 'type_mismatch',
  206: 'type_mismatch',
  8134: 'division_by_zero',
};

const QUOTED_NAME = /(?:relation|column|function|object name|column name)\s+["'[]?([^"'\]\s(]+)/i;

/** The database's reading of an error, or null when it is not a database's answer to a query. */
export function classifyDatabaseError(err: unknown, dialect: SqlDialect): DatabaseError | null {
  if (!(err instanceof Error)) return null;
  const message = err.message.replace(/^SQLITE_\w+:\s*/, '').trim();
  if (dialect === 'postgres') {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return null;
    const kind = POSTGRES_CODES[code] ?? 'other';
    return { kind, message, subject: QUOTED_NAME.exec(message)?.[1] ?? null };
  }
  if (dialect === 'tsql') {
    const number = (err as { number?: unknown; originalError?: { info?: { number?: unknown } } }).number ?? (err as { originalError?: { info?: { number?: unknown } } }).originalError?.info?.number;
    if (typeof number !== 'number') return null;
    const kind = SQLSERVER_NUMBERS[number] ?? 'other';
    return { kind, message, subject: QUOTED_NAME.exec(message)?.[1] ?? null };
  }
  if (dialect === 'sqlite' && !String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_')) return null;
  for (const [kind, pattern] of MESSAGE_RULES[dialect]) {
    const match = pattern.exec(message);
    if (match) return { kind, message, subject: match[1] || null };
  }
  const answered = dialect === 'sqlite' || (dialect === 'duckdb' && /^[A-Z][A-Za-z ]* Error:/.test(message));
  return answered ? { kind: 'other', message, subject: null } : null;
}
