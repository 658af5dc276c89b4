import { dialectOf } from '../dialects/index.js';
import type { SqlDialect } from './guard-types.js';

/**
 * A small SQL tokenizer that follows each dialect's quoting and comment rules (its `syntax` in
 * mcp/dialects/), so checks run on
 * real tokens: keywords hidden in comments or strings are not tokens, and keywords split by a
 * comment (`SEL/**\/ECT`) stay split, exactly as the database would read them.
 *
 * A token boundary the server does not share is dangerous in both directions: a quote or `--`
 * the lexer sees inside what the server reads as a name, or misses where the server sees one,
 * shifts every string and comment after it. So names, white space and the end of a line
 * comment follow each server exactly, and where servers disagree (a line comment ending at a
 * line break other than \n) the text is refused. Numbers stop before letters: a number cannot
 * hold a quote, so splitting one only adds tokens.
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

/** Line breaks other than \n: SQLite's line comment runs on past them, PostgreSQL's ends at \r. */
const OTHER_LINE_BREAK = /[\r\v\f\u0085\u2028\u2029]/;
const ASCII_SPACE = /[\t\n\v\f\r ]/;
const DIGIT = /[0-9]/;
const HEX_DIGIT = /[0-9A-Fa-f]/;
const DIGIT_OR_SEPARATOR = /[0-9_]/;
const SPARK_NAME_PART = /[\p{L}0-9_]/u;
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}0-9_$]/u;
const TSQL_WORD_START = /[\p{L}_@#]/u;
const TSQL_WORD_PART = /[\p{L}0-9_$@#]/u;
const BYTE_NAME_START = /[A-Za-z_\u0080-\u{10FFFF}]/u;
const BYTE_NAME_PART = /[A-Za-z0-9_$\u0080-\u{10FFFF}]/u;

export function tokenizeSql(sql: string, dialect: SqlDialect, rules: LexRules = documentedLexRules(dialect)): SqlToken[] {
  const { syntax } = dialectOf(dialect);
  const tokens: SqlToken[] = [];
  const length = sql.length;
  let i = 0;

  const isSpace = (ch: string) => ASCII_SPACE.test(ch) || (syntax.unicodeSpaces?.characters.test(ch) ?? false);
  const [nameStart, namePart] = syntax.nonAsciiInNames
    ? [BYTE_NAME_START, BYTE_NAME_PART]
    : syntax.atAndHashInWords
      ? [TSQL_WORD_START, TSQL_WORD_PART]
      : [WORD_START, WORD_PART];
  const isNameStart = (ch: string) => nameStart.test(ch) && !isSpace(ch);
  const isNamePart = (ch: string) => namePart.test(ch) && !isSpace(ch);

  const push = (kind: SqlTokenKind, start: number, end: number, normalized?: string) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, normalized: normalized ?? text.toLowerCase(), start });
  };

  while (i < length) {
    const ch = sql[i];
    const next = sql[i + 1];

    if (isSpace(ch)) {
      if (syntax.unicodeSpaces?.readAs === 'either' && !ASCII_SPACE.test(ch)) {
        throw new SqlLexError(`a U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} space outside quotes, which ${dialectOf(dialect).label} reads either as a space or as part of a name; use a plain space`, i);
      }
      i += 1;
      continue;
    }
    if (ch === '-' && next === '-') {
      i = skipLineComment(sql, i, syntax.sparkNamesAndComments);
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
      const tag = readDollarTag(sql, i, isNameStart, isNamePart);
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        if (close < 0) throw new SqlLexError('a $-quoted string is never closed', i);
        push('string', i, close + tag.length);
        i = close + tag.length;
        continue;
      }
      if (next !== undefined && DIGIT.test(next)) {
        const end = readWhile(sql, i + 1, (c) => DIGIT.test(c));
        push('parameter', i, end);
        i = end;
        continue;
      }
    }
    if (syntax.sqliteParameters && ch === '?') {
      const end = readWhile(sql, i + 1, (c) => DIGIT.test(c));
      push('parameter', i, end);
      i = end;
      continue;
    }
    if (syntax.sqliteParameters && (ch === ':' || ch === '@' || ch === '$' || ch === '#')) {
      const end = readSqliteNamedParameter(sql, i, isNamePart);
      if (end !== undefined) {
        push('parameter', i, end);
        i = end;
        continue;
      }
    }

    if (DIGIT.test(ch) || (ch === '.' && next !== undefined && DIGIT.test(next))) {
      const end = readNumber(sql, i);
      if (syntax.sparkNamesAndComments && SPARK_NAME_PART.test(sql[end] ?? '')) {
        throw new SqlLexError(`a number run into letters (${sql.slice(i, end + 1)}), which Spark may read as a name; put a space after the number`, i);
      }
      push('number', i, end);
      i = end;
      continue;
    }

    if (isNameStart(ch)) {
      const end = readWhile(sql, i + 1, isNamePart);
      if (syntax.sparkNamesAndComments && sql.startsWith('://', end)) {
        throw new SqlLexError('an unquoted path (scheme://…), which Spark reads as one name, -- and quotes included; quote it with backticks', i);
      }
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

/**
 * Every server ends a line comment at \n (after \r\n, too); they disagree on the other line
 * breaks. Spark carries the comment on past a \n right after a backslash.
 */
function skipLineComment(sql: string, start: number, backslashCarriesOn: boolean): number {
  let i = start + 2;
  while (i < sql.length && (sql[i] !== '\n' || (backslashCarriesOn && sql[i - 1] === '\\'))) {
    if (OTHER_LINE_BREAK.test(sql[i]) && !(sql[i] === '\r' && sql[i + 1] === '\n')) {
      throw new SqlLexError('a -- comment holds a line break other than a plain one, where databases disagree on where the comment ends', i);
    }
    i += 1;
  }
  return i;
}

/**
 * SQLite's `:name`, `@name`, `$name` and `#name`: name characters and `::` pairs, then
 * optionally `(…)` up to the first `)` with no white space before it. Undefined when no name
 * character follows the mark (SQLite refuses the text then).
 */
function readSqliteNamedParameter(sql: string, start: number, isNamePart: (ch: string) => boolean): number | undefined {
  let i = start + 1;
  let nameCharacters = 0;
  while (i < sql.length) {
    if (isNamePart(sql[i])) {
      nameCharacters += 1;
      i += 1;
    } else if (sql[i] === ':' && sql[i + 1] === ':') {
      i += 2;
    } else if (sql[i] === '(' && nameCharacters > 0) {
      const close = readWhile(sql, i + 1, (c) => c !== ')' && !ASCII_SPACE.test(c));
      if (sql[close] !== ')') throw new SqlLexError(`the parameter ${sql.slice(start, i)}( has no ) before white space`, start);
      return close + 1;
    } else {
      break;
    }
  }
  return nameCharacters > 0 ? i : undefined;
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

/** `$$` or `$tag$` at `start`, where a tag is a name without `$`, of any length. */
function readDollarTag(sql: string, start: number, isNameStart: (ch: string) => boolean, isNamePart: (ch: string) => boolean): string | undefined {
  let i = start + 1;
  if (isNameStart(sql[i])) i = readWhile(sql, i + 1, (c) => c !== '$' && isNamePart(c));
  return sql[i] === '$' ? sql.slice(start, i + 1) : undefined;
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

function readWhile(sql: string, start: number, belongs: (ch: string) => boolean): number {
  let i = start;
  while (i < sql.length && belongs(sql[i])) i += 1;
  return i;
}

function readNumber(sql: string, start: number): number {
  if (sql[start] === '0' && (sql[start + 1] === 'x' || sql[start + 1] === 'X')) {
    return readWhile(sql, start + 2, (c) => HEX_DIGIT.test(c));
  }
  let i = readWhile(sql, start, (c) => DIGIT_OR_SEPARATOR.test(c));
  if (sql[i] === '.') i = readWhile(sql, i + 1, (c) => DIGIT_OR_SEPARATOR.test(c));
  if (sql[i] === 'e' || sql[i] === 'E') {
    const digitsAt = sql[i + 1] === '+' || sql[i + 1] === '-' ? i + 2 : i + 1;
    if (DIGIT.test(sql[digitsAt] ?? '')) i = readWhile(sql, digitsAt, (c) => DIGIT.test(c));
  }
  return i;
}
