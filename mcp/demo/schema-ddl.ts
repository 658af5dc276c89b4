import { sqlite } from '../dialects/sqlite.js';
import { tsql } from '../dialects/tsql.js';
import { checkSql, DEMO_TABLES, type ColumnSpec, type ColumnType, type TableSpec } from './demo-schema.js';

/**
 * DDL of the demo schema in each dialect, every dialect-specific piece in this file: type
 * mapping, quoting, defaults, computed and identity columns, keys, checks, indexes and foreign
 * keys. `tables` creates the tables (keys, uniques and checks inline), `indexes` the catalog's
 * indexes and `constraints` the foreign keys, so a bulk load fills tables before either.
 */

export type DdlPart = 'all' | 'tables' | 'indexes' | 'constraints';

/** SQLite and PostgreSQL quote names alike. */
const quote = (identifier: string) => sqlite.quoteIdent(identifier);
const bracket = (identifier: string) => tsql.quoteIdent(identifier);
/** A default value, written the same in all three dialects. */
const literal = (value: string | number) => (typeof value === 'number' ? sqlite.numberLiteral(value) : sqlite.stringLiteral(value));
const list = (names: readonly string[], q: (n: string) => string) => names.map(q).join(', ');

// ── SQLite ─────────────────────────────────────────────────────────────────────────────────

/**
 * SQLite DDL. Declared types keep the SQL Server names (NUMERIC(14,0), VARCHAR(10), DATETIME) so
 * a client describing a table sees them; SQLite gives them TEXT / NUMERIC / INTEGER affinity.
 * Dates are ISO text: 'YYYY-MM-DD' and 'YYYY-MM-DDTHH:MM:SS'. Foreign keys are declared (SQLite
 * reports them; it checks them only when a connection turns foreign_keys on).
 */
