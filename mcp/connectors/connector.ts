import type { SqlDialect } from '../guard/read-only-guard.js';

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
 * One source database. Every read goes through `query`, which the connector runs read-only at
 * the database level too (SQLite query_only, PostgreSQL READ ONLY transaction, SQL Server a
 * transaction that is always rolled back). `sql` uses `?` placeholders; connectors translate.
 */
export interface SourceConnector {
  readonly dialect: SqlDialect;
  /** The catalog name resources and list_source_tables report (the database name). */
  readonly catalog: string;
  test(): Promise<TestResult>;
  listTables(): Promise<TableInfo[]>;
  describeTable(schema: string, name: string): Promise<ColumnInfo[]>;
  query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult>;
  /**
   * Every row of a read-only query whose size the caller has already bounded (an IN list of a few
   * hundred keys), fetched in one round trip. Optional: connectors whose `query` fetches in bulk
   * anyway need not have it; the SQLite one has it because its `query` steps row by row.
   */
  queryAll?(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]>;
  /** Streams every row of a read-only query in batches; for syncs and exports. */
  streamBatches?(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]>;
  /**
   * Training-side writes (pushing a signed import batch, routing an appeal): one transaction,
   * parameterized statements only. Callers check `assertWritable` first, and the connector checks
   * again: a production connection is never written through this.
   */
  writeTransaction?<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  /**
   * The one write a production connection takes: a QA-signed promotion (`mcp/imports/promotion.ts`,
   * reachable only from the desktop app, never from MCP or the CLI) running the target's
   * allowlisted procedure or statements in one transaction. Nothing else calls it (a test checks).
   */
  promotionTransaction?<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface WriteTx {
  execute(sql: string, params: unknown[]): Promise<{ rowsAffected: number }>;
  query(sql: string, params: unknown[]): Promise<Row[]>;
}

export class QueryTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The query ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Narrow it with a WHERE clause or fewer joins, or raise timeout_ms (at most 55 s).`);
    this.name = 'QueryTimeoutError';
  }
}

export class QueryCancelledError extends Error {
  constructor() {
    super('The query was cancelled by the client.');
    this.name = 'QueryCancelledError';
  }
}
