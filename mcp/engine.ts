import fs from 'node:fs';
import { AuditLog } from './audit/audit-log.js';
import { ConnectionRegistry } from './connections/connection-registry.js';
import type { ConnectionRecord } from './connections/connection-types.js';
import { createSecretStore, type SecretStore } from './credentials/credentials.js';
import type { Connector } from './connectors/connector-factory.js';
import { SourcePool } from './connectors/source-pool.js';
import { JobRunner } from './lakehouse/jobs/job-runner.js';
import { ensureLocalLakehouse } from './lakehouse/warehouse-select.js';
import { serverTenant } from './lakehouse/tenant.js';
import { migrate } from './store/migrations.js';
import { appStoreFile, dataDir, demoDbFile, ensureDataDir } from './store/paths.js';
import { SqliteDb } from './store/sqlite-db.js';

export interface EngineOptions {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  secrets?: SecretStore;
  /**
   * Set up a fresh data dir (default true): build and register the demo database when it has
   * never had one, and register this tenant's local lakehouse when it has no warehouse.
   */
  initDemo?: boolean;
}

export const DEMO_CONNECTION_ID = 'demo';

/**
 * Everything a tool, CLI command or IPC handler needs, opened once per process: the app store,
 * audit log, connection registry, secrets and open source connectors. Never imports electron.
 */
export class Engine {
  readonly audit: AuditLog;
  readonly connections: ConnectionRegistry;
  readonly sources: SourcePool;
  /** The tenant this process serves (`PACS_MCP_TENANT`); warehouses of other tenants are refused. */
  readonly tenantId: string;
  /** Lakehouse jobs (syncs, uploads, transforms) run by this process. */
  readonly jobs: JobRunner;

  private constructor(
    readonly dataDir: string,
    readonly store: SqliteDb,
    readonly secrets: SecretStore,
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.audit = new AuditLog(store);
    this.connections = new ConnectionRegistry(store);
    this.tenantId = serverTenant(env);
    this.sources = new SourcePool(secrets, { dataDir, store, tenantId: this.tenantId });
    this.jobs = new JobRunner(store);
  }

  static async open(options: EngineOptions = {}): Promise<Engine> {
    const env = options.env ?? process.env;
    const dir = ensureDataDir(options.dataDir ?? dataDir(env));
    const secrets = options.secrets ?? createSecretStore(env);
    const store = await SqliteDb.open(appStoreFile(dir), { wal: true, busyTimeoutMs: 15_000 });
    try {
      await migrate(store);
    } catch (err) {
      await store.close();
      throw err;
    }
    let engine: Engine;
    try {
      engine = new Engine(dir, store, secrets, env);
      // A job left queued or running by a process that crashed is failed now, never left running.
      await engine.jobs.recoverInterrupted();
    } catch (err) {
      await store.close();
      throw err;
    }
    if (options.initDemo ?? true) {
      await engine.ensureDemo();
      await ensureLocalLakehouse(engine.connections, engine.tenantId);
    }
    return engine;
  }

  /**
   * A fresh data dir gets the demo PACS database, registered once as connection `demo`. The
   * first process to start claims the build (settings row `demo_state`); another process that
   * starts meanwhile waits for it, and a claim left by a process that died is taken over.
   */
  private async ensureDemo(): Promise<void> {
    for (;;) {
      const claim = `building:${process.pid}:${new Date().toISOString()}`;
      const claimed = await this.store.run("INSERT OR IGNORE INTO settings (key, value) VALUES ('demo_state', ?)", [claim]);
      if (claimed.changes === 1) break;
      const state = await this.store.get<{ value: string }>("SELECT value FROM settings WHERE key = 'demo_state'");
      if (!state || state.value === 'done') return;
      const pid = Number(state.value.split(':')[1]);
      if (!isProcessAlive(pid)) {
        await this.store.run("DELETE FROM settings WHERE key = 'demo_state' AND value = ?", [state.value]);
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      if (!fs.existsSync(demoDbFile(this.dataDir))) await this.rebuildDemo({ size: demoSizeFromEnv(this.env) });
      else await this.registerDemo();
      await this.store.run("UPDATE settings SET value = 'done' WHERE key = 'demo_state'");
    } catch (err) {
      await this.store.run("DELETE FROM settings WHERE key = 'demo_state'");
      throw err;
    }
  }

  async rebuildDemo(options: { size?: number; seed?: number; onProgress?: (done: number, total: number) => void }) {
    const { generateDemoDatabase } = await import('./demo/generate-demo.js');
    await this.sources.evict(DEMO_CONNECTION_ID);
    const summary = await generateDemoDatabase(demoDbFile(this.dataDir), options);
    await this.registerDemo();
    return summary;
  }

  private async registerDemo(): Promise<void> {
    const existing = await this.connections.find(DEMO_CONNECTION_ID);
    await this.connections.upsert({
      id: DEMO_CONNECTION_ID,
      kind: 'sqlite',
      role: 'training',
      description: 'Demo PACS database (synthetic, generated locally)',
      config: { file: demoDbFile(this.dataDir) },
      is_default: existing?.is_default ?? !(await this.connections.list()).some((c) => c.is_default && c.role === 'training'),
    });
  }

  /** The named connection, or the default training connection, with its open connector. */
  async source(connectionId?: string | null): Promise<{ record: ConnectionRecord; connector: Connector }> {
    const record = connectionId ? await this.connections.get(connectionId) : await this.connections.defaultTraining();
    const connector = await this.sources.get(record);
    return { record, connector };
  }

  async close(): Promise<void> {
    await this.jobs.shutdown();
    await this.sources.closeAll();
    await this.store.close();
  }
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PACS_MCP_DEMO_SIZE sets the parcel count of a first-run demo database (default 10,000). */
function demoSizeFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.PACS_MCP_DEMO_SIZE);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
