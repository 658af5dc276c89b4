import type { SourceConnector } from '../connectors/connector.js';
import type { SqliteTx } from '../store/sqlite-db.js';
import type { LakeColumn } from './lake-types.js';
import type { Layer } from './names.js';
import type { ParquetFile } from './parquet/parquet-writer.js';

export interface WarehouseTable {
  layer: Layer;
  name: string;
  /** How users write it: `bronze.property` locally, `tenant_a.bronze.property` on Databricks. */
  qualified_name: string;
  row_count: number | null;
  column_count: number;
  updated_at: string | null;
  source: Record<string, unknown> | null;
}

export interface LoadRequest {
  layer: Layer;
  name: string;
  file: ParquetFile;
  /** replace: the table becomes this file; append: the file's rows are added (incremental sync). */
  mode: 'replace' | 'append';
  source: Record<string, unknown>;
  jobId: string;
  signal: AbortSignal;
}

export interface LoadResult {
  qualified_name: string;
  /** Rows in the table after the load. */
  row_count: number;
  /** The Parquet file loaded, when the warehouse wrote one itself (materialize). */
  file?: { sha256: string; bytes: number };
  /**
   * Makes the load visible, inside the app-store transaction that also marks the job succeeded:
   * for the local lakehouse this is the moment the new files replace the old.
   */
  publish(tx: SqliteTx): Promise<void>;
  /** After the publishing transaction committed: clean-up such as deleting replaced files. */
  afterPublish?(): Promise<void>;
  /** When the job fails after the load but before publishing: removes what the load left. */
  discard?(): Promise<void>;
}

export interface MaterializeRequest {
  layer: Layer;
  name: string;
  /** A SELECT in this warehouse's dialect over its own tables (built by PACS MCP, never by the model). */
  select: string;
  /** The tables `select` reads, so the local lakehouse can expose exactly those. */
  inputs: { layer: Layer; name: string }[];
  source: Record<string, unknown>;
  jobId: string;
  signal: AbortSignal;
}

/**
 * A warehouse: bronze/silver/gold tables of one tenant. Also a SourceConnector, so
 * list_source_tables, describe_table, query_sql and the analysis tools work on it read-only.
 * Two implementations pass one conformance suite: the local lakehouse (Parquet + DuckDB) and
 * Databricks SQL (Unity Catalog, `tenant_{id}.bronze.*`).
 */
export interface WarehouseConnector extends SourceConnector {
  readonly family: 'warehouse';
  readonly warehouseKind: 'lakehouse' | 'databricks';
  readonly dialect: 'duckdb' | 'databricks';
  readonly tenantId: string;
  /** Registry key of this warehouse's tables in the app store. */
  readonly location: string;
  qualifiedName(layer: Layer, name: string): string;
  /** The table's name in this warehouse's SQL, every part quoted. */
  sqlName(layer: Layer, name: string): string;
  listLayerTables(layer?: Layer): Promise<WarehouseTable[]>;
  tableColumns(layer: Layer, name: string): Promise<LakeColumn[] | null>;
  /** A private folder for a job's temporary files (spools, Parquet before upload). */
  workDir(jobId: string): string;
  load(request: LoadRequest): Promise<LoadResult>;
  materialize(request: MaterializeRequest): Promise<LoadResult>;
}
