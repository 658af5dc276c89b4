import fs from 'node:fs';
import path from 'node:path';

export type ListDir = (dir: string) => string[];
export type FileExists = (file: string) => boolean;

const CONFIG_FILE_NAME = 'claude_desktop_config.json';
// MSIX package folders are named `<Name>_<PublisherHash>`, e.g. `Claude_pzs8sxrjxfjjc`.
const CLAUDE_PACKAGE_FOLDER = /^Claude_[^\\/]+$/i;

/**
 * Every place Claude Desktop may read its config from on `platform`, most likely first.
 *
 * On Windows the MSIX build (Microsoft Store, and the claude.ai installer since early 2026)
 * reads a virtualized copy under `%LOCALAPPDATA%\Packages\Claude_*\LocalCache\Roaming`;
 * a file at the classic `%APPDATA%\Claude` path is then stale, so package paths come first.
 */
export function claudeConfigCandidates(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  homedir: string,
  listDir: ListDir = listDirOrEmpty,
): string[] {
  switch (platform) {
    case 'win32':
      return windowsCandidates(env, homedir, listDir);
    case 'darwin':
      return [path.posix.join(homedir, 'Library', 'Application Support', 'Claude', CONFIG_FILE_NAME)];
    default:
      return [path.posix.join(xdgConfigHome(env, homedir), 'Claude', CONFIG_FILE_NAME)];
  }
}

/**
 * The config file to edit: the first candidate that exists, else the most likely one
 * (on Windows, the MSIX path when a Claude package is installed, else `%APPDATA%`).
 */
export function findClaudeConfig(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  homedir: string,
  listDir: ListDir = listDirOrEmpty,
  fileExists: FileExists = isFile,
): string {
  const candidates = claudeConfigCandidates(platform, env, homedir, listDir);
  return candidates.find((candidate) => fileExists(candidate)) ?? candidates[0];
}

function windowsCandidates(env: Record<string, string | undefined>, homedir: string, listDir: ListDir): string[] {
  const win = path.win32;
  const appData = absoluteOr(win, env.APPDATA, win.join(homedir, 'AppData', 'Roaming'));
  const localAppData = absoluteOr(win, env.LOCALAPPDATA, win.join(homedir, 'AppData', 'Local'));
  const packagesDir = win.join(localAppData, 'Packages');
  const packagePaths = safeList(listDir, packagesDir)
    .filter((name) => CLAUDE_PACKAGE_FOLDER.test(name))
    .sort()
    .map((name) => win.join(packagesDir, name, 'LocalCache', 'Roaming', 'Claude', CONFIG_FILE_NAME));
  return [...packagePaths, win.join(appData, 'Claude', CONFIG_FILE_NAME)];
}

function xdgConfigHome(env: Record<string, string | undefined>, homedir: string): string {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  return absoluteOr(path.posix, env.XDG_CONFIG_HOME, path.posix.join(homedir, '.config'));
}

function absoluteOr(flavour: path.PlatformPath, value: string | undefined, fallback: string): string {
  return value && flavour.isAbsolute(value) ? value : fallback;
}

function safeList(listDir: ListDir, dir: string): string[] {
  try {
    return listDir(dir);
  } catch {
    return [];
  }
}

function listDirOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
