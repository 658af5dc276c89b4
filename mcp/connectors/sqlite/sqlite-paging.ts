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
