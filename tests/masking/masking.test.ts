import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { reportSinkFor } from '../../mcp/diff/report-sinks.js';
import { diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { Engine } from '../../mcp/engine.js';
import { INSTALL_SECRET_ACCOUNT } from '../../mcp/install/install-keys.js';
import { POLICIES } from '../../mcp/masking/masking-policy.js';
import { Pseudonymizer } from '../../mcp/masking/pseudonym.js';
import { createRowMasker } from '../../mcp/masking/row-masker.js';
import { classifyColumn } from '../../mcp/masking/sensitive-columns.js';
import { PacsReader } from '../../mcp/pacs/pacs-reader.js';
import { exportQaPackage } from '../../mcp/qa/export-package.js';
import { exportSnapshot, type SnapshotRequest } from '../../mcp/snapshots/export-snapshot.js';
import { writeSnapshotFile } from '../../mcp/snapshots/snapshot-file-export.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { readTimelineChunk } from '../../mcp/snapshots/timeline-source.js';
import { escapeHtml } from '../../mcp/util/html-escape.js';
import { keychainAvailable } from '../helpers/system.js';
import { filesUnder, openTestEngine, type TestEngine } from '../helpers/test-engine.js';

let t: TestEngine;
let out: string;

const ALL_PARCELS = { query: 'SELECT prop_id FROM property' };
const take = (request: Partial<SnapshotRequest>) =>
  exportSnapshot(t.engine, { name: 'masking', content: 'parcel_timeline', maskingPolicy: 'qa', selection: ALL_PARCELS, ...request }).then((r) => r.snapshot);

/** Every personal value the demo seeded in the tables the QA policy protects. */
async function seededSensitiveValues(): Promise<Map<string, string>> {
  const sources: [string, string][] = [
    ['account.first_name + last_name', "SELECT first_name || ' ' || last_name AS v FROM account"],
    ['account.file_as_name', 'SELECT file_as_name AS v FROM account WHERE acct_id IN (SELECT owner_id FROM owner)'],
    ['account.confidential_file_as_name', 'SELECT confidential_file_as_name AS v FROM account'],
    ['account.dl_num', 'SELECT dl_num AS v FROM account'],
    ['account.email_addr', 'SELECT email_addr AS v FROM account'],
    ['address.addr_line1', 'SELECT addr_line1 AS v FROM address'],
    ['address.addr_line2', 'SELECT addr_line2 AS v FROM address'],
    ['address.addr_line3', 'SELECT addr_line3 AS v FROM address'],
    ['phone.phone_num', 'SELECT phone_num AS v FROM phone'],
    ['property_exemption.applicant_nm', 'SELECT applicant_nm AS v FROM property_exemption'],
    // Birth dates are DATETIME in PACS; exports show the day.
    ['property_exemption.birth_dt', 'SELECT substr(birth_dt, 1, 10) AS v FROM property_exemption'],
    ['property_exemption.spouse_birth_dt', 'SELECT substr(spouse_birth_dt, 1, 10) AS v FROM property_exemption'],
    ['property_exemption.prop_exmpt_ss_num', 'SELECT prop_exmpt_ss_num AS v FROM property_exemption'],
    ['property_exemption.prop_exmpt_dl_num', 'SELECT prop_exmpt_dl_num AS v FROM property_exemption'],
    ['property_exemption.combined_disp_income', 'SELECT combined_disp_income AS v FROM property_exemption'],
    ['owner.birth_dt', 'SELECT substr(birth_dt, 1, 10) AS v FROM owner'],
  ];
  const values = new Map<string, string>();
  for (const [origin, sql] of sources) {
    for (const { v } of await t.demo<{ v: unknown }>(sql)) {
      if (v === null || v === undefined) continue;
      const text = String(v).trim();
      // Public bodies' names (the county, a school district) own nothing personal; short codes prove nothing.
      if (text.length >= 4 && !values.has(text)) values.set(text, origin);
    }
  }
  // An income that happens to equal a public dollar value (a market or land value) proves nothing when it shows up.
  for (const { v } of await t.demo<{ v: number }>(
    `SELECT land_hstd_val AS v FROM property_val UNION SELECT land_non_hstd_val FROM property_val UNION SELECT imprv_hstd_val FROM property_val UNION SELECT imprv_non_hstd_val FROM property_val
     UNION SELECT ag_use_val FROM property_val UNION SELECT ag_market FROM property_val UNION SELECT market FROM property_val UNION SELECT appraised_val FROM property_val
     UNION SELECT assessed_val FROM property_val UNION SELECT ten_percent_cap FROM property_val`,
  )) {
    if (values.get(String(v)) === 'property_exemption.combined_disp_income') values.delete(String(v));
  }
  return values;
}

/** The leaks of sensitive values in an export, judged cell by cell where the format has cells, and as text otherwise. */
function leaksIn(kind: 'text' | 'html' | 'cells', content: string | unknown[], sensitive: Map<string, string>): string[] {
  const found: string[] = [];
  if (kind === 'cells') {
    const check = (cell: unknown) => {
      if (cell === null || cell === undefined) return;
      const parts = String(cell).split('; ').map((p) => p.replace(/^'/, '').trim());
      for (const p of [String(cell).trim(), ...parts]) if (sensitive.has(p)) found.push(`${sensitive.get(p)}: ${p}`);
    };
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      else check(v);
    };
    walk(content);
    return [...new Set(found)];
  }
  const text = content as string;
  for (const [value, origin] of sensitive) {
    // Digits-only values (licence numbers) are only searched as cells, where they cannot be mistaken for a dollar amount.
    if (/^\d+$/.test(value)) continue;
    if (text.includes(value) || (kind === 'html' && text.includes(escapeHtml(value)))) found.push(`${origin}: ${value}`);
  }
  return found;
}

function jsonValuesOfPackage(file: string): unknown[] {
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  t = await openTestEngine();
  out = fs.mkdtempSync(path.join(t.dir, 'exports-'));
});
afterAll(() => t?.close());

describe('QA exports carry no seeded personal value', () => {
  let sensitive: Map<string, string>;
  let timeline: SnapshotMeta;
  let wide: SnapshotMeta;
  let changed: SnapshotMeta;

  beforeAll(async () => {
    timeline = await take({ name: 'all parcels before' });
    // Everything personal the exemption and owner tables hold, as a query snapshot, one column aliased to a name the classifier cannot know.
    wide = await take({
      name: 'owners and exemptions, every personal column',
      content: 'query_rows',
      keyColumns: ['sup_num', 'owner_id', 'exmpt_type_cd'],
      selection: {
        query: `SELECT o.prop_id, o.owner_tax_yr AS year, o.sup_num, o.owner_id, COALESCE(pe.exmpt_type_cd, '-') AS exmpt_type_cd, o.birth_dt,
            a.first_name, a.last_name, a.file_as_name, a.file_as_name AS who, a.confidential_flag, a.confidential_file_as_name, a.dl_num, a.email_addr,
            ad.addr_line1, ad.addr_line2, ad.addr_line3, ad.addr_city, ad.zip, ph.phone_num,
            pe.applicant_nm, pe.birth_dt AS applicant_birth_dt, pe.spouse_birth_dt, pe.prop_exmpt_ss_num, pe.prop_exmpt_dl_num, pe.combined_disp_income
          FROM owner o JOIN account a ON a.acct_id = o.owner_id
          LEFT JOIN property_exemption pe ON pe.owner_tax_yr = o.owner_tax_yr AND pe.sup_num = o.sup_num AND pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id
          LEFT JOIN address ad ON ad.acct_id = a.acct_id AND ad.primary_addr = 'Y'
          LEFT JOIN phone ph ON ph.acct_id = a.acct_id AND ph.phone_id = (SELECT MIN(p2.phone_id) FROM phone p2 WHERE p2.acct_id = a.acct_id)`,
      },
    });
    // Renames, new phones and a moved owner, so the diff and the package carry old → new personal values too.
    await t.demo("UPDATE account SET file_as_name = file_as_name || ' JR', email_addr = 'new.' || email_addr WHERE acct_id IN (SELECT owner_id FROM owner WHERE prop_id % 9 = 0)");
    await t.demo("UPDATE phone SET phone_num = '(512) 555-' || substr('0000' || acct_id, -4) WHERE acct_id % 5 = 0");
    await t.demo("UPDATE address SET addr_line1 = '77 NEW ADDRESS LN' WHERE acct_id IN (SELECT owner_id FROM owner WHERE prop_id % 11 = 0)");
    await t.demo('UPDATE property_val SET market = market + 1000 WHERE prop_id % 13 = 0');
    changed = await take({ name: 'all parcels after' });
    sensitive = await seededSensitiveValues();
  });

  it('the demo seeded personal values of every kind, and the timeline rows really carry them before masking', async () => {
    const origins = new Set(sensitive.values());
    for (const origin of ['account.file_as_name', 'account.email_addr', 'account.dl_num', 'address.addr_line1', 'phone.phone_num', 'property_exemption.applicant_nm', 'property_exemption.prop_exmpt_ss_num', 'property_exemption.birth_dt', 'owner.birth_dt']) {
      expect(origins, origin).toContain(origin);
    }
    expect(sensitive.size).toBeGreaterThan(1_000);
    const { record, connector } = await t.engine.source('demo');
    const ids = (await t.demo<{ prop_id: number }>('SELECT prop_id FROM property ORDER BY prop_id LIMIT 400')).map((r) => r.prop_id);
    const raw = await readTimelineChunk(new PacsReader(record, connector), ids, {});
    const rawLeaks = [...leaksIn('cells', raw, sensitive), ...leaksIn('text', JSON.stringify(raw), sensitive)];
    for (const kind of ['account.file_as_name', 'property_exemption.prop_exmpt_ss_num', 'address.addr_line1', 'phone.phone_num', 'account.email_addr', 'owner.birth_dt', 'account.dl_num']) {
      expect(rawLeaks.some((l) => l.startsWith(kind)), `unmasked timeline rows carry ${kind}`).toBe(true);
    }
  });

  it('snapshot files (CSV, XLSX, JSON) of QA snapshots', async () => {
    const { default: ExcelJS } = await import('exceljs');
    for (const snapshot of [timeline, wide]) {
      const csv = await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(out, `${snapshot.snapshot_id}.csv`));
      const json = await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(out, `${snapshot.snapshot_id}.json`));
      const xlsx = await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(out, `${snapshot.snapshot_id}.xlsx`));
      const csvText = fs.readFileSync(csv.file, 'utf8');
      expect(leaksIn('cells', parseCsv(csvText) as unknown[], sensitive), `${snapshot.name} csv`).toEqual([]);
      expect(leaksIn('text', csvText, sensitive), `${snapshot.name} csv text`).toEqual([]);
      const jsonText = fs.readFileSync(json.file, 'utf8');
      expect(leaksIn('cells', JSON.parse(jsonText), sensitive), `${snapshot.name} json`).toEqual([]);
      expect(leaksIn('text', jsonText, sensitive), `${snapshot.name} json text`).toEqual([]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx.file);
      const cells: unknown[] = [];
      book.worksheets[0].eachRow((row) => cells.push(row.values));
      expect(cells.length).toBe(snapshot.row_count + 1);
      expect(leaksIn('cells', cells, sensitive), `${snapshot.name} xlsx`).toEqual([]);
    }
  });

  it('diff reports (JSON, CSV, HTML) and the QA review package', async () => {
    const files = ['diff.json', 'diff.csv', 'diff.html'].map((f) => path.join(out, f));
    const result = await diffSnapshots(t.engine.store, timeline.snapshot_id, changed.snapshot_id, {}, files.map(reportSinkFor));
    expect(result.summary.changed).toBeGreaterThan(50);
    const [jsonText, csvText, htmlText] = files.map((f) => fs.readFileSync(f, 'utf8'));
    expect(leaksIn('cells', JSON.parse(jsonText), sensitive)).toEqual([]);
    expect(leaksIn('text', jsonText, sensitive)).toEqual([]);
    expect(leaksIn('cells', parseCsv(csvText) as unknown[], sensitive)).toEqual([]);
    expect(leaksIn('text', csvText, sensitive)).toEqual([]);
    expect(leaksIn('html', htmlText, sensitive)).toEqual([]);
    // Pseudonyms changed where the names changed, so the reviewer still sees that they did.
    expect(jsonText).toMatch(/"field":"owner_name","old":"NAME-[A-Z0-9]{10}","new":"NAME-[A-Z0-9]{10}"/);

    const pkg = await exportQaPackage(t.engine, { baseSnapshotId: timeline.snapshot_id, targetSnapshotId: changed.snapshot_id, out });
    const lines = jsonValuesOfPackage(pkg.file);
    expect(leaksIn('cells', lines, sensitive)).toEqual([]);
    expect(leaksIn('text', zlib.gunzipSync(fs.readFileSync(pkg.file)).toString('utf8'), sensitive)).toEqual([]);
  });

  it('the internal policy keeps ordinary owners\' names but masks confidential owners, SSNs, licences and birth dates', async () => {
    const internal = await take({ name: 'internal', maskingPolicy: 'internal' });
    const file = await writeSnapshotFile(t.engine.store, internal.snapshot_id, path.join(out, 'internal.json'));
    const rows = JSON.parse(fs.readFileSync(file.file, 'utf8')).rows as Record<string, unknown>[];
    const names = new Set((await t.demo<{ v: string }>("SELECT file_as_name AS v FROM account WHERE confidential_flag <> 'T'")).map((r) => r.v));
    expect(rows.filter((r) => names.has(String(r.owner_name))).length).toBeGreaterThan(100);
    const confidentialRows = rows.filter((r) => r.owner_confidential === true);
    expect(confidentialRows.length).toBeGreaterThan(0);
    for (const r of confidentialRows) {
      expect(String(r.owner_name)).toMatch(/^NAME-/);
      for (const c of ['owner_mail_address', 'situs']) if (r[c] !== null) expect(String(r[c])).toMatch(/^ADDR-/);
      if (r.owner_phone !== null) expect(String(r.owner_phone)).toMatch(/^PHONE-/);
      if (r.owner_email !== null) expect(String(r.owner_email)).toMatch(/@masked\.invalid$/);
    }
    const confidential = await t.demo<{ file_as_name: string; email_addr: string | null }>("SELECT file_as_name, email_addr FROM account WHERE confidential_flag = 'T'");
    const text = fs.readFileSync(file.file, 'utf8');
    for (const c of confidential) {
      expect(text).not.toContain(c.file_as_name);
      if (c.email_addr) expect(text).not.toContain(c.email_addr);
    }
    const statutory = await t.demo<{ v: string }>('SELECT prop_exmpt_ss_num AS v FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL UNION SELECT birth_dt FROM owner WHERE birth_dt IS NOT NULL');
    expect(statutory.length).toBeGreaterThan(10);
    for (const { v } of statutory) expect(text).not.toContain(v);
  });
});

