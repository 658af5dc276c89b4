import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Prng } from '../../mcp/demo/prng.js';
import { DEMO_SCHEMA_VERSION } from '../../mcp/demo/demo-schema.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio } from '../helpers/mcp-client.js';
import { CLI } from '../helpers/paths.js';
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

async function auditVerified(env: Record<string, string>): Promise<{ ok: boolean; rows: number; problems: string[] }> {
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
        outcomes[await runAndKill(['demo', '--size', String(size), '--seed', String(i + 2)], env, random.int(5, Math.round(buildMs * 1.1)))]++;
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
          expect(connections.map((c: { id: string }) => c.id)).toEqual(['demo']);
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
        expect(verified.rows).toBeLessThanOrEqual(sent);
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
