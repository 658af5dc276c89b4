import type { SqliteDb, SqliteTx } from '../store/sqlite-db.js';
import { duckdbType, parseLakeType, type LakeColumn } from './lake-types.js';
import type { Layer } from './names.js';

export interface RegisteredFile {
  /** Relative to the tenant's lakehouse folder, with "/" separators. */
  path: string;
  rows: number;
  sha256: string;
  bytes: number;
}

export interface RegisteredTable {
  location: string;
  tenant_id: string;
  layer: Layer;
  name: string;
  columns: LakeColumn[];
  files: RegisteredFile[];
  row_count: number;
  source: Record<string, unknown> | null;
  last_job_id: string | null;
  created_at: string;
  updated_at: string;
}

interface Row {
  location: string;
  tenant_id: string;
  layer: Layer;
  name: string;
  columns_json: string;
  files_json: string;
  row_count: number;
  source_json: string | null;
  last_job_id: string | null;
  created_at: string;
  updated_at: string;
}

function fromRow(row: Row): RegisteredTable {
  const columns = (JSON.parse(row.columns_json) as { name: string; type: string; nullable: boolean }[]).map((c) => ({
    name: c.name,
    type: parseLakeType(c.type),
    nullable: c.nullable,
  }));
  return {
    location: row.location,
    tenant_id: row.tenant_id,
    layer: row.layer,
    name: row.name,
    columns,
    files: JSON.parse(row.files_json) as RegisteredFile[],
    row_count: row.row_count,
    source: row.source_json ? (JSON.parse(row.source_json) as Record<string, unknown>) : null,
    last_job_id: row.last_job_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * The lakehouse's table registry in the app store: for the local lakehouse the source of truth
 * (which Parquet files make up each table), for Databricks a record of what PACS MCP loaded.
 * Writes happen inside a job's publishing transaction.
 */
export class WarehouseRegistry {
  constructor(private readonly store: SqliteDb) {}

  async list(location: string, layer?: Layer): Promise<RegisteredTable[]> {
    const rows = layer
      ? await this.store.all<Row>('SELECT * FROM lakehouse_tables WHERE location = ? AND layer = ? ORDER BY layer, name', [location, layer])
      : await this.store.all<Row>("SELECT * FROM lakehouse_tables WHERE location = ? ORDER BY CASE layer WHEN 'bronze' THEN 0 WHEN 'silver' THEN 1 ELSE 2 END, name", [location]);
    return rows.map(fromRow);
  }

  async get(location: string, layer: Layer, name: string, tx?: SqliteTx): Promise<RegisteredTable | undefined> {
    const sql = 'SELECT * FROM lakehouse_tables WHERE location = ? AND layer = ? AND name = ?';
    const row = tx ? await tx.get<Row>(sql, [location, layer, name]) : await this.store.get<Row>(sql, [location, layer, name]);
    return row ? fromRow(row) : undefined;
  }

  async upsert(tx: SqliteTx, table: Omit<RegisteredTable, 'created_at' | 'updated_at'>): Promise<void> {
    const now = new Date().toISOString();
    const columns = table.columns.map((c) => ({ name: c.name, type: duckdbType(c.type), nullable: c.nullable }));
    await tx.run(
      `INSERT INTO lakehouse_tables (location, tenant_id, layer, name, columns_json, files_json, row_count, source_json, last_job_id, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT (location, layer, name) DO UPDATE SET columns_json = excluded.columns_json, files_json = excluded.files_json,
         row_count = excluded.row_count, source_json = excluded.source_json, last_job_id = excluded.last_job_id, updated_at = excluded.updated_at`,
      [table.location, table.tenant_id, table.layer, table.name, JSON.stringify(columns), JSON.stringify(table.files), table.row_count,
        table.source ? JSON.stringify(table.source) : null, table.last_job_id, now, now],
    );
  }
}
