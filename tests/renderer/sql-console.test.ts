import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/paths.js';
import { chromiumAvailable } from '../helpers/system.js';
import { shot } from './flows.js';

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

const editor = () => page.getByTestId('sql-editor');
const completions = () => page.locator('.cm-tooltip-autocomplete li[role=option]').allTextContents();

/** Replaces the editor's text by typing, the way a person does (completion reacts to typing). */
async function typeSql(text: string): Promise<void> {
  await editor().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text, { delay: 15 });
}

// A query that runs for minutes on SQLite unless it is cancelled (the timeout would stop it at 30 s).
const SLOW_SQL = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT COUNT(*) AS n FROM c';

describe.runIf(chromiumAvailable())('the SQL console in Chromium (loopback bridge, demo database)', () => {
  beforeAll(async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/renderer/index.html')), 'build the renderer first: node scripts/build.mjs').toBe(true);
    home = await makeBridgeHome();
    bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, env: { HOME: home.home, PACS_MCP_DEMO_SIZE: '300', PACS_MCP_SECRETS: 'memory' }, startMcpHost: false });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${bridge.url}#/sql`);
    await page.getByTestId('schema-tree').getByRole('button', { name: 'property', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await home?.cleanup();
  });

  it('highlights SQL in the connection\'s dialect', async () => {
    expect(await page.getByTestId('sql-dialect').textContent()).toBe('SQLite on demo');
    // CodeMirror's SQL parser marks keywords: the example query's SELECT is a highlighted token, not plain text.
    const keyword = page.locator('.cm-content .cm-line').first().locator('span').filter({ hasText: /^SELECT$/ });
    await expect.poll(() => keyword.count()).toBeGreaterThan(0);
    expect(await keyword.first().evaluate((el) => getComputedStyle(el).color)).not.toBe(await page.locator('.cm-content').evaluate((el) => getComputedStyle(el).color));
  });

  it('typing `SELECT * FROM prop` offers the table `property`, and a table\'s columns after its name', async () => {
    await typeSql('SELECT * FROM prop');
    await expect.poll(completions, { timeout: 10_000 }).toContain('property');
    expect(await completions()).toEqual(expect.arrayContaining(['property_val', 'prop_supp_assoc']));
    await shot(page, 'sql-completion');
    await page.keyboard.press('Escape');

    // The columns of a table the query names are fetched from the connection and offered after "table.".
    await typeSql('SELECT property.ge');
    // The column list arrives from the connection a moment after the table name is typed; asking again shows it.
    await expect
      .poll(
        async () => {
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
          await page.waitForTimeout(200);
          return completions();
        },
        { timeout: 10_000 },
      )
      .toContain('geo_id');
    await page.keyboard.press('Escape');
  });

  it('shows the schema tree beside the editor, with each table\'s columns', async () => {
    const tree = page.getByTestId('schema-tree');
    await tree.getByRole('button', { name: 'property_val', exact: true }).click();
    await expect.poll(() => tree.textContent()).toContain('appraised_val');
    await tree.getByPlaceholder('Filter tables').fill('arb');
    const names = await tree.getByRole('button').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.toLowerCase()).toContain('arb');
    await tree.getByPlaceholder('Filter tables').fill('');
  });

  it('runs with Ctrl+Enter into the virtualised grid, and keeps a history per connection', async () => {
    await typeSql("SELECT prop_id, geo_id, '=HYPERLINK(\"http://x\")' AS note FROM property ORDER BY prop_id LIMIT 7");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('sql-summary').textContent()).toMatch(/^7 rows from demo/);
    expect(await page.getByTestId('sql-result').getByRole('row').count()).toBe(8);
    await shot(page, 'sql-result');

    await page.reload();
    await page.locator('#screen-title').waitFor();
    const history = page.getByTestId('sql-history');
    await history.locator('summary').click();
    expect(await history.textContent()).toContain('LIMIT 7');
    expect(await history.textContent()).toContain('7 rows');
  });

  it('exports the result as formula-safe CSV and XLSX', async () => {
    await typeSql("SELECT prop_id, geo_id, '=HYPERLINK(\"http://x\")' AS note FROM property ORDER BY prop_id LIMIT 7");
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('sql-summary').textContent()).toMatch(/^7 rows/);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^pacs-query-demo-.*\.csv$/);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('prop_id,geo_id,note');
    expect(csv).toHaveLength(8);
    expect(csv[1]).toMatch(/^\d+,[^,]*,"'=HYPERLINK\(""http:\/\/x""\)"$/);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/^pacs-query-demo-.*\.xlsx$/);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'prop_id', 'geo_id', 'note']);
    expect(sheet.rowCount).toBe(8);
    expect(typeof sheet.getCell('A2').value).toBe('number');
    expect(sheet.getCell('C2').value).toBe('\'=HYPERLINK("http://x")');
    expect(sheet.getCell('C2').formula).toBeUndefined();
    expect((await bridge.engine.audit.recent(5, { action: 'sql.export' })).map((r) => r.outcome)).toEqual(['ok', 'ok']);
  });

  it('cancels a running query with the Cancel button', async () => {
    await typeSql(SLOW_SQL);
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-cancel').isEnabled()).toBe(true);
    await page.waitForTimeout(500);
    const clicked = Date.now();
    await page.getByTestId('sql-cancel').click();
    await expect.poll(() => page.getByTestId('sql-error').textContent(), { timeout: 10_000 }).toContain('Query cancelled.');
    expect(Date.now() - clicked).toBeLessThan(10_000);
    expect(await page.getByTestId('sql-run').isEnabled()).toBe(true);
    const audit = await bridge.engine.audit.recent(3, { action: 'query_sql' });
    expect(audit[0]).toMatchObject({ channel: 'ui', outcome: 'error' });
    expect(audit[0].args_json).toContain('WITH RECURSIVE');
  });

  it('keeps the read-only rules: a write is refused and nothing changes', async () => {
    await typeSql('DELETE FROM property');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('sql-error').textContent()).toMatch(/.+/);
    const count = await page.evaluate(() => window.pacs!.sql.run({ sql: 'SELECT COUNT(*) AS n FROM property' }));
    expect(count.rows[0].n).toBe(300);
    expect(pageErrors).toEqual([]);
  });
});
