import type { SqlDialect } from '../guard/guard-types.js';

/**
 * Identifier and literal quoting for SQL that PACS MCP builds itself. Every name that reaches
 * SQL we generate goes through `quoteIdent`, whatever it looks like.
 */

export function quoteIdent(dialect: SqlDialect, name: string): string {
  if (name.includes('\0')) throw new Error('A name may not contain a NUL character.');
  switch (dialect) {
    case 'tsql':
      return `[${name.replace(/]/g, ']]')}]`;
    case 'databricks':
      return `\`${name.replace(/`/g, '``')}\``;
    default:
      return `"${name.replace(/"/g, '""')}"`;
  }
}

/** `schema.name`, except on SQLite where the one schema is implicit. */
export function qualifiedTable(dialect: SqlDialect, schema: string, name: string): string {
  if (dialect === 'sqlite' && (schema === 'main' || schema === '')) return quoteIdent(dialect, name);
  return `${quoteIdent(dialect, schema)}.${quoteIdent(dialect, name)}`;
}

/** A string literal. Databricks reads backslashes in strings as escapes, the others do not. */
export function stringLiteral(dialect: SqlDialect, value: string): string {
  if (value.includes('\0')) throw new Error('A text value may not contain a NUL character.');
  if (dialect === 'databricks') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return dialect === 'tsql' ? `N${quoted}` : quoted;
}

/** `SELECT … FROM t` capped at n rows, in the dialect's words. */
export function selectWithLimit(dialect: SqlDialect, selectList: string, from: string, rows: number, rest = ''): string {
  const n = Math.max(0, Math.floor(rows));
  const tail = rest ? ` ${rest}` : '';
  return dialect === 'tsql' ? `SELECT TOP (${n}) ${selectList} FROM ${from}${tail}` : `SELECT ${selectList} FROM ${from}${tail} LIMIT ${n}`;
}

/** How query_sql SQL should look on a connection, for prompts and tool descriptions. */
export const DIALECT_HINT: Record<SqlDialect, string> = {
  sqlite: 'SQLite (LIMIT n, "double quotes")',
  postgres: 'PostgreSQL (LIMIT n, "double quotes")',
  tsql: 'T-SQL for SQL Server (TOP n, [brackets])',
  duckdb: 'DuckDB on the local lakehouse (PostgreSQL-style SELECT, LIMIT n, tables bronze.*, silver.*, gold.*)',
  databricks: 'Databricks SQL (LIMIT n, `backticks`, tables bronze.*, silver.*, gold.* of the tenant catalog)',
};
