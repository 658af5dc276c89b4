import { sqlite } from '../dialects/sqlite.js';
import { tsql } from '../dialects/tsql.js';

/**
 * The demo PACS database, described as data. Table and column names are the real PACS ones
 * (see pacs-domain.md) so the PACS tools' queries run unchanged on `pacs_training`; types are
 * dialect-neutral, and each dialect's DDL is generated from this description (`sqliteDdl` here).
 */

export type NeutralType =
  | { kind: 'int' }
  | { kind: 'bigint' }
  | { kind: 'bit' }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'numeric'; precision: number; scale: number }
  | { kind: 'varchar'; length: number }
  | { kind: 'char'; length: number };

export interface ColumnSpec {
  name: string;
  type: NeutralType;
  nullable: boolean;
  /** Filled by the database (IDENTITY, AUTOINCREMENT, GENERATED … AS IDENTITY). */
  identity?: boolean;
  /** `now`: the insert time (GETDATE(), now(), strftime). */
  defaultValue?: 'now';
}

export interface IndexSpec {
  name: string;
  columns: string[];
  unique: boolean;
}

/**
 * `pacs`: a PACS table as published. `modeled`: PACS has something like it, but its layout is
 * not published, so this one is our model. `staging`: the user's own tables from seed 000.
 */
export type TableOrigin = 'pacs' | 'modeled' | 'staging';

export interface TableSpec {
  name: string;
  origin: TableOrigin;
  description: string;
  columns: ColumnSpec[];
  /** Empty when the table has none (the seed's snapshot table). */
  primaryKey: string[];
  indexes: IndexSpec[];
}

/** Bumped whenever the description changes, and stored as the demo file's `user_version`. */
export const DEMO_SCHEMA_VERSION = 2;

const int: NeutralType = { kind: 'int' };
const bit: NeutralType = { kind: 'bit' };
const date: NeutralType = { kind: 'date' };
const datetime: NeutralType = { kind: 'datetime' };
const year: NeutralType = { kind: 'numeric', precision: 4, scale: 0 };
const money: NeutralType = { kind: 'numeric', precision: 14, scale: 0 };
const flag: NeutralType = { kind: 'char', length: 1 };
const numeric = (precision: number, scale: number): NeutralType => ({ kind: 'numeric', precision, scale });
const varchar = (length: number): NeutralType => ({ kind: 'varchar', length });
const char = (length: number): NeutralType => ({ kind: 'char', length });

type ColumnInput = [name: string, type: NeutralType, options?: { notNull?: boolean; identity?: boolean; defaultValue?: 'now' }];

interface TableInput {
  name: string;
  origin?: TableOrigin;
  description: string;
  columns: ColumnInput[];
  primaryKey: string[];
  /** Secondary indexes as column lists; named `<table>_<columns>`. */
  indexes?: string[][];
  uniques?: string[][];
}

/** Primary-key columns are NOT NULL; everything else is nullable unless marked, as in PACS. */
function table(input: TableInput): TableSpec {
  const columns = input.columns.map(([name, type, options = {}]): ColumnSpec => {
    const column: ColumnSpec = { name, type, nullable: !(options.notNull || input.primaryKey.includes(name)) };
    if (options.identity) column.identity = true;
    if (options.defaultValue) column.defaultValue = options.defaultValue;
    return column;
  });
  const known = new Set(columns.map((c) => c.name));
  const indexes: IndexSpec[] = [
    ...(input.uniques ?? []).map((cols) => ({ name: indexName(input.name, cols, 'ux'), columns: cols, unique: true })),
    ...(input.indexes ?? []).map((cols) => ({ name: indexName(input.name, cols, 'ix'), columns: cols, unique: false })),
  ];
  for (const name of [...input.primaryKey, ...indexes.flatMap((i) => i.columns)]) {
    if (!known.has(name)) throw new Error(`demo schema: ${input.name} has no column ${name}`);
  }
  return { name: input.name, origin: input.origin ?? 'pacs', description: input.description, columns, primaryKey: input.primaryKey, indexes };
}

