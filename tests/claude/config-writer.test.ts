import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyClaudeConfigChange,
  ClaudeConfigError,
  planClaudeConfigChange,
  type ClaudeServerEntry,
} from '../../mcp/claude/index.js';

const ENTRY: ClaudeServerEntry = {
  command: '/usr/bin/node',
  args: ['/opt/pacs/dist/mcp/cli/main.js', 'serve'],
  env: { PACS_MCP_HOME: '/home/ann/.local/share/pacs-mcp-desktop' },
};
const FIXED_NOW = () => new Date(2024, 2, 5, 7, 8, 9);

let dir: string;
let configPath: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'claude-config-'));
  configPath = path.join(dir, 'claude_desktop_config.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectClaudeConfigError(promise: Promise<unknown>, code: string): Promise<ClaudeConfigError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ClaudeConfigError ${code}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ClaudeConfigError);
  expect((error as ClaudeConfigError).code).toBe(code);
  return error as ClaudeConfigError;
}

describe('a missing config', () => {
  it('is created, with its directory, from an empty mcpServers', async () => {
    const nested = path.join(dir, 'Roaming', 'Claude', 'claude_desktop_config.json');
    const plan = await planClaudeConfigChange({ configPath: nested, entry: ENTRY });
    const expected = JSON.stringify({ mcpServers: { 'pacs-mcp': ENTRY } }, null, 2) + '\n';
    expect(plan).toMatchObject({ configPath: nested, exists: false, before: null, after: expected, changed: true });
    expect(plan.diff).toContain('--- (no file yet)');
    expect(plan.diff).toContain('+    "pacs-mcp": {');

    expect(await applyClaudeConfigChange(plan)).toEqual({ written: true, backupPath: null });
    expect(await fs.readFile(nested, 'utf8')).toBe(expected);
    expect(await fs.readdir(path.dirname(nested))).toEqual(['claude_desktop_config.json']);
  });

  it('uses the given server name', async () => {
    const plan = await planClaudeConfigChange({ configPath, serverName: 'pacs-training', entry: ENTRY });
    expect(Object.keys(JSON.parse(plan.after).mcpServers)).toEqual(['pacs-training']);
  });
});

describe('merging into an existing config', () => {
  const existing = {
    globalShortcut: 'Ctrl+Space',
    mcpServers: {
      filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', 'C:\\Users\\ann'] },
      'pacs-mcp': { command: 'old-node', args: ['old.js'] },
      github: { command: 'npx', args: ['-y', 'github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_other_servers_own' } },
    },
    preferences: { theme: 'dark', nested: { list: [1, 2.5, null, true] } },
  };

  it('replaces only its own entry, keeping every other key, server and the key order', async () => {
    await fs.writeFile(configPath, JSON.stringify(existing));
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    const after = JSON.parse(plan.after);

    expect(Object.keys(after)).toEqual(['globalShortcut', 'mcpServers', 'preferences']);
    expect(Object.keys(after.mcpServers)).toEqual(['filesystem', 'pacs-mcp', 'github']);
    expect(after.mcpServers['pacs-mcp']).toEqual(ENTRY);
    expect(after).toEqual({ ...existing, mcpServers: { ...existing.mcpServers, 'pacs-mcp': ENTRY } });
    expect(plan.after).toBe(JSON.stringify(after, null, 2) + '\n');
  });

  it('adds its entry after the other servers, and adds mcpServers when absent', async () => {
    await fs.writeFile(configPath, JSON.stringify({ globalShortcut: 'x', mcpServers: { a: { command: 'a', args: [] } } }));
    const withServers = JSON.parse((await planClaudeConfigChange({ configPath, entry: ENTRY })).after);
    expect(Object.keys(withServers.mcpServers)).toEqual(['a', 'pacs-mcp']);

    await fs.writeFile(configPath, '{"globalShortcut":"x"}');
    const withoutServers = JSON.parse((await planClaudeConfigChange({ configPath, entry: ENTRY })).after);
    expect(withoutServers).toEqual({ globalShortcut: 'x', mcpServers: { 'pacs-mcp': ENTRY } });
  });

  it('reads a file saved with a byte-order mark, and treats an empty file as empty', async () => {
    await fs.writeFile(configPath, '\uFEFF{"mcpServers":{}}');
    expect(JSON.parse((await planClaudeConfigChange({ configPath, entry: ENTRY })).after).mcpServers['pacs-mcp']).toEqual(ENTRY);
    await fs.writeFile(configPath, '  \n');
    expect(JSON.parse((await planClaudeConfigChange({ configPath, entry: ENTRY })).after)).toEqual({
      mcpServers: { 'pacs-mcp': ENTRY },
    });
  });

  it('shows a readable unified diff', async () => {
    await fs.writeFile(configPath, JSON.stringify(existing, null, 2) + '\n');
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    expect(plan.diff.split('\n').slice(0, 3)).toEqual([
      `--- ${configPath} (current)`,
      `+++ ${configPath} (after)`,
      expect.stringMatching(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/),
    ]);
    expect(plan.diff).toContain('-      "command": "old-node",');
    expect(plan.diff).toContain('+      "command": "/usr/bin/node",');
    expect(plan.diff).not.toContain('globalShortcut'); // far from the change: not even context
  });
});

