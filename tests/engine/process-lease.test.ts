import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEMA_VERSION } from '../../mcp/demo/demo-version.js';
import { Engine } from '../../mcp/engine.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { LEASE_STALE_MS, leaseState, newLeaseHolder, processStartMark, type StoredLease } from '../../mcp/util/process-lease.js';
import { csvText, EXEMPTION_HEADER, exemptionRow } from '../helpers/import-fixtures.js';
import { makeTempHome } from '../helpers/temp-home.js';

const homes: (() => void)[] = [];
afterAll(() => homes.forEach((cleanup) => cleanup()));

function freshDir(): string {
  const home = makeTempHome('pacs-lease-');
  homes.push(home.cleanup);
  return home.dir;
}

const env = { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '60' } as NodeJS.ProcessEnv;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const linux = process.platform === 'linux';

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** This process's pid with the start time of another process: what a reused pid looks like. */
function reusedPidLease(heartbeatAt: string): StoredLease {
  return { pid: process.pid, host: os.hostname(), started: 'linux:1', token: 'a-process-long-gone', heartbeatAt };
}

describe('the process lease rule', () => {
  const me = newLeaseHolder();

  it('reads a start time that is stable for a process and different for another one', async () => {
    if (!linux) return;
    expect(processStartMark(process.pid)).toMatch(/^linux:\d+$/);
    expect(processStartMark(process.pid)).toBe(me.started);
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
    try {
      await new Promise((r) => setTimeout(r, 50));
      const mark = processStartMark(child.pid!);
      expect(mark).toMatch(/^linux:\d+$/);
      expect(processStartMark(child.pid!)).toBe(mark);
      expect(mark).not.toBe(me.started);
    } finally {
      child.kill();
    }
    expect(processStartMark(deadPid())).toBeNull();
  });

  it('tells a live holder from a dead one, a reused pid included', () => {
    const here = { host: me.host, token: 'other' };
    expect(leaseState({ ...here, pid: me.pid, started: me.started, token: me.token, heartbeatAt: ago(10 * LEASE_STALE_MS) }, me)).toBe('mine');
    expect(leaseState({ ...here, pid: deadPid(), started: null, heartbeatAt: ago(0) }, me)).toBe('dead');
    if (linux) {
      // Same pid and start time: alive whatever the heartbeat says (a long step may not beat).
      expect(leaseState({ ...here, pid: me.pid, started: me.started, heartbeatAt: ago(10 * LEASE_STALE_MS) }, me)).toBe('live');
      // The pid is alive but belongs to a later process: the holder is gone, however fresh its last beat.
      expect(leaseState(reusedPidLease(ago(0)), me)).toBe('dead');
    }
    // Where the start time is unknown, a live pid counts only while its heartbeat is fresh.
    expect(leaseState({ ...here, pid: me.pid, started: null, heartbeatAt: ago(1_000) }, me)).toBe('live');
    expect(leaseState({ ...here, pid: me.pid, started: null, heartbeatAt: ago(LEASE_STALE_MS + 1_000) }, me)).toBe('dead');
    // Another machine: only the heartbeat can tell.
    expect(leaseState({ pid: 1, host: 'elsewhere', started: null, token: 'x', heartbeatAt: ago(1_000) }, me)).toBe('live');
    expect(leaseState({ pid: 1, host: 'elsewhere', started: null, token: 'x', heartbeatAt: ago(LEASE_STALE_MS + 1_000) }, me)).toBe('dead');
    // A lease nobody can read (an older version's claim) holds nothing.
    expect(leaseState({ pid: null, host: null, started: null, token: null, heartbeatAt: null }, me)).toBe('dead');
  });
});

