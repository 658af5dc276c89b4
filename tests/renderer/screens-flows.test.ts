import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { artifactPath, launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/paths.js';
import { chromiumAvailable } from '../helpers/system.js';

const useKeychain = process.env.PACS_TEST_KEYCHAIN === '1';
const SECRET = `pw-${crypto.randomBytes(12).toString('hex')}`;

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

function grepTree(dir: string, needle: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.readFileSync(file).includes(Buffer.from(needle)));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function show(screen: string) {
  await page.goto(`${bridge.url}#/${screen}`);
  await page.locator('#screen-title').waitFor();
}

async function shot(name: string) {
  await page.screenshot({ path: artifactPath(`screen-${name}.png`), fullPage: true });
}

describe.runIf(chromiumAvailable())('desktop screens in Chromium against the real engine (loopback bridge)', () => {
  beforeAll(async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/renderer/index.html')), 'build the renderer first: node scripts/build.mjs').toBe(true);
    home = await makeBridgeHome();
    const env: Record<string, string> = { HOME: home.home, PACS_MCP_DEMO_SIZE: '300' };
    if (useKeychain) env.PACS_MCP_KEYCHAIN_SERVICE = `PACS MCP ui test ${crypto.randomUUID()}`;
    else env.PACS_MCP_SECRETS = 'memory';
    // Claude Desktop already has another server configured: the app must keep it.
    const claudeDir = path.join(home.home, '.config', 'Claude');
    fs.mkdirSync(claudeDir, { recursive: true });
    fs.writeFileSync(path.join(claudeDir, 'claude_desktop_config.json'), JSON.stringify({ globalShortcut: 'Ctrl+Space', mcpServers: { other: { command: 'other-server', args: ['--x'] } } }, null, 2));
    bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, env });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    if (useKeychain) await bridge?.engine.secrets.delete('connection:county_pg').catch(() => undefined);
    await home?.cleanup();
  });

  it('adds a connection whose password goes to the keychain and is never shown back', async () => {
    await show('connections');
    await page.getByTestId('connection-demo').waitFor();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByTestId('connection-dialog');
    await dialog.getByLabel('Connection id').fill('county_pg');
    await dialog.getByLabel('Kind').selectOption('postgres');
    await dialog.getByLabel('Role').selectOption('training');
    await dialog.getByLabel('Host').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(await freePort()));
    await dialog.getByLabel('Database').fill('pacs');
    await dialog.getByLabel('User').fill('appraiser');
    await dialog.getByLabel(/^Password/).fill(SECRET);
    await shot('connections-form');
    await dialog.getByRole('button', { name: 'Add connection' }).click();

    const row = page.getByTestId('connection-county_pg');
    await expect.poll(() => row.textContent()).toContain('stored in keychain');
    expect(await bridge.engine.secrets.get('connection:county_pg')).toBe(SECRET);
    expect(bridge.engine.secrets.backend).toBe(useKeychain ? 'keychain' : 'memory');
    // Never back in the page, the API's answers, the data dir or the audit log.
    expect(await page.content()).not.toContain(SECRET);
    expect(JSON.stringify(await page.evaluate(() => window.pacs!.connections.list({})))).not.toContain(SECRET);
    expect(grepTree(home.dataDir, SECRET)).toEqual([]);
    const audit = await bridge.engine.audit.recent(20, { action: 'connections.save' });
    expect(audit[0]).toMatchObject({ channel: 'ui', outcome: 'ok', connection_id: 'county_pg' });
    expect(audit[0].args_json).toContain('"keychain":"set"');

    // Editing shows an empty password field that says one is stored.
    await page.getByRole('button', { name: 'Edit county_pg' }).click();
    const password = page.getByTestId('connection-dialog').getByLabel(/^Password/);
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toMatch(/stored/);
    await page.keyboard.press('Escape');

    // Nothing listens on that port: the test says it failed, in words.
    await page.getByRole('button', { name: 'Test county_pg' }).click();
    await expect.poll(() => page.getByTestId('connection-status-county_pg').textContent(), { timeout: 20_000 }).toMatch(/Failed: .+/);
    await page.getByRole('button', { name: 'Test demo' }).click();
    await expect.poll(() => page.getByTestId('connection-status-demo').textContent()).toMatch(/OK · .*SQLite 3\./);
    await shot('connections');
  });

  it('edits a connection: a copy of the demo registered as a read-only production source', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByTestId('connection-dialog');
    await dialog.getByLabel('Connection id').fill('demo_prod');
    await dialog.getByLabel('Kind').selectOption('sqlite');
    await dialog.getByLabel('Database file').fill(path.join(home.dataDir, 'demo-pacs.sqlite'));
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await page.getByTestId('connection-demo_prod').waitFor();
    await page.getByRole('button', { name: 'Edit demo_prod' }).click();
    await dialog.getByLabel('Role').selectOption('production');
    await dialog.getByLabel('Description').fill('Pretend pacs_oltp');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const row = page.getByTestId('connection-demo_prod');
    await expect.poll(() => row.textContent()).toContain('read-only');
    expect(await row.textContent()).toContain('Pretend pacs_oltp');
    expect((await bridge.engine.connections.get('demo_prod')).role).toBe('production');
  });

  it('shows the MCP server, its clients and their tool calls, and writes the Claude Desktop config after showing the diff', async () => {
    await show('mcp');
    await expect.poll(() => page.getByTestId('mcp-status').textContent()).toContain('Running');
    await page.getByRole('button', { name: 'Reveal token' }).click();
    const token = (await page.getByTestId('mcp-token').textContent())!.trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);

    const status = await page.evaluate(() => window.pacs!.mcp.status({}));
    const client = new Client({ name: 'flow-test-client', version: '9.9.9' });
    await client.connect(new StreamableHTTPClientTransport(new URL(status.url!), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    const found = await client.callTool({ name: 'search_parcels', arguments: { query: '1', limit: 3 } });
    expect(found.isError).toBeFalsy();
    await expect.poll(() => page.getByTestId('mcp-clients').textContent(), { timeout: 10_000 }).toContain('flow-test-client');
    await expect.poll(() => page.getByTestId('recent-calls').textContent(), { timeout: 10_000 }).toContain('search_parcels');

    await page.getByRole('button', { name: 'Prepare the change' }).click();
    const diff = page.getByTestId('claude-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('+    "pacs-mcp": {');
    const configPath = path.join(home.home, '.config', 'Claude', 'claude_desktop_config.json');
    expect(await page.getByTestId('claude-plan').textContent()).toContain(configPath);
    // Nothing is written until the user asks.
    expect(JSON.parse(fs.readFileSync(configPath, 'utf8')).mcpServers['pacs-mcp']).toBeUndefined();
    await shot('mcp');
    await page.getByTestId('claude-write').click();
    await expect.poll(() => page.getByTestId('claude-written').textContent()).toContain('backup');

    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    expect(config.globalShortcut).toBe('Ctrl+Space');
    expect(config.mcpServers.other).toEqual({ command: 'other-server', args: ['--x'] });
    expect(config.mcpServers['pacs-mcp'].args).toEqual([path.join(ROOT, 'dist/mcp/cli/main.js'), 'serve']);
    const raw = fs.readFileSync(configPath, 'utf8');
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(SECRET);
    const backups = fs.readdirSync(path.dirname(configPath)).filter((f) => f.startsWith('claude_desktop_config.json.bak-'));
    expect(backups).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(path.dirname(configPath), backups[0]), 'utf8')).mcpServers).toEqual({ other: { command: 'other-server', args: ['--x'] } });

    // A second preparation finds nothing to do.
    await page.getByRole('button', { name: 'Prepare the change' }).click();
    await expect.poll(() => page.getByTestId('claude-plan').textContent()).toContain('Already up to date');
    await client.close();
    await shot('mcp-written');
  });

  it('runs read-only SQL with query_sql semantics and refuses writes', async () => {
    await show('sql');
    await page.getByTestId('sql-run').click();
    await expect.poll(() => page.getByTestId('sql-summary').textContent()).toMatch(/^20 rows from demo/);
    expect(await page.getByTestId('sql-result').getByRole('row').count()).toBeGreaterThan(5);
    await shot('sql');
    await page.getByTestId('sql-editor').fill('DELETE FROM property');
    await page.getByTestId('sql-editor').press('Control+Enter');
    await expect.poll(() => page.getByTestId('sql-error').textContent()).toMatch(/.+/);
    const demoCount = await bridge.services.call('sql.run', { sql: 'SELECT COUNT(*) AS n FROM property' });
    expect(demoCount).toMatchObject({ ok: true, value: { rows: [{ n: 300 }] } });
    const refused = await bridge.engine.audit.recent(5, { action: 'query_sql' });
    expect(refused.find((r) => r.args_json.includes('DELETE'))).toMatchObject({ channel: 'ui', outcome: 'refused' });
  });

  it('finds a parcel and charts its value timeline', async () => {
    await show('parcel');
    await page.getByLabel('Find a parcel').fill('1');
    await page.getByLabel('Find a parcel').press('Enter');
    const first = page.getByTestId('parcel-results').getByRole('link').first();
    await first.waitFor();
    await first.click();
    const detail = page.getByTestId('parcel-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('Official value by year');
    expect(await page.getByTestId('timeline-chart').locator('polyline').count()).toBe(3);
    expect(await page.getByTestId('timeline-chart').locator('circle').count()).toBeGreaterThan(3);
    await shot('parcel');
  });

  it('filters the audit log, verifies the chain and exports it', async () => {
    await show('audit');
    await page.getByLabel('Via').selectOption('ui');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('connections.save');
    // The MCP client's call came over HTTP: filtered out.
    expect(await page.getByTestId('audit-table').textContent()).not.toContain('flow-test-client');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verification').textContent()).toMatch(/Chain intact: \d+ rows verified/);
    // Keyboard: focus the table, move down, open the row.
    await page.getByTestId('audit-table').locator('.vtable-body').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('complementary').waitFor();
    await shot('audit');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^pacs-audit-.*\.csv$/);
    expect(csv.split('\r\n')[0]).toContain('seq,at,os_user,channel');
    expect(csv).toContain('connections.save');
    expect(csv).not.toContain(SECRET);
  });

  it('says plainly which screens wait for engine parts this build does not have', async () => {
    const info = await page.evaluate(() => window.pacs!.app.info({}));
    if (!info.features.staging) {
      await show('staging');
      expect(await page.locator('main').textContent()).toContain('not in this build');
      await shot('staging');
    }
    if (!info.features.snapshots) {
      await show('snapshots');
      expect(await page.locator('main').textContent()).toContain('not in this build');
      await shot('snapshots');
    }
  });

  it('is keyboard usable and has light and dark themes', async () => {
    await show('connections');
    await page.keyboard.press('Alt+6');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/audit');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/connections');
    // Tab reaches the skip link first, then the navigation.
    await page.reload();
    await page.locator('#screen-title').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const themeOf = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await themeOf()).toBe('light');
    await page.getByTestId('theme-toggle').click(); // system → light
    await page.getByTestId('theme-toggle').click(); // light → dark
    expect(await themeOf()).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(20, 22, 27)');
    for (const screen of ['connections', 'mcp', 'audit', 'parcel']) {
      await show(screen);
      await page.waitForTimeout(300);
      await shot(`${screen}-dark`);
    }
    await page.reload();
    expect(await themeOf()).toBe('dark');
  });

  it('enforces the CSP in the browser: no inline script, no eval, no network beyond its own origin', async () => {
    await show('connections');
    const response = await page.request.get(bridge.url);
    expect(response.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    // (eval cannot be probed from here: code Playwright injects is exempt from the page's CSP;
    // the unit test checks the policy never allows 'unsafe-eval'.)
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.head.append(inline);
      const foreign = document.createElement('script');
      foreign.src = 'https://example.org/x.js';
      document.head.append(foreign);
      let fetchBlocked = false;
      try {
        await fetch('https://example.org/');
      } catch {
        fetchBlocked = true;
      }
      await new Promise((r) => setTimeout(r, 100));
      return { inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, fetchBlocked, violations: [...new Set(violations)].sort() };
    });
    expect(result).toEqual({ inlineRan: false, fetchBlocked: true, violations: ['connect-src', 'script-src-elem'] });
    expect(pageErrors).toEqual([]);
  });
});
