import type { SqlDialect } from '../dialects/dialect.js';
import type { SqliteDb } from '../store/sqlite-db.js';
import { UserError } from '../util/user-error.js';

export type Row = Record<string, unknown>;

export interface TableInfo {
  catalog: string;
  schema: string;
  name: string;
  type: 'table' | 'view';
}

export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  primary_key: boolean;
}

/** A foreign key as the database declares it: `columns` of `table` reference `ref_columns` of `ref_table`, in key order. */
export interface ForeignKeyInfo {
  schema: string;
  table: string;
  columns: string[];
  ref_schema: string;
  ref_table: string;
  ref_columns: string[];
}

export interface QueryOptions {
  maxRows: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface QueryResult {
  columns: string[];
  rows: Row[];
  row_count: number;
  truncated: boolean;
}

export interface TestResult {
  ok: boolean;
  latency_ms: number;
  server_version?: string;
  /** What kind of failure, so the message can say what to do. */
  failure?: 'dns' | 'refused' | 'tls' | 'login' | 'database_missing' | 'timeout' | 'file_missing' | 'unconfirmed' | 'other';
  message: string;
}

/**
 * What every connector reads: a PACS database (SQLite, PostgreSQL, SQL Server) or a warehouse
 * (lakehouse, Databricks). Every read goes through here, and the connector runs it read-only at
 * the database level too (SQLite query_only, PostgreSQL READ ONLY transaction, SQL Server a
 * transaction that is always rolled back). `sql` uses `?` placeholders; connectors translate.
 */
export interface SourceConnector {
  /** `database` connectors also take writes (`DatabaseConnector`); `warehouse` ones load tables. */
  readonly family: 'database' | 'warehouse';
  readonly dialect: SqlDialect;
  /** The catalog name resources and list_source_tables report (the database name). */
  readonly catalog: string;
  /**
   * The database runs inside this process (SQLite, DuckDB): a query costs no network round trip,
   * so many small queries beat one scan of a whole table.
   */
  readonly inProcess: boolean;
  test(): Promise<TestResult>;
  listTables(): Promise<TableInfo[]>;
  describeTable(schema: string, name: string): Promise<ColumnInfo[]>;
  /** Every foreign key the database declares, composite keys in full (warehouses declare none). */
  foreignKeys?(): Promise<ForeignKeyInfo[]>;
  /** A read capped at `maxRows` rows (`truncated` says when it cut). */
  query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult>;
  /** Every row of a read-only query whose size the caller has already bounded (an IN list of a few hundred keys, a code table). */
  queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]>;
  /** Streams every row of a read-only query in batches, without a timeout; for syncs and exports. */
  streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]>;
  close(): Promise<void>;
}

/** A right `pacs-mcp doctor` asks whether this connection's login holds. */
export interface PrivilegeCheck {
  privilege: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'EXECUTE';
  /** A table in the default schema, or for EXECUTE a procedure (`name` or `schema.name`). */
  object: string;
  /** A table of another database on the same server (SQL Server: what a promotion procedure reads in pacs_training). */
  database?: string;
}

/** One setting of the database a PACS compatibility check reports. */
export interface DatabaseSetting {
  name: string;
  value: string;
  /** False when the setting makes a tool fail, wait or behave differently than it should; `note` says what to do. */
  ok: boolean;
  note?: string;
}

/** What a database says about itself: its version and the settings that matter to PACS MCP. */
export interface DatabaseFacts {
  version: string;
  settings: DatabaseSetting[];
}

/** A PACS database: it also takes the training-side writes and QA-signed promotions. */
export interface DatabaseConnector extends SourceConnector {
  readonly family: 'database';
  /**
   * Whether this connection's login holds each right, in order: null when the database cannot
   * tell (the object does not exist, or the database has no such right at all).
   */
  privileges(checks: readonly PrivilegeCheck[]): Promise<(boolean | null)[]>;
  /** The server's version and the settings `pacs-mcp doctor` reports (isolation, collation …). */
  facts(): Promise<DatabaseFacts>;
  /**
   * Training-side writes (pushing a signed import batch, routing an appeal): one transaction,
   * parameterized statements only. Callers check `assertWritable` first, and the connector checks
   * again: a production connection is never written through this.
   */
  writeTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  /**
   * The one write a production connection takes: a QA-signed promotion (`mcp/imports/promotion.ts`,
   * reachable only from the desktop app, never from MCP or the CLI) running the target's
   * allowlisted procedure or statements in one transaction. Nothing else calls it (a test checks).
   */
  promotionTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
}

/** What connectors need besides their connection record: the lakehouse keeps files and a registry. */
export interface ConnectorContext {
  dataDir: string;
  store: SqliteDb;
  /** The tenant this process serves; warehouse connections of another tenant are refused. */
  tenantId: string;
}

/** More rows than any bounded read returns; below the 2^31 a PostgreSQL portal takes. */
const EVERY_ROW = 2_000_000_000;

/** `queryAll` for connectors whose `query` already fetches in bulk: the same read without a practical cap. */
export async function queryEveryRow(connector: Pick<SourceConnector, 'query'>, sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
  return (await connector.query(sql, params, { ...options, maxRows: EVERY_ROW })).rows;
}

export interface WriteTx {
  execute(sql: string, params: unknown[]): Promise<{ rowsAffected: number }>;
  query(sql: string, params: unknown[]): Promise<Row[]>;
}

export class QueryTimeoutError extends UserError {
  constructor(timeoutMs: number) {
    super('unavailable', `The query ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Narrow it with a WHERE clause or fewer joins, or raise timeout_ms (at most 55 s).`);
  }
}

export class QueryCancelledError extends Error {
  constructor() {
    super('The query was cancelled by the client.');
    this.name = 'QueryCancelledError';
  }
}

/** Catalog rows, one per key column (`fk` names the key, `seq` orders its columns), grouped into keys. */
export function groupForeignKeys(rows: readonly Row[]): ForeignKeyInfo[] {
  const keys = new Map<string, ForeignKeyInfo>();
  for (const r of rows) {
    const id = `${String(r.schema_name)}\u0000${String(r.table_name)}\u0000${String(r.fk)}`;
    let key = keys.get(id);
    if (!key) {
      key = { schema: String(r.schema_name), table: String(r.table_name), columns: [], ref_schema: String(r.ref_schema), ref_table: String(r.ref_table), ref_columns: [] };
      keys.set(id, key);
    }
    key.columns.push(String(r.from_col));
    key.ref_columns.push(String(r.to_col));
  }
  return [...keys.values()];
}
