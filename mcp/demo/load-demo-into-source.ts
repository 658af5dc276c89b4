import fs from 'node:fs';
import { assertWritable } from '../connections/connection-types.js';
import type { DatabaseConnector, Row, WriteTx } from '../connectors/connector.js';
import { dialectOf } from '../dialects/index.js';
import { postgres } from '../dialects/postgres.js';
import { tsql } from '../dialects/tsql.js';
import type { Engine } from '../engine.js';
import { demoDbFile } from '../store/paths.js';
import { SqliteDb, type SqlValue } from '../store/sqlite-db.js';
import { DEMO_TABLES, tablesInLoadOrder, writableColumns, type ColumnSpec, type TableSpec } from './demo-schema.js';
import { postgresDdlStatements, postgresType, sqlServerDdlStatements } from './schema-ddl.js';

/** Rows read from the SQLite demo per page, and written per INSERT on PostgreSQL. */
const PAGE_ROWS = 5_000;
/** SQL Server allows 2,100 parameters per request and 1,000 rows per VALUES list. */
const TSQL_MAX_PARAMS = 2_000;
const TSQL_MAX_ROWS = 1_000;
/** The demo has the real PACS table names: it never goes into these. */
const PROTECTED_DATABASES = new Set(['pacs_oltp', 'pacs_training']);

export interface LoadDemoSummary {
  connection_id: string;
  database: string;
  tables: number;
  rows: number;
  elapsed_ms: number;
}

export interface LoadDemoOptions {
  /** The SQLite demo file (default: the data dir's demo database). */
  file?: string;
  onProgress?: (table: string, rows: number) => void;
}

/**
 * Copies the SQLite demo PACS database into a PostgreSQL or SQL Server database reached by a
 * training connection, with the catalog's types there: creates the tables (idempotent DDL),
 * copies every row in pages, then builds the indexes and the foreign keys (which check every
 * copied row), all in one transaction, so a failure leaves nothing half-loaded. Refuses a
 * database that already has rows in any demo table, and pacs_oltp / pacs_training by name.
 */
export async function loadDemoIntoConnection(engine: Engine, connectionId: string, options: LoadDemoOptions = {}): Promise<LoadDemoSummary> {
  const record = await engine.connections.get(connectionId);
  assertWritable(record, 'loading the demo database');
  if (record.kind !== 'postgres' && record.kind !== 'sqlserver') {
    throw new Error(`The demo loads into a PostgreSQL or SQL Server connection; "${record.id}" is ${record.kind}.`);
  }
  const connector = await engine.sources.get(record);
  if (connector.family !== 'database') throw new Error(`The demo loads into a PostgreSQL or SQL Server connection; "${record.id}" is ${record.kind}.`);
  const summary = await loadDemoInto(connector, { ...options, file: options.file ?? demoDbFile(engine.dataDir) });
  return { ...summary, connection_id: record.id };
}

export async function loadDemoInto(target: DatabaseConnector, options: LoadDemoOptions & { file: string }): Promise<Omit<LoadDemoSummary, 'connection_id'>> {
  if (target.dialect !== 'postgres' && target.dialect !== 'tsql') throw new Error('The demo loads into PostgreSQL or SQL Server only.');
  if (PROTECTED_DATABASES.has(target.catalog.toLowerCase())) {
    throw new Error(`The demo has the real PACS table names and is never loaded into ${target.catalog}. Create an empty database (for example pacs_demo), add a training connection to it, and load there.`);
  }
  if (!fs.existsSync(options.file)) throw new Error(`The demo database ${options.file} does not exist yet. Run \`pacs-mcp demo\` first.`);
  const started = performance.now();
  const dialect = target.dialect;
  const source = await SqliteDb.open(options.file, { readOnly: true });
  try {
    const rows = await target.writeTransaction(async (tx) => {
      await refuseNonEmpty(tx, dialect);
      const ddl = dialect === 'postgres' ? postgresDdlStatements : sqlServerDdlStatements;
      for (const statement of ddl('tables')) await tx.execute(statement, []);
      let total = 0;
      for (const spec of tablesInLoadOrder()) {
        const copied = await copyTable(source, tx, spec, dialect);
        total += copied;
        options.onProgress?.(spec.name, copied);
      }
      for (const statement of ddl('indexes')) await tx.execute(statement, []);
      for (const statement of ddl('constraints')) await tx.execute(statement, []);
      return total;
    });
    return { database: target.catalog, tables: DEMO_TABLES.length, rows, elapsed_ms: Math.round(performance.now() - started) };
  } finally {
    await source.close();
  }
}

