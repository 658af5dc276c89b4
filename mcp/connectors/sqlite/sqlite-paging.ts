import { SqlLexError, tokenizeSql } from '../../guard/sql-lexer.js';

/**
 * How a SELECT can be read in pages: each page one call into SQLite (`all`) instead of one call
 * per row. A LIMIT (and OFFSET) is added after the statement when it has none of its own at the
 * top level; a statement that cannot take one (more than one statement, unreadable text) is
 * read row by row as before.
 */
export interface PageableSelect {
  /** The statement without a trailing semicolon. */
  body: string;
  /** It sorts at the top level: pages after the first could split equal keys differently, so only the first page is taken this way. */
  ordered: boolean;
}

/**
 * The row count a statement's own top-level `LIMIT n` (or `LIMIT n OFFSET m`) allows, when it
 * ends with one and n is a plain integer: such a statement returns at most n rows whatever its
 * text, so it can be read whole in one call when n is within the caller's cap.
 */
export function ownRowLimit(sql: string): number | undefined {
  let tokens;
  try {
    tokens = tokenizeSql(sql, 'sqlite');
  } catch (err) {
    if (err instanceof SqlLexError) return undefined;
    throw err;
  }
  let end = tokens.length;
  while (end > 0 && tokens[end - 1].kind === 'symbol' && tokens[end - 1].text === ';') end--;
  if (tokens.slice(0, end).some((t) => t.kind === 'symbol' && t.text === ';')) return undefined;
  const word = (i: number, w: string) => tokens[i]?.kind === 'word' && tokens[i].normalized === w;
  const count = (i: number) => (tokens[i]?.kind === 'number' && /^[0-9]{1,9}$/.test(tokens[i].text) ? Number(tokens[i].text) : undefined);
  if (end >= 2 && word(end - 2, 'limit')) return count(end - 1);
  if (end >= 4 && word(end - 4, 'limit') && word(end - 2, 'offset') && count(end - 1) !== undefined) return count(end - 3);
  return undefined;
}

export function pageableSelect(sql: string): PageableSelect | undefined {
  let tokens;
  try {
    tokens = tokenizeSql(sql, 'sqlite');
  } catch (err) {
    if (err instanceof SqlLexError) return undefined;
    throw err;
  }
  let end = tokens.length;
  while (end > 0 && tokens[end - 1].kind === 'symbol' && tokens[end - 1].text === ';') end--;
  if (end === 0) return undefined;
  let depth = 0;
  let ordered = false;
  for (let i = 0; i < end; i++) {
    const t = tokens[i];
    if (t.kind === 'symbol') {
      if (t.text === '(') depth++;
      else if (t.text === ')') depth--;
      else if (t.text === ';') return undefined;
      continue;
    }
    if (depth !== 0 || t.kind !== 'word') continue;
    if (t.normalized === 'limit' || t.normalized === 'offset') return undefined;
    if (t.normalized === 'order' && tokens[i + 1]?.kind === 'word' && tokens[i + 1].normalized === 'by') ordered = true;
  }
  const last = tokens[end - 1];
  // A line break before the added clause ends any comment the statement finishes with.
  return { body: sql.slice(0, last.start + last.text.length), ordered };
}

/** The statement limited to `limit` rows after `offset` (integers we chose, never the caller's text). */
export function pageSql(select: PageableSelect, limit: number, offset = 0): string {
  return `${select.body}\nLIMIT ${Math.floor(limit)}${offset > 0 ? ` OFFSET ${Math.floor(offset)}` : ''}`;
}
