import { dialectOf } from '../dialects/index.js';
import { tsql } from '../dialects/tsql.js';
import { tokenizeSql } from '../guard/sql-lexer.js';

export type PlaceholderTarget = 'postgres' | 'tsql';

/**
 * The engine writes its SQL with `?` placeholders (SQLite's style). PostgreSQL wants `$1, $2…`
 * and SQL Server (through mssql) named parameters, which we call `@p1, @p2…`. Only `?` tokens
 * are rewritten: a `?` inside a string literal, a quoted identifier or a comment is left alone,
 * because the dialect's own lexer (the guard's) decides what is code.
 *
 * SQL with no parameters is returned unchanged, so a user's query_sql text (where `?` may be a
 * PostgreSQL jsonb operator) is never touched.
 */
export function translatePlaceholders(sql: string, params: readonly unknown[], target: PlaceholderTarget): string {
  if (params.length === 0) return sql;
  let out = '';
  let last = 0;
  let count = 0;
  for (const token of tokenizeSql(sql, target)) {
    if (token.kind !== 'symbol' || token.text !== '?') continue;
    count += 1;
    out += sql.slice(last, token.start) + dialectOf(target).parameterMarker(count);
    last = token.start + 1;
  }
  if (count !== params.length) {
    throw new Error(`Internal query error: the SQL has ${count} ? placeholder(s) but ${params.length} value(s) were given.`);
  }
  return out + sql.slice(last);
}

/** `@p1`, `@p2`…: the names translatePlaceholders gives SQL Server parameters, 1-based. */
export function tsqlParameterName(index: number): string {
  return tsql.parameterMarker(index + 1).slice(1);
}
