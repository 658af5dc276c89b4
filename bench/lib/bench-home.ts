import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtCli } from './paths.js';

export interface BenchHome {
  dir: string;
  /** Environment for a child server or CLI using this data dir (in-memory secrets, every toolset listed). */
  env: Record<string, string>;
  /** Runs the built CLI on this data dir; rejects on a non-zero exit. */
  cli(args: string[], stdin?: string): Promise<string>;
  cleanup(): void;
}

/**
 * A throwaway data dir for one case. With `demoSize`, the demo PACS database is built first
 * (`pacs-mcp demo --size N`), so servers started on it open an existing data dir.
 */
export async function makeBenchHome(options: { demoSize?: number; prefix?: string; jurisdiction?: 'WA' | 'TX' } = {}): Promise<BenchHome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'pacs-bench-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, { PACS_MCP_HOME: dir, PACS_MCP_SECRETS: 'memory', PACS_MCP_TOOLSETS: 'all' });
  const home: BenchHome = {
    dir,
    env,
    cli: (args, stdin) => runCli(args, env, stdin),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  try {
    if (options.demoSize !== undefined) await home.cli(['demo', '--size', String(options.demoSize), ...(options.jurisdiction ? ['--jurisdiction', options.jurisdiction] : []), '--json']);
  } catch (err) {
    home.cleanup();
    throw err;
  }
  return home;
}

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`pacs-mcp ${args.join(' ')} exited ${code}: ${stderr.slice(-2_000)}`))));
    child.stdin.end(stdin ?? '');
  });
}