describe('deterministic pseudonyms', () => {
  it('masks the same owner the same way in two snapshots, and different values differently', async () => {
    const a = await take({ name: 'first', selection: { query: 'SELECT prop_id FROM property WHERE prop_id % 2 = 0' } });
    const b = await take({ name: 'second', selection: { query: 'SELECT prop_id FROM property WHERE prop_id % 3 = 0' } });
    const internal = await take({ name: 'clear', maskingPolicy: 'internal', selection: ALL_PARCELS });
    const rowsOf = async (s: SnapshotMeta) =>
      new Map(
        (await t.engine.store.all<{ prop_id: number; year: number; row_json: string }>('SELECT prop_id, year, row_json FROM snapshot_rows WHERE snapshot_id = ?', [s.snapshot_id])).map((r) => [
          `${r.prop_id}|${r.year}`,
          Object.fromEntries(s.columns.map((c, i) => [c, (JSON.parse(r.row_json) as unknown[])[i]])),
        ]),
      );
    const [ra, rb, clear] = await Promise.all([rowsOf(a), rowsOf(b), rowsOf(internal)]);
    let shared = 0;
    for (const [key, row] of ra) {
      const other = rb.get(key);
      if (!other) continue;
      shared++;
      for (const c of ['owner_name', 'owner_mail_address', 'owner_phone', 'owner_email', 'owner_birth_dt', 'situs', 'exemption_ss_nums']) expect(other[c], `${key} ${c}`).toEqual(row[c]);
    }
    expect(shared).toBeGreaterThan(100);
    // Across parcels too: clear name → pseudonym is a function, and one-to-one.
    const forward = new Map<string, string>();
    const backward = new Map<string, string>();
    for (const [key, row] of ra) {
      const name = clear.get(key)!.owner_name as string | null;
      if (name === null || clear.get(key)!.owner_confidential) continue;
      const pseudo = row.owner_name as string;
      expect(pseudo).toMatch(/^NAME-[A-Z0-9]{10}$/);
      if (forward.has(name)) expect(forward.get(name)).toBe(pseudo);
      if (backward.has(pseudo)) expect(backward.get(pseudo)).toBe(name);
      forward.set(name, pseudo);
      backward.set(pseudo, name);
    }
    const repeated = await t.demo<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT owner_id FROM owner GROUP BY owner_id HAVING COUNT(DISTINCT prop_id) > 1)');
    expect(repeated[0].n).toBeGreaterThan(0);
  });

  it('depends on the install key: another key gives other pseudonyms', () => {
    const one = new Pseudonymizer(crypto.randomBytes(32));
    const two = new Pseudonymizer(crypto.randomBytes(32));
    expect(one.pseudonym('name', 'HALL WEI B')).toBe(one.pseudonym('name', 'HALL WEI B  '));
    expect(one.pseudonym('name', 'HALL WEI B')).not.toBe(two.pseudonym('name', 'HALL WEI B'));
    expect(one.pseudonym('name', 'HALL WEI B')).not.toBe(one.pseudonym('address', 'HALL WEI B'));
    expect(one.pseudonym('email', 'a@b.com')).toMatch(/^[a-z0-9]{10}@masked\.invalid$/);
  });
});

