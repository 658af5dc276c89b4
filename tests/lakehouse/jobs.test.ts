import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../mcp/jobs/job-runner.js';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-jobs-');
let store: SqliteDb;

beforeAll(async () => {
  store = await SqliteDb.open(`${home.dir}/app.sqlite`, { wal: true });
  await migrate(store);
});
afterAll(async () => {
  await store.close();
  home.cleanup();
});

const spec = (target: string) => ({ kind: 'sync' as const, tenantId: 't', warehouseConnectionId: 'lakehouse', targetKey: `local:t/bronze/${target}`, targetTable: `tenant_t.bronze.${target}`, args: {} });

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout as unknown as number;
}

describe('JobRunner', () => {
  it('returns a queued job at once, reports progress while running, and records the outcome', async () => {
    const runner = new JobRunner(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started = performance.now();
    const job = await runner.start(spec('a'), async (ctx) => {
      ctx.progress(10, 100, 'extracting');
      await new Promise((r) => setTimeout(r, 300));
      await gate;
      return { rows: 100, result: { ok: true } };
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(job.status).toBe('queued');
    await new Promise((r) => setTimeout(r, 100));
    const running = await runner.get(job.job_id);
    expect(running).toMatchObject({ status: 'running', progress: { done: 10, total: 100, fraction: 0.1, message: 'extracting' } });
    await expect(runner.start(spec('a'), async () => ({ rows: 0, result: {} }))).rejects.toThrow(/already loading tenant_t.bronze.a/);
    release();
    const done = await runner.waitFor(job.job_id, 5_000);
    expect(done).toMatchObject({ status: 'succeeded', rows: 100, result: { ok: true }, error: null, progress: { done: 100, fraction: 1, message: 'done' } });
    expect(done.duration_ms).toBeGreaterThanOrEqual(300);
    await runner.shutdown();
  });

  it('records a failure with its message, and publish + success commit together or not at all', async () => {
    const runner = new JobRunner(store);
    const failed = await runner.waitFor((await runner.start(spec('b'), async () => { throw new Error('source went away'); })).job_id, 5_000);
    expect(failed).toMatchObject({ status: 'failed', error: 'source went away' });

    let discarded = false;
    const job = await runner.start(spec('c'), async () => ({
      rows: 1,
      result: {},
      publish: async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('published', 'yes')");
        throw new Error('disk full while publishing');
      },
      discard: async () => {
        discarded = true;
      },
    }));
    const after = await runner.waitFor(job.job_id, 5_000);
    expect(after).toMatchObject({ status: 'failed', error: 'disk full while publishing' });
    expect(discarded).toBe(true);
    expect(await store.get("SELECT value FROM settings WHERE key = 'published'")).toBeUndefined();
    await runner.shutdown();
  });

  it('marks a job whose process died as failed, on start-up and on get_job, never leaving it running', async () => {
    const now = new Date().toISOString();
    const pid = Number(deadPid());
    for (const [id, status] of [['job_dead_running', 'running'], ['job_dead_queued', 'queued']] as const) {
      await store.run(
        `INSERT INTO jobs (job_id, kind, status, tenant_id, warehouse_connection_id, target_key, target_table, args_json, owner_pid, owner_host, owner_token, heartbeat_at, created_at, started_at)
         VALUES (?, 'sync', ?, 't', 'lakehouse', ?, 'x', '{}', ?, ?, 'gone', ?, ?, ?)`,
        [id, status, `local:t/bronze/${id}`, pid, (await import('node:os')).hostname(), now, now, now],
      );
    }
    const fresh = new JobRunner(store);
    expect(await fresh.recoverInterrupted()).toBe(2);
    const job = await fresh.get('job_dead_running');
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(new RegExp(`interrupted: the PACS MCP process running it \\(pid ${pid}\\) stopped before it finished`));

    // A stale heartbeat from another machine (no pid to check) counts as dead too, found lazily by get.
    await store.run(
      `INSERT INTO jobs (job_id, kind, status, tenant_id, warehouse_connection_id, target_key, target_table, args_json, owner_pid, owner_host, owner_token, heartbeat_at, created_at)
       VALUES ('job_far', 'sync', 'running', 't', 'lakehouse', 'local:t/bronze/far', 'x', '{}', 1, 'other-host', 'far', ?, ?)`,
      [new Date(Date.now() - 120_000).toISOString(), now],
    );
    expect((await fresh.get('job_far')).status).toBe('failed');
    // A live job of another process (this one, fresh heartbeat) is left alone.
    await store.run(
      `INSERT INTO jobs (job_id, kind, status, tenant_id, warehouse_connection_id, target_key, target_table, args_json, owner_pid, owner_host, owner_token, heartbeat_at, created_at)
       VALUES ('job_alive', 'sync', 'running', 't', 'lakehouse', 'local:t/bronze/alive', 'x', '{}', ?, ?, 'someone-else', ?, ?)`,
      [process.pid, (await import('node:os')).hostname(), now, now],
    );
    expect(await fresh.recoverInterrupted()).toBe(0);
    expect((await fresh.get('job_alive')).status).toBe('running');
    await expect(fresh.get('job_nope')).rejects.toThrow(/no job "job_nope"/);
  });

  it('on shutdown stops running jobs and records them as failed', async () => {
    const runner = new JobRunner(store);
    const job = await runner.start(spec('d'), (ctx) => new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    await new Promise((r) => setTimeout(r, 50));
    await runner.shutdown(1_000);
    const after = await new JobRunner(store).get(job.job_id);
    expect(after.status).toBe('failed');
    await expect(runner.start(spec('e'), async () => ({ rows: 0, result: {} }))).rejects.toThrow(/shutting down/);
  });
});
