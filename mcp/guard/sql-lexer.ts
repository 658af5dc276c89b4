import { dialectOf } from '../dialects/index.js';
import type { SqlDialect } from './guard-types.js';

/**
 * A small SQL tokenizer that follows each dialect's quoting and comment rules (its `syntax` in
 * mcp/dialects/), so checks run on
 * real tokens: keywords hidden in comments or strings are not tokens, and keywords split by a
 * comment (`SEL/**\/ECT`) stay split, exactly as the database would read them.
 *
 * Where a rule is uncertain the lexer splits rather than joins (numbers stop before letters,
 * line comments stop at any line break), because a token seen that the server does not see
 * can only cause a false refusal, never a missed one.
 */

export type SqlTokenKind = 'word' | 'quoted_identifier' | 'string' | 'number' | 'parameter' | 'symbol';

export interface SqlToken {
  kind: SqlTokenKind;
  /** The token as written. */
  text: string;
  /** Words: lower case. Quoted identifiers: the name inside the quotes, lower case. */
  normalized: string;
  /** Offset of the token in the SQL text. */
  start: number;
}

export interface LexRules {
  /** PostgreSQL and SQL Server nest block comments; SQLite does not. */
  nestedBlockComments: boolean;
  /**
   * PostgreSQL with standard_conforming_strings off reads `\'` inside '...' as an escaped quote;
   * Databricks does by default (and not with spark.sql.parser.escapedStringLiterals on).
   */
  backslashEscapesInPlainStrings: boolean;
}

export class SqlLexError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'SqlLexError';
  }
}

export function documentedLexRules(dialect: SqlDialect): LexRules {
  const { syntax } = dialectOf(dialect);
  return { nestedBlockComments: syntax.nestedBlockComments, backslashEscapesInPlainStrings: syntax.backslashEscapes === 'on-by-default' };
}

const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const WHITESPACE = /\s/u;
const DIGIT = /[0-9]/;
const HEX_DIGIT = /[0-9A-Fa-f]/;
// Narrower than the servers' identifier rules on purpose (no combining marks, no non-ASCII
// digits, no leading `$` on SQL Server): splitting a word can only expose a keyword.
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}0-9_$]/u;
const TSQL_WORD_START = /[\p{L}_@#]/u;
const TSQL_WORD_PART = /[\p{L}0-9_$@#]/u;
const DOLLAR_TAG = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u;

export function tokenizeSql(sql: string, dialect: SqlDialect, rules: LexRules = documentedLexRules(dialect)): SqlToken[] {
  const { syntax } = dialectOf(dialect);
  const tokens: SqlToken[] = [];
  const length = sql.length;
  let i = 0;

  const push = (kind: SqlTokenKind, start: number, end: number, normalized?: string) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, normalized: normalized ?? text.toLowerCase(), start });
  };

  while (i < length) {
    const ch = sql[i];
    const next = sql[i + 1];

    if (WHITESPACE.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '-' && next === '-') {
      i = skipLineComment(sql, i);
      continue;
    }
    if (ch === '/' && next === '*') {
      i = skipBlockComment(sql, i, rules.nestedBlockComments);
      continue;
    }

    if (syntax.postgresStrings && (ch === 'e' || ch === 'E') && next === "'") {
      const end = readQuoted(sql, i + 1, "'", { backslashEscapes: true, doubledQuoteEscapes: true });
      push('string', i, end);
      i = end;
      continue;
    }
    if (syntax.sparkStrings && (ch === 'r' || ch === 'R') && (next === "'" || next === '"')) {
      // Spark raw string: no escapes at all.
      const end = readQuoted(sql, i + 1, next, { backslashEscapes: false, doubledQuoteEscapes: false });
      push('string', i, end);
      i = end;
      continue;
    }
    if (ch === "'" || (ch === '"' && syntax.sparkStrings)) {
      // Databricks reads "…" as a string literal, not an identifier.
      const end = readQuoted(sql, i, ch, {
        backslashEscapes: syntax.backslashEscapes !== 'never' && rules.backslashEscapesInPlainStrings,
        doubledQuoteEscapes: true,
      });
      push('string', i, end);
      i = end;
      continue;
    }
    if (ch === '"') {
      const end = readQuoted(sql, i, '"', { backslashEscapes: false, doubledQuoteEscapes: true });
      push('quoted_identifier', i, end, unquote(sql.slice(i, end), '"'));
      i = end;
      continue;
    }
    if (ch === '[' && syntax.bracketNames !== null) {
      // SQL Server escapes `]` inside brackets as `]]`; SQLite has no escape and ends at the first `]`.
      const end = readQuoted(sql, i, ']', { backslashEscapes: false, doubledQuoteEscapes: syntax.bracketNames === 'doubled-escape' });
      push('quoted_identifier', i, end, unquote(sql.slice(i, end), ']'));
      i = end;
      continue;
    }
    if (ch === '`' && syntax.backtickNames) {
      const end = readQuoted(sql, i, '`', { backslashEscapes: false, doubledQuoteEscapes: true });
      push('quoted_identifier', i, end, unquote(sql.slice(i, end), '`'));
      i = end;
      continue;
    }

    if (ch === '$' && syntax.postgresStrings) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 256))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        if (close < 0) throw new SqlLexError('a $-quoted string is never closed', i);
        push('string', i, close + tag.length);
        i = close + tag.length;
        continue;
      }
      if (next !== undefined && DIGIT.test(next)) {
        const end = readWhile(sql, i + 1, DIGIT);
        push('parameter', i, end);
        i = end;
        continue;
      }
    }
    if (syntax.sqliteParameters && (ch === '?' || ch === ':' || ch === '@' || ch === '$')) {
      const end = ch === '?' ? readWhile(sql, i + 1, DIGIT) : readWhile(sql, i + 1, WORD_PART);
      if (ch === '?' || end > i + 1) {
        push('parameter', i, end);
        i = end;
        continue;
      }
    }

    if (DIGIT.test(ch) || (ch === '.' && next !== undefined && DIGIT.test(next))) {
      const end = readNumber(sql, i);
      push('number', i, end);
      i = end;
      continue;
    }

    const wordStart = syntax.atAndHashInWords ? TSQL_WORD_START : WORD_START;
    const wordPart = syntax.atAndHashInWords ? TSQL_WORD_PART : WORD_PART;
    if (wordStart.test(ch)) {
      const end = readWhile(sql, i + 1, wordPart);
      push('word', i, end);
      i = end;
      continue;
    }

    const codePoint = sql.codePointAt(i) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    push('symbol', i, i + width);
    i += width;
  }
  return tokens;
}

