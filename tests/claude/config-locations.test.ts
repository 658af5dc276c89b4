import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeConfigCandidates, findClaudeConfig } from '../../mcp/claude/index.js';

const HOME = 'C:\\Users\\ann';
const WIN_ENV = { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
const PACKAGES_DIR = 'C:\\Users\\ann\\AppData\\Local\\Packages';
const CLASSIC = 'C:\\Users\\ann\\AppData\\Roaming\\Claude\\claude_desktop_config.json';
const STORE =
  'C:\\Users\\ann\\AppData\\Local\\Packages\\Claude_pzs8sxrjxfjjc\\LocalCache\\Roaming\\Claude\\claude_desktop_config.json';

function fakeListDir(tree: Record<string, string[]>) {
  return (dir: string): string[] => {
    const entries = tree[dir];
    if (!entries) throw Object.assign(new Error(`ENOENT: ${dir}`), { code: 'ENOENT' });
    return entries;
  };
}
const noPackages = fakeListDir({});
const withStorePackage = fakeListDir({
  [PACKAGES_DIR]: ['Microsoft.WindowsStore_8wekyb3d8bbwe', 'Claude_pzs8sxrjxfjjc', 'ClaudeHelper.Tool_abc'],
});
const existing = (...files: string[]) => (file: string) => files.includes(file);

describe('claude config locations on Windows', () => {
  it('uses %APPDATA%\\Claude when no Claude package is installed', () => {
    expect(claudeConfigCandidates('win32', WIN_ENV, HOME, noPackages)).toEqual([CLASSIC]);
    expect(findClaudeConfig('win32', WIN_ENV, HOME, noPackages, existing())).toBe(CLASSIC);
    expect(findClaudeConfig('win32', WIN_ENV, HOME, noPackages, existing(CLASSIC))).toBe(CLASSIC);
  });

  it('falls back to the profile folders when APPDATA and LOCALAPPDATA are unset', () => {
    const listDir = fakeListDir({ [PACKAGES_DIR]: ['Claude_pzs8sxrjxfjjc'] });
    expect(claudeConfigCandidates('win32', {}, HOME, listDir)).toEqual([STORE, CLASSIC]);
  });

  it('finds the Microsoft Store (MSIX) package by listing %LOCALAPPDATA%\\Packages', () => {
    expect(claudeConfigCandidates('win32', WIN_ENV, HOME, withStorePackage)).toEqual([STORE, CLASSIC]);
  });

  it('uses the Store path when only it exists', () => {
    expect(findClaudeConfig('win32', WIN_ENV, HOME, withStorePackage, existing(STORE))).toBe(STORE);
  });

  it('prefers an existing classic file over a Store path with no file', () => {
    expect(findClaudeConfig('win32', WIN_ENV, HOME, withStorePackage, existing(CLASSIC))).toBe(CLASSIC);
  });

  it('uses the Store file when both exist, since the MSIX app never reads the classic one', () => {
    expect(findClaudeConfig('win32', WIN_ENV, HOME, withStorePackage, existing(CLASSIC, STORE))).toBe(STORE);
  });

  it('uses the Store path when a package is installed but no file exists yet', () => {
    expect(findClaudeConfig('win32', WIN_ENV, HOME, withStorePackage, existing())).toBe(STORE);
  });
});

describe('claude config locations on macOS and Linux', () => {
  it('macOS: ~/Library/Application Support/Claude', () => {
    expect(claudeConfigCandidates('darwin', {}, '/Users/ann')).toEqual([
      '/Users/ann/Library/Application Support/Claude/claude_desktop_config.json',
    ]);
  });

  it('Linux: ~/.config/Claude without XDG_CONFIG_HOME', () => {
    expect(claudeConfigCandidates('linux', {}, '/home/ann')).toEqual(['/home/ann/.config/Claude/claude_desktop_config.json']);
  });

  it('Linux: $XDG_CONFIG_HOME/Claude when set, ignoring a relative value', () => {
    expect(claudeConfigCandidates('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toEqual([
      '/cfg/Claude/claude_desktop_config.json',
    ]);
    expect(claudeConfigCandidates('linux', { XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ann')).toEqual([
      '/home/ann/.config/Claude/claude_desktop_config.json',
    ]);
  });
});

describe('findClaudeConfig on the real file system', () => {
  let home: string;
  afterEach(async () => {
    if (home) await fs.rm(home, { recursive: true, force: true });
  });

  it('returns the expected path whether or not the file exists', async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'claude-home-'));
    const expected = path.join(home, '.config', 'Claude', 'claude_desktop_config.json');
    expect(findClaudeConfig('linux', {}, home)).toBe(expected);
    await fs.mkdir(path.dirname(expected), { recursive: true });
    await fs.writeFile(expected, '{}');
    expect(findClaudeConfig('linux', {}, home)).toBe(expected);
  });
});
