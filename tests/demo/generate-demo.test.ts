import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEMA_VERSION, DEMO_TABLES, writableColumns } from '../../mcp/demo/demo-schema.js';
import { generateDemoDatabase, type DemoSummary } from '../../mcp/demo/generate-demo.js';
import { sqliteDdl } from '../../mcp/demo/schema-ddl.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';

const SIZE = 600;
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
let fileTx: string;
let summaryA: DemoSummary;
let summaryB: DemoSummary;

beforeAll(async () => {
  fileA = path.join(tempDir(), 'demo-pacs.sqlite');
  fileB = path.join(tempDir(), 'demo-pacs.sqlite');
  fileTx = path.join(tempDir(), 'demo-pacs.sqlite');
  summaryA = await generateDemoDatabase(fileA, { size: SIZE, seed: 42 });
  summaryB = await generateDemoDatabase(fileB, { size: SIZE, seed: 42 });
  await generateDemoDatabase(fileTx, { size: SIZE, seed: 42, jurisdiction: 'TX' });
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
    for (const table of ['exmpt_type', 'exmpt_sub_type', 'exmpt_qualify_code', '_arb_protest_status', 'state_code', 'supp_status']) expect(c[table], table).toBe(a[table]);
  });
});

describe('the catalog schema holds', () => {
  it('every foreign key of the catalog finds its row', async () => {
    for (const file of [fileA, fileTx]) {
      await withDb(file, async (db) => expect(await db.all('PRAGMA foreign_key_check')).toEqual([]));
    }
  });

  it('every value fits its declared type: text lengths, numeric digits, flags, DATETIME as ISO text', async () => {
    await withDb(fileA, async (db) => {
      for (const spec of DEMO_TABLES) {
        for (const column of writableColumns(spec)) {
          const t = column.type;
          const c = `"${column.name}"`;
          const from = `FROM "${spec.name}" WHERE ${c} IS NOT NULL`;
          if ((t.kind === 'varchar' || t.kind === 'char') && t.length !== null) {
            expect(await scalar(db, `SELECT count(*) AS n ${from} AND length(${c}) > ${t.length}`), `${spec.name}.${column.name}`).toBe(0);
          } else if (t.kind === 'numeric') {
            const limit = 10 ** (t.precision - t.scale);
            expect(await scalar(db, `SELECT count(*) AS n ${from} AND (abs(${c}) >= ${limit} OR typeof(${c}) = 'text')`), `${spec.name}.${column.name}`).toBe(0);
          } else if (t.kind === 'datetime') {
            expect(await scalar(db, `SELECT count(*) AS n ${from} AND ${c} NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'`), `${spec.name}.${column.name}`).toBe(0);
          } else if (t.kind === 'bit') {
            expect(await scalar(db, `SELECT count(*) AS n ${from} AND ${c} NOT IN (0, 1)`), `${spec.name}.${column.name}`).toBe(0);
          } else if (t.kind === 'int') {
            expect(await scalar(db, `SELECT count(*) AS n ${from} AND typeof(${c}) <> 'integer'`), `${spec.name}.${column.name}`).toBe(0);
          }
        }
      }
      expect(await db.all('SELECT DISTINCT close_case FROM _arb_protest_status ORDER BY 1')).toEqual([{ close_case: 'F' }, { close_case: 'T' }]);
      expect(await db.all('SELECT DISTINCT inactive FROM appraiser ORDER BY 1')).toEqual([{ inactive: null }, { inactive: 'F' }, { inactive: 'T' }]);
      expect(await scalar(db, 'SELECT max(length(status_cd)) AS n FROM _arb_protest_status')).toBeLessThanOrEqual(10);
    });
  });
});