async function refuseNonEmpty(tx: WriteTx, dialect: 'postgres' | 'tsql'): Promise<void> {
  for (const spec of DEMO_TABLES) {
    const exists =
      dialect === 'postgres'
        ? (await tx.query('SELECT to_regclass(?) IS NOT NULL AS present', [quotePg(spec.name)]))[0]?.present === true
        : (await tx.query("SELECT CASE WHEN OBJECT_ID(?, 'U') IS NULL THEN 0 ELSE 1 END AS present", [`[dbo].${bracket(spec.name)}`]))[0]?.present === 1;
    if (!exists) continue;
    const sample = dialectOf(dialect).selectWithLimit('1 AS x', dialect === 'postgres' ? quotePg(spec.name) : tsql.qualifiedTable('dbo', spec.name), 1);
    if ((await tx.query(sample, [])).length > 0) {
      throw new Error(
        `The target database already has rows in table ${spec.name}. The demo loads only into an empty database (for example pacs_demo), so it is never mixed with real PACS data.`,
      );
    }
  }
}

/**
 * The columns worth copying: those with a value in some row, and those with a default (a NULL
 * there was written on purpose). A column left out is NULL on the target too.
 */
async function columnsToCopy(source: SqliteDb, spec: TableSpec): Promise<ColumnSpec[]> {
  const writable = writableColumns(spec);
  const counts = await source.get<Record<string, number>>(`SELECT ${writable.map((c, i) => `count(${quotePg(c.name)}) AS c${i}`).join(', ')} FROM ${quotePg(spec.name)}`);
  return writable.filter((c, i) => c.defaultValue !== undefined || spec.primaryKey.includes(c.name) || Number(counts?.[`c${i}`] ?? 0) > 0);
}

/** Pages through the SQLite table in key order (keyset, not OFFSET) and writes each page. */
async function copyTable(source: SqliteDb, tx: WriteTx, spec: TableSpec, dialect: 'postgres' | 'tsql'): Promise<number> {
  const columns = await columnsToCopy(source, spec);
  const key = spec.primaryKey.length > 0 ? spec.primaryKey : ['rowid'];
  const keyList = key.map(quotePg).join(', ');
  const selectList = [...columns.map((c) => quotePg(c.name)), ...(spec.primaryKey.length > 0 ? [] : ['rowid AS "__rowid"'])].join(', ');
  const keyOf = (row: Row) => key.map((k) => (k === 'rowid' ? row.__rowid : row[k]) as SqlValue);
  const identity = spec.columns.find((c) => c.identity);
  let copied = 0;
  let after: SqlValue[] | undefined;
  if (dialect === 'tsql' && identity) await tx.execute(`SET IDENTITY_INSERT [dbo].${bracket(spec.name)} ON`, []);
  for (;;) {
    const where = after ? `WHERE (${keyList}) > (${key.map(() => '?').join(', ')})` : '';
    const page = await source.all<Row>(`SELECT ${selectList} FROM ${quotePg(spec.name)} ${where} ORDER BY ${keyList} LIMIT ${PAGE_ROWS}`, after ?? []);
    if (page.length === 0) break;
    if (dialect === 'postgres') await insertPostgres(tx, spec, columns, page);
    else await insertSqlServer(tx, spec, columns, page);
    copied += page.length;
    after = keyOf(page[page.length - 1]);
    if (page.length < PAGE_ROWS) break;
  }
  if (dialect === 'tsql' && identity) await tx.execute(`SET IDENTITY_INSERT [dbo].${bracket(spec.name)} OFF`, []);
  if (dialect === 'postgres' && identity && copied > 0) {
    await tx.query(`SELECT setval(pg_get_serial_sequence(?, ?), (SELECT max(${quotePg(identity.name)}) FROM ${quotePg(spec.name)}))`, [quotePg(spec.name), identity.name]);
  }
  return copied;
}

/** One INSERT … SELECT FROM unnest(column arrays): one parameter per column, whatever the row count. */
async function insertPostgres(tx: WriteTx, spec: TableSpec, columns: ColumnSpec[], page: Row[]): Promise<void> {
  const arrays = columns.map((c) => page.map((row) => (row[c.name] ?? null) as SqlValue));
  const casts = columns.map((c) => `?::${postgresType(c.type)}[]`).join(', ');
  await tx.execute(`INSERT INTO ${quotePg(spec.name)} (${columns.map((c) => quotePg(c.name)).join(', ')}) SELECT * FROM unnest(${casts})`, arrays);
}

async function insertSqlServer(tx: WriteTx, spec: TableSpec, columns: ColumnSpec[], page: Row[]): Promise<void> {
  const perStatement = Math.max(1, Math.min(TSQL_MAX_ROWS, Math.floor(TSQL_MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < page.length; i += perStatement) {
    const chunk = page.slice(i, i + perStatement);
    const params = chunk.flatMap((row) => columns.map((c) => (row[c.name] ?? null) as SqlValue));
    await tx.execute(`INSERT INTO [dbo].${bracket(spec.name)} (${columns.map((c) => bracket(c.name)).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, params);
  }
}

/** A name in SQLite (the demo file) and PostgreSQL; SQLite's rowid stays bare. */
function quotePg(identifier: string): string {
  return identifier === 'rowid' ? 'rowid' : postgres.quoteIdent(identifier);
}

function bracket(identifier: string): string {
  return tsql.quoteIdent(identifier);
}
