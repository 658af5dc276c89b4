import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { Prng } from '../../mcp/demo/prng.js';
import { DEMO_SCHEMA_VERSION } from '../../mcp/demo/demo-schema.js';
import { listSnapshots, verifyStoredSnapshot } from '../../mcp/snapshots/snapshot-store.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { readParquet } from '../helpers/parquet.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp-client.js';
import { CLI, ROOT } from '../helpers/paths.js';
import { reliabilityScale, RELIABILITY_TIMEOUT_MS } from '../helpers/reliability.js';
import { integrityProblems, killHard, withSqliteFile } from '../helpers/store-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/** kill -9 at random points; PACS_CRASH_SEED replays a run (the seed is printed). */
const SEED = Number(process.env.PACS_CRASH_SEED ?? Date.now() % 1_000_000);
const KILLS = reliabilityScale(3, 20);
const random = new Prng(SEED);
console.info(`[crash] seed ${SEED} (PACS_CRASH_SEED=${SEED} replays it), ${KILLS} kills per scenario`);

const homes: (() => void)[] = [];
afterAll(() => homes.forEach((cleanup) => cleanup()));
function freshHome(extra: Record<string, string> = {}) {
  const home = makeTempHome('pacs-crash-');
  homes.push(home.cleanup);
  return { dir: home.dir, env: serverEnv(home.dir, extra) };
}

async function auditVerified(env: Record<string, string>): Promise<{ ok: boolean; rows: number; problems: string[]; incomplete?: number[] }> {
  const r = await runCli(['audit', 'verify', '--json'], env);
  if (!r.stdout.trim()) return { ok: false, rows: 0, problems: [`audit verify exited ${r.code}: ${r.stderr}`] };
  return JSON.parse(r.stdout);
}

async function demoState(file: string): Promise<{ parcels: number; version: number } | undefined> {
  if (!fs.existsSync(file)) return undefined;
  return withSqliteFile(file, async (all) => ({
    parcels: (await all<{ n: number }>('SELECT COUNT(*) AS n FROM property'))[0].n,
    version: (await all<{ user_version: number }>('PRAGMA user_version'))[0].user_version,
  }));
}

/** Spawns the built CLI and SIGKILLs it after `delayMs` (if still running); resolves how it ended. */
function runAndKill(args: string[], env: Record<string, string>, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => void killHard(child.pid!), delayMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`pacs-mcp ${args.join(' ')} failed (${code}): ${stderr}`));
    });
  });
}

describe('kill -9 while the demo database is being rebuilt', () => {
  it(
    `${KILLS} kills at random points: the demo file is always the old or the new complete one, the app store and audit chain are intact`,
    async () => {
      const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '150' });
      const demoFile = path.join(dir, 'demo-pacs.sqlite');
      expect((await runCli(['demo', '--size', '150'], env)).code).toBe(0);
      const started = Date.now();
      expect((await runCli(['demo', '--size', '1500', '--seed', '1'], env)).code).toBe(0);
      const buildMs = Date.now() - started;
      const sizes = new Set([150, 1500]);
      const outcomes = { killed: 0, finished: 0 };
      for (let i = 0; i < KILLS; i++) {
        const size = random.chance(0.5) ? 150 : 1500;
        sizes.add(size);
        // The first kill lands early so at least one is sure to hit a build in progress, however
        // much faster the machine runs now than when buildMs was measured; the rest are random.
        const delayMs = i === 0 ? Math.min(100, Math.round(buildMs / 4)) : random.int(5, Math.round(buildMs * 1.1));
        outcomes[await runAndKill(['demo', '--size', String(size), '--seed', String(i + 2)], env, delayMs)]++;
        const state = await demoState(demoFile);
        expect(state, `kill ${i}: the demo database is gone`).toBeDefined();
        expect(sizes.has(state!.parcels), `kill ${i}: ${state!.parcels} parcels is a half-built database`).toBe(true);
        expect(state!.version).toBe(DEMO_SCHEMA_VERSION);
        expect(await integrityProblems(demoFile), `kill ${i}: demo database`).toEqual([]);
        expect(await integrityProblems(path.join(dir, 'app.sqlite')), `kill ${i}: app store`).toEqual([]);
        expect((await auditVerified(env)).problems, `kill ${i}`).toEqual([]);
      }
      console.info(`[crash] demo rebuild: ${outcomes.killed} killed mid-build, ${outcomes.finished} finished before the kill (build ≈ ${buildMs} ms)`);
      expect(outcomes.killed).toBeGreaterThan(0);
      // A leftover half-built file never blocks the next build, and is gone after it.
      expect((await runCli(['demo', '--size', '150'], env)).code).toBe(0);
      expect((await demoState(demoFile))?.parcels).toBe(150);
      expect(fs.readdirSync(dir).filter((f) => f.includes('.building'))).toEqual([]);
      const session = await connectStdio(env);
      expect((await session.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' })).rows).toEqual([{ n: 150 }]);
      await session.close();
    },
    RELIABILITY_TIMEOUT_MS,
  );
});