function indexName(tableName: string, columns: string[], prefix: string): string {
  return `${prefix}_${tableName.replace(/^_+/, '')}_${columns.join('_')}`;
}

export const DEMO_TABLES: readonly TableSpec[] = [
  table({
    name: 'pacs_system',
    description: 'One row: the current appraisal year, the last certified tax year, the next year.',
    columns: [['id', int], ['appr_yr', year], ['tax_yr', year], ['future_yr', year]],
    primaryKey: ['id'],
  }),
  table({
    name: 'pacs_year',
    description: 'One row per year; certification_dt is null while the year is not certified.',
    columns: [['tax_yr', year], ['certification_dt', date], ['notice_dt', date]],
    primaryKey: ['tax_yr'],
  }),
  table({
    name: 'property',
    description: 'One row per parcel (account), whatever the year.',
    columns: [
      ['prop_id', int],
      ['prop_type_cd', char(5), { notNull: true }],
      ['geo_id', varchar(50)],
      ['simple_geo_id', varchar(50)],
      ['ref_id1', varchar(50)],
      ['ref_id2', varchar(50)],
      ['dba_name', varchar(50)],
      ['prop_create_dt', date],
    ],
    primaryKey: ['prop_id'],
    indexes: [['geo_id'], ['simple_geo_id']],
  }),
  table({
    name: 'property_val',
    description: 'Values per year and supplement layer; prop_supp_assoc names the current layer of each year.',
    columns: [
      ['prop_val_yr', year],
      ['sup_num', int],
      ['prop_id', int],
      ['land_hstd_val', money],
      ['land_non_hstd_val', money],
      ['imprv_hstd_val', money],
      ['imprv_non_hstd_val', money],
      ['ag_use_val', money],
      ['ag_market', money],
      ['market', money],
      ['appraised_val', money],
      ['ten_percent_cap', money],
      ['assessed_val', money],
      ['legal_desc', varchar(255)],
      ['legal_acreage', numeric(14, 4)],
      ['abs_subdv_cd', varchar(10)],
      ['hood_cd', varchar(10)],
      ['block', varchar(50)],
      ['tract_or_lot', varchar(50)],
      ['prev_sup_num', int],
      ['sup_cd', varchar(10)],
      ['sup_desc', varchar(500)],
      ['sup_dt', date],
      ['sup_action', char(1)],
      ['prop_inactive_dt', date],
      ['last_appraiser_id', int],
      ['next_appraiser_id', int],
    ],
    primaryKey: ['prop_val_yr', 'sup_num', 'prop_id'],
    indexes: [['prop_id'], ['hood_cd']],
  }),
  table({
    name: 'prop_supp_assoc',
    description: 'Per year and parcel, the supplement layer that is current (official).',
    columns: [['owner_tax_yr', year], ['sup_num', int], ['prop_id', int]],
    primaryKey: ['owner_tax_yr', 'sup_num', 'prop_id'],
    uniques: [['owner_tax_yr', 'prop_id']],
    indexes: [['prop_id']],
  }),
  table({
    name: 'sup_group',
    description: 'A group of supplements processed together; status_cd A accepted, C coding (open).',
    columns: [
      ['sup_group_id', int],
      ['sup_group_desc', varchar(50)],
      ['sup_create_dt', datetime],
      ['sup_accept_dt', datetime],
      ['sup_accept_by_id', int],
      ['status_cd', varchar(5)],
    ],
    primaryKey: ['sup_group_id'],
  }),
  table({
    name: 'supplement',
    description: 'A supplement number of a year and the group it belongs to (sup_num 0 is the original roll).',
    columns: [['sup_tax_yr', year], ['sup_num', int], ['sup_group_id', int, { notNull: true }]],
    primaryKey: ['sup_tax_yr', 'sup_num'],
    indexes: [['sup_group_id']],
  }),
  table({
    name: 'account',
    description: 'Owners, agents and other parties; confidential_flag T hides the name (TX Tax Code §25.025).',
    columns: [
      ['acct_id', int],
      ['first_name', varchar(30)],
      ['last_name', varchar(30)],
      ['file_as_name', varchar(70)],
      ['confidential_flag', flag],
      ['confidential_file_as_name', varchar(70)],
      ['dl_num', varchar(20)],
      ['dl_state', char(2)],
      ['email_addr', varchar(128)],
    ],
    primaryKey: ['acct_id'],
    indexes: [['file_as_name']],
  }),
  table({
    name: 'owner',
    description: 'Owners of a parcel per year and supplement layer.',
    columns: [
      ['owner_tax_yr', year],
      ['sup_num', int],
      ['prop_id', int],
      ['owner_id', int],
      ['pct_ownership', numeric(13, 10)],
      ['hs_prop', flag],
      ['birth_dt', date],
    ],
    primaryKey: ['owner_tax_yr', 'sup_num', 'prop_id', 'owner_id'],
    indexes: [['owner_id'], ['prop_id']],
  }),
  table({
    name: 'address',
    description: 'Mailing and other addresses of an account.',
    columns: [
      ['acct_id', int],
      ['addr_type_cd', char(5)],
      ['primary_addr', flag],
      ['addr_line1', varchar(60)],
      ['addr_line2', varchar(60)],
      ['addr_line3', varchar(60)],
      ['addr_city', varchar(50)],
      ['addr_state', varchar(50)],
      ['zip', varchar(10)],
      ['country_cd', char(5)],
    ],
    primaryKey: ['acct_id', 'addr_type_cd'],
  }),
  table({
    name: 'phone',
    description: 'Phone numbers of an account.',
    columns: [['acct_id', int], ['phone_id', int], ['phone_type_cd', char(5)], ['phone_num', varchar(20)]],
    primaryKey: ['acct_id', 'phone_id'],
  }),
  table({
    name: 'situs',
    description: 'Physical location(s) of a parcel.',
    columns: [
      ['prop_id', int],
      ['situs_id', int],
      ['primary_situs', flag],
      ['situs_num', varchar(15)],
      ['situs_street_prefx', varchar(10)],
      ['situs_street', varchar(50)],
      ['situs_street_sufix', varchar(10)],
      ['situs_unit', varchar(5)],
      ['situs_city', varchar(30)],
      ['situs_state', char(2)],
      ['situs_zip', varchar(10)],
    ],
    primaryKey: ['prop_id', 'situs_id'],
    indexes: [['situs_street', 'situs_num']],
  }),
  table({
    name: 'property_exemption',
    description: 'Exemptions per year, layer, parcel and owner; one per code (no duplicates).',
    columns: [
      ['exmpt_tax_yr', year],
      ['owner_tax_yr', year],
      ['sup_num', int],
      ['prop_id', int],
      ['owner_id', int],
      ['exmpt_type_cd', varchar(10)],
      ['prop_type_cd', char(5)],
      ['applicant_nm', varchar(70)],
      ['birth_dt', date],
      ['spouse_birth_dt', date],
      ['prop_exmpt_ss_num', varchar(11)],
      ['prop_exmpt_dl_num', varchar(20)],
      ['effective_dt', date],
      ['termination_dt', date],
      ['qualify_yr', year],
      ['exmpt_subtype_cd', varchar(10)],
      ['exemption_pct', numeric(5, 2)],
      ['combined_disp_income', money],
      ['exempt_qualify_cd', varchar(10)],
      ['review_status_cd', varchar(10)],
    ],
    primaryKey: ['exmpt_tax_yr', 'owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'exmpt_type_cd'],
    indexes: [['prop_id'], ['owner_id'], ['exmpt_type_cd']],
  }),
  table({
    name: 'exmpt_type',
    description: 'Exemption codes: Texas and Washington. freeze_flag T: a tax ceiling applies.',
    columns: [['exmpt_type_cd', varchar(10)], ['exmpt_desc', varchar(50)], ['federal_amt', money], ['freeze_flag', flag]],
    primaryKey: ['exmpt_type_cd'],
  }),
  table({
    name: 'imprv',
    description: 'Improvements (buildings) per year and layer; sale_id 0 is the roll, not a sales study.',
    columns: [
      ['prop_val_yr', year],
      ['sup_num', int],
      ['sale_id', int],
      ['prop_id', int],
      ['imprv_id', int],
      ['imprv_type_cd', char(5)],
      ['imprv_desc', varchar(50)],
      ['imprv_val', money],
      ['actual_year_built', year],
    ],
    primaryKey: ['prop_val_yr', 'sup_num', 'sale_id', 'prop_id', 'imprv_id'],
    indexes: [['prop_id']],
  }),
  table({
    name: 'land_detail',
    description: 'Land segments per year and layer; ag_apply T: valued at productivity (ag_val).',
    columns: [
      ['prop_val_yr', year],
      ['sup_num', int],
      ['sale_id', int],
      ['prop_id', int],
      ['land_seg_id', int],
      ['land_type_cd', varchar(10)],
      ['size_acres', numeric(18, 4)],
      ['size_square_feet', numeric(18, 2)],
      ['ag_apply', flag],
      ['land_seg_mkt_val', money],
      ['ag_val', money],
    ],
    primaryKey: ['prop_val_yr', 'sup_num', 'sale_id', 'prop_id', 'land_seg_id'],
    indexes: [['prop_id']],
  }),
  table({
    name: 'appraiser',
    description: 'Appraisal staff; inactive staff must not be routed work.',
    columns: [['appraiser_id', int], ['appraiser_nm', varchar(40)], ['inactive', bit, { notNull: true }], ['pacs_user_id', int]],
    primaryKey: ['appraiser_id'],
  }),
  table({
    name: 'neighborhood',
    origin: 'modeled',
    description: 'Neighborhoods per year and the appraiser responsible (modeled: routing falls back to it).',
    columns: [['hood_cd', varchar(10)], ['hood_yr', year], ['hood_name', varchar(50)], ['appraiser_id', int]],
    primaryKey: ['hood_cd', 'hood_yr'],
  }),
  table({
    name: '_arb_protest',
    description: 'Protests (TX ARB) and appeals (WA BOE): one case per parcel, year and case_id.',
    columns: [
      ['prop_id', int],
      ['prop_val_yr', year],
      ['case_id', int],
      ['prot_type', varchar(10)],
      ['prot_status', varchar(20)],
      ['prot_create_dt', datetime],
      ['prot_complete_dt', datetime],
      ['prot_appraisal_staff', int],
      ['prot_hearing_appraisal_staff', int],
      ['docket_id', int],
      ['prot_assigned_panel', varchar(10)],
      ['opinion_of_value', money],
      ['begin_market', money],
      ['begin_appraised_val', money],
      ['final_market', money],
      ['final_appraised_val', money],
      ['decision_reason_cd', varchar(10)],
    ],
    primaryKey: ['prop_id', 'prop_val_yr', 'case_id'],
    indexes: [['prot_status'], ['prop_val_yr', 'prot_status'], ['docket_id']],
  }),
  table({
    name: '_arb_protest_status',
    description: 'Protest status codes: the vendor defaults and the proposed workflow; close_case 1 closes the case.',
    columns: [['status_cd', varchar(20)], ['status_desc', varchar(50)], ['close_case', bit, { notNull: true }], ['generate_letter', bit, { notNull: true }]],
    primaryKey: ['status_cd'],
  }),
  table({
    name: 'arb_docket',
    origin: 'modeled',
    // PACS keeps hearing dockets, but their layout is not published; this one carries what
    // routing needs: a time slot, a hearing limit and the property types it accepts.
    description: 'Hearing dockets (modeled): slot, max_hearings limit, prop_type_cds = comma list of allowed property types.',
    columns: [
      ['docket_id', int],
      ['docket_start_dt', datetime, { notNull: true }],
      ['docket_end_dt', datetime, { notNull: true }],
      ['max_hearings', int, { notNull: true }],
      ['prop_type_cds', varchar(50), { notNull: true }],
    ],
    primaryKey: ['docket_id'],
    indexes: [['docket_start_dt']],
  }),
  table({
    name: 'chg_of_owner',
    description: 'A change of ownership (deed).',
    columns: [
      ['chg_of_owner_id', int],
      ['deed_type_cd', varchar(10)],
      ['deed_num', varchar(50)],
      ['deed_book_id', varchar(20)],
      ['deed_book_page', varchar(20)],
      ['deed_dt', date],
      ['coo_sl_dt', date],
      ['grantor_cv', varchar(70)],
      ['grantee_cv', varchar(70)],
    ],
    primaryKey: ['chg_of_owner_id'],
  }),
  table({
    name: 'chg_of_owner_prop_assoc',
    description: 'The parcels a change of ownership conveys.',
    columns: [['chg_of_owner_id', int], ['prop_id', int], ['seq_num', int], ['sup_tax_yr', year]],
    primaryKey: ['chg_of_owner_id', 'prop_id'],
    indexes: [['prop_id']],
  }),
  table({
    name: 'seller_assoc',
    description: 'Sellers of a change of ownership.',
    columns: [['chg_of_owner_id', int], ['seller_id', int]],
    primaryKey: ['chg_of_owner_id', 'seller_id'],
  }),
  table({
    name: 'buyer_assoc',
    description: 'Buyers of a change of ownership.',
    columns: [['chg_of_owner_id', int], ['buyer_id', int]],
    primaryKey: ['chg_of_owner_id', 'buyer_id'],
  }),
  table({
    name: 'sale',
    description: 'The sale behind a change of ownership; confidential_sale T hides the price (TX §22.27).',
    columns: [
      ['chg_of_owner_id', int],
      ['sl_price', money],
      ['sl_dt', date],
      ['sl_type_cd', varchar(5)],
      ['confidential_sale', flag],
    ],
    primaryKey: ['chg_of_owner_id'],
  }),
  table({
    name: 'event',
    description: 'Audit trail of changes (protests filed, ownership changes, supplements).',
    columns: [
      ['event_id', int],
      ['system_type', char(5)],
      ['event_type', varchar(20)],
      ['event_date', datetime],
      ['pacs_user', varchar(30)],
      ['pacs_user_id', int],
      ['event_desc', varchar(2048)],
      ['ref_evt_type', varchar(20)],
      ['ref_year', year],
      ['ref_num', int],
      ['ref_id1', int],
      ['ref_id2', int],
    ],
    primaryKey: ['event_id'],
    indexes: [['event_type']],
  }),
  table({
    name: 'prop_event_assoc',
    description: 'Which parcels an event concerns.',
    columns: [['prop_id', int], ['event_id', int]],
    primaryKey: ['prop_id', 'event_id'],
    indexes: [['event_id']],
  }),
  table({
    name: 'import_staging_property_values',
    origin: 'staging',
    description: "The user's staging table for value imports (seed 000).",
    columns: [
      ['import_id', int, { identity: true }],
      ['parcel_id', varchar(20)],
      ['value_type', varchar(50)],
      ['value_amount', numeric(18, 2)],
      ['effective_date', date],
      ['source', varchar(255)],
      ['created_at', datetime, { defaultValue: 'now' }],
      // Not in seed 000: ties each row to its import batch (the push checks the column is there).
      ['import_batch_id', varchar(36)],
    ],
    primaryKey: ['import_id'],
  }),
  table({
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
      ['pushed_at', datetime, { defaultValue: 'now' }],
    ],
    primaryKey: ['batch_id'],
  }),
  table({
    name: 'import_staging_exemptions',
    origin: 'staging',
    description: 'Staged mass-exemption rows of a QA-signed batch (the upload layout in pacs-domain.md, prop_id resolved).',
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
      ['created_at', datetime, { defaultValue: 'now' }],
    ],
    primaryKey: ['batch_id', 'line_number'],
    indexes: [['prop_id']],
  }),
  table({
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
  }),
  table({
    name: 'import_promotions',
    origin: 'modeled',
    description: 'Ledger of import batches promoted into this database; makes a promotion idempotent by batch id.',
    columns: [
      ['batch_id', varchar(36)],
      ['kind', varchar(30), { notNull: true }],
      ['review_sha256', char(64), { notNull: true }],
      ['applied_count', int, { notNull: true }],
      ['promoted_by', varchar(100), { notNull: true }],
      ['promoted_at', datetime, { defaultValue: 'now' }],
    ],
    primaryKey: ['batch_id'],
  }),
  table({
    name: 'export_snapshot_parcel_timeline',
    origin: 'staging',
    description: "The user's snapshot table for parcel timelines (seed 000; no key there either).",
    columns: [
      ['snapshot_id', varchar(36)],
      ['parcel_id', varchar(20)],
      ['year', int],
      ['value', numeric(18, 2)],
      ['extracted_by', varchar(50)],
      ['exported_at', datetime, { defaultValue: 'now' }],
    ],
    primaryKey: [],
    indexes: [['snapshot_id'], ['parcel_id']],
  }),
];

