import type { ColumnInfo, Row } from '../connector.js';
import { dateOnlyText, exactNumberFromText, localDateTimeText } from '../source-values.js';

/** The T-SQL the SQL Server connector sends for catalogs and its connection test (engine SQL uses `?`). */

export const SQLSERVER_LIST_TABLES_SQL = `SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS name, CASE WHEN TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' END AS kind
FROM INFORMATION_SCHEMA.TABLES
ORDER BY TABLE_SCHEMA, TABLE_NAME`;

export const SQLSERVER_DESCRIBE_TABLE_SQL = `SELECT c.COLUMN_NAME AS name, c.DATA_TYPE AS data_type, c.CHARACTER_MAXIMUM_LENGTH AS char_length,
  c.NUMERIC_PRECISION AS numeric_precision, c.NUMERIC_SCALE AS numeric_scale, c.DATETIME_PRECISION AS datetime_precision,
  CASE WHEN c.IS_NULLABLE = 'YES' THEN 1 ELSE 0 END AS nullable,
  CASE WHEN EXISTS (
    SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
    JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
      ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND k.TABLE_NAME = tc.TABLE_NAME
    WHERE tc.CONSTRAINT_TYPE = 'PRIMARY KEY' AND tc.TABLE_SCHEMA = c.TABLE_SCHEMA AND tc.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME
  ) THEN 1 ELSE 0 END AS primary_key
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?
ORDER BY c.ORDINAL_POSITION`;

export const SQLSERVER_FOREIGN_KEYS_SQL = `SELECT OBJECT_SCHEMA_NAME(fk.parent_object_id) AS schema_name, OBJECT_NAME(fk.parent_object_id) AS table_name, fk.name AS fk,
  fkc.constraint_column_id AS seq, COL_NAME(fkc.parent_object_id, fkc.parent_column_id) AS from_col,
  OBJECT_SCHEMA_NAME(fk.referenced_object_id) AS ref_schema, OBJECT_NAME(fk.referenced_object_id) AS ref_table,
  COL_NAME(fkc.referenced_object_id, fkc.referenced_column_id) AS to_col
FROM sys.foreign_keys fk JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
ORDER BY schema_name, table_name, fk, seq`;

export const SQLSERVER_TEST_SQL = `SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
  CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, DB_NAME() AS database_name, SUSER_SNAME() AS login_name,
  IS_SRVROLEMEMBER('sysadmin') AS is_sysadmin, IS_ROLEMEMBER('db_owner') AS is_db_owner, IS_ROLEMEMBER('db_datawriter') AS is_db_datawriter`;

/** Whether this database allows SNAPSHOT transactions, and whether READ COMMITTED already reads row versions. */
export const SQLSERVER_ISOLATION_SQL = `SELECT snapshot_isolation_state_desc AS snapshot_state, is_read_committed_snapshot_on AS read_committed_snapshot
FROM sys.databases WHERE database_id = DB_ID()`;

/**
 * How reads are isolated on one database. `snapshot` when ALLOW_SNAPSHOT_ISOLATION is ON: a read
 * takes no shared locks, so it neither waits for PACS's writers nor holds them up. Otherwise
 * (OFF, or a state in transition) READ COMMITTED, deliberately: it is what the database offers
 * every reader, reads row versions anyway when READ_COMMITTED_SNAPSHOT is on, and a lock timeout
 * bounds any wait (docs/sql-server.md, "Locking").
 */
export interface ReadIsolation {
  level: 'snapshot' | 'read_committed';
  /** sys.databases.snapshot_isolation_state_desc: ON, OFF, IN_TRANSITION_TO_ON …; null when not read. */
  snapshotState: string | null;
  readCommittedSnapshot: boolean | null;
}

export function readIsolationFrom(row: Row | undefined): ReadIsolation {
  const snapshotState = row?.snapshot_state === undefined || row?.snapshot_state === null ? null : String(row.snapshot_state);
  const rcsi = row?.read_committed_snapshot;
  return {
    level: snapshotState === 'ON' ? 'snapshot' : 'read_committed',
    snapshotState,
    readCommittedSnapshot: rcsi === undefined || rcsi === null ? null : rcsi === true || Number(rcsi) === 1,
  };
}

/** The database's collation and compatibility level, for doctor. */
export const SQLSERVER_DATABASE_SQL = `SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128)) AS collation_name, compatibility_level
FROM sys.databases WHERE database_id = DB_ID()`;

/** Whether the login holds each of `count` rights: (i, securable, permission) triples bound as ?, answered 1, 0 or NULL (no such object). */
export function sqlServerPrivilegesSql(count: number): string {
  return `SELECT v.i, HAS_PERMS_BY_NAME(v.securable, 'OBJECT', v.permission) AS granted FROM (VALUES ${Array.from({ length: count }, () => '(?, ?, ?)').join(', ')}) AS v(i, securable, permission)`;
}

const RELEASES: Record<string, string> = { '17': '2025', '16': '2022', '15': '2019', '14': '2017', '13': '2016', '12': '2014', '11': '2012', '10': '2008' };

