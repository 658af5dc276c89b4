import { PACS_CATALOG, type CatalogColumn, type CatalogTable } from '../pacs/pacs-catalog.js';

/**
 * The demo PACS database, described as data. Every PACS table comes from the catalog
 * (resources/pacs-catalog): its columns in order with their SQL Server types, nullability and
 * defaults, its keys, foreign keys, checks and indexes, and nothing else. Beside them are the
 * county's own staging tables that an import push writes, and the promotion ledger. Each
 * dialect's DDL is generated from this description (schema-ddl.ts).
 */

/** A SQL Server type as PACS declares it; each dialect maps it (schema-ddl.ts). */
export type ColumnType =
  | { kind: 'int' | 'smallint' | 'tinyint' | 'bigint' | 'bit' | 'money' | 'date' | 'datetime' | 'smalldatetime' | 'rowversion' }
  | { kind: 'numeric'; precision: number; scale: number }
  | { kind: 'char' | 'nchar' | 'binary'; length: number }
  /** length null: (max). */
  | { kind: 'varchar' | 'nvarchar'; length: number | null };

/** A computed column: each dialect's expression over the table's own columns, and its result type. */
export interface ComputedColumn {
  type: ColumnType;
  sqlite: string;
  postgres: string;
  tsql: string;
}

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** Filled by the database (IDENTITY, AUTOINCREMENT, GENERATED … AS IDENTITY). */
  identity?: boolean;
  /** The column default: a literal, or `now` (the insert time). */
  defaultValue?: string | number | { now: true };
  computed?: ComputedColumn;
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique: boolean;
  /** SQL Server: the table's clustered index (its primary key is then nonclustered). */
  clustered?: boolean;
}

export interface ForeignKeySpec {
  name: string;
  columns: string[];
  table: string;
  refColumns: string[];
}

export interface CheckSpec {
  name: string;
  /** Portable SQL over the table's columns, `{column}` where a dialect quotes a column name. */
  expression: string;
}

/** A check's SQL with each `{column}` quoted the dialect's way. */
export function checkSql(check: CheckSpec, quote: (name: string) => string): string {
  return check.expression.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => quote(name));
}

/**
 * `pacs`: a table of the PACS catalog. `staging`: the county's own import staging and snapshot
 * tables. `app`: PACS MCP's promotion ledger on a promotion target.
 */
export type TableOrigin = 'pacs' | 'staging' | 'app';

export interface TableSpec {
  name: string;
  origin: TableOrigin;
  description: string;
  columns: ColumnSpec[];
  /** Empty when the table has none (the seed's snapshot table). */
  primaryKey: string[];
  /** False when SQL Server clusters the table on another index. */
  primaryKeyClustered: boolean;
  uniques: string[][];
  indexes: IndexSpec[];
  foreignKeys: ForeignKeySpec[];
  checks: CheckSpec[];
}

export { DEMO_SCHEMA_VERSION } from './demo-version.js';

/** Parses a catalog type (`numeric(14,0)`, `varchar(max)`, `char(1)`, `datetime` …). */
export function parseSqlServerType(declared: string): ColumnType {
  const match = /^([a-z]+)(?:\((\d+|max)(?:,(\d+))?\))?$/.exec(declared.trim().toLowerCase());
  if (!match) throw new Error(`demo schema: cannot read the type ${declared}`);
  const [, base, first, second] = match;
  const length = first === undefined ? undefined : first === 'max' ? null : Number(first);
  switch (base) {
    case 'int':
    case 'smallint':
    case 'tinyint':
    case 'bigint':
    case 'bit':
    case 'money':
    case 'date':
    case 'datetime':
    case 'smalldatetime':
    case 'rowversion':
      return { kind: base };
    case 'numeric':
    case 'decimal':
      return { kind: 'numeric', precision: Number(first ?? 18), scale: Number(second ?? 0) };
    case 'char':
    case 'nchar':
    case 'binary':
      return { kind: base, length: length ?? 1 };
    case 'varchar':
    case 'nvarchar':
      return { kind: base, length: length === undefined ? 1 : length };
    default:
      throw new Error(`demo schema: the type ${declared} has no mapping`);
  }
}

const NUM15: ColumnType = { kind: 'numeric', precision: 15, scale: 0 };
const q = (name: string) => `"${name}"`;
const b = (name: string) => `[${name}]`;

/** `a || ' '` pieces of a display line: each column and a space, nothing for NULL. */
function spacedSqlite(columns: string[]): string {
  return columns.map((c) => `COALESCE(${q(c)} || ' ', '')`).join(' || ');
}
function spacedTsql(columns: string[]): string {
  return columns.map((c) => `ISNULL(${b(c)} + ' ', '')`).join(' + ');
}
const SITUS_PARTS = ['situs_num', 'sub_num', 'situs_street_prefx', 'situs_street', 'situs_street_sufix', 'building_num', 'situs_unit'];

