import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { readableText } from '../helpers/readable-text.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * The masking evasion, replayed through the shipped server: a `query_rows` snapshot whose
 * columns are computed from personal columns under names that say nothing —
 * `CAST(a.dl_num AS INTEGER)`, `strftime('%Y%m%d', o.birth_dt)`, `unicode(substr(a.last_name, n, 1))`
 * — used to carry licence numbers, birth dates and names in clear into the snapshot and the QA
 * package under the `qa` policy. Masking now follows each column back to the table columns it
 * comes from.
 */

const home = makeTempHome('pacs-lineage-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '120' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
const exportsDir = path.join(home.dir, 'exports');
let session: StdioSession;

function demo<T>(sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, sqlite3.OPEN_READONLY);
    db.all(sql, (err, rows) => {
      db.close();
      if (err) reject(err);
      else resolve(rows as T[]);
    });
  });
}

const EVASION = `SELECT o.prop_id, o.owner_tax_yr AS year, o.sup_num, o.owner_id,
    CAST(a.dl_num AS INTEGER) AS k1,
    CAST(substr(a.dl_num, 2) AS INTEGER) AS k2,
    strftime('%Y%m%d', o.birth_dt) AS k3,
    CAST(strftime('%Y%m%d', o.birth_dt) AS INTEGER) AS k4,
    unicode(substr(a.last_name, 1, 1)) AS c1,
    unicode(substr(a.last_name, 2, 1)) AS c2,
    unicode(substr(a.last_name, 3, 1)) AS c3,
    length(a.last_name) AS n,
    t.first_initial_code
  FROM owner o
  JOIN account a ON a.acct_id = o.owner_id
  JOIN (SELECT acct_id, unicode(first_name) AS first_initial_code FROM account) t ON t.acct_id = a.acct_id`;

/** The same columns in clear, straight from the demo database. */
const CLEAR = `SELECT o.prop_id, o.owner_tax_yr AS year, o.sup_num, o.owner_id,
    CAST(a.dl_num AS INTEGER) AS k1, CAST(substr(a.dl_num, 2) AS INTEGER) AS k2, strftime('%Y%m%d', o.birth_dt) AS k3,
    CAST(strftime('%Y%m%d', o.birth_dt) AS INTEGER) AS k4, unicode(substr(a.last_name, 1, 1)) AS c1, unicode(substr(a.last_name, 2, 1)) AS c2,
    unicode(substr(a.last_name, 3, 1)) AS c3, length(a.last_name) AS n, unicode(a.first_name) AS first_initial_code
  FROM owner o JOIN account a ON a.acct_id = o.owner_id`;

const COMPUTED = ['k1', 'k2', 'k3', 'k4', 'c1', 'c2', 'c3', 'n', 'first_initial_code'];

