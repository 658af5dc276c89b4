/**
 * `duckdb`: the local lakehouse (DuckDB over Parquet). `databricks`: Databricks SQL (Spark SQL).
 */
export type SqlDialect = 'sqlite' | 'postgres' | 'tsql' | 'duckdb' | 'databricks';

export interface GuardVerdict {
  allowed: boolean;
  /** Why the SQL was refused, written for the person who asked, with what to do instead. */
  reason?: string;
  statementCount: number;
}

export const DIALECT_LABEL: Record<SqlDialect, string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
  tsql: 'SQL Server',
  duckdb: 'DuckDB',
  databricks: 'Databricks SQL',
};
