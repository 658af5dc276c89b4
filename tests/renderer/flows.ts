// The user flows, written once against the screens: the Chromium suite runs them through the
// loopback bridge, the Electron suite through the real preload and IPC.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Page } from 'playwright-core';
import sqlite3 from 'sqlite3';
import { expect } from 'vitest';
import { artifactPath } from '../helpers/chromium.js';

export async function show(page: Page, screen: string, params = ''): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/${screen}${params ? `?${params}` : ''}`);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/${screen}${params ? `?${params}` : ''}`);
  await page.locator('#screen-title').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`screen-${name}.png`), fullPage: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PasswordConnection {
  id: string;
  secret: string;
  prefix: string;
  /** A real PostgreSQL that takes this password (its test must pass), or none (its test must fail). */
  postgres?: { port: number; database: string; user: string };
}

/** Adds a PostgreSQL connection with a password; the password must never come back. */
export async function addConnectionWithPassword(page: Page, options: PasswordConnection): Promise<void> {
  await show(page, 'connections');
  await page.getByTestId('connection-demo').waitFor();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByTestId('connection-dialog');
  await dialog.getByLabel('Connection id').fill(options.id);
  await dialog.getByLabel('Kind').selectOption('postgres');
  await dialog.getByLabel('Role').selectOption('training');
  await dialog.getByLabel('Host').fill('127.0.0.1');
  await dialog.getByLabel('Port').fill(String(options.postgres?.port ?? (await freePort())));
  await dialog.getByLabel('Database').fill(options.postgres?.database ?? 'pacs');
  await dialog.getByLabel('User').fill(options.postgres?.user ?? 'appraiser');
  await dialog.getByLabel(/^Password/).fill(options.secret);
  await shot(page, `${options.prefix}connections-form`);
  await dialog.getByRole('button', { name: 'Add connection' }).click();

  const row = page.getByTestId(`connection-${options.id}`);
  await expect.poll(() => row.textContent()).toContain('stored in keychain');
  expect(await page.content()).not.toContain(options.secret);
  expect(JSON.stringify(await page.evaluate(() => window.pacs!.connections.list({})))).not.toContain(options.secret);

  // Editing shows an empty password field that says one is stored.
  await page.getByRole('button', { name: `Edit ${options.id}` }).click();
  const password = dialog.getByLabel(/^Password/);
  expect(await password.inputValue()).toBe('');
  expect(await password.getAttribute('placeholder')).toMatch(/stored/);
  await page.keyboard.press('Escape');

  // With a real server, the login works with the password from the keychain; with nothing listening, the failure is said in words.
  await page.getByRole('button', { name: `Test ${options.id}`, exact: true }).click();
  await expect.poll(() => page.getByTestId(`connection-status-${options.id}`).textContent(), { timeout: 30_000 }).toMatch(options.postgres ? /OK · .*PostgreSQL/ : /Failed: .+/);
  await page.getByRole('button', { name: 'Test demo', exact: true }).click();
  await expect.poll(() => page.getByTestId('connection-status-demo').textContent()).toMatch(/OK · .*SQLite 3\./);
  await shot(page, `${options.prefix}connections`);
}

/** Registers a SQLite file, then edits it into a read-only production connection. */
export async function addThenEditConnection(page: Page, options: { id: string; file: string }): Promise<void> {
  await show(page, 'connections');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByTestId('connection-dialog');
  await dialog.getByLabel('Connection id').fill(options.id);
  await dialog.getByLabel('Kind').selectOption('sqlite');
  await dialog.getByLabel('Database file').fill(options.file);
  await dialog.getByRole('button', { name: 'Add connection' }).click();
  await page.getByTestId(`connection-${options.id}`).waitFor();
  await page.getByRole('button', { name: `Edit ${options.id}` }).click();
  await dialog.getByLabel('Role').selectOption('production');
  await dialog.getByLabel('Description').fill('Pretend pacs_oltp');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  const row = page.getByTestId(`connection-${options.id}`);
  await expect.poll(() => row.textContent()).toContain('read-only');
  expect(await row.textContent()).toContain('Pretend pacs_oltp');
}