function skipLineComment(sql: string, start: number): number {
  let i = start + 2;
  while (i < sql.length && !LINE_BREAK.test(sql[i])) i += 1;
  return i;
}

function skipBlockComment(sql: string, start: number, nested: boolean): number {
  let depth = 1;
  let i = start + 2;
  while (i < sql.length) {
    if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
      continue;
    }
    if (nested && sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
      continue;
    }
    i += 1;
  }
  throw new SqlLexError('a /* comment */ is never closed', start);
}

interface QuoteRules {
  backslashEscapes: boolean;
  doubledQuoteEscapes: boolean;
}

/** Returns the offset just past the closing quote. `start` is the opening quote. */
function readQuoted(sql: string, start: number, closing: string, rules: QuoteRules): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (rules.backslashEscapes && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === closing) {
      if (rules.doubledQuoteEscapes && sql[i + 1] === closing) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  throw new SqlLexError(`an opening ${sql[start]} has no closing ${closing}`, start);
}

function unquote(quoted: string, closing: string): string {
  return quoted.slice(1, -1).split(closing + closing).join(closing).toLowerCase();
}

function readWhile(sql: string, start: number, pattern: RegExp): number {
  let i = start;
  while (i < sql.length && pattern.test(sql[i])) i += 1;
  return i;
}

function readNumber(sql: string, start: number): number {
  if (sql[start] === '0' && (sql[start + 1] === 'x' || sql[start + 1] === 'X')) {
    return readWhile(sql, start + 2, HEX_DIGIT);
  }
  let i = readWhile(sql, start, /[0-9_]/);
  if (sql[i] === '.') i = readWhile(sql, i + 1, /[0-9_]/);
  if (sql[i] === 'e' || sql[i] === 'E') {
    const digitsAt = sql[i + 1] === '+' || sql[i + 1] === '-' ? i + 2 : i + 1;
    if (DIGIT.test(sql[digitsAt] ?? '')) i = readWhile(sql, digitsAt, DIGIT);
  }
  return i;
}