beforeAll(async () => {
  session = await connectStdio(env);
  // The first call waits for the first-run demo database.
  await session.ok('list_connections');
  fs.mkdirSync(exportsDir, { recursive: true });
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('masking follows column lineage through expressions', () => {
  it('values computed from licence numbers, birth dates and names are pseudonyms in the snapshot, its exports and the QA package', async () => {
    // The attack works on the source: these columns hold the personal data in clear.
    const clear = await demo<Record<string, number | string | null>>(CLEAR);
    expect(clear.length).toBeGreaterThan(50);
    expect(clear.filter((r) => typeof r.k4 === 'number' && (r.k4 as number) > 19000101).length).toBeGreaterThan(20);
    expect(clear.filter((r) => typeof r.c1 === 'number' && (r.c1 as number) >= 65).length).toBeGreaterThan(20);

    const result = await session.call('export_parcel_snapshot', { name: 'lineage evasion', content: 'query_rows', key_columns: ['sup_num', 'owner_id'], query: EVASION, masking_policy: 'qa' });
    expect(result.isError, errorText(result)).toBeFalsy();
    const snapshotId = (result.structuredContent as { snapshot_id: string }).snapshot_id;
    const file = path.join(exportsDir, 'lineage.json');
    const show = await runCli(['snapshot', 'show', snapshotId, '--out', file], env);
    expect(show.code, show.stderr).toBe(0);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows: Record<string, unknown>[] } | Record<string, unknown>[];
    const rows = Array.isArray(stored) ? stored : stored.rows;
    expect(rows.length).toBe(clear.length);
    for (const row of rows) {
      for (const column of COMPUTED) {
        const value = row[column];
        if (value === null) continue;
        // A pseudonym of the category the column comes from, never a number or a date string.
        expect(typeof value, `${column} = ${JSON.stringify(value)}`).toBe('string');
        expect(value as string, column).toMatch(/^(DL|DOB|NAME)-[A-Z2-9]{10}$/);
      }
      expect(typeof row.prop_id).toBe('number');
      expect(typeof row.year).toBe('number');
    }
    const byKey = new Map(clear.map((r) => [`${r.prop_id}/${r.year}/${r.sup_num}/${r.owner_id}`, r]));
    for (const row of rows) {
      const source = byKey.get(`${row.prop_id}/${row.year}/${row.sup_num}/${row.owner_id}`)!;
      for (const column of COMPUTED) if (source[column] !== null) expect(row[column], column).not.toEqual(source[column]);
    }

    // The QA package of the snapshot carries the same pseudonyms: no clear value of these columns.
    const base = await session.ok('export_parcel_snapshot', { name: 'lineage base', content: 'query_rows', key_columns: ['sup_num', 'owner_id'], query: EVASION, masking_policy: 'qa' });
    const pkg = await runCli(['qa', 'export-package', base.snapshot_id, snapshotId, '--out', exportsDir, '--json'], env);
    expect(pkg.code, pkg.stderr).toBe(0);
    const packageText = await readableText(JSON.parse(pkg.stdout).file);
    const birthDates = new Set(clear.map((r) => String(r.k4)).filter((v) => /^(19|20)\d{6}$/.test(v)));
    expect(birthDates.size).toBeGreaterThan(20);
    expect([...birthDates].filter((d) => packageText.includes(d))).toEqual([]);
    expect([...birthDates].filter((d) => fs.readFileSync(file, 'utf8').includes(d))).toEqual([]);
  });

  it('under the internal policy too, licence numbers and birth dates stay masked however they are computed', async () => {
    const result = await session.call('export_parcel_snapshot', {
      name: 'lineage internal',
      content: 'query_rows',
      key_columns: ['sup_num', 'owner_id'],
      masking_policy: 'internal',
      query: `SELECT o.prop_id, o.owner_tax_yr AS year, o.sup_num, o.owner_id, a.confidential_flag, CAST(strftime('%Y%m%d', o.birth_dt) AS INTEGER) AS d, CAST(a.dl_num AS INTEGER) + 0 AS l
        FROM owner o JOIN account a ON a.acct_id = o.owner_id`,
    });
    expect(result.isError, errorText(result)).toBeFalsy();
    const file = path.join(exportsDir, 'internal.json');
    expect((await runCli(['snapshot', 'show', (result.structuredContent as { snapshot_id: string }).snapshot_id, '--out', file], env)).code).toBe(0);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows: Record<string, unknown>[] } | Record<string, unknown>[];
    for (const row of Array.isArray(stored) ? stored : stored.rows) {
      if (row.d !== null) expect(row.d).toMatch(/^DOB-/);
      if (row.l !== null) expect(row.l).toMatch(/^DL-/);
    }
  });

  it('a query whose lineage cannot be followed is refused, and so is a parcel selection computed from a personal column', async () => {
    const unclear = await session.call('export_parcel_snapshot', {
      name: 'opaque',
      content: 'query_rows',
      query: "SELECT o.prop_id, o.owner_tax_yr AS year, json_object('x', a.*) AS blob FROM owner o JOIN account a ON a.acct_id = o.owner_id",
    });
    expect(unclear.isError).toBe(true);
    expect(errorText(unclear)).toMatch(/The masking cannot tell which table columns/);
    // The ids of a selection are stored and some come back (missing_prop_ids): not from a birth date.
    const selection = await session.call('export_parcel_snapshot', { name: 'ids from birth dates', query: "SELECT CAST(strftime('%Y%m%d', birth_dt) AS INTEGER) AS prop_id FROM owner" });
    expect(selection.isError).toBe(true);
    expect(errorText(selection)).toMatch(/prop_id is computed from birth_dt/);
    const list = await session.ok('list_snapshots', {});
    expect(list.snapshots.map((s: { name: string }) => s.name)).not.toContain('opaque');
  });
});