/**
 * The catalog describes computed columns in words; these are the same rules as expressions.
 * A computed column missing here stops the build, so a new catalog column is never dropped silently.
 */
const COMPUTED: Record<string, ComputedColumn | { omitted: string }> = {
  'property_val.imprv_val': {
    type: NUM15,
    sqlite: `COALESCE(${q('imprv_hstd_val')}, 0) + COALESCE(${q('imprv_non_hstd_val')}, 0)`,
    postgres: `COALESCE(${q('imprv_hstd_val')}, 0) + COALESCE(${q('imprv_non_hstd_val')}, 0)`,
    tsql: `ISNULL(${b('imprv_hstd_val')}, 0) + ISNULL(${b('imprv_non_hstd_val')}, 0)`,
  },
  'address.addr_zip': {
    type: { kind: 'varchar', length: 10 },
    sqlite: `CASE WHEN length(${q('cass')}) = 4 THEN ${q('zip')} || '-' || ${q('cass')} ELSE ${q('zip')} END`,
    postgres: `CASE WHEN length(${q('cass')}) = 4 THEN ${q('zip')} || '-' || ${q('cass')} ELSE ${q('zip')} END`,
    tsql: `CASE WHEN LEN(${b('cass')}) = 4 THEN ${b('zip')} + '-' + ${b('cass')} ELSE ${b('zip')} END`,
  },
  'address.zip_4_2': { omitted: 'computed by dbo.fn_GetPOSTNETCode, a function outside the catalog' },
  'situs.situs_display': {
    type: { kind: 'varchar', length: 400 },
    sqlite: `TRIM(${spacedSqlite(SITUS_PARTS)}) || char(10) || COALESCE(${q('situs_city')}, '') || ', ' || COALESCE(${q('situs_state')}, '') || ' ' || COALESCE(${q('situs_zip')}, '')`,
    postgres: `TRIM(${spacedSqlite(SITUS_PARTS)}) || E'\\n' || COALESCE(${q('situs_city')}, '') || ', ' || COALESCE(${q('situs_state')}, '') || ' ' || COALESCE(${q('situs_zip')}, '')`,
    tsql: `LTRIM(RTRIM(${spacedTsql(SITUS_PARTS)})) + CHAR(10) + ISNULL(${b('situs_city')}, '') + ', ' + ISNULL(${b('situs_state')}, '') + ' ' + ISNULL(${b('situs_zip')}, '')`,
  },
  'wash_property_val.snr_frz_loss_land': {
    type: NUM15,
    sqlite: `${q('snr_land')} - ${q('snr_land_lesser')}`,
    postgres: `${q('snr_land')} - ${q('snr_land_lesser')}`,
    tsql: `${b('snr_land')} - ${b('snr_land_lesser')}`,
  },
  'wash_property_val.snr_frz_loss_imprv': {
    type: NUM15,
    sqlite: `${q('snr_imprv')} - ${q('snr_imprv_lesser')}`,
    postgres: `${q('snr_imprv')} - ${q('snr_imprv_lesser')}`,
    tsql: `${b('snr_imprv')} - ${b('snr_imprv_lesser')}`,
  },
};

/**
 * The catalog's CHECK constraints (in words there) as portable SQL, `{column}` standing for a
 * quoted column name; a check missing here stops the build.
 */
const CHECKS: Record<string, string> = {
  'property_val:prev_sup_num': '{prev_sup_num} IS NULL OR {prev_sup_num} BETWEEN 0 AND 32767',
  'property_exemption_income:exmpt_type_cd': "{exmpt_type_cd} = 'SNR/DSBL'",
  'property_exemption_income_detail:exmpt_type_cd': "{exmpt_type_cd} = 'SNR/DSBL'",
  '_arb_protest_hearing_docket:maximum_hearing_count,scheduled_protest_count': '{maximum_hearing_count} IS NULL OR {scheduled_protest_count} <= {maximum_hearing_count}',
};

