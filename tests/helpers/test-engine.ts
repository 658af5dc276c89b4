import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../mcp/engine.js';
import { createSecretStore, type SecretStore } from '../../mcp/credentials/credentials.js';
import { SqliteDb, type SqlValue } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from './temp-home.js';

export interface TestEngine {
  engine: Engine;
  dir: string;
  demoFile: string;
  /** Runs SQL on the demo database (read-write), outside the engine. */
  demo<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * An engine in this process on a fresh data dir with the demo database (size parcels), and
 * in-memory secrets unless a store is given (pass the same store to two engines to give them
 * the same install secret).
 */
export async function openTestEngine(options: { size?: number; secrets?: SecretStore; prefix?: string } = {}): Promise<TestEngine> {
  const home = makeTempHome(options.prefix ?? 'pacs-engine-test-');
  const engine = await Engine.open({
    dataDir: home.dir,
    env: { PACS_MCP_DEMO_SIZE: String(options.size ?? 300) },
    secrets: options.secrets ?? createSecretStore({ PACS_MCP_SECRETS: 'memory' }),
  });
  const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
  return {
    engine,
    dir: home.dir,
    demoFile,
    demo: (sql, params = []) => runOn(demoFile, sql, params),
    close: async () => {
      await engine.close();
      home.cleanup();
    },
  };
}

export async function runOn<T = Record<string, unknown>>(file: string, sql: string, params: SqlValue[] = []): Promise<T[]> {
  const db = await SqliteDb.open(file, { busyTimeoutMs: 10_000 });
  try {
    return await db.all<T>(sql, params);
  } finally {
    await db.close();
  }
}

/** Every file under dir, recursively. */
export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}
