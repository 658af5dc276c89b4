import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { addConnectionWithPassword, addThenEditConnection, auditFlow, changeOfficialValues, claudeConfigFlow, mcpServerFlow, parcelFlow, seedClaudeConfig, snapshotDiffFlow, sqlFlow, stagingFlow } from '../renderer/flows.js';

/** PACS_TEST_ELECTRON (a path to an Electron binary), else one `npm install electron` downloaded. */
function electronBinary(): string | null {
  const fromEnv = process.env.PACS_TEST_ELECTRON;
  if (fromEnv && fromEnv !== '1') return fs.existsSync(fromEnv) ? fromEnv : null;
  const pathTxt = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const binary = path.join(ROOT, 'node_modules/electron/dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.warn('[not run] Electron app tests: no Electron binary here (none can be downloaded on the build machines). Set PACS_TEST_ELECTRON=/path/to/electron to run the same flows in the real app.');
}

const SECRET = `pw-${crypto.randomBytes(12).toString('hex')}`;

describe.runIf(binary !== null)('the Electron app (Playwright Electron launcher)', () => {
  let app: ElectronApplication;
  let page: Page;
  let home: string;
  let configPath: string;

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-electron-'));
    configPath = seedClaudeConfig(home);
    app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), PACS_MCP_HOME: path.join(home, 'data'), PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '300' } as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.locator('#screen-title').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('loads the renderer from app:// with every checklist preference', async () => {
    expect(page.url()).toMatch(/^app:\/\/pacs-mcp\/index\.html/);
    // No Node in the page (nodeIntegration off, sandboxed); the typed API is all the preload exposes.
    expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => window.pacs!.app.info({}))).toMatchObject({ host: 'electron' });
    expect(await app.evaluate(({ app }) => app.isPackaged)).toBe(false);
  });

  it('blocks navigation away from the app, new windows and permission requests', async () => {
    await page.evaluate(() => (window.location.href = 'https://example.org/'));
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/pacs-mcp\//);
    expect(await page.evaluate(() => window.open('file:///etc/passwd'))).toBeNull();
    expect(app.windows()).toHaveLength(1);
    expect(await page.evaluate(() => navigator.mediaDevices.getUserMedia({ audio: true }).then(() => 'granted', (e: Error) => e.name))).toBe('NotAllowedError');
    expect(await page.evaluate(() => fetch('https://example.org/').then(() => 'fetched', () => 'blocked'))).toBe('blocked');
  });

  it('runs the same flows as the Chromium suite, over the real preload and IPC', async () => {
    await addConnectionWithPassword(page, { id: 'county_pg', secret: SECRET, prefix: 'electron-' });
    await addThenEditConnection(page, { id: 'demo_prod', file: path.join(home, 'data', 'demo-pacs.sqlite') });
    const { token } = await mcpServerFlow(page, { prefix: 'electron-' });
    await claudeConfigFlow(page, { configPath, serverScript: path.join(ROOT, 'dist/mcp/cli/main.js'), forbidden: [token, SECRET], prefix: 'electron-' });
    await sqlFlow(page, { prefix: 'electron-' });
    await parcelFlow(page, { prefix: 'electron-' });
    const ids = await page.evaluate(() => window.pacs!.sql.run({ sql: 'SELECT prop_id FROM property ORDER BY prop_id LIMIT 25' }));
    await snapshotDiffFlow(page, { propIds: ids.rows.map((r) => Number(r.prop_id)), mutate: () => changeOfficialValues(path.join(home, 'data', 'demo-pacs.sqlite'), 10), prefix: 'electron-', download: false });
    const owners = await page.evaluate(() =>
      window.pacs!.sql.run({
        sql: "SELECT o.prop_id, o.owner_id FROM owner o JOIN property p ON p.prop_id = o.prop_id WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R' AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL)) ORDER BY o.prop_id LIMIT 2",
      }),
    );
    const csv = ['prop_id,owner_id,exmpt_tax_yr,Exemption,effective_dt,applicant_nm,action', ...owners.rows.map((r) => `${r.prop_id},${r.owner_id},2026,EX,2026-01-01,TEST APPLICANT,ADD`), '99999999,1,2026,EX,2026-01-01,NO SUCH PARCEL,ADD'].join('\n');
    await stagingFlow(page, { csv: `${csv}\n`, unknownHeader: { header: 'Exemption', field: 'exmpt_type_cd' }, prefix: 'electron-', production: 'demo_prod' });
    await auditFlow(page, { prefix: 'electron-', forbidden: [SECRET, token], download: false });
  });
});
