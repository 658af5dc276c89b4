import fs from 'node:fs';
import { AuditLog, type AuditChannel } from './audit/audit-log.js';
import { auditAnchorFile } from './audit/audit-anchor.js';
import { ConnectionRegistry } from './connections/connection-registry.js';
import type { ConnectionRecord } from './connections/connection-types.js';
import { createSecretStore, type SecretStore } from './credentials/credentials.js';
import type { Connector } from './connectors/connector-factory.js';
import { SourcePool } from './connectors/source-pool.js';
import { actorFor } from './imports/actor.js';
import { ImportStore } from './imports/batch-store.js';
import { ImportService } from './imports/import-service.js';
import { JobRunner } from './jobs/job-runner.js';
import { ensureLocalLakehouse } from './lakehouse/tenant-warehouse.js';
import { serverTenant } from './lakehouse/tenant.js';
import { migrate } from './store/migrations.js';
import { DEMO_SCHEMA_VERSION } from './demo/demo-version.js';
import { SCHEDULED_STATUS } from './demo/demo-reference-data.js';
import { DEMO_CALENDAR_DATE } from './demo/demo-world.js';
import { DEFAULT_JURISDICTION, jurisdictionOf, JURISDICTIONS, type Jurisdiction } from './pacs/jurisdiction.js';
import { appStoreFile, dataDir, demoDbFile, ensureDataDir } from './store/paths.js';
import { SqliteDb } from './store/sqlite-db.js';
import { logError } from './util/log.js';
import { keepAlive, leaseState, newLeaseHolder, type LeaseHolder, type StoredLease } from './util/process-lease.js';
import { makePrivate } from './util/private-files.js';

export interface EngineOptions {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  secrets?: SecretStore;
  /**
   * Set up a fresh data dir (default true): build and register the demo database when it has
   * never had one, and register this tenant's local lakehouse when it has no warehouse.
   */
  initDemo?: boolean;
  /** The surface this process serves, for what the engine records on its own (crash recovery); default `cli`. */
  channel?: AuditChannel;
}

export const DEMO_CONNECTION_ID = 'demo';

/**
 * Everything a tool, CLI command or IPC handler needs, opened once per process: the app store,
 * audit log, connection registry, secrets, open source connectors, jobs and imports. Never
 * imports electron.
 */
export class Engine {
  readonly audit: AuditLog;
  readonly connections: ConnectionRegistry;
  readonly sources: SourcePool;
  /** The tenant this process serves (`PACS_MCP_TENANT`); warehouses of other tenants are refused. */
  readonly tenantId: string;
  /** Long work run by this process (lakehouse syncs, uploads and transforms; the app's staging, snapshots and diffs). */
  readonly jobs: JobRunner;
  /** Import batches: staging, validation, sign-off, push, promotion, on the engine's one import-store connection. */
  readonly imports: ImportService;

  private constructor(
    readonly dataDir: string,
    readonly store: SqliteDb,
    importDb: SqliteDb,
    readonly secrets: SecretStore,
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.audit = new AuditLog(store, { secrets, anchorFile: auditAnchorFile(dataDir) });
    this.connections = new ConnectionRegistry(store);
    this.tenantId = serverTenant(env);
    this.sources = new SourcePool(secrets, { dataDir, store, tenantId: this.tenantId });
    this.jobs = new JobRunner(store);
    this.imports = new ImportService(this, new ImportStore(importDb, this.audit));
  }

