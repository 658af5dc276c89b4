import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh data dir for one test file; removed by the returned cleanup. */
export function makeTempHome(prefix = 'pacs-mcp-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Environment for a child server: its own data dir, in-memory secrets unless the test wants the
 * keychain, and every toolset listed (a test of the default listing sets PACS_MCP_TOOLSETS itself).
 */
export function serverEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, PACS_MCP_HOME: home, PACS_MCP_SECRETS: 'memory', PACS_MCP_TOOLSETS: 'all', ...extra };
}