/** Checks connections for the PACS tools (doctor): what works on each, and why the rest does not run there. */
export async function compatibilityFlow(page: Page, options: { training: string; production: string }): Promise<void> {
  await show(page, 'connections');
  const dialog = page.getByTestId('compatibility-dialog');
  await page.getByRole('button', { name: `Check ${options.training} for the PACS tools` }).click();
  await dialog.getByTestId('compatibility-report').waitFor({ timeout: 60_000 });
  expect(await dialog.textContent()).toContain('every PACS operation for this connection works');
  expect(await dialog.getByTestId('compatibility-search_parcels').textContent()).toContain('works');
  expect(await dialog.getByTestId('compatibility-route_appeal').textContent()).toContain('works');
  expect(await dialog.getByTestId('compatibility-import promote (built-in)').textContent()).toContain('not on this connection');
  await shot(page, 'connections-compatibility');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: `Check ${options.production} for the PACS tools` }).click();
  await expect.poll(() => dialog.getByTestId('compatibility-route_appeal').textContent({ timeout: 60_000 })).toMatch(/not on this connection.*runs on a training connection/);
  await page.keyboard.press('Escape');
}

/** The MCP screen: server running, a real MCP client over HTTP shows up with its tool call. */
export async function mcpServerFlow(page: Page, options: { prefix: string }): Promise<{ token: string }> {
  await show(page, 'mcp');
  await expect.poll(() => page.getByTestId('mcp-status').textContent()).toContain('Running');
  await page.getByRole('button', { name: 'Reveal token' }).click();
  const token = (await page.getByTestId('mcp-token').textContent())!.trim();
  expect(token).toMatch(/^[0-9a-f]{64}$/);

  const status = await page.evaluate(() => window.pacs!.mcp.status({}));
  const client = new Client({ name: 'flow-test-client', version: '9.9.9' });
  await client.connect(new StreamableHTTPClientTransport(new URL(status.url!), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  try {
    const found = await client.callTool({ name: 'search_parcels', arguments: { query: '1', limit: 3 } });
    expect(found.isError).toBeFalsy();
    await expect.poll(() => page.getByTestId('mcp-clients').textContent(), { timeout: 10_000 }).toContain('flow-test-client');
    await expect.poll(() => page.getByTestId('recent-calls').textContent(), { timeout: 10_000 }).toContain('search_parcels');
    await shot(page, `${options.prefix}mcp-server`);
  } finally {
    await client.close();
  }
  return { token };
}

/** Claude Desktop: the diff is shown first, nothing is written until asked, other entries survive. */
export async function claudeConfigFlow(page: Page, options: { configPath: string; serverScript: string; forbidden: string[]; prefix: string }): Promise<void> {
  await show(page, 'mcp');
  await page.getByRole('button', { name: 'Prepare the change' }).click();
  const diff = page.getByTestId('claude-diff');
  await diff.waitFor();
  expect(await diff.textContent()).toContain('+    "pacs-mcp": {');
  expect(await page.getByTestId('claude-plan').textContent()).toContain(options.configPath);
  expect(JSON.parse(fs.readFileSync(options.configPath, 'utf8')).mcpServers['pacs-mcp']).toBeUndefined();
  // Core is always listed; ticking a set prepares the entry again with it in PACS_MCP_TOOLSETS.
  expect(await page.getByTestId('toolset-core').isChecked()).toBe(true);
  expect(await page.getByTestId('toolset-core').isDisabled()).toBe(true);
  expect(await diff.textContent()).not.toContain('PACS_MCP_TOOLSETS');
  await page.getByTestId('toolset-imports').click();
  await expect.poll(() => diff.textContent()).toContain('"PACS_MCP_TOOLSETS": "imports"');
  await expect.poll(() => page.getByTestId('toolset-imports').isChecked()).toBe(true);
  await shot(page, `${options.prefix}mcp`);
  await page.getByTestId('claude-write').click();
  await expect.poll(() => page.getByTestId('claude-written').textContent()).toContain('backup');

  const raw = fs.readFileSync(options.configPath, 'utf8');
  const config = JSON.parse(raw);
  expect(config.globalShortcut).toBe('Ctrl+Space');
  expect(config.mcpServers.other).toEqual({ command: 'other-server', args: ['--x'] });
  expect(config.mcpServers['pacs-mcp'].args).toEqual([options.serverScript, 'serve']);
  expect(config.mcpServers['pacs-mcp'].env.PACS_MCP_TOOLSETS).toBe('imports');
  for (const secret of options.forbidden) expect(raw).not.toContain(secret);
  const dir = path.dirname(options.configPath);
  const backups = fs.readdirSync(dir).filter((f) => f.startsWith('claude_desktop_config.json.bak-'));
  expect(backups).toHaveLength(1);
  expect(JSON.parse(fs.readFileSync(path.join(dir, backups[0]), 'utf8')).mcpServers).toEqual({ other: { command: 'other-server', args: ['--x'] } });

  await page.getByRole('button', { name: 'Prepare the change' }).click();
  await expect.poll(() => page.getByTestId('claude-plan').textContent()).toContain('Already up to date');
  // Preparing again starts from the toolsets the written entry lists.
  expect(await page.getByTestId('toolset-imports').isChecked()).toBe(true);
  await shot(page, `${options.prefix}mcp-written`);
}

/** A Claude Desktop config that already has another server, which the app must keep. */
export function seedClaudeConfig(home: string): string {
  const configPath = path.join(home, '.config', 'Claude', 'claude_desktop_config.json');
  fs.mkdirSync(path.dirname(configPath), { recursive: true });
  fs.writeFileSync(configPath, JSON.stringify({ globalShortcut: 'Ctrl+Space', mcpServers: { other: { command: 'other-server', args: ['--x'] } } }, null, 2));
  return configPath;
}

export async function sqlFlow(page: Page, options: { prefix: string }): Promise<void> {
  await show(page, 'sql');
  await page.getByTestId('sql-run').click();
  await expect.poll(() => page.getByTestId('sql-summary').textContent()).toMatch(/^20 rows from demo/);
  expect(await page.getByTestId('sql-result').getByRole('row').count()).toBeGreaterThan(5);
  await shot(page, `${options.prefix}sql`);
  await page.getByTestId('sql-editor').fill('DELETE FROM property');
  await page.getByTestId('sql-editor').press('Control+Enter');
  await expect.poll(() => page.getByTestId('sql-error').textContent()).toMatch(/.+/);
  const count = await page.evaluate(() => window.pacs!.sql.run({ sql: 'SELECT COUNT(*) AS n FROM property' }));
  expect(count.rows[0].n).toBeGreaterThan(0);
}

export async function parcelFlow(page: Page, options: { prefix: string }): Promise<void> {
  await show(page, 'parcel');
  // The demo's first parcel: the search matches a prop_id, or the start of a geo_id, owner or street.
  await page.getByLabel('Find a parcel').fill('10001');
  await page.getByLabel('Find a parcel').press('Enter');
  const first = page.getByTestId('parcel-results').getByRole('link').first();
  await first.waitFor();
  await first.click();
  const detail = page.getByTestId('parcel-detail');
  await detail.waitFor();
  expect(await detail.textContent()).toContain('Official value by year');
  expect(await page.getByTestId('timeline-chart').locator('polyline').count()).toBe(3);
  expect(await page.getByTestId('timeline-chart').locator('circle').count()).toBeGreaterThan(3);
  await shot(page, `${options.prefix}parcel`);
}

export async function auditFlow(page: Page, options: { prefix: string; forbidden: string[]; download: boolean }): Promise<void> {
  await show(page, 'audit');
  await page.getByLabel('Via').selectOption('ui');
  await page.getByRole('button', { name: 'Apply' }).click();
  // The MCP client's call came over HTTP: filtered out; the screen's own actions stay.
  await expect.poll(() => page.getByTestId('audit-table').textContent()).not.toContain('flow-test-client');
  expect(await page.getByTestId('audit-table').textContent()).toContain('connections.save');
  await page.getByTestId('audit-verify').click();
  await expect.poll(() => page.getByTestId('audit-verification').textContent()).toMatch(/Chain intact: \d+ rows verified/);
  // Keyboard: focus the table, move down, open the row.
  await page.getByTestId('audit-table').locator('.vtable-body').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('complementary').waitFor();
  await shot(page, `${options.prefix}audit`);
  // (Electron shows a save dialog for downloads, which a test cannot answer.)
  if (!options.download) return;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toMatch(/^pacs-audit-.*\.csv$/);
  expect(csv.split('\r\n')[0]).toContain('seq,at,os_user,channel');
  expect(csv).toContain('connections.save');
  for (const secret of options.forbidden) expect(csv).not.toContain(secret);
}

async function takeSnapshot(page: Page, name: string, propIds: string): Promise<void> {
  await page.getByRole('button', { name: 'New snapshot…' }).click();
  const form = page.getByRole('form', { name: 'New snapshot' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('or prop_ids').fill(propIds);
  await form.getByRole('button', { name: 'Take snapshot' }).click();
  await page.getByTestId(`snapshot-${name}`).waitFor({ timeout: 60_000 });
}

/**
 * Two snapshots of the same parcels around a change to the source (`mutate`), compared side by
 * side: summary, highlighted cells, the delta chart, filters, and an export.
 */
export async function snapshotDiffFlow(page: Page, options: { propIds: number[]; mutate: () => Promise<number>; prefix: string; download: boolean }): Promise<void> {
  await show(page, 'snapshots');
  await takeSnapshot(page, 'before review', options.propIds.join(', '));
  const changed = await options.mutate();
  await takeSnapshot(page, 'after review', options.propIds.join(', '));
  await page.getByRole('radio', { name: 'Use before review as base' }).check();
  await page.getByRole('radio', { name: 'Use after review as target' }).check();
  await page.getByTestId('compare').click();

  const summary = page.getByTestId('diff-summary');
  await summary.waitFor({ timeout: 60_000 });
  expect(await summary.textContent()).toContain(`${changed} changed`);
  const table = page.getByTestId('diff-table');
  await table.locator('.vtable-row:not(.loading)').first().waitFor();
  expect(await table.locator('.vtable-row.row-changed').count()).toBeGreaterThan(0);
  expect(await table.locator('.cell-changed').count()).toBeGreaterThan(0);
  expect(await table.textContent()).toContain('Base: before review');
  expect(await page.getByTestId('delta-chart').locator('rect').count()).toBeGreaterThan(0);
  await shot(page, `${options.prefix}snapshots-diff`);

  // Filters: a threshold no change reaches leaves nothing; clearing it brings them back.
  await page.getByLabel('Change of at least $').fill('100000000');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.getByTestId('diff-row-count').textContent()).toBe('0 rows match');
  await page.getByLabel('Change of at least $').fill('');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.getByTestId('diff-row-count').textContent()).toBe(`${changed} rows match`);

  if (!options.download) return;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('change,prop_id,year,field,old,new,delta,pct_change');
  expect(csv).toContain('changed,');
}

/** Raises the official market value of the first `parcels` parcels' latest year in a demo database file; returns the rows changed. */
export function changeOfficialValues(demoFile: string, parcels: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, (err) => {
      if (err) return reject(err);
      db.run(
        `UPDATE property_val SET market = market + 12345, appraised_val = appraised_val + 12345
           WHERE (prop_val_yr, sup_num, prop_id) IN (
             SELECT owner_tax_yr, sup_num, prop_id FROM prop_supp_assoc
              WHERE owner_tax_yr = (SELECT MAX(appr_yr) FROM pacs_system)
              ORDER BY prop_id LIMIT ?)`,
        [parcels],
        function (this: sqlite3.RunResult, e: Error | null) {
          const changes = this?.changes ?? 0;
          db.close(() => (e ? reject(e) : resolve(changes)));
        },
      );
    });
  });
}

