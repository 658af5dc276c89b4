import { dialectOf } from '../dialects/index.js';
import type { GuardVerdict, SqlDialect } from './guard-types.js';
import { isDangerousFunction, isForbiddenKeyword } from './forbidden-sql.js';
import * as reasons from './rejection-reasons.js';
import { documentedLexRules, SqlLexError, tokenizeSql, type LexRules, type SqlToken } from './sql-lexer.js';
import { findForbiddenTsqlSystemObject } from './tsql-system-objects.js';

/**
 * The token-level pass. It refuses regardless of what a parser later says, so a parser that is
 * too lenient (or reads a string differently from the server) cannot let a write through.
 */

export const MAX_SQL_LENGTH = 200_000;

export interface LexicalReport {
  verdict: GuardVerdict;
  /** Tokens under the dialect's documented rules; empty when the SQL could not be read. */
  tokens: SqlToken[];
}

const ALLOWED_FIRST_WORDS: Record<SqlDialect, string[]> = {
  postgres: ['select', 'with', 'values', 'table'],
  sqlite: ['select', 'with', 'values'],
  tsql: ['select', 'with'],
  duckdb: ['select', 'with', 'values'],
  databricks: ['select', 'with'],
};

const ROW_LOCK_AFTER_FOR = new Set(['update', 'share', 'no', 'key']);
/** SQL Server's set operators. Not MINUS: SQL Server reads `SELECT 1 MINUS SELECT 2` as a column alias and a second statement. */
const SET_OPERATORS = new Set(['union', 'all', 'except', 'intersect']);
/** `TOP 5 WITH TIES`, `GROUP BY … WITH ROLLUP | CUBE`: a WITH that does not start a CTE. */
const WITH_MODIFIERS = new Set(['ties', 'rollup', 'cube']);

export function checkLexically(sql: string, dialect: SqlDialect): LexicalReport {
  if (sql.length > MAX_SQL_LENGTH) return refuse(reasons.tooLong(MAX_SQL_LENGTH), 0);
  if (sql.includes('\0')) return refuse(reasons.containsNulCharacter(), 0);

  const [documented, ...alternatives] = lexRuleVariants(sql, dialect);
  let tokens: SqlToken[];
  try {
    tokens = tokenizeSql(sql, dialect, documented);
  } catch (error) {
    return refuse(describeLexError(error), 0);
  }
  const statementCount = countStatements(tokens, dialect);
  const violation = findViolation(tokens, dialect);
  if (violation) return { verdict: { allowed: false, reason: violation, statementCount }, tokens };

  for (const rules of alternatives) {
    let alternativeTokens: SqlToken[];
    try {
      alternativeTokens = tokenizeSql(sql, dialect, rules);
    } catch (error) {
      // Unreadable under that reading means a server using it would refuse the whole text.
      if (error instanceof SqlLexError) continue;
      throw error;
    }
    const alternativeViolation = findViolation(alternativeTokens, dialect);
    if (alternativeViolation) {
      const what = rules.nestedBlockComments !== documented.nestedBlockComments ? 'comments' : 'backslashes';
      return refuse(reasons.readsDifferentlyUnderServerSettings(alternativeViolation, what), statementCount);
    }
  }
  return { verdict: { allowed: true, statementCount }, tokens };
}

/**
 * The documented reading first, then, for PostgreSQL SQL with a backslash, the reading of a
 * server running with standard_conforming_strings off, where `\'` inside '...' is an escaped
 * quote. The SQL must be clean under every reading a server could execute. (Comment nesting
 * is fixed per dialect, not a setting, so it needs no second reading.)
 */
function lexRuleVariants(sql: string, dialect: SqlDialect): LexRules[] {
  const { syntax } = dialectOf(dialect);
  const documented = documentedLexRules(dialect);
  const variants = [documented];
  if (syntax.backslashEscapes !== 'never' && sql.includes('\\')) {
    // Databricks is the other way round: escapes by default, none with escapedStringLiterals on.
    variants.push({ ...documented, backslashEscapesInPlainStrings: !documented.backslashEscapesInPlainStrings });
  }
  if (syntax.commentNestingVaries && sql.includes('/*')) {
    // Spark nests /* */ comments; an engine that did not would read the text differently.
    for (const rules of [...variants]) variants.push({ ...rules, nestedBlockComments: false });
  }
  return variants;
}

