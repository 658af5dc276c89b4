import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEMA_VERSION, DEMO_TABLES, sqliteDdl } from '../../mcp/demo/demo-schema.js';
import { generateDemoDatabase, type DemoSummary } from '../../mcp/demo/generate-demo.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';

const SIZE = 300;
const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-demo-'));
  tempDirs.push(dir);
  return dir;
}

/** sha256 of each table's rows in primary-key order (every column when there is no key). */
async function tableHashes(file: string): Promise<Record<string, string>> {
  const db = await SqliteDb.open(file, { readOnly: true });
  try {
    const hashes: Record<string, string> = {};
    for (const spec of DEMO_TABLES) {
      const order = (spec.primaryKey.length > 0 ? spec.primaryKey : spec.columns.map((c) => c.name)).map((c) => `"${c}"`).join(', ');
      const rows = await db.all(`SELECT * FROM "${spec.name}" ORDER BY ${order}`);
      hashes[spec.name] = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return hashes;
  } finally {
    await db.close();
  }
}

async function withDb<T>(file: string, work: (db: SqliteDb) => Promise<T>): Promise<T> {
  const db = await SqliteDb.open(file, { readOnly: true });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function scalar(db: SqliteDb, sql: string): Promise<number> {
  const row = await db.get<{ n: number }>(sql);
  return Number(row?.n);
}

let fileA: string;
let fileB: string;
let summaryA: DemoSummary;
let summaryB: DemoSummary;

beforeAll(async () => {
  fileA = path.join(tempDir(), 'demo-pacs.sqlite');
  fileB = path.join(tempDir(), 'demo-pacs.sqlite');
  summaryA = await generateDemoDatabase(fileA, { size: SIZE, seed: 42 });
  summaryB = await generateDemoDatabase(fileB, { size: SIZE, seed: 42 });
});

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('determinism', () => {
  it('builds identical table contents from the same size and seed', async () => {
    const [a, b] = await Promise.all([tableHashes(fileA), tableHashes(fileB)]);
    expect(Object.keys(a)).toHaveLength(DEMO_TABLES.length);
    expect(b).toEqual(a);
    const { elapsed_ms: _a, file: _fa, ...countsA } = summaryA;
    const { elapsed_ms: _b, file: _fb, ...countsB } = summaryB;
    expect(countsB).toEqual(countsA);
  });

  it('builds different contents from another seed', async () => {
    const fileC = path.join(tempDir(), 'demo-pacs.sqlite');
    await generateDemoDatabase(fileC, { size: SIZE, seed: 7 });
    const [a, c] = await Promise.all([tableHashes(fileA), tableHashes(fileC)]);
    for (const table of ['property', 'property_val', 'account', 'owner', 'property_exemption']) expect(c[table]).not.toBe(a[table]);
    // Code tables do not depend on the seed.
    expect(c.exmpt_type).toBe(a.exmpt_type);
    expect(c._arb_protest_status).toBe(a._arb_protest_status);
  });
});

describe('contents', () => {
  it('reports counts that match the tables', async () => {
    await withDb(fileA, async (db) => {
      expect(summaryA).toMatchObject({ parcels: SIZE, size: SIZE, seed: 42, file: path.resolve(fileA) });
      expect(await scalar(db, 'SELECT count(*) AS n FROM property')).toBe(SIZE);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val')).toBe(summaryA.property_val_rows);
      expect(await scalar(db, 'SELECT count(*) AS n FROM owner')).toBe(summaryA.owners);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_exemption')).toBe(summaryA.exemptions);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest')).toBe(summaryA.protests);
      expect(summaryA.protests).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT user_version AS n FROM pragma_user_version')).toBe(DEMO_SCHEMA_VERSION);
    });
  });

  it('has six years ending at the uncertified appraisal year 2026', async () => {
    await withDb(fileA, async (db) => {
      const years = await db.all<{ tax_yr: number; certification_dt: string | null; notice_dt: string }>('SELECT * FROM pacs_year ORDER BY tax_yr');
      expect(years.map((y) => y.tax_yr)).toEqual(YEARS);
      for (const y of years) {
        if (y.tax_yr === 2026) expect(y.certification_dt).toBeNull();
        else expect(y.certification_dt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(y.notice_dt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(await db.get('SELECT appr_yr, tax_yr, future_yr FROM pacs_system')).toEqual({ appr_yr: 2026, tax_yr: 2025, future_yr: 2027 });
    });
  });

  it('gives every property a value row in every year', async () => {
    await withDb(fileA, async (db) => {
      const missing = await scalar(
        db,
        `SELECT count(*) AS n FROM property p CROSS JOIN pacs_year y
         WHERE NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_id = p.prop_id AND v.prop_val_yr = y.tax_yr)`,
      );
      expect(missing).toBe(0);
      // Some parcels carry a supplement layer, and only in certified years.
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE sup_num = 1')).toBeGreaterThan(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_val WHERE sup_num = 1 AND (prop_val_yr = 2026 OR sup_action <> 'M' OR sup_cd IS NULL)")).toBe(0);
    });
  });

  it('points prop_supp_assoc at exactly one existing layer per year and parcel', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, 'SELECT count(*) AS n FROM prop_supp_assoc')).toBe(SIZE * YEARS.length);
      expect(await scalar(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM prop_supp_assoc GROUP BY owner_tax_yr, prop_id HAVING count(*) > 1)')).toBe(0);
      const dangling = await scalar(
        db,
        `SELECT count(*) AS n FROM prop_supp_assoc a
         WHERE NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = a.owner_tax_yr AND v.sup_num = a.sup_num AND v.prop_id = a.prop_id)`,
      );
      expect(dangling).toBe(0);
      // It names the latest layer of the year.
      const stale = await scalar(
        db,
        `SELECT count(*) AS n FROM prop_supp_assoc a
         WHERE a.sup_num <> (SELECT max(v.sup_num) FROM property_val v WHERE v.prop_val_yr = a.owner_tax_yr AND v.prop_id = a.prop_id)`,
      );
      expect(stale).toBe(0);
      // Owners exist on the current layer of every year.
      const ownerless = await scalar(
        db,
        `SELECT count(*) AS n FROM prop_supp_assoc a
         WHERE NOT EXISTS (SELECT 1 FROM owner o WHERE o.owner_tax_yr = a.owner_tax_yr AND o.sup_num = a.sup_num AND o.prop_id = a.prop_id)`,
      );
      expect(ownerless).toBe(0);
    });
  });

  it('keeps the value columns consistent', async () => {
    await withDb(fileA, async (db) => {
      const broken = await scalar(
        db,
        `SELECT count(*) AS n FROM property_val
         WHERE market <> land_hstd_val + land_non_hstd_val + imprv_hstd_val + imprv_non_hstd_val + ag_market
            OR appraised_val <> market - ag_market + ag_use_val
            OR assessed_val <> appraised_val - ten_percent_cap
            OR ten_percent_cap < 0`,
      );
      expect(broken).toBe(0);
      const imprvMismatch = await scalar(
        db,
        `SELECT count(*) AS n FROM property_val v JOIN property p ON p.prop_id = v.prop_id
         WHERE p.prop_type_cd IN ('R', 'MH')
           AND v.imprv_hstd_val + v.imprv_non_hstd_val <> coalesce((SELECT sum(i.imprv_val) FROM imprv i
                 WHERE i.prop_val_yr = v.prop_val_yr AND i.sup_num = v.sup_num AND i.prop_id = v.prop_id), 0)`,
      );
      expect(imprvMismatch).toBe(0);
    });
  });

  it('has confidential accounts, synthetic identifiers and existing references', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, "SELECT count(*) AS n FROM account WHERE confidential_flag = 'T' AND confidential_file_as_name IS NOT NULL")).toBeGreaterThan(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL AND prop_exmpt_ss_num NOT LIKE '9__-__-____'")).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM account WHERE email_addr IS NOT NULL AND email_addr NOT LIKE '%@example.___'")).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM owner o LEFT JOIN account a ON a.acct_id = o.owner_id WHERE a.acct_id IS NULL')).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_exemption e LEFT JOIN exmpt_type t ON t.exmpt_type_cd = e.exmpt_type_cd WHERE t.exmpt_type_cd IS NULL')).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest p LEFT JOIN _arb_protest_status s ON s.status_cd = p.prot_status WHERE s.status_cd IS NULL')).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property WHERE geo_id NOT GLOB '[RMPNA][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'")).toBe(0);
    });
  });

  it('has homesteads on about half the real parcels, and every code table row the domain names', async () => {
    await withDb(fileA, async (db) => {
      const hsShare = await scalar(
        db,
        `SELECT avg(EXISTS (SELECT 1 FROM property_exemption e WHERE e.prop_id = p.prop_id AND e.exmpt_tax_yr = 2026 AND e.exmpt_type_cd = 'HS')) AS n
         FROM property p WHERE p.prop_type_cd = 'R'`,
      );
      expect(hsShare).toBeGreaterThan(0.4);
      expect(hsShare).toBeLessThan(0.7);
      const codes = (await db.all<{ exmpt_type_cd: string }>('SELECT exmpt_type_cd FROM exmpt_type')).map((r) => r.exmpt_type_cd);
      const domainCodes = ['HS', 'OV65', 'OV65S', 'DP', 'DV1', 'DV2', 'DV3', 'DV4', 'DV1S', 'DV2S', 'DV3S', 'DV4S', 'DVHS', 'EX', 'EX366', 'AB', 'FR', 'PC', 'SO', 'HT', 'CH', 'SNR/DSBL', 'DOR', 'HOF', 'FARM'];
      expect(codes.sort()).toEqual([...domainCodes].sort());
      const statuses = await db.all<{ status_cd: string; close_case: number }>('SELECT status_cd, close_case FROM _arb_protest_status');
      const closing = statuses.filter((s) => s.close_case === 1).map((s) => s.status_cd);
      for (const code of ['F', 'FR', 'LN', 'LP', 'NS', 'O', 'S', 'OPEN', 'INFORMAL_SCHEDULED', 'SETTLED', 'HEARING_SCHEDULED', 'RESCHEDULED', 'HEARD', 'FINAL_ORDER', 'NO_SHOW', 'WITHDRAWN', 'DISMISSED_UNTIMELY', 'APPEALED']) {
        expect(statuses.map((s) => s.status_cd)).toContain(code);
      }
      expect(closing).toEqual(expect.arrayContaining(['SETTLED', 'FINAL_ORDER', 'WITHDRAWN', 'DISMISSED_UNTIMELY']));
      expect(closing).not.toContain('OPEN');
    });
  });

  it('has open unassigned protests and dockets that respect their limits and property types', async () => {
    await withDb(fileA, async (db) => {
      expect(
        await scalar(db, "SELECT count(*) AS n FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_status IN ('OPEN', 'O') AND prot_appraisal_staff IS NULL AND docket_id IS NULL"),
      ).toBeGreaterThan(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM arb_docket WHERE docket_start_dt LIKE '2026-%'")).toBeGreaterThan(0);
      const overbooked = await scalar(
        db,
        'SELECT count(*) AS n FROM arb_docket d WHERE (SELECT count(*) FROM _arb_protest p WHERE p.docket_id = d.docket_id) > d.max_hearings',
      );
      expect(overbooked).toBe(0);
      const wrongType = await scalar(
        db,
        `SELECT count(*) AS n FROM _arb_protest a JOIN arb_docket d ON d.docket_id = a.docket_id JOIN property p ON p.prop_id = a.prop_id
         WHERE ',' || d.prop_type_cds || ',' NOT LIKE '%,' || p.prop_type_cd || ',%'`,
      );
      expect(wrongType).toBe(0);
      // Every docketed case is heard in the year it protests.
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest a JOIN arb_docket d ON d.docket_id = a.docket_id WHERE substr(d.docket_start_dt, 1, 4) <> CAST(a.prop_val_yr AS TEXT)')).toBe(0);
    });
  });

  it('stores dates as ISO text', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, "SELECT count(*) AS n FROM account a JOIN owner o ON o.owner_id = a.acct_id WHERE o.birth_dt IS NOT NULL AND o.birth_dt NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'")).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM _arb_protest WHERE prot_create_dt NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'")).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_val WHERE typeof(sup_dt) NOT IN ('text', 'null')")).toBe(0);
    });
  });
});