describe('column classification and the row masker', () => {
  it('classifies the PACS personal columns and keeps keys, codes and values', () => {
    const expectations: [string, string][] = [
      ['file_as_name', 'name'], ['confidential_file_as_name', 'name'], ['first_name', 'name'], ['applicant_nm', 'name'], ['owner_name', 'name'], ['dba_name', 'name'],
      ['addr_line1', 'address'], ['addr_city', 'address'], ['zip', 'address'], ['situs_street', 'address'], ['owner_mail_address', 'address'],
      ['phone_num', 'phone'], ['email_addr', 'email'], ['birth_dt', 'birth_date'], ['spouse_birth_dt', 'birth_date'],
      ['prop_exmpt_ss_num', 'ssn'], ['prop_exmpt_dl_num', 'licence'], ['dl_num', 'licence'], ['dl_state', 'licence'], ['password_hash', 'credential'], ['combined_disp_income', 'income'], ['sl_price', 'sale_price'], ['comment', 'free_text'],
    ];
    for (const [column, category] of expectations) expect(classifyColumn(column), column).toEqual({ kind: 'sensitive', category });
    for (const column of ['prop_id', 'year', 'geo_id', 'legal_desc', 'hood_cd', 'market', 'appraised_val', 'owner_id', 'exmpt_type_cd', 'sup_num', 'effective_dt', 'layer', 'stands_for_year', 'hood_name', 'exemption_codes']) {
      expect(classifyColumn(column), column).toEqual({ kind: 'safe' });
    }
    expect(classifyColumn('who')).toEqual({ kind: 'unknown' });
  });

  it('masks lists element by element, keeps nulls, catches SSNs by their look, and masks whole confidential rows', () => {
    const pseudonyms = new Pseudonymizer(crypto.randomBytes(32));
    const columns = ['prop_id', 'owner_name', 'exemption_ss_nums', 'note_text', 'confidential_flag', 'market'];
    const qa = createRowMasker(columns, POLICIES.qa, pseudonyms);
    const internal = createRowMasker(columns, POLICIES.internal, pseudonyms);
    const row = [1, 'HALL WEI B', ['999-17-1482', '902-43-9259'], 'called 999-17-1482', 'F', 1000];
    const masked = qa(row);
    expect(masked[0]).toBe(1);
    expect(masked[1]).toMatch(/^NAME-/);
    expect(masked[2]).toEqual([expect.stringMatching(/^SSN-/), expect.stringMatching(/^SSN-/)]);
    expect(masked[3]).toMatch(/^MASKED-|^TEXT-/);
    expect(masked[5]).toBe(1000);
    expect(qa([1, null, [], '', 'F', null])).toEqual([1, null, [], '', 'F', null]);
    const kept = internal(row);
    expect(kept[1]).toBe('HALL WEI B');
    expect(kept[2]).toEqual(masked[2]);
    expect(internal([2, '999-17-1482', [], 'x', 'F', 5])[1]).toBe('999-17-1482'); // a "name" column is kept by internal...
    expect(createRowMasker(['prop_id', 'mystery'], POLICIES.internal, pseudonyms)([1, '999-17-1482'])[1]).toMatch(/^SSN-/); // ...but an SSN-looking value in an unknown column is not
    const confidential = internal([3, 'HALL WEI B', [], 'x', 'T', 5]);
    expect(confidential[1]).toMatch(/^NAME-/);
    expect(confidential[3]).toMatch(/^(TEXT|MASKED)-/);
    expect(createRowMasker(['prop_id', 'mystery', 'confidential_flag'], POLICIES.internal, pseudonyms)([3, 'x', 'T'])[1]).toMatch(/^MASKED-/);
    expect(row).toEqual([1, 'HALL WEI B', ['999-17-1482', '902-43-9259'], 'called 999-17-1482', 'F', 1000]);
  });
});