/** Index, key and constraint names: PostgreSQL keeps 63 characters. */
function constraintName(prefix: string, table: string, columns: string[], taken: Set<string>): string {
  const base = `${prefix}_${table.replace(/^_+/, '')}_${columns.join('_')}`.toLowerCase().slice(0, 60);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 57)}_${n}`;
  taken.add(name);
  return name;
}

function catalogColumn(tableName: string, column: CatalogColumn): ColumnSpec | undefined {
  if (column.computed !== undefined) {
    const rule = COMPUTED[`${tableName}.${column.name}`];
    if (!rule) throw new Error(`demo schema: the computed column ${tableName}.${column.name} has no expression (${column.computed})`);
    if ('omitted' in rule) return undefined;
    return { name: column.name, type: rule.type, nullable: true, computed: rule };
  }
  const spec: ColumnSpec = { name: column.name, type: parseSqlServerType(column.type!), nullable: column.null !== false };
  if (column.identity) spec.identity = true;
  if (column.default !== undefined) spec.defaultValue = column.default;
  return spec;
}

function fromCatalog(name: string, table: CatalogTable, names: Set<string>): TableSpec {
  const columns = table.columns.map((c) => catalogColumn(name, c)).filter((c): c is ColumnSpec => c !== undefined);
  const checks = (table.checks ?? []).map((check) => {
    const expression = CHECKS[`${name}:${check.columns.join(',')}`];
    if (!expression) throw new Error(`demo schema: the check on ${name} (${check.rule}) has no expression`);
    return { name: constraintName('ck', name, check.columns, names), expression };
  });
  return {
    name,
    origin: 'pacs',
    description: table.added ?? `PACS table (${table.source}).`,
    columns,
    primaryKey: table.primary_key?.columns ?? [],
    primaryKeyClustered: table.primary_key?.clustered ?? true,
    uniques: (table.unique ?? []).map((u) => u.columns),
    indexes: (table.indexes ?? []).map((i) => ({ name: constraintName('ix', name, i.columns, names), columns: i.columns, unique: i.unique, ...(i.clustered ? { clustered: true } : {}) })),
    foreignKeys: (table.foreign_keys ?? [])
      .filter((fk) => fk.target_in_catalog)
      .map((fk) => ({ name: constraintName('fk', name, fk.columns, names), columns: fk.columns, table: fk.references.table, refColumns: fk.references.columns })),
    checks,
  };
}

// ── the county's staging tables and the promotion ledger ─────────────────────────────────────

const int: ColumnType = { kind: 'int' };
const date: ColumnType = { kind: 'date' };
const datetime: ColumnType = { kind: 'datetime' };
const year: ColumnType = { kind: 'numeric', precision: 4, scale: 0 };
const money: ColumnType = { kind: 'numeric', precision: 14, scale: 0 };
const numeric = (precision: number, scale: number): ColumnType => ({ kind: 'numeric', precision, scale });
const varchar = (length: number): ColumnType => ({ kind: 'varchar', length });
const char = (length: number): ColumnType => ({ kind: 'char', length });

type ColumnInput = [name: string, type: ColumnType, options?: { notNull?: boolean; identity?: boolean; now?: boolean }];

interface TableInput {
  name: string;
  origin: 'staging' | 'app';
  description: string;
  columns: ColumnInput[];
  primaryKey: string[];
  indexes?: string[][];
}

/** Primary-key columns are NOT NULL; everything else is nullable unless marked. */
function ownTable(input: TableInput, names: Set<string>): TableSpec {
  const columns = input.columns.map(([name, type, options = {}]): ColumnSpec => {
    const column: ColumnSpec = { name, type, nullable: !(options.notNull || input.primaryKey.includes(name)) };
    if (options.identity) column.identity = true;
    if (options.now) column.defaultValue = { now: true };
    return column;
  });
  return {
    name: input.name,
    origin: input.origin,
    description: input.description,
    columns,
    primaryKey: input.primaryKey,
    primaryKeyClustered: true,
    uniques: [],
    indexes: (input.indexes ?? []).map((cols) => ({ name: constraintName('ix', input.name, cols, names), columns: cols, unique: false })),
    foreignKeys: [],
    checks: [],
  };
}

const OWN_TABLES: TableInput[] = [
  {
    name: 'import_staging_property_values',
    origin: 'staging',
    description: "The county's staging table for value imports.",
    columns: [
      ['import_id', int, { identity: true }],
      ['parcel_id', varchar(20)],
      ['value_type', varchar(50)],
      ['value_amount', numeric(18, 2)],
      ['effective_date', date],
      ['source', varchar(255)],
      ['created_at', datetime, { now: true }],
      // Ties each row to its import batch (the push checks the column is there).
      ['import_batch_id', varchar(36)],
    ],
    primaryKey: ['import_id'],
  },
  {
    name: 'import_staging_batches',
    origin: 'staging',
    description: 'One row per import batch pushed from PACS MCP (run header): file hash, QA sign-off, promotion.',
    columns: [
      ['batch_id', varchar(36)],
      ['kind', varchar(30), { notNull: true }],
      ['file_name', varchar(255), { notNull: true }],
      ['file_sha256', char(64), { notNull: true }],
      ['review_sha256', char(64), { notNull: true }],
      ['row_count', int, { notNull: true }],
      ['skipped_count', int, { notNull: true }],
      ['reviewed_by', varchar(100), { notNull: true }],
      ['reviewed_at', datetime, { notNull: true }],
      ['pushed_by', varchar(100), { notNull: true }],
      ['pushed_at', datetime, { now: true }],
    ],
    primaryKey: ['batch_id'],
  },
  {
    name: 'import_staging_exemptions',
    origin: 'staging',
    description: 'Staged mass-exemption rows of a QA-signed batch (the upload layout, prop_id resolved).',
    columns: [
      ['batch_id', varchar(36)],
      ['line_number', int],
      ['prop_id', int, { notNull: true }],
      ['geo_id', varchar(50)],
      ['owner_id', int, { notNull: true }],
      ['exmpt_tax_yr', year, { notNull: true }],
      ['exmpt_type_cd', varchar(10), { notNull: true }],
      ['exmpt_subtype_cd', varchar(10)],
      ['effective_dt', date],
      ['termination_dt', date],
      ['qualify_yr', year],
      ['applicant_nm', varchar(70)],
      ['exemption_pct', numeric(5, 2)],
      ['exempt_qualify_cd', varchar(10)],
      ['combined_disp_income', money],
      ['action', varchar(10), { notNull: true }],
      ['created_at', datetime, { now: true }],
    ],
    primaryKey: ['batch_id', 'line_number'],
    indexes: [['prop_id']],
  },
  {
    name: 'import_staging_errors',
    origin: 'staging',
    description: 'Per-row errors of a pushed batch (PACS import pattern: line number and error text); those rows were not staged.',
    columns: [
      ['error_id', int, { identity: true }],
      ['batch_id', varchar(36), { notNull: true }],
      ['line_number', int, { notNull: true }],
      ['column_name', varchar(128)],
      ['error_code', varchar(40), { notNull: true }],
      ['error_text', varchar(1000), { notNull: true }],
    ],
    primaryKey: ['error_id'],
    indexes: [['batch_id']],
  },
  {
    name: 'import_promotions',
    origin: 'app',
    description: 'Ledger of import batches promoted into this database; makes a promotion idempotent by batch id.',
    columns: [
      ['batch_id', varchar(36)],
      ['kind', varchar(30), { notNull: true }],
      ['review_sha256', char(64), { notNull: true }],
      ['applied_count', int, { notNull: true }],
      ['promoted_by', varchar(100), { notNull: true }],
      ['promoted_at', datetime, { now: true }],
    ],
    primaryKey: ['batch_id'],
  },
  {
    name: 'export_snapshot_parcel_timeline',
    origin: 'staging',
    description: "The county's snapshot table for parcel timelines (no key there either).",
    columns: [
      ['snapshot_id', varchar(36)],
      ['parcel_id', varchar(20)],
      ['year', int],
      ['value', numeric(18, 2)],
      ['extracted_by', varchar(50)],
      ['exported_at', datetime, { now: true }],
    ],
    primaryKey: [],
    indexes: [['snapshot_id'], ['parcel_id']],
  },
];

function buildTables(): TableSpec[] {
  const names = new Set<string>();
  const pacs = Object.entries(PACS_CATALOG.tables).map(([name, table]) => fromCatalog(name, table, names));
  const own = OWN_TABLES.map((t) => ownTable(t, names));
  const tables = [...pacs, ...own];
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of tables) {
    const known = new Set(t.columns.map((c) => c.name));
    for (const col of [...t.primaryKey, ...t.uniques.flat(), ...t.indexes.flatMap((i) => i.columns), ...t.foreignKeys.flatMap((f) => f.columns)]) {
      if (!known.has(col)) throw new Error(`demo schema: ${t.name} has no column ${col}`);
    }
    for (const fk of t.foreignKeys) if (!byName.has(fk.table)) throw new Error(`demo schema: ${t.name} refers to a missing table ${fk.table}`);
  }
  return tables;
}

/** Every table of the demo database, PACS tables in catalog order, then the county's own. */
export const DEMO_TABLES: readonly TableSpec[] = buildTables();

export function demoTable(name: string): TableSpec {
  const found = DEMO_TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`demo schema: no table ${name}`);
  return found;
}

/**
 * Tables in an order where every foreign key points at a table earlier in the list (a load in
 * this order never meets a missing parent); self-references and cycles keep catalog order.
 */
export function tablesInLoadOrder(tables: readonly TableSpec[] = DEMO_TABLES): TableSpec[] {
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableSpec[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()].filter((t) => t.foreignKeys.every((fk) => fk.table === t.name || !remaining.has(fk.table)));
    const next = ready.length > 0 ? ready : [remaining.values().next().value!];
    for (const t of next) {
      ordered.push(t);
      remaining.delete(t.name);
    }
  }
  return ordered;
}

/** The columns a row is written with: not computed, not generated by the server. */
export function writableColumns(spec: TableSpec): ColumnSpec[] {
  return spec.columns.filter((c) => !c.computed && c.type.kind !== 'rowversion');
}
