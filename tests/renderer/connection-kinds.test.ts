import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionKinds, connectionRoles } from '../../mcp/connections/connection-kinds.js';
import { pacsServerPresetDrafts } from '../../mcp/connections/pacs-server-preset.js';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/paths.js';
import { chromiumAvailable } from '../helpers/system.js';
import { show } from './flows.js';

type KindsAnswer = Awaited<ReturnType<NonNullable<Window['pacs']>['connections']['kinds']>>;

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let pageErrors: string[] = [];

/** The `name` of every field the open connection form shows, in order. */
function formFieldNames(dialog: Locator): Promise<string[]> {
  return dialog.locator('form [name]').evaluateAll((elements) => elements.map((e) => e.getAttribute('name')!));
}

async function openAddForm(): Promise<Locator> {
  await show(page, 'connections');
  await page.getByTestId('connection-demo').waitFor();
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByTestId('connection-dialog');
  await dialog.getByLabel('Kind').waitFor();
  return dialog;
}

describe.runIf(chromiumAvailable())('the connection form in Chromium shows the kinds the engine defines (loopback bridge)', () => {
  beforeAll(async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/renderer/index.html')), 'build the renderer first: node scripts/build.mjs').toBe(true);
    home = await makeBridgeHome();
    bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, env: { HOME: home.home, PACS_MCP_DEMO_SIZE: '300', PACS_MCP_SECRETS: 'memory' }, startMcpHost: false });
    browser = await launchChromium();
  });

  // Each test gets a page of its own, freshly loaded: no open form, chosen kind, route or
  // definitions loaded earlier carry over from another test.
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

  it('the API serves the engine’s own kinds, roles and PACS preset', async () => {
    const served = await page.evaluate(() => window.pacs!.connections.kinds({}));
    expect(served.kinds).toEqual(connectionKinds());
    expect(served.roles).toEqual(connectionRoles());
    expect(served.presets).toEqual(pacsServerPresetDrafts());
    expect(served.kinds.map((k) => k.kind)).toEqual(['sqlite', 'postgres', 'sqlserver', 'databricks', 'lakehouse']);
  });

  it('renders every kind with its fields, and asks for a password exactly when the kind’s rule says so', async () => {
    const served = await page.evaluate(() => window.pacs!.connections.kinds({}));
    const dialog = await openAddForm();
    const kindSelect = dialog.getByLabel('Kind');
    expect(await kindSelect.locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]))).toEqual(served.kinds.map((k) => [k.kind, k.label]));
    expect(await dialog.getByLabel('Role').locator('option').allTextContents()).toEqual(served.roles.map((r) => r.role));

    for (const kind of served.kinds) {
      await kindSelect.selectOption(kind.kind);
      const expected = ['id', 'kind', 'role', 'description', ...kind.fields.map((f) => f.key), ...(kind.secret.needed ? ['password'] : []), ...(kind.ambient ? ['ambient_credentials'] : []), 'is_default'];
      expect(await formFieldNames(dialog), kind.kind).toEqual(expected);
      for (const field of kind.fields) {
        const control = dialog.locator(`[name="${field.key}"]`);
        if (field.type === 'select') expect(await control.locator('option').allTextContents(), `${kind.kind}.${field.key}`).toEqual(field.options);
        // The label's own words, without the control's options or help text.
        const label = await control.evaluate((e) => [...(e.closest('label')?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''));
        expect(label.trim(), `${kind.kind}.${field.key}`).toBe(field.label);
      }
    }

    // SQL Server's rule: no password with Windows integrated login.
    const sqlserver = served.kinds.find((k) => k.kind === 'sqlserver')!;
    expect(sqlserver.secret.unless).toEqual({ key: 'authentication', equals: 'windows' });
    await kindSelect.selectOption('sqlserver');
    await dialog.locator('[name="authentication"]').selectOption('windows');
    expect(await formFieldNames(dialog)).not.toContain('password');
    await dialog.locator('[name="authentication"]').selectOption('sql');
    expect(await formFieldNames(dialog)).toContain('password');
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  });

  it('shows whatever the API answers: the form declares no kind, field, rule or preset of its own', async () => {
    // The same call, answered with changed definitions: the form must follow them.
    await page.route('**/api/connections.kinds', async (route) => {
      const response = await route.fetch();
      const envelope = (await response.json()) as { ok: true; value: KindsAnswer };
      const { kinds, presets } = envelope.value;
      const postgres = kinds.find((k) => k.kind === 'postgres')!;
      postgres.label = 'PostgreSQL (as the engine says)';
      postgres.fields = postgres.fields.filter((f) => f.key !== 'ssl');
      kinds.find((k) => k.kind === 'sqlite')!.secret = { needed: true, unless: null };
      kinds.find((k) => k.kind === 'sqlite')!.ambient = { label: 'Sign in as the engine says' };
      presets[0] = { ...presets[0], id: 'pacs_dev', description: 'Preset from the API', config: { ...presets[0].config, server: 'county-sql-01' } };
      await route.fulfill({ response, json: envelope });
    });
    try {
      await page.reload();
      const dialog = await openAddForm();
      expect(await dialog.getByLabel('Kind').locator('option[value="postgres"]').textContent()).toBe('PostgreSQL (as the engine says)');
      await dialog.getByLabel('Kind').selectOption('postgres');
      expect(await formFieldNames(dialog)).not.toContain('ssl');
      await dialog.getByLabel('Kind').selectOption('sqlite');
      expect(await formFieldNames(dialog)).toContain('password');
      expect(await dialog.locator('[name="ambient_credentials"]').evaluate((e) => e.closest('label')?.textContent ?? '')).toContain('Sign in as the engine says');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'PACS preset: pacs_dev' }).click();
      expect(await dialog.getByLabel('Connection id').inputValue()).toBe('pacs_dev');
      expect(await dialog.getByLabel('Description').inputValue()).toBe('Preset from the API');
      expect(await dialog.getByLabel('Server', { exact: true }).inputValue()).toBe('county-sql-01');
      await page.keyboard.press('Escape');
    } finally {
      await page.unroute('**/api/connections.kinds');
    }
    expect(pageErrors).toEqual([]);
  });
});
