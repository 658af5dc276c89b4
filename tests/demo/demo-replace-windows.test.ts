import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import type { RenameFile } from '../../mcp/util/file-in-use.js';

let dir: string;
let file: string;
let original: Buffer;

/** Windows' answer while a server has the demo database open: `code` for the first `times` renames. */
function heldOpen(code: 'EPERM' | 'EBUSY', times: number): RenameFile & { calls: number } {
  const state = { calls: 0 };
  const rename = async (from: string, to: string) => {
    state.calls++;
    if (state.calls <= times) throw Object.assign(new Error(`${code}: resource busy or locked, rename '${from}' -> '${to}'`), { code });
    await fs.promises.rename(from, to);
  };
  return Object.defineProperty(rename, 'calls', { get: () => state.calls }) as RenameFile & { calls: number };
}

describe('rebuilding the demo database over one a server holds open (Windows semantics simulated at the rename)', () => {
  // Each test rebuilds over its own freshly built database, in its own folder.
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-demo-win-'));
    file = path.join(dir, 'demo-pacs.sqlite');
    await generateDemoDatabase(file, { size: 20, seed: 1 });
    original = fs.readFileSync(file);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('still held open after the retries: says what to close, keeps the old database, leaves no partial build', async () => {
    const rename = heldOpen('EBUSY', Infinity);
    await expect(generateDemoDatabase(file, { size: 30, seed: 2, rename, platform: 'win32', retryDelaysMs: [1, 1] })).rejects.toThrow(
      /demo-pacs\.sqlite is open in another program \(EBUSY\).*Close what reads the demo database \(Claude Desktop.*pacs-mcp demo/,
    );
    expect(rename.calls).toBe(3);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['demo-pacs.sqlite']);
  });

  it('released during the retries: the new database replaces the old one', async () => {
    const rename = heldOpen('EPERM', 2);
    const summary = await generateDemoDatabase(file, { size: 30, seed: 2, rename, platform: 'win32', retryDelaysMs: [5, 5, 5] });
    expect(rename.calls).toBe(3);
    expect(summary.parcels).toBe(30);
    expect(fs.readFileSync(file).equals(original)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['demo-pacs.sqlite']);
  });
});