describe('kill -9 while the first-run demo is being built by a starting server', () => {
  it(
    `${KILLS} kills: the next server takes the build over, and the data dir ends up sound with the demo registered once`,
    async () => {
      for (let i = 0; i < KILLS; i++) {
        const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '1200' });
        const session = await connectStdio(env);
        const pending = session.call('list_connections').catch(() => undefined);
        await new Promise((r) => setTimeout(r, random.int(0, 1_500)));
        await killHard(session.pid!);
        await pending;
        await session.close().catch(() => undefined);
        expect(await integrityProblems(path.join(dir, 'app.sqlite')), `kill ${i}: app store`).toEqual([]);

        const next = await connectStdio(env);
        try {
          const { connections } = await next.ok('list_connections');
          expect(connections.map((c: { id: string }) => c.id)).toEqual(['demo', 'lakehouse']);
          expect((await next.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' })).rows).toEqual([{ n: 1200 }]);
        } finally {
          await next.close();
        }
        expect(await integrityProblems(path.join(dir, 'demo-pacs.sqlite'))).toEqual([]);
        expect((await auditVerified(env)).problems).toEqual([]);
      }
    },
    RELIABILITY_TIMEOUT_MS,
  );
});

describe('kill -9 during a burst of audited tool calls', () => {
  it(
    `${KILLS} kills mid-burst: the app store passes integrity_check, the audit chain verifies, no row is torn, and the next server works`,
    async () => {
      const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '100' });
      const appStore = path.join(dir, 'app.sqlite');
      let sent = 0;
      for (let i = 0; i < KILLS; i++) {
        const session = await connectStdio(env, `crash-burst-${i}`);
        await session.ok('list_connections').catch((err: Error) => {
          throw new Error(`${err.message}; server stderr: ${session.stderr()}`);
        });
        sent++;
        let stop = false;
        const burst = Array.from({ length: 16 }, async (_, w) => {
          for (let n = 0; !stop; n++) {
            sent++;
            const call = (w + n) % 3 === 0 ? session.call('get_parcel', { prop_id: 1 + ((w * 31 + n) % 100) }) : (w + n) % 3 === 1 ? session.call('query_sql', { sql: `SELECT ${n} AS n` }) : session.call('query_sql', { sql: 'DELETE FROM property' });
            if (await call.then(() => false, () => true)) return;
          }
        });
        await new Promise((r) => setTimeout(r, random.int(20, 800)));
        await killHard(session.pid!);
        stop = true;
        await Promise.all(burst);
        await session.close().catch(() => undefined);

        expect(await integrityProblems(appStore), `kill ${i}`).toEqual([]);
        const verified = await auditVerified(env);
        expect(verified.problems, `kill ${i}`).toEqual([]);
        const [calls] = await withSqliteFile(appStore, (all) =>
          all<{ started: number; completed: number }>("SELECT SUM(outcome = 'started') AS started, SUM(started_seq IS NOT NULL) AS completed FROM audit_log"),
        );
        expect(calls.started).toBeLessThanOrEqual(sent);
        expect(calls.completed).toBeLessThanOrEqual(calls.started);
        const torn = await withSqliteFile(appStore, (all) => all<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE hash IS NULL OR length(hash) <> 64 OR prev_hash IS NULL"));
        expect(torn[0].n).toBe(0);
      }
      const after = await connectStdio(env);
      expect((await after.ok('query_sql', { sql: 'SELECT 1 AS one' })).rows).toEqual([{ one: 1 }]);
      await after.close();
      expect((await auditVerified(env)).ok).toBe(true);
    },
    RELIABILITY_TIMEOUT_MS,
  );
});