describe('a config that cannot be parsed', () => {
  it.each([
    ['invalid JSON', '{ "mcpServers": { "x": { "command": "a", } '],
    ['mcpServers as an array', '{ "mcpServers": [ { "command": "a" } ] }\n'],
    ['mcpServers as null', '{ "mcpServers": null }'],
    ['a top-level array', '[]'],
  ])('is refused with its path and left byte-for-byte unchanged: %s', async (_, content) => {
    await fs.writeFile(configPath, content);
    const error = await expectClaudeConfigError(planClaudeConfigChange({ configPath, entry: ENTRY }), 'unparseable');
    expect(error.message).toContain(configPath);
    expect(error.message).toMatch(/could not be parsed/);
    expect(error.message).toMatch(/Fix it .* or move it/);
    expect(error.configPath).toBe(configPath);
    expect(await fs.readFile(configPath, 'utf8')).toBe(content);
    expect(await fs.readdir(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('is not overwritten even if it turns corrupt between plan and apply', async () => {
    await fs.writeFile(configPath, '{}');
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    await fs.writeFile(configPath, '{ broken');
    await expectClaudeConfigError(applyClaudeConfigChange(plan), 'changed-since-plan');
    expect(await fs.readFile(configPath, 'utf8')).toBe('{ broken');
  });

  it('refuses a directory in place of the file', async () => {
    await fs.mkdir(configPath);
    await expectClaudeConfigError(planClaudeConfigChange({ configPath, entry: ENTRY }), 'unreadable');
  });
});

describe('applying', () => {
  it('backs up the previous content with a timestamp, then a counter', async () => {
    const original = '{\n    "mcpServers": {}\n}\n';
    await fs.writeFile(configPath, original);
    const first = await applyClaudeConfigChange(await planClaudeConfigChange({ configPath, entry: ENTRY }), { now: FIXED_NOW });
    expect(first).toEqual({ written: true, backupPath: `${configPath}.bak-20240305-070809` });
    expect(await fs.readFile(first.backupPath!, 'utf8')).toBe(original);

    const afterFirst = await fs.readFile(configPath, 'utf8');
    const changedEntry = { ...ENTRY, args: ['/opt/pacs-2/dist/mcp/cli/main.js', 'serve'] };
    const second = await applyClaudeConfigChange(await planClaudeConfigChange({ configPath, entry: changedEntry }), {
      now: FIXED_NOW,
    });
    expect(second.backupPath).toBe(`${configPath}.bak-20240305-070809-1`);
    expect(await fs.readFile(second.backupPath!, 'utf8')).toBe(afterFirst);
    expect(JSON.parse(await fs.readFile(configPath, 'utf8')).mcpServers['pacs-mcp']).toEqual(changedEntry);
  });

  it('leaves no temp files behind', async () => {
    await fs.writeFile(configPath, '{"mcpServers":{}}');
    await applyClaudeConfigChange(await planClaudeConfigChange({ configPath, entry: ENTRY }), { now: FIXED_NOW });
    expect((await fs.readdir(dir)).sort()).toEqual(['claude_desktop_config.json', 'claude_desktop_config.json.bak-20240305-070809']);
  });

  it('reports unchanged on a second run with the same entry: no write, no backup', async () => {
    await applyClaudeConfigChange(await planClaudeConfigChange({ configPath, entry: ENTRY }));
    const written = await fs.readFile(configPath, 'utf8');
    const { mtimeMs } = await fs.stat(configPath);

    const again = await planClaudeConfigChange({ configPath, entry: { ...ENTRY } });
    expect(again).toMatchObject({ exists: true, changed: false, diff: '', before: written, after: written });
    expect(await applyClaudeConfigChange(again)).toEqual({ written: false, backupPath: null });
    expect(await fs.readdir(dir)).toEqual(['claude_desktop_config.json']);
    expect((await fs.stat(configPath)).mtimeMs).toBe(mtimeMs);
  });

  it('does not rewrite a file that already holds the entry but is formatted differently', async () => {
    const reordered = { args: ENTRY.args, env: ENTRY.env, command: ENTRY.command };
    const content = JSON.stringify({ mcpServers: { 'pacs-mcp': reordered } }, null, 4);
    await fs.writeFile(configPath, content);
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    expect(plan.changed).toBe(false);
    expect(plan.after).toBe(content);
  });

  it('refuses when the file changed between plan and apply', async () => {
    await fs.writeFile(configPath, '{"mcpServers":{}}');
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    const concurrent = '{"mcpServers":{"other":{"command":"x","args":[]}}}';
    await fs.writeFile(configPath, concurrent);

    const error = await expectClaudeConfigError(applyClaudeConfigChange(plan), 'changed-since-plan');
    expect(error.message).toContain(configPath);
    expect(await fs.readFile(configPath, 'utf8')).toBe(concurrent);
    expect(await fs.readdir(dir)).toEqual(['claude_desktop_config.json']);
  });

  it('refuses when the file appeared between plan and apply', async () => {
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    await fs.writeFile(configPath, '{"mcpServers":{}}');
    await expectClaudeConfigError(applyClaudeConfigChange(plan), 'changed-since-plan');
    expect(await fs.readFile(configPath, 'utf8')).toBe('{"mcpServers":{}}');
  });

  it('writes only the merge of the planned entry, whatever the plan text was changed to', async () => {
    const plan = await planClaudeConfigChange({ configPath, entry: ENTRY });
    await expectClaudeConfigError(applyClaudeConfigChange({ ...plan, after: '{"mcpServers":{"evil":{}}}\n' }), 'invalid-entry');
    await expect(fs.stat(configPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses an entry carrying a secret before touching anything', async () => {
    const entry = { ...ENTRY, env: { ...ENTRY.env, PGPASSWORD: 'x' } };
    await expectClaudeConfigError(planClaudeConfigChange({ configPath, entry }), 'secret-in-entry');
    await expect(fs.stat(configPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.skipIf(process.platform === 'win32')('keeps the file mode and writes through a symlinked config', async () => {
    const realDir = path.join(dir, 'dotfiles');
    await fs.mkdir(realDir);
    const realFile = path.join(realDir, 'claude.json');
    await fs.writeFile(realFile, '{"mcpServers":{}}', { mode: 0o600 });
    await fs.chmod(realFile, 0o600);
    await fs.symlink(realFile, configPath);

    const result = await applyClaudeConfigChange(await planClaudeConfigChange({ configPath, entry: ENTRY }), { now: FIXED_NOW });
    expect((await fs.lstat(configPath)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fs.readFile(realFile, 'utf8')).mcpServers['pacs-mcp']).toEqual(ENTRY);
    expect((await fs.stat(realFile)).mode & 0o777).toBe(0o600);
    expect(result.backupPath).toBe(`${realFile}.bak-20240305-070809`);
    expect((await fs.stat(result.backupPath!)).mode & 0o777).toBe(0o600);
  });
});
