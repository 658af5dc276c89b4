import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

/** The data dir: `PACS_MCP_HOME`, else the OS app-data folder. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PACS_MCP_HOME) return path.resolve(env.PACS_MCP_HOME);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PACS MCP Desktop');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'PACS MCP Desktop');
    default:
      return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'pacs-mcp-desktop');
  }
}

export function ensureDataDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export const appStoreFile = (dir: string) => path.join(dir, 'app.sqlite');
export const demoDbFile = (dir: string) => path.join(dir, 'demo-pacs.sqlite');
/** Where reports written on a tool's request go (export_diff_report): inside the data dir, never a path the caller names. */
export const reportsDir = (dir: string) => path.join(dir, 'reports');
