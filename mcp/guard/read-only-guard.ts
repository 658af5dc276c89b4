import { isSqlDialect } from '../dialects/index.js';
import { UserError } from '../util/user-error.js';
import type { GuardVerdict, SqlDialect } from './guard-types.js';
import { checkLexically, type LexicalReport } from './lexical-checks.js';
import { classifyWithNodeSqlParser } from './node-sql-parser-guard.js';
import { classifyPostgres } from './postgres-guard.js';
import * as reasons from './rejection-reasons.js';
import { AllowedShapes, statementShape } from './shape-cache.js';

export type { GuardVerdict } from './guard-types.js';

/**
 * Decides whether SQL sent to query_sql is a plain read. Two independent passes must both
 * agree, and any doubt refuses:
 *  1. a token pass (lexical-checks.ts) that refuses forbidden keywords, functions and stacked
 *     statements no matter what a parser thinks;
 *  2. a real parser: PostgreSQL's own for 'postgres' and 'duckdb' (DuckDB's grammar is derived from
 *     it), node-sql-parser for 'tsql', 'sqlite' and 'databricks' (its Hive grammar).
 * The database enforces read-only as well (READ ONLY transaction, query_only, rollback).
 * The parser's allowances are remembered by statement shape (shape-cache.ts); the token pass
 * reads every text.
 */
export async function classifyReadOnly(sql: string, dialect: SqlDialect): Promise<GuardVerdict> {
  try {
    return await classify(sql, dialect);
  } catch (error) {
    // An unexpected failure inside the guard must never let SQL through.
    const detail = error instanceof Error ? error.message : String(error);
    return { allowed: false, reason: reasons.unparsable(dialect, `internal error: ${detail}`), statementCount: 0 };
  }
}

/** Thrown by assertReadOnly; `message` is the reason, written for the user, with what to do. */
export class ReadOnlyViolation extends UserError {
  readonly verdict: GuardVerdict;

  constructor(reason: string, verdict?: GuardVerdict) {
    super('refused', reason);
    this.verdict = verdict ?? { allowed: false, reason, statementCount: 0 };
  }
}

export async function assertReadOnly(sql: string, dialect: SqlDialect): Promise<void> {
  const verdict = await classifyReadOnly(sql, dialect);
  if (!verdict.allowed) {
    throw new ReadOnlyViolation(verdict.reason ?? 'query_sql refused this SQL. Send a single read-only SELECT statement.', verdict);
  }
}

async function classify(sql: string, dialect: SqlDialect): Promise<GuardVerdict> {
  if (typeof sql !== 'string') return { allowed: false, reason: reasons.emptySql(), statementCount: 0 };
  if (!isSqlDialect(dialect)) {
    return { allowed: false, reason: `query_sql does not know the SQL dialect "${String(dialect)}", so nothing is run. Check the database type of the connection.`, statementCount: 0 };
  }

  const lexical = checkLexically(sql, dialect);
  if (!lexical.verdict.allowed) return lexical.verdict;

  const shape = statementShape(sql, lexical.tokens);
  if (shape !== undefined && allowedShapes.has(dialect, shape)) return { allowed: true, statementCount: lexical.verdict.statementCount };
  const verdict = await classifyParsed(sql, dialect, lexical);
  if (verdict.allowed && shape !== undefined) allowedShapes.add(dialect, shape);
  return verdict;
}

const allowedShapes = new AllowedShapes();

/** Forgets the remembered allowances (tests that compare cached and uncached verdicts). */
export function forgetAllowedShapes(): void {
  allowedShapes.clear();
}

async function classifyParsed(sql: string, dialect: SqlDialect, lexical: LexicalReport): Promise<GuardVerdict> {
  if (dialect === 'postgres' || dialect === 'duckdb') return classifyPostgres(sql, dialect);

  const parsed = await classifyWithNodeSqlParser(sql, dialect);
  if (parsed.outcome === 'allowed') return { allowed: true, statementCount: parsed.statementCount };
  if (parsed.outcome === 'refused') return { allowed: false, reason: parsed.reason, statementCount: parsed.statementCount };

  // node-sql-parser cannot parse many ordinary SQL Server and SQLite reads (EXCEPT, INTERSECT,
  // FOR JSON, OPTION (...), TRY_CAST, WITH ROLLUP, TABLESAMPLE; VALUES, [brackets], backslashes
  // in strings). Such SQL is accepted only because the token pass already found it clean: one
  // statement, no forbidden keyword or function, and here it must also begin with SELECT or
  // WITH. Anything carrying a forbidden token was refused above and never reaches this point.
  const firstWord = lexical.tokens[0]?.normalized;
  if (firstWord === 'select' || firstWord === 'with') return { allowed: true, statementCount: lexical.verdict.statementCount };
  return { allowed: false, reason: reasons.unparsable(dialect, parsed.detail), statementCount: lexical.verdict.statementCount };
}
