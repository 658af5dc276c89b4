import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { readableText } from '../helpers/readable-text.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * End to end through what ships: the built server's snapshot tools (what Claude sees) and the
 * CLI's exports, diff reports and QA package, then a sweep of every output, every exported file
 * (unzipped) and the app store for every personal value the demo seeded. The unit-level proof
 * per format is tests/masking/masking.test.ts; this one proves the shipped surfaces use it.
 */
const home = makeTempHome('pacs-masking-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '150' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
const exportsDir = path.join(home.dir, 'exports');
let session: StdioSession;

function demo<T>(sql: string, write = false): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, write ? sqlite3.OPEN_READWRITE : sqlite3.OPEN_READONLY);
    db.all(sql, (err, rows) => {
      db.close();
      if (err) reject(err);
      else resolve(rows as T[]);
    });
  });
}

/** Every personal value in the demo: names, addresses, phones, e-mails, birth dates, SSNs, licence numbers, applicants. */
async function seededPersonalValues(): Promise<Map<string, string>> {
  const sources: [string, string][] = [
    ['owner name', 'SELECT file_as_name AS v FROM account WHERE acct_id IN (SELECT owner_id FROM owner)'],
    ['first + last name', "SELECT first_name || ' ' || last_name AS v FROM account WHERE acct_id IN (SELECT owner_id FROM owner)"],
    ['confidential name', 'SELECT confidential_file_as_name AS v FROM account'],
    ['e-mail', 'SELECT email_addr AS v FROM account'],
    ['licence', 'SELECT dl_num AS v FROM account'],
    ['address', 'SELECT addr_line1 AS v FROM address'],
    ['phone', 'SELECT phone_num AS v FROM phone'],
    ['applicant', 'SELECT applicant_nm AS v FROM property_exemption'],
    ['SSN', 'SELECT prop_exmpt_ss_num AS v FROM property_exemption'],
    ['exemption licence', 'SELECT prop_exmpt_dl_num AS v FROM property_exemption'],
    ['applicant birth date', 'SELECT birth_dt AS v FROM property_exemption'],
    ['owner birth date', 'SELECT birth_dt AS v FROM owner'],
  ];
  const values = new Map<string, string>();
  for (const [what, sql] of sources) {
    for (const { v } of await demo<{ v: unknown }>(sql)) {
      const text = v === null || v === undefined ? '' : String(v).trim();
      // Short values and bare digit strings (which look like any dollar amount) prove nothing as text.
      if (text.length >= 6 && !/^\d+$/.test(text)) values.set(text, what);
    }
  }
  return values;
}

function leaks(where: string, text: string, sensitive: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [value, what] of sensitive) if (text.includes(value)) found.push(`${where}: ${what} "${value}"`);
  return found;
}

