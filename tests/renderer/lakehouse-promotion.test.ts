import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { launchChromium } from '../helpers/chromium.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, sqliteAll } from '../helpers/import-fixtures.js';
import { ROOT } from '../helpers/paths.js';
import { chromiumAvailable } from '../helpers/system.js';
import { addThenEditConnection, shot, show } from './flows.js';

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let pageErrors: string[] = [];

/**
 * Picks the source connection and one of its tables in the sync form. The first listing of a
 * connection's tables opens it (the demo database is built on first use), which takes seconds
 * when no earlier test has opened it already.
 */
async function chooseSource(on: Page, connectionId: string, table: string): Promise<void> {
  await on.locator('select[name=lake-source]').selectOption(connectionId);
  await expect.poll(() => on.locator('select[name=lake-table]').locator('option').allTextContents(), { timeout: 30_000 }).toContain(table);
  await on.locator('select[name=lake-table]').selectOption(table);
}

describe.runIf(chromiumAvailable('lakehouse screen in Chromium'))('Lakehouse screen and promotion allowlist in Chromium against the real engine (loopback bridge)', () => {
  beforeAll(async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/renderer/index.html')), 'build the renderer first: node scripts/build.mjs').toBe(true);
    home = await makeBridgeHome();
    bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, env: { HOME: home.home, PACS_MCP_DEMO_SIZE: '300', PACS_MCP_SECRETS: 'memory' }, startMcpHost: false });
    browser = await launchChromium();
  });

  // Each test gets a page of its own, freshly loaded: no screen, selection, dialog or list
  // another test left behind carries over.
  beforeEach(async () => {
    const errors: string[] = [];
    pageErrors = errors;
    page = await browser.context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(bridge.url);
  });

  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await home?.cleanup();
  });

  it('syncs a demo table to bronze: the progress bar reaches done and the table is listed', async () => {
    await show(page, 'lakehouse');
    // On a freshly loaded page the layers list loads first ("Loading…"); that can take seconds.
    await expect.poll(() => page.getByTestId('lake-layer-bronze').textContent(), { timeout: 30_000 }).toContain('No bronze tables yet');
    await chooseSource(page, 'demo', 'property');
    await page.getByLabel('Full (replace)').check();
    await page.getByTestId('lake-sync').click();

    const job = page.getByTestId('lake-job');
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await job.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const demoRows = await sqliteAll<{ n: number }>(path.join(home.dataDir, 'demo-pacs.sqlite'), 'SELECT COUNT(*) AS n FROM property');
    expect(await page.getByTestId('lake-job-status').textContent()).toContain(`loaded with ${demoRows[0].n.toLocaleString('en-US')} rows`);
    const row = page.getByTestId('lake-table-bronze-property');
    await expect.poll(() => row.textContent()).toContain('bronze.property');
    expect(await row.textContent()).toContain(demoRows[0].n.toLocaleString('en-US'));
    await shot(page, 'lakehouse-synced');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shot(page, 'lakehouse-synced-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The same job row MCP's get_job reads, and the UI action in the audit log.
    const jobs = await bridge.engine.jobs.list({ limit: 5 });
    expect(jobs[0]).toMatchObject({ kind: 'sync', status: 'succeeded', rows: demoRows[0].n, source_connection_id: 'demo' });
    const audit = await bridge.engine.audit.recent(10, { action: 'sync_table_to_bronze' });
    expect(audit[0]).toMatchObject({ channel: 'ui', outcome: 'ok', connection_id: 'demo' });
  });

  it('shows why an incremental sync fails (a watermark column the table does not have)', async () => {
    await show(page, 'lakehouse');
    await chooseSource(page, 'demo', 'property');
    await page.getByLabel('Incremental').check();
    await page.getByLabel('Watermark column').fill('no_such_column');
    await page.getByTestId('lake-sync').click();
    // Refused when starting, or the job fails: either way the reason is on the screen.
    await expect
      .poll(async () => ((await page.getByTestId('lake-sync-error').count()) ? await page.getByTestId('lake-sync-error').textContent() : (await page.getByTestId('lake-job-error').count()) ? await page.getByTestId('lake-job-error').textContent() : ''), { timeout: 60_000 })
      .toMatch(/no_such_column/);
    // A finished job of an earlier sync is no longer shown as if it were this one.
    if (await page.getByTestId('lake-sync-error').count()) expect(await page.getByTestId('lake-job').count()).toBe(0);
    await shot(page, 'lakehouse-failed');
  });

  it('allowlists the promotion procedure of a production SQLite copy, then promotes a signed, pushed batch', async () => {
    const prodFile = path.join(home.dataDir, 'prod-pacs.sqlite');
    await generateDemoDatabase(prodFile, { size: 300 });
    await addThenEditConnection(page, { id: 'prod', file: prodFile });

    // A signed batch pushed to training, as tests/imports/lifecycle.test.ts gets one there.
    const demoFile = path.join(home.dataDir, 'demo-pacs.sqlite');
    const owners = await sqliteAll<{ prop_id: number; owner_id: number }>(
      demoFile,
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
         JOIN property p ON p.prop_id = o.prop_id
        WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
          AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
        ORDER BY o.prop_id, o.owner_id LIMIT 2`,
    );
    expect(owners).toHaveLength(2);
    const actor = actorFor('cli');
    const staged = await bridge.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' }))), file_name: 'ui-promote.csv' }, actor);
    const validated = (await bridge.engine.imports.validate({ batchId: staged.batch_id }, actor)).batch;
    await bridge.engine.imports.signoff({ batchId: staged.batch_id, reviewer: 'Pat QA', reviewedSha256: validated.content_sha256! }, actor);
    expect((await bridge.engine.imports.push({ batchId: staged.batch_id }, actor)).pushedRows).toBe(2);

    await show(page, 'staging', `batch=${staged.batch_id}`);
    await page.getByTestId('promote').click();
    const dialog = page.getByTestId('promote-dialog');
    await dialog.getByLabel('Target').selectOption('prod');

    // Without a procedure the engine refuses, and says so.
    await dialog.getByLabel(/^Type/).fill('prod');
    await dialog.getByTestId('promote-confirm').click();
    await expect.poll(() => dialog.getByRole('alert').first().textContent()).toMatch(/No promotion procedure is allowlisted/);

    await dialog.getByTestId('promotion-procedure').locator('summary').click();
    const form = dialog.getByTestId('promotion-procedure-form');
    expect(await form.getByTestId('promotion-procedure-current').textContent()).toContain('No promotion procedure is allowlisted');
    // Not an identifier: the form says so, and the server refuses it with the same advice.
    await form.getByLabel('Allowlisted procedure').fill('dbo.x; DROP TABLE property --');
    expect(await form.locator('#promotion-procedure-hint').textContent()).toMatch(/schema\.name/);
    await form.getByTestId('promotion-procedure-save').click();
    await expect.poll(() => form.getByTestId('promotion-procedure-error').textContent()).toMatch(/schema\.name.*letters, digits/);
    // An identifier, but not the SQLite target's built-in statement set: the engine explains.
    await form.getByLabel('Allowlisted procedure').fill('dbo.other_proc');
    await form.getByTestId('promotion-procedure-save').click();
    await expect.poll(() => form.getByTestId('promotion-procedure-error').textContent()).toContain('pacs_mcp_promote_exemptions');
    await form.getByLabel('Allowlisted procedure').fill('pacs_mcp_promote_exemptions');
    await form.getByTestId('promotion-procedure-save').click();
    await expect.poll(() => form.getByTestId('promotion-procedure-current').textContent()).toContain('pacs_mcp_promote_exemptions');
    // The refusal from before is cleared once a procedure is allowlisted.
    expect(await dialog.getByText('No promotion procedure is allowlisted for exemptions batches').count()).toBe(0);
    await shot(page, 'promotion-procedure');

    const before = await sqliteAll<{ n: number }>(prodFile, 'SELECT COUNT(*) AS n FROM property_exemption');
    await dialog.getByTestId('promote-confirm').click();
    await expect.poll(() => page.getByTestId('batch-message').textContent(), { timeout: 30_000 }).toContain('Promoted 2 rows to prod');
    expect(await sqliteAll<{ n: number }>(prodFile, 'SELECT COUNT(*) AS n FROM property_exemption')).toEqual([{ n: before[0].n + 2 }]);
    for (const o of owners) {
      expect(await sqliteAll(prodFile, 'SELECT exmpt_type_cd FROM property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ? AND owner_id = ?', [o.prop_id, o.owner_id])).toEqual([{ exmpt_type_cd: 'EX' }]);
    }
    await shot(page, 'promotion-promoted');

    const uiSets = await bridge.engine.audit.recent(10, { action: 'promotion.set' });
    expect(uiSets.map((a) => `${a.channel}:${a.outcome}`)).toEqual(['ui:ok', 'ui:error']);
    const engineRows = await bridge.engine.audit.recent(10, { action: 'import.promotion_target' });
    expect(engineRows).toHaveLength(1);
    expect(engineRows[0].args_json).toContain('pacs_mcp_promote_exemptions');
    expect(pageErrors).toEqual([]);
  });
});