export function demoTable(name: string): TableSpec {
  const found = DEMO_TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`demo schema: no table ${name}`);
  return found;
}

export type DdlPart = 'all' | 'tables' | 'indexes';

/**
 * SQLite DDL. Declared types keep the neutral names (VARCHAR(50), NUMERIC(14,0), DATE) so a
 * client describing the table sees them; SQLite gives them TEXT / NUMERIC / INTEGER affinity.
 * Dates are ISO text: 'YYYY-MM-DD' and 'YYYY-MM-DDTHH:MM:SS'. `tables` then `indexes` lets a
 * bulk load build the secondary indexes after the rows are in.
 */
export function sqliteDdl(part: DdlPart = 'all'): string {
  const statements: string[] = [];
  if (part !== 'indexes') statements.push(...DEMO_TABLES.map(sqliteCreateTable));
  if (part !== 'tables') {
    for (const spec of DEMO_TABLES) {
      for (const index of spec.indexes) {
        statements.push(
          `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quote(index.name)} ON ${quote(spec.name)} (${index.columns.map(quote).join(', ')});`,
        );
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
    let line = `  ${quote(column.name)} ${sqliteType(column.type)}`;
    if (!column.nullable) line += ' NOT NULL';
    if (column.defaultValue === 'now') line += ` DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))`;
    return line;
  });
  if (spec.primaryKey.length > 0 && !identity) lines.push(`  PRIMARY KEY (${spec.primaryKey.map(quote).join(', ')})`);
  // A composite key would otherwise be a second B-tree beside the rowid table; clustering the
  // (small) rows on it saves a fifth of the file and of the load time.
  const clustered = spec.primaryKey.length > 1 ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${quote(spec.name)} (\n${lines.join(',\n')}\n)${clustered};`;
}

function sqliteType(type: NeutralType): string {
  switch (type.kind) {
    // INTEGER (not INT) so a single-column integer key becomes the rowid.
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'bit':
      return 'BIT';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'numeric':
      return `NUMERIC(${type.precision},${type.scale})`;
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'char':
      return `CHAR(${type.length})`;
  }
}

/** SQLite and PostgreSQL quote names alike. */
function quote(identifier: string): string {
  return sqlite.quoteIdent(identifier);
}

/**
 * PostgreSQL DDL, idempotent (IF NOT EXISTS), one statement per element. Types follow the
 * neutral description; `bit` becomes smallint 0/1 (as SQL Server's BIT and SQLite read it, so
 * engine SQL can test `flag = 1` everywhere), datetime `timestamp(3)` (SQL Server DATETIME
 * keeps milliseconds), identity `GENERATED BY DEFAULT AS IDENTITY`.
 */
export function postgresDdlStatements(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES): string[] {
  const statements: string[] = [];
  if (part !== 'indexes') statements.push(...tables.map(postgresCreateTable));
  if (part !== 'tables') {
    for (const spec of tables) {
      for (const index of spec.indexes) {
        statements.push(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quote(index.name)} ON ${quote(spec.name)} (${index.columns.map(quote).join(', ')})`);
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
    let line = `  ${quote(column.name)} ${postgresType(column.type)}`;
    if (column.identity) line += ' GENERATED BY DEFAULT AS IDENTITY';
    if (!column.nullable) line += ' NOT NULL';
    if (column.defaultValue === 'now') line += ' DEFAULT LOCALTIMESTAMP(0)';
    return line;
  });
  if (spec.primaryKey.length > 0) lines.push(`  CONSTRAINT ${quote(`${spec.name}_pkey`)} PRIMARY KEY (${spec.primaryKey.map(quote).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${quote(spec.name)} (\n${lines.join(',\n')}\n)`;
}