describe('contents', () => {
  it('reports counts that match the tables', async () => {
    await withDb(fileA, async (db) => {
      expect(summaryA).toMatchObject({ parcels: SIZE, size: SIZE, seed: 42, jurisdiction: 'WA', file: path.resolve(fileA) });
      expect(await scalar(db, 'SELECT count(*) AS n FROM property')).toBe(SIZE);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val')).toBe(summaryA.property_val_rows);
      expect(await scalar(db, 'SELECT count(*) AS n FROM owner')).toBe(summaryA.owners);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_exemption')).toBe(summaryA.exemptions);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest')).toBe(summaryA.protests);
      expect(summaryA.protests).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT user_version AS n FROM pragma_user_version')).toBe(DEMO_SCHEMA_VERSION);
    });
  });

  it('has six years ending at the uncertified appraisal year 2026, and the future-year layer under year 0', async () => {
    await withDb(fileA, async (db) => {
      const years = await db.all<{ tax_yr: number; certification_dt: string | null; notice_dt: string }>('SELECT * FROM pacs_year ORDER BY tax_yr');
      expect(years.map((y) => y.tax_yr)).toEqual(YEARS);
      for (const y of years) {
        if (y.tax_yr === 2026) expect(y.certification_dt).toBeNull();
        else expect(y.certification_dt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00$/);
      }
      expect(await db.get('SELECT appr_yr, tax_yr, future_yr FROM pacs_system')).toEqual({ appr_yr: 2026, tax_yr: 2025, future_yr: 2027 });
      // Some parcels have a year-0 layer, with prop_supp_assoc naming it; no layer is filed under 2027.
      expect(await scalar(db, 'SELECT count(*) AS n FROM prop_supp_assoc WHERE owner_tax_yr = 0')).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE prop_val_yr = 0')).toBe(await scalar(db, 'SELECT count(*) AS n FROM prop_supp_assoc WHERE owner_tax_yr = 0'));
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE prop_val_yr = 2027')).toBe(0);
    });
  });

  it('gives every property a value row in every year, supplements only in certified years', async () => {
    await withDb(fileA, async (db) => {
      const missing = await scalar(
        db,
        `SELECT count(*) AS n FROM property p CROSS JOIN pacs_year y
         WHERE NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_id = p.prop_id AND v.prop_val_yr = y.tax_yr)`,
      );
      expect(missing).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE sup_num = 1')).toBeGreaterThan(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_val WHERE sup_num > 0 AND (prop_val_yr IN (0, 2026) OR sup_action <> 'M' OR sup_cd IS NULL)")).toBe(0);
      // The original roll has no supplement row; every supplement layer has one.
      expect(await scalar(db, 'SELECT count(*) AS n FROM supplement WHERE sup_num = 0')).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val v WHERE v.sup_num > 0 AND NOT EXISTS (SELECT 1 FROM supplement s WHERE s.sup_tax_yr = v.prop_val_yr AND s.sup_num = v.sup_num)')).toBe(0);
    });
  });

  it('points prop_supp_assoc at one layer per year and parcel, some of them in a supplement group still in coding', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, 'SELECT count(*) AS n FROM prop_supp_assoc WHERE owner_tax_yr > 0')).toBe(SIZE * YEARS.length);
      expect(await scalar(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM prop_supp_assoc GROUP BY owner_tax_yr, prop_id HAVING count(*) > 1)')).toBe(0);
      const stale = await scalar(
        db,
        `SELECT count(*) AS n FROM prop_supp_assoc a
         WHERE a.sup_num <> (SELECT max(v.sup_num) FROM property_val v WHERE v.prop_val_yr = a.owner_tax_yr AND v.prop_id = a.prop_id)`,
      );
      expect(stale).toBe(0);
      const ownerless = await scalar(
        db,
        `SELECT count(*) AS n FROM prop_supp_assoc a
         WHERE NOT EXISTS (SELECT 1 FROM owner o WHERE o.owner_tax_yr = a.owner_tax_yr AND o.sup_num = a.sup_num AND o.prop_id = a.prop_id)`,
      );
      expect(ownerless).toBe(0);
      const inCoding = await scalar(
        db,
        `SELECT count(*) AS n FROM prop_supp_assoc a JOIN supplement s ON s.sup_tax_yr = a.owner_tax_yr AND s.sup_num = a.sup_num
           JOIN sup_group g ON g.sup_group_id = s.sup_group_id WHERE g.status_cd = 'C' AND a.owner_tax_yr = 2025`,
      );
      expect(inCoding).toBeGreaterThan(0);
      expect(await db.all("SELECT DISTINCT status_cd FROM sup_group WHERE status_cd <> 'C' ORDER BY 1")).toEqual([{ status_cd: 'A' }, { status_cd: 'BC' }]);
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
            OR imprv_val <> imprv_hstd_val + imprv_non_hstd_val`,
      );
      expect(broken).toBe(0);
      // Washington has no 10% homestead cap.
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE ten_percent_cap <> 0')).toBe(0);
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

  it('has confidential accounts and synthetic identifiers', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, "SELECT count(*) AS n FROM account WHERE confidential_flag = 'T' AND confidential_file_as_name IS NOT NULL")).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL')).toBeGreaterThan(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL AND prop_exmpt_ss_num NOT LIKE '9__-__-____'")).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM account WHERE dl_num IS NOT NULL')).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM owner WHERE birth_dt IS NOT NULL')).toBeGreaterThan(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM account WHERE email_addr IS NOT NULL AND email_addr NOT LIKE '%@example.___'")).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property WHERE geo_id NOT GLOB '[RMPNA][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'")).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM situs WHERE situs_state <> 'WA'")).toBe(0);
    });
  });

  it('has Washington exemptions: SNR/DSBL with the county tiers 1-3 matching the income, sub-types, and no homestead code', async () => {
    await withDb(fileA, async (db) => {
      const codes = (await db.all<{ exmpt_type_cd: string }>('SELECT exmpt_type_cd FROM exmpt_type ORDER BY 1')).map((r) => r.exmpt_type_cd);
      expect(codes).toContain('SNR/DSBL');
      expect(codes).not.toContain('HS');
      expect(await db.all("SELECT DISTINCT exemption_code FROM exmpt_qualify_code WHERE exempt_type_cd = 'SNR/DSBL' ORDER BY 1")).toEqual([{ exemption_code: '1' }, { exemption_code: '2' }, { exemption_code: '3' }]);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_exemption WHERE exmpt_type_cd = 'SNR/DSBL'")).toBeGreaterThan(10);
      const outsideTier = await scalar(
        db,
        `SELECT count(*) AS n FROM property_exemption pe LEFT JOIN exmpt_qualify_code q
           ON q.year = pe.exmpt_tax_yr AND q.exempt_type_cd = pe.exmpt_type_cd AND q.exemption_code = pe.exempt_qualify_cd
         WHERE pe.exmpt_type_cd = 'SNR/DSBL' AND (q.year IS NULL OR pe.combined_disp_income NOT BETWEEN q.income_min AND q.income_max)`,
      );
      expect(outsideTier).toBe(0);
      // A senior by age is 61 by December 31 of the year; a disability sub-type needs no age.
      const young = await scalar(
        db,
        `SELECT count(*) AS n FROM property_exemption pe JOIN exmpt_sub_type st ON st.exmpt_sub_type_cd = pe.exmpt_subtype_cd
          JOIN owner o ON o.owner_tax_yr = pe.owner_tax_yr AND o.sup_num = pe.sup_num AND o.prop_id = pe.prop_id AND o.owner_id = pe.owner_id
         WHERE st.disability = 0 AND pe.exmpt_tax_yr > 0 AND pe.exmpt_tax_yr - CAST(substr(o.birth_dt, 1, 4) AS INTEGER) < 61`,
      );
      expect(young).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM property_exemption_income_detail WHERE exmpt_type_cd = 'SNR/DSBL'")).toBeGreaterThan(0);
      // One residence exemption per owner and year.
      expect(await scalar(db, "SELECT count(*) AS n FROM (SELECT 1 FROM property_exemption pe JOIN prop_supp_assoc a ON a.owner_tax_yr = pe.owner_tax_yr AND a.sup_num = pe.sup_num AND a.prop_id = pe.prop_id WHERE pe.exmpt_type_cd = 'SNR/DSBL' GROUP BY pe.exmpt_tax_yr, pe.owner_id HAVING count(*) > 1)")).toBe(0);
    });
  });

  it('has Texas exemptions when built for Texas', async () => {
    await withDb(fileTx, async (db) => {
      const hsShare = await scalar(
        db,
        `SELECT avg(EXISTS (SELECT 1 FROM property_exemption e WHERE e.prop_id = p.prop_id AND e.exmpt_tax_yr = 2026 AND e.exmpt_type_cd = 'HS')) AS n
         FROM property p WHERE p.prop_type_cd = 'R'`,
      );
      expect(hsShare).toBeGreaterThan(0.4);
      expect(hsShare).toBeLessThan(0.7);
      const codes = (await db.all<{ exmpt_type_cd: string }>('SELECT exmpt_type_cd FROM exmpt_type')).map((r) => r.exmpt_type_cd);
      expect(codes).toEqual(expect.arrayContaining(['HS', 'OV65', 'OV65S', 'DP', 'DV1', 'DV4S', 'DVHS', 'EX', 'EX366', 'AB']));
      expect(codes).not.toContain('SNR/DSBL');
      expect(await scalar(db, 'SELECT count(*) AS n FROM exmpt_qualify_code')).toBe(0);
      expect(await scalar(db, "SELECT count(*) AS n FROM situs WHERE situs_state <> 'TX'")).toBe(0);
    });
  });

  it('has no exemption on a UDI parent or a deleted parcel', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, "SELECT count(*) AS n FROM property_val WHERE udi_parent = 'T' AND prop_inactive_dt IS NOT NULL")).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE udi_parent_prop_id IS NOT NULL')).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM property_val WHERE prop_inactive_dt IS NOT NULL AND udi_parent IS NULL')).toBeGreaterThan(0);
      expect(
        await scalar(db, 'SELECT count(*) AS n FROM property_exemption pe JOIN property_val v ON v.prop_val_yr = pe.owner_tax_yr AND v.sup_num = pe.sup_num AND v.prop_id = pe.prop_id WHERE v.prop_inactive_dt IS NOT NULL'),
      ).toBe(0);
    });
  });

  it('has protests open exactly while prot_complete_dt is NULL, and dockets whose counts match and stay within their maximum', async () => {
    await withDb(fileA, async (db) => {
      expect(await scalar(db, "SELECT count(*) AS n FROM _arb_protest a JOIN _arb_protest_status s ON s.status_cd = a.prot_status WHERE (a.prot_complete_dt IS NULL) <> (s.close_case = 'F')")).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NULL AND docket_id IS NULL')).toBeGreaterThan(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest WHERE prop_val_yr < 2026 AND prot_complete_dt IS NULL')).toBe(0);
      const miscounted = await scalar(
        db,
        `SELECT count(*) AS n FROM _arb_protest_hearing_docket d
          WHERE d.scheduled_protest_count <> (SELECT count(*) FROM _arb_protest p WHERE p.docket_id = d.docket_id OR p.prot_appr_docket_id = d.docket_id)
             OR d.scheduled_protest_count > coalesce(d.maximum_hearing_count, d.scheduled_protest_count)`,
      );
      expect(miscounted).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest_hearing_docket WHERE maximum_hearing_count IS NULL')).toBeGreaterThan(0);
      expect(await db.all('SELECT DISTINCT szHearingType AS t FROM _arb_protest_hearing ORDER BY 1')).toEqual(expect.arrayContaining([{ t: 'AP' }, { t: 'P' }]));
      // Each case sits on a protest hearing that takes its property type and its account type (real property).
      const misfiled = await scalar(
        db,
        `SELECT count(*) AS n FROM _arb_protest a
           JOIN _arb_protest_hearing_docket d ON d.docket_id = a.docket_id JOIN _arb_protest_hearing h ON h.lHearingID = d.lHearingID
           JOIN property p ON p.prop_id = a.prop_id
           LEFT JOIN property_profile pp ON pp.prop_id = a.prop_id AND pp.prop_val_yr = a.prop_val_yr LEFT JOIN state_code sc ON sc.state_cd = pp.state_cd
          WHERE h.szHearingType <> 'P'
             OR NOT EXISTS (SELECT 1 FROM _arb_protest_hearing_property_type t WHERE t.lHearingID = h.lHearingID AND t.szPropertyType = p.prop_type_cd)
             OR (p.prop_type_cd = 'R' AND h.cAccountType IS NOT NULL AND h.cAccountType <> coalesce(sc.commercial_acct_flag, 'F'))`,
      );
      expect(misfiled).toBe(0);
      expect(await scalar(db, 'SELECT count(*) AS n FROM _arb_protest a LEFT JOIN _arb_protest_protest_by_assoc b ON b.case_id = a.case_id AND b.prop_val_yr = a.prop_val_yr AND b.prop_id = a.prop_id WHERE b.prop_id IS NULL')).toBe(0);
    });
  });
});

describe('schema description', () => {
  it('generates SQLite DDL with the catalog indexes only', () => {
    const ddl = sqliteDdl();
    expect(ddl).toContain('CREATE TABLE "property" (');
    expect(ddl).toContain('"import_id" INTEGER PRIMARY KEY AUTOINCREMENT');
    expect(ddl).toContain(`"created_at" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))`);
    expect(ddl).toContain('"imprv_val" NUMERIC(15,0) GENERATED ALWAYS AS');
    for (const index of ['ON "property" ("geo_id")', 'ON "property_val" ("prop_id")', 'ON "owner" ("owner_id")', 'ON "situs" ("situs_street")', 'ON "_arb_protest" ("docket_id")', 'ON "property_exemption" ("prop_id")']) {
      expect(ddl).toContain(index);
    }
    // Not in the catalog, so not in the demo.
    expect(ddl).not.toContain('ON "_arb_protest" ("prot_status")');
    expect(ddl).not.toContain('"arb_docket"');
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
