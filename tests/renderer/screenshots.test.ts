import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS } from '../../renderer/src/router.js';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { artifactPath, launchChromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/paths.js';
import { chromiumAvailable } from '../helpers/system.js';

// The pictures in the README: every screen on the demo, taken here. They land in test-artifacts/
// on every run; PACS_UPDATE_SCREENSHOTS=1 writes them to docs/screens/ to be committed.
const DOCS_DIR = path.join(ROOT, 'docs', 'screens');
const update = process.env.PACS_UPDATE_SCREENSHOTS === '1';
const target = (id: string) => (update ? path.join(DOCS_DIR, `${id}.png`) : artifactPath(`readme-${id}.png`));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

async function call<T = any>(method: string, input: unknown): Promise<T> {
  const envelope = await bridge.services.call(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Opens a screen fresh and waits until `ready` is visible. */
async function open(id: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  await page.goto(`${bridge.url}#/${id}`);
  await page.reload();
  await page.locator('#screen-title').waitFor();
  await ready(page);
}

describe('the README\'s screenshots, one per screen, on the demo', () => {
  it('the README shows a committed picture of every screen', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const screen of SCREENS) {
      const file = path.join(DOCS_DIR, `${screen.id}.png`);
      expect(fs.existsSync(file), `${file}: run PACS_UPDATE_SCREENSHOTS=1 npm test -- tests/renderer/screenshots.test.ts`).toBe(true);
      expect(fs.readFileSync(file).subarray(0, 8).equals(PNG_SIGNATURE), file).toBe(true);
      expect(readme, `README shows ${screen.id}`).toContain(`](docs/screens/${screen.id}.png)`);
    }
  });

  describe.runIf(chromiumAvailable())('taken in Chromium through the loopback bridge', () => {
    beforeAll(async () => {
      home = await makeBridgeHome();
      bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, env: { HOME: home.home, PACS_MCP_DEMO_SIZE: '300', PACS_MCP_SECRETS: 'memory' } });
      const ids = (await call<{ rows: { prop_id: number }[] }>('sql.run', { sql: 'SELECT prop_id FROM property ORDER BY prop_id LIMIT 40' })).rows.map((r) => r.prop_id);
      await call('snapshots.create', { name: 'Roll at certification', prop_ids: ids });
      await call('snapshots.create', { name: 'Roll after ARB', prop_ids: ids });
      browser = await launchChromium({ viewport: { width: 1360, height: 860 } });
      page = await browser.context.newPage();
      if (update) fs.mkdirSync(DOCS_DIR, { recursive: true });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await bridge?.close();
      await home?.cleanup();
    });

    const shots: Record<string, (page: Page) => Promise<unknown>> = {
      connections: (p) => p.getByTestId('connection-demo').waitFor(),
      staging: (p) => p.locator('main').waitFor(),
      snapshots: (p) => p.getByText('Roll after ARB').first().waitFor(),
      parcel: async (p) => {
        await p.getByLabel('Find a parcel').fill('10001');
        await p.getByLabel('Find a parcel').press('Enter');
        await p.getByTestId('parcel-results').getByRole('link').first().click();
        await p.getByTestId('timeline-chart').waitFor();
      },
      mcp: (p) => p.getByTestId('mcp-status').getByText('Running').waitFor(),
      audit: (p) => p.getByText('snapshots.create').first().waitFor(),
      sql: async (p) => {
        await p.getByTestId('schema-tree').getByRole('button', { name: 'property_val', exact: true }).click();
        await p.getByTestId('sql-run').click();
        await p.getByTestId('sql-summary').waitFor();
      },
      lakehouse: (p) => p.locator('main').waitFor(),
    };

    it.each(SCREENS.map((s) => s.id))('%s', async (id) => {
      expect(shots[id], `no screenshot recipe for the ${id} screen`).toBeDefined();
      await open(id, shots[id]);
      await page.waitForTimeout(300);
      await page.screenshot({ path: target(id) });
      expect(fs.statSync(target(id)).size).toBeGreaterThan(10_000);
    });
  });
});
