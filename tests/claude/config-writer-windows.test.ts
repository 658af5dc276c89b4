import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyClaudeConfigChange, ClaudeConfigError, planClaudeConfigChange, type ClaudeServerEntry } from '../../mcp/claude/index.js';
import type { RenameFile } from '../../mcp/util/file-in-use.js';

const ENTRY: ClaudeServerEntry = { command: 'C:\\Users\\ann\\AppData\\Local\\Programs\\pacs-mcp-desktop\\pacs-mcp-desktop.exe', args: ['--mcp-stdio'] };
const BEFORE = `${JSON.stringify({ mcpServers: { other: { command: 'other-server', args: [] } } }, null, 2)}\n`;

let dir: string;
let configPath: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'claude-config-win-'));
  configPath = path.join(dir, 'claude_desktop_config.json');
  await fs.writeFile(configPath, BEFORE);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The rename Windows gives while Claude Desktop holds the config open: `code` for the first `times` calls. */
function heldOpen(code: 'EPERM' | 'EBUSY' | 'EACCES', times: number): RenameFile & { calls: number[] } {
  const calls: number[] = [];
  const rename = async (from: string, to: string) => {
    calls.push(Date.now());
    if (calls.length <= times) throw Object.assign(new Error(`${code}: operation not permitted, rename '${from}' -> '${to}'`), { code });
    await fs.rename(from, to);
  };
  return Object.assign(rename, { calls });
}

const leftovers = async () => (await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'));

describe('the Claude Desktop config writer on Windows file semantics (rename simulated at the file-system boundary)', () => {
  it('waits out a brief EBUSY/EPERM (a scan, Claude saving) with growing pauses, then writes', async () => {
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    const rename = heldOpen('EBUSY', 2);
    const result = await applyClaudeConfigChange(plan, { rename, platform: 'win32', retryDelaysMs: [40, 120, 200] });
    expect(result.written).toBe(true);
    expect(rename.calls).toHaveLength(3);
    expect(rename.calls[1] - rename.calls[0]).toBeGreaterThanOrEqual(35);
    expect(rename.calls[2] - rename.calls[1]).toBeGreaterThanOrEqual(110);
    expect(JSON.parse(await fs.readFile(configPath, 'utf8')).mcpServers).toMatchObject({ other: { command: 'other-server' }, 'pacs-mcp': ENTRY });
    expect(await leftovers()).toEqual([]);
  });

  it('when Claude Desktop keeps it open, says to quit Claude Desktop, and changes nothing', async () => {
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    const rename = heldOpen('EPERM', Infinity);
    const error = await applyClaudeConfigChange(plan, { rename, platform: 'win32', retryDelaysMs: [1, 1, 1] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaudeConfigError);
    expect((error as ClaudeConfigError).code).toBe('in-use');
    expect((error as Error).message).toContain(configPath);
    expect((error as Error).message).toMatch(/Quit Claude Desktop/);
    expect((error as Error).message).toMatch(/EPERM/);
    expect(rename.calls).toHaveLength(4);
    expect(await fs.readFile(configPath, 'utf8')).toBe(BEFORE);
    expect(await leftovers()).toEqual([]);
  });

  it('elsewhere the same codes are a real permission problem: no retries, the system error as it is', async () => {
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    const rename = heldOpen('EACCES', Infinity);
    const error = await applyClaudeConfigChange(plan, { rename, platform: 'linux', retryDelaysMs: [1, 1, 1] }).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('EACCES');
    expect(rename.calls).toHaveLength(1);
    expect(await fs.readFile(configPath, 'utf8')).toBe(BEFORE);
    expect(await leftovers()).toEqual([]);
  });
});