describe.runIf(keychainAvailable('masking key in the keychain'))('the install secret in the OS keychain', () => {
  it('is created once, stays out of the data dir, and gives the same pseudonyms to the next process', async () => {
    const service = `PACS MCP masking test ${crypto.randomUUID()}`;
    const secrets = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    expect(secrets.backend).toBe('keychain');
    const home = fs.mkdtempSync(path.join(t.dir, 'keychain-home-'));
    const open = () => Engine.open({ dataDir: home, env: { PACS_MCP_DEMO_SIZE: '40' }, secrets: createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service }) });
    const first = await open();
    const snapA = await exportSnapshot(first, { name: 'a', content: 'parcel_timeline', maskingPolicy: 'qa', selection: ALL_PARCELS });
    await first.close();
    const secret = await secrets.get(INSTALL_SECRET_ACCOUNT);
    expect(secret).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const second = await open();
    const snapB = await exportSnapshot(second, { name: 'b', content: 'parcel_timeline', maskingPolicy: 'qa', selection: ALL_PARCELS });
    expect(snapB.snapshot.sha256).toBe(snapA.snapshot.sha256);
    expect(snapB.snapshot.masking_key_id).toBe(snapA.snapshot.masking_key_id);
    await second.close();
    const raw = Buffer.from(secret!, 'base64');
    for (const file of filesUnder(home)) {
      const content = fs.readFileSync(file);
      expect(content.includes(Buffer.from(secret!)), file).toBe(false);
      expect(content.includes(raw), file).toBe(false);
    }
    await secrets.delete(INSTALL_SECRET_ACCOUNT);
  });
});
