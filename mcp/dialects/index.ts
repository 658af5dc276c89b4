import type { ConnectionKind } from '../connections/connection-types.js';
import { databricks } from './databricks.js';
import type { Dialect, SqlDialect, WarehouseDialect } from './dialect.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { sqlite } from './sqlite.js';
import { tsql } from './tsql.js';

export type { Dialect, SqlDialect, WarehouseDialect } from './dialect.js';
export { PROCEDURE_NAME } from './dialect.js';

/** Every dialect, by name. A new database adds its file here (and its connector folder). */
export const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = { sqlite, postgres, tsql, duckdb, databricks };

const WAREHOUSE_DIALECTS: Readonly<Record<WarehouseDialect['name'], WarehouseDialect>> = { duckdb, databricks };

export function isSqlDialect(value: unknown): value is SqlDialect {
  return typeof value === 'string' && Object.hasOwn(DIALECTS, value);
}

export function dialectOf(name: SqlDialect): Dialect {
  if (!isSqlDialect(name)) throw new Error(`PACS MCP does not know the SQL dialect "${String(name)}".`);
  return DIALECTS[name];
}

export function warehouseDialectOf(name: WarehouseDialect['name']): WarehouseDialect {
  if (!Object.hasOwn(WAREHOUSE_DIALECTS, name)) throw new Error(`"${String(name)}" is not a warehouse dialect.`);
  return WAREHOUSE_DIALECTS[name];
}

/** The dialect a connection of this kind speaks. */
export function dialectForKind(kind: ConnectionKind): Dialect {
  const found = Object.values(DIALECTS).find((d) => d.connectionKind === kind);
  if (!found) throw new Error(`No SQL dialect is defined for connections of kind "${kind}".`);
  return found;
}

/** What the model is told about a connection's SQL: the one-line hint, then the cautions. */
export function dialectGuidance(dialect: Dialect): string {
  return [dialect.hint + '.', ...dialect.cautions].join(' ');
}
