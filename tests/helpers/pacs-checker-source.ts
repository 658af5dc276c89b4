import path from 'node:path';
import type { SourceConnector } from '../../mcp/connectors/connector.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import type { RowValues, SourceChecker, StagedRow } from '../../mcp/imports/import-kind.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from './temp-home.js';

/**
 * A small PACS database of exactly the rows a test names, in a real SQLite file read through
 * SqliteConnector, and an import checker driven over it in the order validation drives it:
 * collect while staging (kept as JSON with the batch), load, resolve the rows without a prop_id,
 * loadResolved, check. No engine, no demo: a test of one rule takes milliseconds.
 */

export interface PacsRows {
  /** pacs_year: a certified year has its certification date. */
  years?: { year: number; certified?: string }[];
  parcels?: { prop: number; geo: string; type?: string }[];
  /** The current layer (prop_supp_assoc + property_val) of a parcel in a year. */
  layers?: { year: number; prop: number; sup?: number; udiParent?: boolean; inactive?: boolean; groupStatus?: string }[];
  owners?: { year: number; prop: number; owner: number; birth?: string | null; sup?: number }[];
  exemptions?: { year: number; prop: number; owner: number; code: string; sup?: number }[];
  codes?: string[];
  subTypes?: { cd: string | null; code: string | null; disability?: boolean }[];
  tiers?: { year: number; code: string | null; tier: string; min: number | null; max: number | null }[];
}

const SCHEMA = `
  CREATE TABLE pacs_year (tax_yr INTEGER PRIMARY KEY, certification_dt TEXT);
  CREATE TABLE property (prop_id INTEGER PRIMARY KEY, geo_id TEXT, prop_type_cd TEXT);
  CREATE TABLE prop_supp_assoc (owner_tax_yr INTEGER, sup_num INTEGER, prop_id INTEGER);
  CREATE TABLE property_val (prop_val_yr INTEGER, sup_num INTEGER, prop_id INTEGER, udi_parent TEXT, prop_inactive_dt TEXT);
  CREATE TABLE supplement (sup_tax_yr INTEGER, sup_num INTEGER, sup_group_id INTEGER);
  CREATE TABLE sup_group (sup_group_id INTEGER PRIMARY KEY, status_cd TEXT);
  CREATE TABLE owner (owner_tax_yr INTEGER, sup_num INTEGER, prop_id INTEGER, owner_id INTEGER, birth_dt TEXT);
  CREATE TABLE property_exemption (exmpt_tax_yr INTEGER, owner_tax_yr INTEGER, sup_num INTEGER, prop_id INTEGER, owner_id INTEGER, exmpt_type_cd TEXT);
  CREATE TABLE exmpt_type (exmpt_type_cd TEXT);
  CREATE TABLE exmpt_sub_type (exmpt_sub_type_cd TEXT, exmpt_type_cd TEXT, disability INTEGER);
  CREATE TABLE exmpt_qualify_code (year INTEGER, exemption_code TEXT, exempt_type_cd TEXT, income_min INTEGER, income_max INTEGER);`;

export interface PacsSource {
  connector: SqliteConnector;
  close(): Promise<void>;
}

