import type { SqlDialect } from '../guard/read-only-guard.js';

// Warehouses (DuckDB lakehouse, Databricks) name their schemas after the layers; bronze is where data lands.
const DEFAULT_SCHEMA: Record<SqlDialect, string> = { sqlite: 'main', postgres: 'public', tsql: 'dbo', duckdb: 'bronze', databricks: 'bronze' };

/** "dbo.property" / "[dbo].[property]" / "property" → schema and bare name, quotes removed. */
export function splitTableName(qualified: string, dialect: SqlDialect): { schema: string; name: string } {
  const parts = qualified.split('.').map((p) => p.trim().replace(/^[["`]|[\]"`]$/g, ''));
  if (parts.length === 1) return { schema: DEFAULT_SCHEMA[dialect], name: parts[0] };
  return { schema: parts[parts.length - 2], name: parts[parts.length - 1] };
}