describe('schema description', () => {
  it('names the PACS tables and columns that queries rely on', () => {
    const required: Record<string, string[]> = {
      pacs_system: ['id', 'appr_yr', 'tax_yr', 'future_yr'],
      pacs_year: ['tax_yr', 'certification_dt', 'notice_dt'],
      property: ['prop_id', 'prop_type_cd', 'geo_id', 'simple_geo_id', 'ref_id1', 'ref_id2', 'dba_name'],
      property_val: ['prop_val_yr', 'sup_num', 'prop_id', 'land_hstd_val', 'land_non_hstd_val', 'imprv_hstd_val', 'imprv_non_hstd_val', 'ag_use_val', 'ag_market', 'market', 'appraised_val', 'ten_percent_cap', 'assessed_val', 'legal_desc', 'legal_acreage', 'abs_subdv_cd', 'hood_cd', 'block', 'tract_or_lot', 'prev_sup_num', 'sup_cd', 'sup_desc', 'sup_dt', 'sup_action', 'prop_inactive_dt', 'last_appraiser_id', 'next_appraiser_id'],
      prop_supp_assoc: ['owner_tax_yr', 'sup_num', 'prop_id'],
      supplement: ['sup_tax_yr', 'sup_num', 'sup_group_id'],
      sup_group: ['sup_group_id', 'status_cd'],
      account: ['acct_id', 'first_name', 'last_name', 'file_as_name', 'confidential_flag', 'confidential_file_as_name', 'dl_num', 'dl_state', 'email_addr'],
      owner: ['owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'pct_ownership', 'hs_prop', 'birth_dt'],
      address: ['acct_id', 'addr_type_cd', 'addr_line1', 'addr_line2', 'addr_line3', 'addr_city', 'addr_state', 'zip', 'primary_addr'],
      phone: ['acct_id', 'phone_id', 'phone_num'],
      situs: ['prop_id', 'situs_id', 'primary_situs', 'situs_num', 'situs_street_prefx', 'situs_street', 'situs_street_sufix', 'situs_unit', 'situs_city', 'situs_zip'],
      property_exemption: ['exmpt_tax_yr', 'owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'exmpt_type_cd', 'applicant_nm', 'birth_dt', 'spouse_birth_dt', 'prop_exmpt_ss_num', 'prop_exmpt_dl_num', 'effective_dt', 'termination_dt', 'qualify_yr', 'exmpt_subtype_cd', 'exemption_pct', 'combined_disp_income', 'exempt_qualify_cd', 'review_status_cd'],
      exmpt_type: ['exmpt_type_cd', 'exmpt_desc', 'federal_amt', 'freeze_flag'],
      imprv: ['prop_val_yr', 'sup_num', 'sale_id', 'prop_id', 'imprv_id', 'imprv_type_cd', 'imprv_val', 'actual_year_built'],
      land_detail: ['prop_val_yr', 'sup_num', 'sale_id', 'prop_id', 'land_seg_id', 'land_type_cd', 'size_acres', 'land_seg_mkt_val'],
      appraiser: ['appraiser_id', 'appraiser_nm', 'inactive', 'pacs_user_id'],
      _arb_protest: ['prop_id', 'prop_val_yr', 'case_id', 'prot_type', 'prot_status', 'prot_create_dt', 'prot_complete_dt', 'prot_appraisal_staff', 'prot_hearing_appraisal_staff', 'docket_id', 'prot_assigned_panel', 'opinion_of_value', 'begin_market', 'begin_appraised_val', 'final_market', 'final_appraised_val', 'decision_reason_cd'],
      _arb_protest_status: ['status_cd', 'status_desc', 'close_case', 'generate_letter'],
      arb_docket: ['docket_id', 'docket_start_dt', 'docket_end_dt', 'max_hearings', 'prop_type_cds'],
      chg_of_owner: ['chg_of_owner_id', 'deed_dt'],
      sale: ['chg_of_owner_id', 'sl_price', 'confidential_sale'],
      event: ['event_id', 'event_type', 'pacs_user_id', 'ref_id1'],
      prop_event_assoc: ['prop_id', 'event_id'],
      import_staging_property_values: ['import_id', 'parcel_id', 'value_type', 'value_amount', 'effective_date', 'source', 'created_at'],
      export_snapshot_parcel_timeline: ['snapshot_id', 'parcel_id', 'year', 'value', 'extracted_by', 'exported_at'],
    };
    for (const [table, columns] of Object.entries(required)) {
      const spec = DEMO_TABLES.find((t) => t.name === table);
      expect(spec, table).toBeDefined();
      expect(spec!.columns.map((c) => c.name), table).toEqual(expect.arrayContaining(columns));
    }
  });

  it('generates SQLite DDL with the lookup indexes', () => {
    const ddl = sqliteDdl();
    expect(ddl).toContain('CREATE TABLE "property" (');
    expect(ddl).toContain('"import_id" INTEGER PRIMARY KEY AUTOINCREMENT');
    expect(ddl).toContain(`"created_at" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))`);
    for (const index of ['ON "property" ("geo_id")', 'ON "property_val" ("prop_id")', 'ON "owner" ("owner_id")', 'ON "situs" (', 'ON "_arb_protest" ("prot_status")', 'ON "property_exemption" ("prop_id")']) {
      expect(ddl).toContain(index);
    }
    expect(sqliteDdl('tables')).not.toContain('CREATE INDEX');
  });
});

describe('file replacement', () => {
  it('replaces an existing file and leaves no .building file', async () => {
    const file = path.join(tempDir(), 'demo-pacs.sqlite');
    fs.writeFileSync(file, 'the previous demo database');
    fs.writeFileSync(`${file}-journal`, 'a stale journal of the previous file');
    await generateDemoDatabase(file, { size: 20, seed: 1 });
    expect(fs.existsSync(`${file}.building`)).toBe(false);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    await withDb(file, async (db) => expect(await scalar(db, 'SELECT count(*) AS n FROM property')).toBe(20));
  });

  it('keeps the old file when a build fails part-way', async () => {
    const file = path.join(tempDir(), 'demo-pacs.sqlite');
    fs.writeFileSync(file, 'the previous demo database');
    await expect(
      generateDemoDatabase(file, {
        size: 5_000,
        onProgress: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(fs.readFileSync(file, 'utf8')).toBe('the previous demo database');
    expect(fs.existsSync(`${file}.building`)).toBe(false);
  });

  it('rejects nonsense options before touching the file', async () => {
    const file = path.join(tempDir(), 'demo-pacs.sqlite');
    await expect(generateDemoDatabase(file, { size: 0 })).rejects.toThrow(/size/);
    await expect(generateDemoDatabase(file, { size: 10, years: 0 })).rejects.toThrow(/years/);
    expect(fs.existsSync(file)).toBe(false);
  });
});