export function postgresType(type: NeutralType): string {
  switch (type.kind) {
    case 'int':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'bit':
      return 'smallint';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp(3)';
    case 'numeric':
      return `numeric(${type.precision},${type.scale})`;
    case 'varchar':
      return `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
  }
}

/**
 * SQL Server DDL, idempotent (each CREATE guarded by an existence check), one batch per element
 * (a script joins them with GO). Types are PACS's own: INT, NUMERIC(p,s), VARCHAR, CHAR, BIT,
 * DATE, DATETIME; identity `IDENTITY(1,1)`, insert time `DEFAULT GETDATE()`.
 */
export function sqlServerDdlStatements(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES, schema = 'dbo'): string[] {
  const statements: string[] = [];
  const qualified = (name: string) => `${bracket(schema)}.${bracket(name)}`;
  const literal = (text: string) => tsql.stringLiteral(text);
  if (part !== 'indexes') {
    for (const spec of tables) {
      const lines = spec.columns.map((column) => {
        let line = `  ${bracket(column.name)} ${sqlServerType(column.type)}`;
        if (column.identity) line += ' IDENTITY(1,1)';
        line += column.nullable ? ' NULL' : ' NOT NULL';
        if (column.defaultValue === 'now') line += ' DEFAULT GETDATE()';
        return line;
      });
      if (spec.primaryKey.length > 0) {
        lines.push(`  CONSTRAINT ${bracket(`pk_${spec.name.replace(/^_+/, '')}`)} PRIMARY KEY (${spec.primaryKey.map(bracket).join(', ')})`);
      }
      statements.push(`IF OBJECT_ID(${literal(qualified(spec.name))}, N'U') IS NULL\nCREATE TABLE ${qualified(spec.name)} (\n${lines.join(',\n')}\n);`);
    }
  }
  if (part !== 'tables') {
    for (const spec of tables) {
      for (const index of spec.indexes) {
        statements.push(
          `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = ${literal(index.name)} AND object_id = OBJECT_ID(${literal(qualified(spec.name))}))\n` +
            `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${bracket(index.name)} ON ${qualified(spec.name)} (${index.columns.map(bracket).join(', ')});`,
        );
      }
    }
  }
  return statements;
}

export function sqlServerDdl(part: DdlPart = 'all', tables: readonly TableSpec[] = DEMO_TABLES, schema = 'dbo'): string {
  return sqlServerDdlStatements(part, tables, schema).map((s) => `${s}\nGO\n`).join('');
}

export function sqlServerType(type: NeutralType): string {
  switch (type.kind) {
    case 'int':
      return 'INT';
    case 'bigint':
      return 'BIGINT';
    case 'bit':
      return 'BIT';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'numeric':
      return `NUMERIC(${type.precision},${type.scale})`;
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'char':
      return `CHAR(${type.length})`;
  }
}

function bracket(identifier: string): string {
  return tsql.quoteIdent(identifier);
}
