import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AUDIT_KEY_ACCOUNT } from '../../mcp/audit/audit-key.js';

/** A fresh data dir for one test file; removed by the returned cleanup. */
export function makeTempHome(prefix = 'pacs-mcp-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** One audit key for every process this test file starts, as the OS keychain gives one to every process of a user. */
const TEST_AUDIT_KEY = crypto.randomBytes(32).toString('base64');

/** PACS_MCP_MEMORY_SECRETS for in-memory secret stores that share the audit key (and any `more` secrets). */
export function sharedMemorySecrets(more: Record<string, string> = {}): string {
  return JSON.stringify({ [AUDIT_KEY_ACCOUNT]: TEST_AUDIT_KEY, ...more });
}

/**
 * Environment for a child server: its own data dir, in-memory secrets unless the test wants the
 * keychain, and every toolset listed (a test of the default listing sets PACS_MCP_TOOLSETS itself).
 * The processes share the audit key, so `audit verify` in one checks rows of the others.
 */
export function serverEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, PACS_MCP_HOME: home, PACS_MCP_SECRETS: 'memory', PACS_MCP_MEMORY_SECRETS: sharedMemorySecrets(), PACS_MCP_TOOLSETS: 'all', ...extra };
}
