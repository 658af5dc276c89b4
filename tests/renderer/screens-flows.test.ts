import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/paths.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { chromiumAvailable, postgresAvailable } from '../helpers/system.js';
import { addConnectionWithPassword, addThenEditConnection, auditFlow, changeOfficialValues, claudeConfigFlow, mcpServerFlow, parcelFlow, seedClaudeConfig, shot, show, snapshotDiffFlow, sqlFlow, stagingFlow } from './flows.js';

const useKeychain = process.env.PACS_TEST_KEYCHAIN === '1';
const SECRET = `pw-${crypto.randomBytes(12).toString('hex')}`;

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let configPath: string;
let token = '';
// A real PostgreSQL that only takes SECRET: the connection test proves the password made it to the keychain and back to the driver.
let pg: PgCluster | null = null;
const pageErrors: string[] = [];

function grepTree(dir: string, needle: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.readFileSync(file).includes(Buffer.from(needle)));
}

describe.runIf(chromiumAvailable())('desktop screens in Chromium against the real engine (loopback bridge)', () => {
  beforeAll(async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/renderer/index.html')), 'build the renderer first: node scripts/build.mjs').toBe(true);
    home = await makeBridgeHome();
    const env: Record<string, string> = { HOME: home.home, PACS_MCP_DEMO_SIZE: '300' };
    if (useKeychain) env.PACS_MCP_KEYCHAIN_SERVICE = `PACS MCP ui test ${crypto.randomUUID()}`;
    else env.PACS_MCP_SECRETS = 'memory';
    configPath = seedClaudeConfig(home.home);
    // Without PostgreSQL (never under CI=true) the refused-connection path runs instead.
    if (postgresAvailable()) pg = await startPostgres({ password: SECRET });
    bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, env });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(bridge.url);
  });

  afterAll(async () => {
    await browser?.close();
    if (useKeychain) await bridge?.engine.secrets.delete('connection:county_pg').catch(() => undefined);
    await bridge?.close();
    pg?.stop();
    await home?.cleanup();
  });

  it('adds a connection whose password goes to the keychain and is never shown back', async () => {
    await addConnectionWithPassword(page, { id: 'county_pg', secret: SECRET, prefix: '', postgres: pg ? { port: pg.port, database: 'postgres', user: 'postgres' } : undefined });
    expect(bridge.engine.secrets.backend).toBe(useKeychain ? 'keychain' : 'memory');
    expect(await bridge.engine.secrets.get('connection:county_pg')).toBe(SECRET);
    expect(grepTree(home.dataDir, SECRET)).toEqual([]);
    const audit = await bridge.engine.audit.recent(20, { action: 'connections.save' });
    expect(audit[0]).toMatchObject({ channel: 'ui', outcome: 'ok', connection_id: 'county_pg' });
    expect(audit[0].args_json).toContain('"keychain":"set"');
    expect(audit[0].args_json).not.toContain(SECRET);
  });

  it('edits a connection: a copy of the demo registered as a read-only production source', async () => {
    await addThenEditConnection(page, { id: 'demo_prod', file: path.join(home.dataDir, 'demo-pacs.sqlite') });
    expect((await bridge.engine.connections.get('demo_prod')).role).toBe('production');
  });

  it('shows the local MCP server, its clients and their tool calls', async () => {
    ({ token } = await mcpServerFlow(page, { prefix: '' }));
    const calls = await bridge.engine.audit.recent(5, { action: 'search_parcels' });
    expect(calls.find((c) => c.channel === 'http')).toMatchObject({ client_name: 'flow-test-client', outcome: 'ok' });
  });

  it('writes the Claude Desktop config into the temp home after showing the diff', async () => {
    await claudeConfigFlow(page, { configPath, serverScript: path.join(ROOT, 'dist/mcp/cli/main.js'), forbidden: [token, SECRET], prefix: '' });
    expect((await bridge.engine.audit.recent(5, { action: 'claude-config.write' }))[0]).toMatchObject({ channel: 'ui', outcome: 'ok' });
  });

  it('runs read-only SQL with query_sql semantics and refuses writes', async () => {
    await sqlFlow(page, { prefix: '' });
    const refused = await bridge.engine.audit.recent(5, { action: 'query_sql' });
    expect(refused.find((r) => r.args_json.includes('DELETE'))).toMatchObject({ channel: 'ui', outcome: 'refused' });
  });

  it('finds a parcel and charts its value timeline', async () => {
    await parcelFlow(page, { prefix: '' });
  });

  it('filters the audit log, verifies the chain and exports it', async () => {
    await auditFlow(page, { prefix: '', forbidden: [SECRET, token], download: true });
  });

  it('takes two snapshots around a change, diffs them side by side, filters and exports', async () => {
    const propIds = (await bridge.services.call('sql.run', { sql: 'SELECT prop_id FROM property ORDER BY prop_id LIMIT 25' })) as { ok: true; value: { rows: { prop_id: number }[] } };
    await snapshotDiffFlow(page, {
      propIds: propIds.value.rows.map((r) => r.prop_id),
      mutate: () => changeOfficialValues(path.join(home.dataDir, 'demo-pacs.sqlite'), 10),
      prefix: '',
      download: true,
    });
    const audit = await bridge.engine.audit.recent(30);
    expect(audit.filter((r) => r.channel === 'ui').map((r) => r.action)).toEqual(expect.arrayContaining(['snapshots.create', 'diff_snapshots', 'snapshots.export']));
  });

  it('stages a file with errors, maps a column by hand, signs it off and pushes it; promotion asks for the target by name', async () => {
    const owners = (await bridge.services.call('sql.run', {
      sql: `SELECT o.prop_id, o.owner_id FROM owner o
              JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
              JOIN property p ON p.prop_id = o.prop_id
             WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
               AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
             ORDER BY o.prop_id LIMIT 3`,
    })) as { ok: true; value: { rows: { prop_id: number; owner_id: number }[] } };
    const good = owners.value.rows;
    expect(good.length).toBe(3);
    // "Exemption" is no alias of exmpt_type_cd: the person maps it on the mapping step.
    const csv = [
      'prop_id,owner_id,exmpt_tax_yr,Exemption,effective_dt,applicant_nm,action',
      ...good.map((r) => `${r.prop_id},${r.owner_id},2026,EX,2026-01-01,TEST APPLICANT,ADD`),
      '99999999,1,2026,EX,2026-01-01,NO SUCH PARCEL,ADD',
      `${good[0].prop_id},${good[0].owner_id},2026,ZZ,2026-13-45,BAD CODE AND DATE,ADD`,
    ].join('\n');
    await stagingFlow(page, { csv: `${csv}\n`, unknownHeader: { header: 'Exemption', field: 'exmpt_type_cd' }, prefix: '', production: 'demo_prod' });
    const batches = (await bridge.services.call('staging.list', {})) as { ok: true; value: { batches: { status: string; staged_count: number; error_count: number; signed_by: string | null }[] } };
    expect(batches.value.batches[0]).toMatchObject({ status: 'pushed_to_training', staged_count: 5, signed_by: 'Pat Reviewer' });
    expect(batches.value.batches[0].error_count).toBeGreaterThanOrEqual(2);
    const actions = (await bridge.engine.audit.recent(40)).filter((r) => r.channel === 'ui').map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['staging.start', 'staging.signoff', 'staging.push']));
    expect(actions).not.toContain('import.promote');
  });

  it('is keyboard usable and has light and dark themes', async () => {
    await show(page, 'connections');
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
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 22, 27)');
    for (const screen of ['connections', 'mcp', 'audit', 'parcel', 'sql']) {
      await show(page, screen);
      await page.waitForTimeout(300);
      await shot(page, `${screen}-dark`);
    }
    await page.reload();
    expect(await themeOf()).toBe('dark');
    await page.getByTestId('theme-toggle').click(); // dark → system (light here)
  });

  it('enforces the CSP in the browser: no inline script, no foreign script, no network beyond its own origin', async () => {
    await show(page, 'connections');
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

  it('the bridge refuses API calls without its token or from another origin', async () => {
    const origin = new URL(bridge.url).origin;
    const noToken = await fetch(`${origin}/api/app.info`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const foreign = await fetch(`${origin}/api/app.info`, { method: 'POST', body: '{}', headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    // fetch() will not send a foreign Host header; a DNS-rebinding page would.
    const rebinding = await new Promise<number>((resolve, reject) => {
      http.get(`${origin}/index.html`, { headers: { host: 'evil.example' } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject);
    });
    expect(rebinding).toBe(403);
  });
});