/** "15.0.4153.1" + "Standard Edition (64-bit)" → "SQL Server 2019 (15.0.4153.1, Standard Edition (64-bit))". */
export function sqlServerVersionLabel(productVersion: string, edition: string | null | undefined): string {
  const release = RELEASES[productVersion.split('.')[0]];
  return `SQL Server${release ? ` ${release}` : ''} (${productVersion}${edition ? `, ${edition}` : ''})`;
}

/** Whether a login's roles let it write; a production connection should use one that cannot. */
export function sqlServerLoginCanWrite(row: Row): boolean {
  return [row.is_sysadmin, row.is_db_owner, row.is_db_datawriter].some((v) => Number(v) === 1);
}

/**
 * The warning a connection test carries (empty when none): a sysadmin login on any connection,
 * because it can read credential hashes and reach the server's files whatever the connection's
 * role; a production login that can write.
 */
export function sqlServerLoginWarning(row: Row, role: string): string {
  if (Number(row.is_sysadmin) === 1) {
    return ' Warning: this login is a sysadmin, so it can read password hashes and reach the server\'s files and other servers; ask the DBA for a login that is only db_datareader on this database.';
  }
  if (role === 'production' && sqlServerLoginCanWrite(row)) {
    return ' Warning: this production login can write (db_owner or db_datawriter); ask the DBA for a login that is only db_datareader.';
  }
  return '';
}

/** INFORMATION_SCHEMA.COLUMNS → "varchar(50)", "nvarchar(max)", "numeric(14,0)", "datetime2(3)". */
export function formatSqlServerType(row: Row): string {
  const type = String(row.data_type).toLowerCase();
  const length = row.char_length === null || row.char_length === undefined ? undefined : Number(row.char_length);
  if (['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary'].includes(type) && length !== undefined) {
    return `${type}(${length === -1 ? 'max' : length})`;
  }
  if (type === 'decimal' || type === 'numeric') return `${type}(${Number(row.numeric_precision)},${Number(row.numeric_scale)})`;
  if (['datetime2', 'datetimeoffset', 'time'].includes(type) && row.datetime_precision !== null && row.datetime_precision !== undefined) {
    return `${type}(${Number(row.datetime_precision)})`;
  }
  return type;
}

export function sqlServerColumns(rows: Row[]): ColumnInfo[] {
  return rows.map((r) => ({ name: String(r.name), type: formatSqlServerType(r), nullable: Number(r.nullable) === 1, primary_key: Number(r.primary_key) === 1 }));
}

/**
 * A value as tedious returns it, in the shapes of source-values.ts. `declaration` is mssql's
 * type name for the column (`column.type.declaration`: 'date', 'datetime2', 'bigint', …).
 * tedious reads DATE and zone-less DATETIMEs as UTC (useUTC), so the UTC fields are the stored ones.
 */
export function normalizeSqlServerValue(value: unknown, declaration: string | undefined): unknown {
  if (value === null || value === undefined) return value ?? null;
  switch (declaration) {
    case 'date':
      return value instanceof Date ? dateOnlyText(value) : value;
    case 'datetime':
    case 'datetime2':
    case 'smalldatetime':
      return value instanceof Date ? localDateTimeText(value) : value;
    case 'datetimeoffset':
      return value instanceof Date ? value.toISOString() : value;
    case 'time':
      return value instanceof Date ? localDateTimeText(value).slice(11) : value;
    case 'bigint':
      return typeof value === 'string' || typeof value === 'bigint' ? exactNumberFromText(String(value)) : value;
    case 'char':
    case 'nchar':
      // Fixed-length text comes padded with blanks ('R    '); SQLite and the other sources do not pad.
      return typeof value === 'string' ? value.replace(/ +$/, '') : value;
    default:
      return value;
  }
}

export interface SqlServerColumnMeta {
  index: number;
  name: string;
  type?: { declaration?: string };
}

/** Column names in select order, from mssql's recordset metadata (an object by name, or in arrayRowMode an array). */
export function orderedColumns(meta: Record<string, SqlServerColumnMeta> | SqlServerColumnMeta[]): SqlServerColumnMeta[] {
  return Object.values(meta).sort((a, b) => a.index - b.index);
}

/**
 * A row mssql gave as an array (arrayRowMode), keyed by the unique names of result-columns.ts:
 * in object mode mssql merges columns of one name into an array and keys an unnamed one by "".
 */
export function sqlServerRowFromValues(values: readonly unknown[], columns: readonly SqlServerColumnMeta[], names: readonly string[]): Row {
  const out: Row = {};
  columns.forEach((column, i) => {
    out[names[i]] = normalizeSqlServerValue(values[i], column.type?.declaration);
  });
  return out;
}

export function normalizeSqlServerRow(row: Row, columns: SqlServerColumnMeta[]): Row {
  const out: Row = {};
  for (const column of columns) out[column.name] = normalizeSqlServerValue(row[column.name], column.type?.declaration);
  return out;
}