  static async open(options: EngineOptions = {}): Promise<Engine> {
    const env = options.env ?? process.env;
    const dir = ensureDataDir(options.dataDir ?? dataDir(env));
    const secrets = options.secrets ?? createSecretStore(env);
    const store = await SqliteDb.open(appStoreFile(dir), { wal: true, busyTimeoutMs: 15_000 });
    // Stores written by earlier versions were created world-readable.
    makePrivate(...[appStoreFile(dir), demoDbFile(dir)].flatMap((f) => [f, `${f}-wal`, `${f}-shm`]));
    try {
      await migrate(store);
    } catch (err) {
      await store.close();
      throw err;
    }
    let engine: Engine;
    let importDb: SqliteDb | undefined;
    try {
      // Imports work on a connection of their own, so a long staging never holds up the engine's.
      importDb = await SqliteDb.open(appStoreFile(dir), { wal: true, busyTimeoutMs: 15_000 });
      engine = new Engine(dir, store, importDb, secrets, env);
      // Work left by a process that crashed is cleaned up now: a job queued or running is failed,
      // a half-staged import batch is removed and an interrupted validation undone.
      await engine.jobs.recoverInterrupted();
      await engine.imports.recoverInterrupted(actorFor(options.channel ?? 'cli'));
    } catch (err) {
      await importDb?.close();
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
   * first process to start claims the build (settings row `demo_state`, holding its lease);
   * another process that starts meanwhile waits for it, and a claim left by a process that died
   * is taken over. A demo built for an older demo schema is rebuilt once, the same way.
   */
  private async ensureDemo(): Promise<void> {
    const holder = newLeaseHolder();
    const done = `done:${DEMO_SCHEMA_VERSION}`;
    let outdated = false;
    let claim: string;
    for (;;) {
      claim = demoClaim(holder);
      const claimed = await this.store.run("INSERT OR IGNORE INTO settings (key, value) VALUES ('demo_state', ?)", [claim]);
      if (claimed.changes === 1) break;
      const state = await this.store.get<{ value: string }>("SELECT value FROM settings WHERE key = 'demo_state'");
      if (!state || state.value === done) return;
      if (state.value === 'done' || state.value.startsWith('done:')) {
        const taken = await this.store.run("UPDATE settings SET value = ? WHERE key = 'demo_state' AND value = ?", [claim, state.value]);
        if (taken.changes === 1) {
          outdated = true;
          break;
        }
        continue;
      }
      if (leaseState(claimedLease(state.value), holder) === 'dead') {
        await this.store.run("DELETE FROM settings WHERE key = 'demo_state' AND value = ?", [state.value]);
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const stopHeartbeat = keepAlive(async () => {
      const next = demoClaim(holder);
      const { changes } = await this.store.run("UPDATE settings SET value = ? WHERE key = 'demo_state' AND value = ?", [next, claim]);
      if (changes === 1) claim = next;
    }, (err) => logError('demo build heartbeat', err));
    try {
      if (outdated || !fs.existsSync(demoDbFile(this.dataDir))) await this.rebuildDemo({ size: demoSizeFromEnv(this.env), jurisdiction: demoJurisdictionFromEnv(this.env) });
      else await this.registerDemo();
      await this.store.run("UPDATE settings SET value = ? WHERE key = 'demo_state'", [done]);
    } catch (err) {
      await this.store.run("DELETE FROM settings WHERE key = 'demo_state'");
      throw err;
    } finally {
      stopHeartbeat();
    }
  }

  async rebuildDemo(options: { size?: number; seed?: number; jurisdiction?: Jurisdiction; onProgress?: (done: number, total: number) => void }) {
    const { generateDemoDatabase } = await import('./demo/generate-demo.js');
    await this.sources.evict(DEMO_CONNECTION_ID);
    const summary = await generateDemoDatabase(demoDbFile(this.dataDir), options);
    await this.registerDemo(summary.jurisdiction);
    // A rebuild outside a start-up claim brings the recorded demo schema up to date too.
    await this.store.run(
      "INSERT INTO settings (key, value) VALUES ('demo_state', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value NOT LIKE 'building:%'",
      [`done:${DEMO_SCHEMA_VERSION}`],
    );
    return summary;
  }

  /** The demo connection follows its data's state; the status a routed case gets is one of the demo's codes; routing counts from the day its data stands at. */
  private async registerDemo(jurisdiction?: Jurisdiction): Promise<void> {
    const existing = await this.connections.find(DEMO_CONNECTION_ID);
    await this.connections.upsert({
      id: DEMO_CONNECTION_ID,
      kind: 'sqlite',
      role: 'training',
      description: 'Demo PACS database (synthetic, generated locally)',
      config: {
        file: demoDbFile(this.dataDir),
        jurisdiction: jurisdiction ?? (existing ? jurisdictionOf(existing) : DEFAULT_JURISDICTION),
        appeal_scheduled_status: SCHEDULED_STATUS,
        appeal_calendar_date: DEMO_CALENDAR_DATE,
      },
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
    await this.imports.close();
    await this.sources.closeAll();
    await this.store.close();
  }
}

/** The demo build claim: `building:` and the claiming process's lease, heartbeat included. */
function demoClaim(holder: LeaseHolder): string {
  const lease: StoredLease = { pid: holder.pid, host: holder.host, started: holder.started, token: holder.token, heartbeatAt: new Date().toISOString() };
  return `building:${JSON.stringify(lease)}`;
}

/** The lease in a claim; one that cannot be read (written by an older version) holds nothing. */
function claimedLease(value: string): StoredLease {
  try {
    const lease = JSON.parse(value.slice('building:'.length)) as Partial<StoredLease>;
    return { pid: lease.pid ?? null, host: lease.host ?? null, started: lease.started ?? null, token: lease.token ?? null, heartbeatAt: lease.heartbeatAt ?? null };
  } catch {
    return { pid: null, host: null, started: null, token: null, heartbeatAt: null };
  }
}

/** PACS_MCP_DEMO_JURISDICTION (WA or TX) sets whose rules a first-run demo database follows (default WA). */
function demoJurisdictionFromEnv(env: NodeJS.ProcessEnv): Jurisdiction | undefined {
  const value = env.PACS_MCP_DEMO_JURISDICTION?.toUpperCase();
  return (JURISDICTIONS as readonly string[]).includes(value ?? '') ? (value as Jurisdiction) : undefined;
}

/** PACS_MCP_DEMO_SIZE sets the parcel count of a first-run demo database (default 10,000). */
function demoSizeFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const n = Number(env.PACS_MCP_DEMO_SIZE);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