export async function pacsSource(rows: PacsRows): Promise<PacsSource> {
  const home = makeTempHome('pacs-checker-');
  const file = path.join(home.dir, 'pacs.sqlite');
  const db = await SqliteDb.open(file);
  try {
    // A throwaway file: no journal, no waiting for the disk.
    await db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN');
    await db.exec(SCHEMA);
    for (const y of rows.years ?? []) await db.run('INSERT INTO pacs_year VALUES (?, ?)', [y.year, y.certified ?? null]);
    for (const p of rows.parcels ?? []) await db.run('INSERT INTO property VALUES (?, ?, ?)', [p.prop, p.geo, p.type ?? 'R']);
    let group = 0;
    for (const l of rows.layers ?? []) {
      const sup = l.sup ?? 0;
      await db.run('INSERT INTO prop_supp_assoc VALUES (?, ?, ?)', [l.year, sup, l.prop]);
      await db.run('INSERT INTO property_val VALUES (?, ?, ?, ?, ?)', [l.year, sup, l.prop, l.udiParent ? 'T' : null, l.inactive ? '2025-06-01' : null]);
      if (l.groupStatus) {
        group += 1;
        await db.run('INSERT INTO sup_group VALUES (?, ?)', [group, l.groupStatus]);
        await db.run('INSERT INTO supplement VALUES (?, ?, ?)', [l.year, sup, group]);
      }
    }
    for (const o of rows.owners ?? []) await db.run('INSERT INTO owner VALUES (?, ?, ?, ?, ?)', [o.year, o.sup ?? 0, o.prop, o.owner, o.birth ?? null]);
    for (const e of rows.exemptions ?? []) await db.run('INSERT INTO property_exemption VALUES (?, ?, ?, ?, ?, ?)', [e.year, e.year, e.sup ?? 0, e.prop, e.owner, e.code]);
    for (const c of rows.codes ?? []) await db.run('INSERT INTO exmpt_type VALUES (?)', [c]);
    for (const s of rows.subTypes ?? []) await db.run('INSERT INTO exmpt_sub_type VALUES (?, ?, ?)', [s.cd, s.code, s.disability ? 1 : 0]);
    for (const t of rows.tiers ?? []) await db.run('INSERT INTO exmpt_qualify_code VALUES (?, ?, ?, ?, ?)', [t.year, t.tier, t.code, t.min, t.max]);
    await db.exec('COMMIT');
  } finally {
    await db.close();
  }
  const connector = new SqliteConnector({ file }, { id: 'pacs', role: 'training' });
  return {
    connector,
    close: async () => {
      await connector.close();
      home.cleanup();
    },
  };
}

export interface CheckedRow {
  values: RowValues;
  /** The prop_id the file gives itself (staging keeps it); null: validation resolves it. */
  filePropId: number | null;
  hasStageErrors?: boolean;
  /** The earlier line this row repeats, as the duplicate search finds it. */
  firstLine?: number;
}

/** One reported issue: line (2 for the first row, as in a file with a header), column and code. */
export type Issue = [number, string, string];

export interface CheckOptions {
  /** Validation reads what staging collected from the batch's manifest (default); false: it collects itself. */
  fromManifest?: boolean;
}

/**
 * Runs `createChecker()`'s checker over `rows` against `source` (the database's own connector, or
 * one that reads it as another kind of source does); the issues it reports, and the prop_id each row resolved to.
 */
export async function checkRows(
  createChecker: () => SourceChecker,
  source: { connector: SourceConnector },
  rows: CheckedRow[],
  options: CheckOptions = {},
): Promise<{ issues: Issue[]; messages: string[]; propIds: (number | null)[] }> {
  const staged: StagedRow[] = rows.map((r, i) => ({ line: i + 2, values: r.values, propId: r.filePropId, hasStageErrors: r.hasStageErrors ?? false }));
  const checker = createChecker();
  if (options.fromManifest === false) {
    for (const row of staged) checker.collect(row);
  } else {
    const stager = createChecker();
    for (const row of staged) stager.collect(row);
    checker.importCollected(JSON.parse(JSON.stringify(stager.exportCollected())));
  }
  await checker.load(source.connector);
  const resolved = staged.map((row) => (row.propId === null ? { ...row, propId: checker.resolve(row) } : row));
  await checker.loadResolved(source.connector);
  const issues: Issue[] = [];
  const messages: string[] = [];
  resolved.forEach((row, i) =>
    checker.check(row, rows[i].firstLine, (field, code, message) => {
      issues.push([row.line, field, code]);
      messages.push(message);
    }),
  );
  return { issues, messages, propIds: resolved.map((r) => r.propId) };
}