describe('the demo build, import workers and jobs follow the same rule', () => {
  it('a demo build claimed under a reused pid is taken over instead of waited for', async () => {
    if (!linux) return;
    const dir = freshDir();
    const first = await Engine.open({ dataDir: dir, env, initDemo: false });
    await first.store.run("INSERT INTO settings (key, value) VALUES ('demo_state', ?)", [`building:${JSON.stringify(reusedPidLease(ago(0)))}`]);
    await first.close();
    const second = await Engine.open({ dataDir: dir, env });
    try {
      // The demo was built (and the tenant's local lakehouse registered, as on every fresh data dir).
      expect((await second.connections.list()).map((c) => c.id)).toEqual(['demo', 'lakehouse']);
      expect(await second.store.get("SELECT value FROM settings WHERE key = 'demo_state'")).toEqual({ value: `done:${DEMO_SCHEMA_VERSION}` });
    } finally {
      await second.close();
    }
  }, 60_000);

  it('a batch left claimed under a reused pid is cleaned up when the engine opens, and taken over by the next step', async () => {
    if (!linux) return;
    const dir = freshDir();
    const engine = await Engine.open({ dataDir: dir, env });
    const actor = actorFor('cli');
    const rows = [exemptionRow({ prop: 10001, owner: 1, code: 'HS' })];
    const first = await engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: 'one.csv' }, actor);
    const second = await engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: 'two.csv' }, actor);
    const claim = (batchKey: number) =>
      engine.store.run("UPDATE import_batches SET worker_pid = ?, worker_host = ?, worker_started = ?, worker_token = ?, worker_task = 'validate', worker_heartbeat_at = ? WHERE batch_key = ?", [
        process.pid, os.hostname(), 'linux:1', 'a-process-long-gone', ago(0), batchKey,
      ]);
    await claim(first.batch_key);
    await engine.close();

    const reopened = await Engine.open({ dataDir: dir, env, channel: 'ui' });
    try {
      expect((await reopened.imports.get(first.batch_id)).worker_pid).toBeNull();
      const recovered = await reopened.store.all<{ channel: string; args_json: string }>("SELECT channel, args_json FROM audit_log WHERE action = 'import.recover'");
      expect(recovered).toHaveLength(1);
      expect(recovered[0].channel).toBe('ui');
      expect(JSON.parse(recovered[0].args_json)).toMatchObject({ batch_id: first.batch_id, interrupted_task: 'validate' });

      // Left behind while this engine runs: the next step on the batch takes the dead claim over.
      await reopened.store.run("UPDATE import_batches SET worker_pid = ?, worker_host = ?, worker_started = 'linux:1', worker_token = 'gone-too', worker_task = 'validate', worker_heartbeat_at = ? WHERE batch_id = ?", [
        process.pid, os.hostname(), ago(0), second.batch_id,
      ]);
      const validated = await reopened.imports.validate({ batchId: second.batch_id }, actor);
      expect(validated.batch).toMatchObject({ status: 'validated', worker_pid: null });
      // A live worker (this process, its real start time) keeps its claim: the step is refused.
      await reopened.store.run("UPDATE import_batches SET worker_pid = ?, worker_host = ?, worker_started = ?, worker_token = 'another-engine', worker_task = 'push', worker_heartbeat_at = ? WHERE batch_id = ?", [
        process.pid, os.hostname(), processStartMark(process.pid), ago(0), second.batch_id,
      ]);
      await expect(reopened.imports.validate({ batchId: second.batch_id }, actor)).rejects.toThrow(/is busy: push/);
    } finally {
      await reopened.close();
    }
  }, 60_000);

  it('a worker whose batch was taken over by another process writes nothing more to it', async () => {
    const dir = freshDir();
    const engine = await Engine.open({ dataDir: dir, env });
    try {
      const lines = Array.from({ length: 6_000 }, (_, i) => exemptionRow({ prop: 10001 + (i % 50), owner: i + 1, code: 'HS' }));
      let stolen = false;
      const staging = engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, lines), file_name: 'stolen.csv' }, actorFor('cli'), {
        onProgress: () => {
          // Another process presumed this one gone and took the batch (as its recovery would).
          if (!stolen) void engine.store.run("UPDATE import_batches SET worker_token = 'the-other-process' WHERE status = 'staging'");
          stolen = true;
        },
      });
      await expect(staging).rejects.toThrow(/taken over by another PACS MCP process/);
      expect(stolen).toBe(true);
      expect(await engine.store.all("SELECT batch_id FROM import_batches WHERE file_name = 'stolen.csv' AND status <> 'staging'")).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('a job left running under a reused pid is failed, never left running', async () => {
    if (!linux) return;
    const dir = freshDir();
    const engine = await Engine.open({ dataDir: dir, env, initDemo: false });
    const lease = reusedPidLease(ago(0));
    await engine.store.run(
      `INSERT INTO jobs (job_id, kind, status, tenant_id, args_json, owner_pid, owner_host, owner_started, owner_token, heartbeat_at, created_at, started_at)
       VALUES ('job_reused', 'snapshot', 'running', 'default', '{}', ?, ?, ?, ?, ?, ?, ?)`,
      [lease.pid, lease.host, lease.started, lease.token, lease.heartbeatAt, ago(0), ago(0)],
    );
    try {
      const job = await engine.jobs.get('job_reused');
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/interrupted/);
    } finally {
      await engine.close();
    }
  });
});