beforeAll(async () => {
  fs.mkdirSync(exportsDir);
  session = await connectStdio(env, 'masking-sweep');
  await session.ok('list_connections');
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('QA exports through the shipped server and CLI carry no seeded personal value', () => {
  it('snapshot tool results, snapshot files, diff reports, the QA package and its review, and the app store', async () => {
    const outputs: Record<string, string> = {};
    const keep = (label: string, value: unknown) => (outputs[label] = typeof value === 'string' ? value : JSON.stringify(value));

    const before = await session.ok('export_parcel_snapshot', { name: 'sweep before', query: 'SELECT prop_id FROM property' });
    keep('export_parcel_snapshot before', before);
    const wide = await session.call('export_parcel_snapshot', {
      name: 'sweep owners and exemptions',
      content: 'query_rows',
      key_columns: ['sup_num', 'owner_id', 'exmpt_type_cd'],
      query: `SELECT o.prop_id, o.owner_tax_yr AS year, o.sup_num, o.owner_id, COALESCE(pe.exmpt_type_cd, '-') AS exmpt_type_cd, o.birth_dt, a.file_as_name AS who,
          a.email_addr, a.dl_num, pe.applicant_nm, pe.prop_exmpt_ss_num, pe.birth_dt AS applicant_birth_dt
        FROM owner o JOIN account a ON a.acct_id = o.owner_id
        LEFT JOIN property_exemption pe ON pe.owner_tax_yr = o.owner_tax_yr AND pe.sup_num = o.sup_num AND pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id`,
    });
    expect(wide.isError, JSON.stringify(wide.content)).toBeFalsy();
    keep('export_parcel_snapshot query_rows', wide);
    // Renames and new phone numbers, so the diff carries old → new personal values.
    await demo("UPDATE account SET file_as_name = file_as_name || ' JR', email_addr = 'new.' || email_addr WHERE acct_id IN (SELECT owner_id FROM owner WHERE prop_id % 5 = 0)", true);
    await demo('UPDATE property_val SET market = market + 1000 WHERE prop_id % 7 = 0', true);
    const after = await session.ok('export_parcel_snapshot', { name: 'sweep after', query: 'SELECT prop_id FROM property' });
    keep('export_parcel_snapshot after', after);
    const diff = await session.ok('diff_snapshots', { base_snapshot_id: before.snapshot_id, target_snapshot_id: after.snapshot_id, max_changes: 1_000 });
    expect(diff.summary.changed).toBeGreaterThan(10);
    keep('diff_snapshots', diff);
    keep('list_snapshots', await session.call('list_snapshots', {}));

    const cli = async (label: string, args: string[]) => {
      const r = await runCli(args, env);
      expect(r.code, `${label}: ${r.stderr}`).toBe(0);
      keep(`${label} stdout`, r.stdout);
      keep(`${label} stderr`, r.stderr);
      return r.stdout;
    };
    const wideId = (wide.structuredContent as { snapshot_id: string }).snapshot_id;
    for (const id of [before.snapshot_id, wideId]) {
      for (const ext of ['csv', 'json', 'xlsx']) await cli(`snapshot show ${ext}`, ['snapshot', 'show', id, '--out', path.join(exportsDir, `${id}.${ext}`)]);
    }
    await cli('snapshot diff', ['snapshot', 'diff', before.snapshot_id, after.snapshot_id, '--json', ...['d.json', 'd.csv', 'd.html'].flatMap((f) => ['--out', path.join(exportsDir, f)])]);
    const pkg = JSON.parse(await cli('qa export-package', ['qa', 'export-package', before.snapshot_id, after.snapshot_id, '--out', exportsDir, '--json'])) as { file: string };
    await cli('qa open-package', ['qa', 'open-package', pkg.file, '--html', path.join(exportsDir, 'review.html'), '--json']);

    const sensitive = await seededPersonalValues();
    expect(sensitive.size).toBeGreaterThan(300);
    // The sweep finds what it looks for: the unmasked source rows are full of these values.
    expect(leaks('demo source', JSON.stringify(await demo('SELECT * FROM account a JOIN property_exemption pe ON 1 = 1 LIMIT 2000')), sensitive).length).toBeGreaterThan(10);

    const found: string[] = [];
    for (const [label, text] of Object.entries(outputs)) found.push(...leaks(label, text, sensitive));
    const files = fs.readdirSync(exportsDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    expect(files.map((f) => path.extname(f)).sort()).toEqual(expect.arrayContaining(['.csv', '.html', '.json', '.xlsx']));
    for (const file of files) found.push(...leaks(path.basename(file), await readableText(file), sensitive));
    // The app store keeps the snapshots: they were masked before they were written.
    for (const file of fs.readdirSync(home.dir).filter((f) => f.startsWith('app.sqlite'))) found.push(...leaks(file, fs.readFileSync(path.join(home.dir, file)).toString('latin1'), sensitive));
    expect(found.slice(0, 20)).toEqual([]);
    // Two servers, a dozen CLI runs and every export format: minutes on a loaded machine.
  }, 300_000);
});