/**
 * Staging: drag-and-drop's keyboard twin (the file picker) with a file that has good and bad rows,
 * a column the aliases do not know mapped by hand, the progress bar, per-row errors, QA sign-off,
 * push to training, and the promotion dialog that names its target before it will run.
 */
export async function stagingFlow(page: Page, options: { csv: string; unknownHeader: { header: string; field: string }; prefix: string; production: string }): Promise<void> {
  await show(page, 'staging');
  await page.getByLabel('Import kind').selectOption('exemptions');
  await page.getByTestId('file-input').setInputFiles({ name: 'clerk-upload.csv', mimeType: 'text/csv', buffer: Buffer.from(options.csv) });
  const mapping = page.getByTestId('column-mapping');
  await mapping.waitFor();
  await mapping.getByLabel(`File column for ${options.unknownHeader.field}`).selectOption(options.unknownHeader.header);
  await shot(page, `${options.prefix}staging-mapping`);
  await page.getByTestId('stage-file').click();

  const detail = page.getByTestId('batch-detail');
  await detail.waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('batch-status').textContent()).toBe('validated');
  expect(Number((await page.getByTestId('batch-error-count').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
  const errors = page.getByTestId('row-errors');
  expect(await errors.locator('.vtable-row').count()).toBeGreaterThan(0);
  expect(await errors.textContent()).toMatch(/\d+.*[a-z_]+/);
  await shot(page, `${options.prefix}staging-errors`);

  await detail.getByLabel('Reviewer').fill('Pat Reviewer');
  await detail.getByLabel('Note').fill('Checked the failing rows; they are skipped on push.');
  await page.getByTestId('signoff').click();
  await expect.poll(() => page.getByTestId('batch-status').textContent()).toBe('qa_signed');
  await page.getByTestId('push').click();
  await expect.poll(() => page.getByTestId('batch-status').textContent()).toBe('pushed_to_training');

  await page.getByTestId('promote').click();
  const dialog = page.getByTestId('promote-dialog');
  await dialog.getByLabel('Target').selectOption(options.production);
  const confirm = dialog.getByTestId('promote-confirm');
  expect(await confirm.textContent()).toBe(`Promote to ${options.production}`);
  await dialog.getByLabel(/to confirm/).fill(`${options.production}x`);
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel(/to confirm/).fill(options.production);
  expect(await confirm.isDisabled()).toBe(false);
  await shot(page, `${options.prefix}staging-promote`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await page.getByTestId('batch-status').textContent()).toBe('pushed_to_training');
}