function findViolation(tokens: SqlToken[], dialect: SqlDialect): string | undefined {
  if (tokens.every((token) => token.text === ';')) return reasons.emptySql();

  const first = tokens[0];
  const firstIsAllowed = first.text === '(' || (first.kind === 'word' && ALLOWED_FIRST_WORDS[dialect].includes(first.normalized));
  if (!firstIsAllowed) {
    if (first.kind === 'word' && first.normalized === 'replace') return reasons.replaceStatement();
    const isKeyword = first.kind === 'word' && isForbiddenKeyword(first.normalized, dialect);
    return isKeyword ? reasons.forbiddenKeyword(first.normalized, dialect, false) : reasons.notASelect(first.text, dialect);
  }

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    const next = tokens[index + 1];

    if (token.text === ';' && token.kind === 'symbol') {
      if (next) return reasons.stackedStatements();
      continue;
    }
    if (token.kind === 'quoted_identifier' && isDangerousFunction(token.normalized, dialect) && isCallOrAnyName(next, dialect)) {
      return reasons.dangerousFunction(token.normalized, dialect);
    }
    if (token.kind === 'quoted_identifier' && namesAFile(token.normalized, dialect)) {
      return reasons.fileAccess(token.text, dialect);
    }
    if (token.kind !== 'word') continue;

    const word = token.normalized;
    if (isForbiddenKeyword(word, dialect)) return reasons.forbiddenKeyword(word, dialect);
    if (word === 'replace' && next?.text !== '(') return reasons.replaceStatement();
    if (isDangerousFunction(word, dialect) && isCallOrAnyName(next, dialect)) return reasons.dangerousFunction(token.text, dialect);
    if (word === 'for' && next?.kind === 'word' && ROW_LOCK_AFTER_FOR.has(next.normalized)) {
      return reasons.rowLocking(describeLockingClause(tokens, index));
    }
    if (dialect === 'tsql' && word === 'next' && next?.kind === 'word' && next.normalized === 'value') {
      return reasons.sequenceIncrement();
    }
    // Spark's `SELECT TRANSFORM(…) USING 'command'` (also MAP/REDUCE … USING) runs the command on
    // the cluster. In a query, USING is otherwise followed by `(` (JOIN … USING) or a name.
    if (dialect === 'databricks' && word === 'using' && next?.kind === 'string') return reasons.scriptTransform();
  }

  if (dialect === 'tsql') {
    const secondStatement = findTsqlStatementWithoutSemicolon(tokens);
    if (secondStatement) return reasons.secondStatementWithoutSemicolon(secondStatement.text);
    const systemObject = findForbiddenTsqlSystemObject(tokens);
    if (systemObject) return systemObject;
  }
  return undefined;
}

/**
 * On DuckDB and Databricks a function is only ever called with parentheses (and on DuckDB the
 * parser pass checks every call again), so there a column named like a function (`read_date`)
 * is fine. Elsewhere `EXEC sp_who` calls without them, so any such word is refused.
 */
function isCallOrAnyName(next: SqlToken | undefined, dialect: SqlDialect): boolean {
  if (dialect !== 'duckdb' && dialect !== 'databricks') return true;
  return next?.text === '(';
}

/**
 * DuckDB reads `FROM "data.csv"` as a file (a replacement scan) and Spark reads
 * ``parquet.`/path` `` as one: a quoted name that looks like a path or a file is refused.
 */
const FILE_EXTENSION = /\.(csv|tsv|txt|parquet|json|jsonl|ndjson|xlsx?|arrow|avro|orc|db|duckdb|sqlite3?|gz|zst|zip)$/;

function namesAFile(name: string, dialect: SqlDialect): boolean {
  if (dialect !== 'duckdb' && dialect !== 'databricks') return false;
  return /[/\\]|:\/\/|^~/.test(name) || FILE_EXTENSION.test(name);
}

function describeLockingClause(tokens: SqlToken[], forIndex: number): string {
  const words = ['FOR'];
  for (let index = forIndex + 1; index < tokens.length && words.length < 4; index += 1) {
    const word = tokens[index].normalized;
    if (!ROW_LOCK_AFTER_FOR.has(word)) break;
    words.push(word.toUpperCase());
    if (word === 'update' || word === 'share') break;
  }
  return words.join(' ');
}

/**
 * SQL Server runs `SELECT 1 SELECT 2` as two statements. At the outer level a SELECT may only
 * start the query, follow a set operator, or follow the `)` that closes a WITH clause's query
 * (`AS (...)`, `XMLNAMESPACES (...)`); a CTE (`WITH name AS`) may only start the query.
 */
function findTsqlStatementWithoutSemicolon(tokens: SqlToken[]): SqlToken | undefined {
  const openerBefore: Array<string | undefined> = [];
  let lastClosedOpener: string | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token.text === '(' && token.kind === 'symbol') {
      openerBefore.push(tokens[index - 1]?.normalized);
      continue;
    }
    if (token.text === ')' && token.kind === 'symbol') {
      lastClosedOpener = openerBefore.pop();
      continue;
    }
    if (index === 0 || openerBefore.length > 0 || token.kind !== 'word') continue;

    const previous = tokens[index - 1];
    if (token.normalized === 'select') {
      const afterSetOperator = previous.kind === 'word' && SET_OPERATORS.has(previous.normalized);
      const afterWithClause = previous.text === ')' && (lastClosedOpener === 'as' || lastClosedOpener === 'xmlnamespaces');
      if (!afterSetOperator && !afterWithClause) return token;
    }
    if (token.normalized === 'with') {
      const name = tokens[index + 1];
      const afterName = tokens[index + 2];
      const startsCte =
        (name?.kind === 'quoted_identifier' || (name?.kind === 'word' && !WITH_MODIFIERS.has(name.normalized))) &&
        (afterName?.normalized === 'as' || afterName?.text === '(');
      if (startsCte) return token;
    }
  }
  return undefined;
}

function countStatements(tokens: SqlToken[], dialect: SqlDialect): number {
  let count = 0;
  let statementHasTokens = false;
  for (const token of tokens) {
    if (token.text === ';' && token.kind === 'symbol') {
      if (statementHasTokens) count += 1;
      statementHasTokens = false;
    } else {
      statementHasTokens = true;
    }
  }
  if (statementHasTokens) count += 1;
  if (dialect === 'tsql' && count === 1 && findTsqlStatementWithoutSemicolon(tokens)) count = 2;
  return count;
}

function describeLexError(error: unknown): string {
  if (error instanceof SqlLexError) return reasons.unreadable(error.message, error.position);
  throw error;
}

function refuse(reason: string, statementCount: number): LexicalReport {
  return { verdict: { allowed: false, reason, statementCount }, tokens: [] };
}