export function sqliteDdl(part: Exclude<DdlPart, 'constraints'> = 'all', tables: readonly TableSpec[] = DEMO_TABLES): string {
  const statements: string[] = [];
  if (part !== 'indexes') statements.push(...tables.map(sqliteCreateTable));
  if (part !== 'tables') {
    for (const spec of tables) {
      for (const index of spec.indexes) {
        statements.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(index.name)} ON ${quote(spec.name)} (${list(index.columns, quote)});`);
      }
    }
  }
  return statements.join('\n') + '\n';
}

function sqliteCreateTable(spec: TableSpec): string {
  const identity = spec.columns.find((c) => c.identity);
  if (identity && (spec.primaryKey.length !== 1 || spec.primaryKey[0] !== identity.name)) {
    throw new Error(`demo schema: SQLite needs the identity column of ${spec.name} to be its whole primary key`);
  }
  const lines = spec.columns.map((column) => {
    if (column.identity) return `  ${quote(column.name)} INTEGER PRIMARY KEY AUTOINCREMENT`;
    if (column.computed) return `  ${quote(column.name)} ${sqliteType(column.computed.type)} GENERATED ALWAYS AS (${column.computed.sqlite}) VIRTUAL`;
    let line = `  ${quote(column.name)} ${sqliteType(column.type)}`;
    // SQLite cannot fill a rowversion: the column stays nullable there.
    if (!column.nullable && column.type.kind !== 'rowversion') line += ' NOT NULL';
    if (column.defaultValue !== undefined) line += ` DEFAULT ${sqliteDefault(column)}`;
    return line;
  });
  if (spec.primaryKey.length > 0 && !identity) lines.push(`  PRIMARY KEY (${list(spec.primaryKey, quote)})`);
  for (const unique of spec.uniques) lines.push(`  UNIQUE (${list(unique, quote)})`);
  for (const check of spec.checks) lines.push(`  CONSTRAINT ${quote(check.name)} CHECK (${checkSql(check, quote)})`);
  for (const fk of spec.foreignKeys) lines.push(`  CONSTRAINT ${quote(fk.name)} FOREIGN KEY (${list(fk.columns, quote)}) REFERENCES ${quote(fk.table)} (${list(fk.refColumns, quote)})`);
  // A composite key would otherwise be a second B-tree beside the rowid table; clustering the
  // rows on it saves a fifth of the file and of the load time.
  const clustered = spec.primaryKey.length > 1 ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${quote(spec.name)} (\n${lines.join(',\n')}\n)${clustered};`;
}

function sqliteDefault(column: ColumnSpec): string {
  const value = column.defaultValue!;
  return typeof value === 'object' ? `(strftime('%Y-%m-%dT%H:%M:%S', 'now'))` : literal(value);
}

function sqliteType(type: ColumnType): string {
  // INTEGER (not INT) so a single-column integer key becomes the rowid.
  if (type.kind === 'int') return 'INTEGER';
  if ((type.kind === 'varchar' || type.kind === 'nvarchar') && type.length === null) return 'TEXT';
  return sqlServerType(type);
}

// ── PostgreSQL ─────────────────────────────────────────────────────────────────────────────

/**
 * PostgreSQL DDL, idempotent, one statement per element, with the types that behave like SQL
 * Server's: char(n) pads, varchar(n) refuses longer text, numeric(p,s) refuses more digits, a
 * char(1) flag refuses comparison with a number. `bit` becomes smallint 0/1 (compared with 0/1
 * as on SQL Server), datetime timestamp(3), a rowversion an identity the server fills.
 */
export function postgresDdlStatements(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES): string[] {
  const statements: string[] = [];
  if (part === 'all' || part === 'tables') statements.push(...tables.map(postgresCreateTable));
  if (part === 'all' || part === 'indexes') {
    for (const spec of tables) {
      for (const index of spec.indexes) {
        statements.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quote(index.name)} ON ${quote(spec.name)} (${list(index.columns, quote)})`);
      }
    }
  }
  if (part === 'all' || part === 'constraints') {
    for (const spec of tables) {
      for (const fk of spec.foreignKeys) {
        statements.push(
          `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = ${literal(fk.name)}) THEN ` +
            `ALTER TABLE ${quote(spec.name)} ADD CONSTRAINT ${quote(fk.name)} FOREIGN KEY (${list(fk.columns, quote)}) REFERENCES ${quote(fk.table)} (${list(fk.refColumns, quote)}); END IF; END $$`,
        );
      }
    }
  }
  return statements;
}

export function postgresDdl(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES): string {
  return postgresDdlStatements(part, tables).map((s) => `${s};\n`).join('');
}

function postgresCreateTable(spec: TableSpec): string {
  const lines = spec.columns.map((column) => {
    if (column.computed) return `  ${quote(column.name)} ${postgresType(column.computed.type)} GENERATED ALWAYS AS (${column.computed.postgres}) STORED`;
    if (column.type.kind === 'rowversion') return `  ${quote(column.name)} bigint GENERATED BY DEFAULT AS IDENTITY`;
    let line = `  ${quote(column.name)} ${postgresType(column.type)}`;
    if (column.identity) line += ' GENERATED BY DEFAULT AS IDENTITY';
    if (!column.nullable) line += ' NOT NULL';
    if (column.defaultValue !== undefined) line += ` DEFAULT ${typeof column.defaultValue === 'object' ? 'LOCALTIMESTAMP(0)' : literal(column.defaultValue)}`;
    return line;
  });
  if (spec.primaryKey.length > 0) lines.push(`  CONSTRAINT ${quote(`${spec.name}_pkey`)} PRIMARY KEY (${list(spec.primaryKey, quote)})`);
  for (const unique of spec.uniques) lines.push(`  UNIQUE (${list(unique, quote)})`);
  for (const check of spec.checks) lines.push(`  CONSTRAINT ${quote(check.name)} CHECK (${checkSql(check, quote)})`);
  return `CREATE TABLE IF NOT EXISTS ${quote(spec.name)} (\n${lines.join(',\n')}\n)`;
}

export function postgresType(type: ColumnType): string {
  switch (type.kind) {
    case 'int':
      return 'integer';
    case 'smallint':
    case 'tinyint':
    case 'bit':
      return 'smallint';
    case 'bigint':
    case 'rowversion':
      return 'bigint';
    case 'money':
      return 'numeric(19,4)';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp(3)';
    case 'smalldatetime':
      return 'timestamp(0)';
    case 'numeric':
      return `numeric(${type.precision},${type.scale})`;
    case 'char':
    case 'nchar':
      return `char(${type.length})`;
    case 'varchar':
    case 'nvarchar':
      return type.length === null ? 'text' : `varchar(${type.length})`;
    case 'binary':
      return 'bytea';
  }
}

// ── SQL Server ─────────────────────────────────────────────────────────────────────────────

/**
 * SQL Server DDL, idempotent (each CREATE guarded by an existence check), one batch per element
 * (a script joins them with GO). Types are PACS's own as the catalog declares them.
 */
export function sqlServerDdlStatements(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES, schema = 'dbo'): string[] {
  const statements: string[] = [];
  const qualified = (name: string) => `${bracket(schema)}.${bracket(name)}`;
  const nLiteral = (text: string) => tsql.stringLiteral(text);
  if (part === 'all' || part === 'tables') {
    for (const spec of tables) {
      const lines = spec.columns.map((column) => {
        if (column.computed) return `  ${bracket(column.name)} AS (${column.computed.tsql})`;
        let line = `  ${bracket(column.name)} ${sqlServerType(column.type)}`;
        if (column.identity) line += ' IDENTITY(1,1)';
        line += column.nullable ? ' NULL' : ' NOT NULL';
        if (column.defaultValue !== undefined) line += ` DEFAULT ${typeof column.defaultValue === 'object' ? 'GETDATE()' : literal(column.defaultValue)}`;
        return line;
      });
      if (spec.primaryKey.length > 0) {
        lines.push(`  CONSTRAINT ${bracket(`pk_${spec.name.replace(/^_+/, '')}`)} PRIMARY KEY ${spec.primaryKeyClustered ? 'CLUSTERED' : 'NONCLUSTERED'} (${list(spec.primaryKey, bracket)})`);
      }
      for (const unique of spec.uniques) lines.push(`  UNIQUE NONCLUSTERED (${list(unique, bracket)})`);
      for (const check of spec.checks) lines.push(`  CONSTRAINT ${bracket(check.name)} CHECK (${checkSql(check, bracket)})`);
      statements.push(`IF OBJECT_ID(${nLiteral(qualified(spec.name))}, N'U') IS NULL\nCREATE TABLE ${qualified(spec.name)} (\n${lines.join(',\n')}\n);`);
    }
  }
  if (part === 'all' || part === 'indexes') {
    for (const spec of tables) {
      for (const index of spec.indexes) {
        const kind = `${index.unique ? 'UNIQUE ' : ''}${index.clustered ? 'CLUSTERED ' : ''}`;
        statements.push(
          `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = ${nLiteral(index.name)} AND object_id = OBJECT_ID(${nLiteral(qualified(spec.name))}))\n` +
            `CREATE ${kind}INDEX ${bracket(index.name)} ON ${qualified(spec.name)} (${list(index.columns, bracket)});`,
        );
      }
    }
  }
  if (part === 'all' || part === 'constraints') {
    for (const spec of tables) {
      for (const fk of spec.foreignKeys) {
        statements.push(
          `IF OBJECT_ID(${nLiteral(`${qualified(fk.name)}`)}, N'F') IS NULL\n` +
            `ALTER TABLE ${qualified(spec.name)} ADD CONSTRAINT ${bracket(fk.name)} FOREIGN KEY (${list(fk.columns, bracket)}) REFERENCES ${qualified(fk.table)} (${list(fk.refColumns, bracket)});`,
        );
      }
    }
  }
  return statements;
}

export function sqlServerDdl(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES, schema = 'dbo'): string {
  return sqlServerDdlStatements(part, tables, schema).map((s) => `${s}\nGO\n`).join('');
}

export function sqlServerType(type: ColumnType): string {
  switch (type.kind) {
    case 'numeric':
      return `NUMERIC(${type.precision},${type.scale})`;
    case 'char':
    case 'nchar':
    case 'binary':
      return `${type.kind.toUpperCase()}(${type.length})`;
    case 'varchar':
    case 'nvarchar':
      return `${type.kind.toUpperCase()}(${type.length === null ? 'MAX' : type.length})`;
    default:
      return type.kind.toUpperCase();
  }
}
