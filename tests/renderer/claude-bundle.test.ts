import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBridgeHome, startLoopbackBridge, type LoopbackBridge } from '../bridge/loopback-bridge.js';
import { launchChromium } from '../helpers/chromium.js';
import { chromiumAvailable } from '../helpers/system.js';
import { shot } from './flows.js';

let home: Awaited<ReturnType<typeof makeBridgeHome>>;
let bundleDir: string;
let bridge: LoopbackBridge;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

const thisPlatform = `pacs-mcp-0.1.0-${process.platform}-${process.arch}.mcpb`;
const otherPlatform = `pacs-mcp-0.1.0-${process.platform === 'win32' ? 'darwin' : 'win32'}-${process.arch}.mcpb`;

/** The bundle folder the app ships holds exactly `files` (name → content), and Downloads is empty. */
function shipWith(files: Record<string, string | Buffer>): void {
  fs.rmSync(bundleDir, { recursive: true, force: true });
  fs.mkdirSync(bundleDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(bundleDir, name), content);
  fs.rmSync(path.join(home.home, 'Downloads'), { recursive: true, force: true });
}

async function openMcpScreen(): Promise<void> {
  await page.goto(`${bridge.url}#/mcp`);
  // A fresh load, so the screen looks for the bundle again.
  await page.reload();
  await page.getByTestId('claude-bundle').waitFor();
}

describe.runIf(chromiumAvailable())('the MCP screen offers the Claude Desktop bundle next to the config writer', () => {
  beforeAll(async () => {
    home = await makeBridgeHome();
    bundleDir = path.join(home.home, 'resources', 'mcpb');
    fs.mkdirSync(bundleDir, { recursive: true });
    bridge = await startLoopbackBridge({ dataDir: home.dataDir, homedir: home.home, bundleDir, env: { HOME: home.home, PACS_MCP_DEMO_SIZE: '300', PACS_MCP_SECRETS: 'memory' }, startMcpHost: false });
    browser = await launchChromium();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await home?.cleanup();
  });

  it('says how to get one when none came with the app (another platform\'s does not count)', async () => {
    shipWith({ [otherPlatform]: 'not for this machine' });
    await openMcpScreen();
    const missing = page.getByTestId('bundle-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain(`${process.platform}-${process.arch}`);
    expect(await missing.textContent()).toContain('npm run bundle:mcpb');
    expect(await page.getByTestId('bundle-save').count()).toBe(0);
  });

  it('saves this platform\'s bundle into Downloads, byte for byte, without overwriting an earlier copy', async () => {
    const bytes = crypto.randomBytes(64 * 1024);
    shipWith({ [otherPlatform]: 'not for this machine', [thisPlatform]: bytes });
    await openMcpScreen();
    expect(await page.getByTestId('bundle-name').textContent()).toBe(thisPlatform);
    await page.getByTestId('bundle-save').click();
    const saved = page.getByTestId('bundle-saved');
    await saved.waitFor();
    const first = path.join(home.home, 'Downloads', thisPlatform);
    expect(await saved.textContent()).toContain(first);
    expect(fs.readFileSync(first).equals(bytes)).toBe(true);
    await shot(page, 'mcp-bundle');

    await page.getByTestId('bundle-save').click();
    await expect.poll(() => saved.textContent()).toContain('(2).mcpb');
    expect(fs.readdirSync(path.join(home.home, 'Downloads')).sort()).toEqual([thisPlatform, thisPlatform.replace('.mcpb', ' (2).mcpb')].sort());
    expect((await bridge.engine.audit.recent(5, { action: 'claude-bundle.save' })).map((r) => r.outcome)).toEqual(['ok', 'ok']);
  });
});