/** The fixture that begins an audited call (fixtures/audited-call.ts), bundled once for child processes. */
let auditedCallScript: Promise<string> | undefined;
function bundledAuditedCall(): Promise<string> {
  auditedCallScript ??= (async () => {
    // Inside the project, so the bundle's external packages resolve from its node_modules.
    const outfile = path.join(ROOT, '.tmp', `audited-call-${process.pid}.mjs`);
    homes.push(() => fs.rmSync(outfile, { force: true }));
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    await build({
      entryPoints: [path.join(ROOT, 'tests/reliability/fixtures/audited-call.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      external: Object.keys(pkg.dependencies),
      banner: { js: "import { createRequire as __pacsCreateRequire } from 'node:module'; const require = __pacsCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    return outfile;
  })();
  return auditedCallScript;
}

/** A process that begins an audited call, then completes it (finish) or keeps working until killed. */
async function auditedCallProcess(env: Record<string, string>, finish: boolean) {
  const child = spawn(process.execPath, [await bundledAuditedCall(), finish ? 'finish' : 'work'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const begun = new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /begun (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the audited call process exited (${code}) before beginning: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, begun, exited };
}

describe('kill -9 between the start and the completion of an audited call', () => {
  it('leaves the start row, listed as incomplete, and the chain verifies; a completed call is not listed', async () => {
    const { env } = freshHome();
    const killed = await auditedCallProcess(env, false);
    const killedSeq = await killed.begun;
    await killHard(killed.child.pid!);
    await killed.exited;

    const completed = await auditedCallProcess(env, true);
    const completedSeq = await completed.begun;
    await completed.exited;

    const verified = await auditVerified(env);
    expect(verified).toMatchObject({ ok: true, problems: [], incomplete: [killedSeq] });
    const rows = JSON.parse((await runCli(['audit', 'list', '--json'], env)).stdout) as { seq: number; outcome: string; started_seq: number | null }[];
    expect(rows.find((r) => r.seq === killedSeq)).toMatchObject({ outcome: 'started' });
    expect(rows.filter((r) => r.started_seq === killedSeq)).toEqual([]);
    expect(rows.filter((r) => r.started_seq === completedSeq)).toMatchObject([{ outcome: 'ok' }]);
    const text = await runCli(['audit', 'verify'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`1 call(s) started and not completed (still running, or their process ended): rows ${killedSeq}.`);
  });
});

describe('kill -9 while a tool call is running', () => {
  it('the call is in the audit log as started, with its arguments, and verify lists it as incomplete', async () => {
    const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '100' });
    const session = await connectStdio(env, 'crash-in-flight');
    await session.ok('list_connections');
    const slow = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) AS c FROM n';
    const pending = session.call('query_sql', { sql: slow }).catch(() => undefined);
    const startedRow = async () =>
      (await withSqliteFile(path.join(dir, 'app.sqlite'), (all) => all<{ seq: number }>("SELECT seq FROM audit_log WHERE action = 'query_sql' AND outcome = 'started' AND args_json LIKE '%RECURSIVE%'")))[0];
    let started = await startedRow();
    for (let i = 0; !started && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      started = await startedRow();
    }
    expect(started, 'the start row is written before the work').toBeDefined();
    await killHard(session.pid!);
    await pending;
    await session.close().catch(() => undefined);

    const verified = await auditVerified(env);
    expect(verified).toMatchObject({ ok: true, problems: [] });
    expect(verified.incomplete).toContain(started.seq);
    const listed = JSON.parse((await runCli(['audit', 'list', '--json', '--action', 'query_sql'], env)).stdout) as { seq: number; outcome: string; args_json: string }[];
    expect(listed.find((r) => r.seq === started.seq)).toMatchObject({ outcome: 'started', args_json: JSON.stringify({ sql: slow }) });
  });
});

/** Every saved snapshot re-hashes to its recorded sha256 and row count; no row belongs to an unsaved snapshot. */
async function snapshotProblems(appStore: string): Promise<{ saved: number; problems: string[] }> {
  const store = await SqliteDb.open(appStore, { busyTimeoutMs: 15_000 });
  try {
    const problems: string[] = [];
    const { snapshots } = await listSnapshots(store, { limit: 10_000 });
    for (const meta of snapshots) {
      const check = await verifyStoredSnapshot(store, meta);
      if (!check.ok) problems.push(`snapshot ${meta.snapshot_id}: ${check.row_count} rows hash ${check.sha256}, recorded ${meta.row_count} rows ${meta.sha256}`);
    }
    const orphans = await store.all<{ snapshot_id: string; n: number }>('SELECT snapshot_id, COUNT(*) AS n FROM snapshot_rows WHERE snapshot_id NOT IN (SELECT snapshot_id FROM snapshots) GROUP BY snapshot_id');
    for (const o of orphans) problems.push(`${o.n} rows of snapshot ${o.snapshot_id}, which was never saved`);
    return { saved: snapshots.length, problems };
  } finally {
    await store.close();
  }
}

describe('kill -9 while a snapshot is being taken', () => {
  it(
    `${KILLS} kills mid-snapshot: every saved snapshot is whole (rows and sha256 re-verified), none is half there, and the next server snapshots fine`,
    async () => {
      // property_val has the catalog's 277 columns: 800 parcels give a sync of a few seconds to kill.
      const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '800' });
      const appStore = path.join(dir, 'app.sqlite');
      const warm = await connectStdio(env, 'crash-snapshot-warm');
      await warm.ok('list_connections'); // the first-run demo is built by then
      const started = Date.now();
      const first = await warm.ok('export_parcel_snapshot', { name: 'timed', query: 'SELECT prop_id FROM property' });
      const snapshotMs = Date.now() - started;
      await warm.close();
      const outcomes = { killed: 0, finished: 0 };
      for (let i = 0; i < KILLS; i++) {
        const session = await connectStdio(env, `crash-snapshot-${i}`);
        await session.ok('list_connections');
        const pending = session.call('export_parcel_snapshot', { name: `crash ${i}`, query: 'SELECT prop_id FROM property' }).then(
          (r) => (r.isError ? 'error' : 'finished'),
          () => 'killed',
        );
        await new Promise((r) => setTimeout(r, random.int(0, Math.round(snapshotMs * 1.1))));
        await killHard(session.pid!);
        const outcome = await pending;
        if (outcome === 'error') throw new Error(`snapshot ${i} failed before the kill`);
        outcomes[outcome as 'killed' | 'finished']++;
        await session.close().catch(() => undefined);

        expect(await integrityProblems(appStore), `kill ${i}`).toEqual([]);
        const check = await snapshotProblems(appStore);
        expect(check.problems, `kill ${i}`).toEqual([]);
        expect(check.saved).toBeGreaterThanOrEqual(1 + outcomes.finished);
        expect((await auditVerified(env)).problems, `kill ${i}`).toEqual([]);
      }
      console.info(`[crash] snapshot: ${outcomes.killed} killed mid-snapshot, ${outcomes.finished} finished first (snapshot of ${first.row_count} rows ≈ ${snapshotMs} ms)`);
      const after = await connectStdio(env);
      const again = await after.ok('export_parcel_snapshot', { name: 'after the crashes', query: 'SELECT prop_id FROM property' });
      // (Same rows; the hash differs only because in-memory secrets give each process its own masking key.)
      expect(again.row_count).toBe(first.row_count);
      await after.close();
      expect((await snapshotProblems(appStore)).problems).toEqual([]);
      // What a killed snapshot leaves is only its private staging file, never anything in the store.
      expect(fs.readdirSync(dir).filter((f) => !/^(app\.sqlite(-wal|-shm)?|demo-pacs\.sqlite|audit-anchor\.json|tmp|install)$/.test(f))).toEqual([]);
    },
    RELIABILITY_TIMEOUT_MS,
  );
});

/**
 * The local lakehouse after a crash: every registered table's Parquet files exist, hash to the
 * recorded sha256 and hold the recorded rows, and no job is left queued or running once a
 * process has looked (the next server marks an interrupted job failed).
 */
async function lakehouseProblems(dir: string): Promise<{ tables: { name: string; row_count: number; files: string[] }[]; problems: string[] }> {
  const problems: string[] = [];
  const tables = await withSqliteFile(path.join(dir, 'app.sqlite'), (all) => all<{ tenant_id: string; layer: string; name: string; files_json: string; row_count: number }>('SELECT tenant_id, layer, name, files_json, row_count FROM lakehouse_tables'));
  const out = [];
  for (const t of tables) {
    const files = JSON.parse(t.files_json) as { path: string; rows: number; sha256: string }[];
    let rows = 0;
    for (const f of files) {
      const file = path.join(dir, 'lakehouse', `tenant_${t.tenant_id}`, ...f.path.split('/'));
      if (!fs.existsSync(file)) {
        problems.push(`${t.layer}.${t.name}: ${f.path} is registered but missing`);
        continue;
      }
      const sha = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      if (sha !== f.sha256) problems.push(`${t.layer}.${t.name}: ${f.path} does not match its sha256`);
      const { numRows } = await readParquet(file);
      if (numRows !== f.rows) problems.push(`${t.layer}.${t.name}: ${f.path} has ${numRows} rows, registered ${f.rows}`);
      rows += numRows;
    }
    if (rows !== t.row_count) problems.push(`${t.layer}.${t.name}: ${rows} rows in its files, registered ${t.row_count}`);
    out.push({ name: `${t.layer}.${t.name}`, row_count: t.row_count, files: files.map((f) => f.path) });
  }
  return { tables: out, problems };
}

describe('kill -9 while a table is being synced to bronze', () => {
  it(
    `${KILLS} kills mid-sync: the bronze table is always a whole load (files present, hashes and row counts as registered), the job ends failed or succeeded, never running, and the next sync works`,
    async () => {
      const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '800' });
      const waitForJob = async (session: Awaited<ReturnType<typeof connectStdio>>, jobId: string) => {
        for (;;) {
          const job = await session.ok('get_job', { job_id: jobId });
          if (job.status === 'succeeded' || job.status === 'failed') return job;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const warm = await connectStdio(env, 'crash-sync-warm');
      await warm.ok('list_connections');
      const started = Date.now();
      const firstJob = await waitForJob(warm, (await warm.ok('sync_table_to_bronze', { table_name: 'property_val' })).job_id);
      const syncMs = Date.now() - started;
      expect(firstJob.status).toBe('succeeded');
      const total = firstJob.rows as number;
      await warm.close();

      const outcomes = { killed: 0, finished: 0 };
      for (let i = 0; i < KILLS; i++) {
        const session = await connectStdio(env, `crash-sync-${i}`);
        const { job_id } = await session.ok('sync_table_to_bronze', { table_name: 'property_val' });
        await new Promise((r) => setTimeout(r, random.int(0, Math.round(syncMs * 1.1))));
        await killHard(session.pid!);
        await session.close().catch(() => undefined);

        expect(await integrityProblems(path.join(dir, 'app.sqlite')), `kill ${i}`).toEqual([]);
        const lake = await lakehouseProblems(dir);
        expect(lake.problems, `kill ${i}`).toEqual([]);
        expect(lake.tables.find((t) => t.name === 'bronze.property_val')?.row_count, `kill ${i}`).toBe(total);

        const next = await connectStdio(env, `crash-sync-check-${i}`);
        try {
          const job = await next.ok('get_job', { job_id });
          expect(['succeeded', 'failed'], `kill ${i}: job left ${job.status}`).toContain(job.status);
          if (job.status === 'failed') expect(job.error).toMatch(/interrupted/);
          outcomes[job.status === 'succeeded' ? 'finished' : 'killed']++;
          const counted = await next.ok('query_sql', { connection_id: 'lakehouse', sql: 'SELECT COUNT(*) AS n FROM tenant_default.bronze.property_val' });
          expect(Number(counted.rows[0].n)).toBe(total);
        } finally {
          await next.close();
        }
        expect((await auditVerified(env)).problems, `kill ${i}`).toEqual([]);
      }
      console.info(`[crash] sync: ${outcomes.killed} killed mid-sync, ${outcomes.finished} finished first (${total} rows ≈ ${syncMs} ms)`);

      const after = await connectStdio(env, 'crash-sync-after');
      const last = await waitForJob(after, (await after.ok('sync_table_to_bronze', { table_name: 'property_val' })).job_id);
      expect(last.status).toBe('succeeded');
      await after.close();
      const lake = await lakehouseProblems(dir);
      expect(lake.problems).toEqual([]);
      // Files of interrupted loads are not left behind once a later process has swept.
      const tableDir = path.join(dir, 'lakehouse', 'tenant_default', 'bronze', 'property_val');
      const registered = new Set(lake.tables.find((t) => t.name === 'bronze.property_val')!.files.map((f) => path.basename(f)));
      expect(fs.readdirSync(tableDir).filter((f) => !registered.has(f))).toEqual([]);
    },
    RELIABILITY_TIMEOUT_MS,
  );
});

/** The import tables after recovery: nothing staging, no row or error without its batch, every staged batch whole. */
async function importProblems(appStore: string): Promise<string[]> {
  return withSqliteFile(appStore, async (all) => [
    ...(await all<{ batch_id: string }>("SELECT batch_id FROM import_batches WHERE status = 'staging'")).map((b) => `batch ${b.batch_id} is still staging`),
    ...(await all<{ n: number }>('SELECT COUNT(*) AS n FROM import_rows WHERE batch_key NOT IN (SELECT batch_key FROM import_batches)')).filter((r) => r.n > 0).map((r) => `${r.n} rows without a batch`),
    ...(await all<{ n: number }>('SELECT COUNT(*) AS n FROM import_errors WHERE batch_key NOT IN (SELECT batch_key FROM import_batches)')).filter((r) => r.n > 0).map((r) => `${r.n} errors without a batch`),
    ...(
      await all<{ batch_id: string; staged_count: number; n: number }>(
        'SELECT b.batch_id, b.staged_count, (SELECT COUNT(*) FROM import_rows r WHERE r.batch_key = b.batch_key) AS n FROM import_batches b',
      )
    )
      .filter((b) => b.n !== b.staged_count)
      .map((b) => `batch ${b.batch_id} records ${b.staged_count} rows but holds ${b.n}`),
  ]);
}

describe('kill -9 while an import file is being staged', () => {
  it(
    `${KILLS} kills mid-staging: after the next server starts, no batch is half there (none left staging, no stray rows or errors, every batch holds the rows it records), and the file stages fine`,
    async () => {
      const { dir, env } = freshHome({ PACS_MCP_DEMO_SIZE: '300' });
      const appStore = path.join(dir, 'app.sqlite');
      const rows = reliabilityScale(40_000, 80_000);
      // The data dir's imports folder: where a file named in the chat may be read from.
      fs.mkdirSync(path.join(dir, 'imports'), { recursive: true });
      const file = path.join(dir, 'imports', 'exemptions-upload.csv');
      const lines = ['prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd,applicant_nm'];
      for (let i = 0; i < rows; i++) lines.push(`${10001 + (i % 300)},${i + 1},2026,HS,APPLICANT ${i}`);
      fs.writeFileSync(file, `${lines.join('\n')}\n`);

      const warm = await connectStdio(env, 'crash-stage-warm');
      await warm.ok('list_connections');
      const started = Date.now();
      expect(await warm.ok('stage_import', { kind: 'exemptions', file_path: file, max_errors: 0 })).toMatchObject({ status: 'staged', staged_count: rows });
      const stageMs = Date.now() - started;
      await warm.close();

      const outcomes = { killed: 0, finished: 0 };
      for (let i = 0; i < KILLS; i++) {
        const session = await connectStdio(env, `crash-stage-${i}`);
        await session.ok('list_connections');
        const pending = session.call('stage_import', { kind: 'exemptions', file_path: file, max_errors: 0 }).then(
          (r) => (r.isError ? 'error' : 'finished'),
          () => 'killed',
        );
        await new Promise((r) => setTimeout(r, random.int(0, Math.round(stageMs * 1.1))));
        await killHard(session.pid!);
        const outcome = await pending;
        if (outcome === 'error') throw new Error(`staging ${i} failed before the kill`);
        outcomes[outcome as 'killed' | 'finished']++;
        await session.close().catch(() => undefined);
        expect(await integrityProblems(appStore), `kill ${i}`).toEqual([]);

        const next = await connectStdio(env, `crash-stage-check-${i}`);
        try {
          const { batches } = await next.ok('list_import_batches', { limit: 200 });
          expect(batches.every((b: { status: string }) => b.status !== 'staging'), `kill ${i}`).toBe(true);
        } finally {
          await next.close();
        }
        expect(await importProblems(appStore), `kill ${i}`).toEqual([]);
        expect((await auditVerified(env)).problems, `kill ${i}`).toEqual([]);
      }
      console.info(`[crash] staging: ${outcomes.killed} killed mid-staging, ${outcomes.finished} finished first (${rows} rows ≈ ${stageMs} ms)`);
      const after = await connectStdio(env, 'crash-stage-after');
      expect(await after.ok('stage_import', { kind: 'exemptions', file_path: file, max_errors: 0 })).toMatchObject({ status: 'staged', staged_count: rows });
      await after.close();
      expect(await importProblems(appStore)).toEqual([]);
    },
    RELIABILITY_TIMEOUT_MS,
  );
});
