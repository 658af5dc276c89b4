import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { jobView } from '../../electron/api/schemas/jobs.js';
import type { AppServices } from '../../electron/services/index.js';
import { JOB_KINDS, JOB_STATUSES } from '../../mcp/jobs/job-kinds.js';
import { appServicesFor, callFails, callOk } from '../helpers/app-services.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-services-');
let engine: Engine;
let services: AppServices;

const ok = <T = any>(method: string, input: unknown = {}) => callOk<T>(services, method, input);
const fails = (method: string, input: unknown) => callFails(services, method, input);

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '50' } as NodeJS.ProcessEnv });
  services = appServicesFor(engine, home.dir);
});
afterAll(async () => {
  await services.close();
  await engine.close();
  home.cleanup();
});

describe('the API services against the real engine', () => {
  it('says what is wrong with connection settings, in the kind’s own terms', async () => {
    const missing = await fails('connections.save', { id: 'pg', kind: 'postgres', role: 'training', config: { host: 'db' } });
    expect(missing).toMatchObject({ code: 'invalid_input' });
    expect(missing.message).toMatch(/database/);
    const noPassword = await fails('connections.save', { id: 'lite', kind: 'sqlite', role: 'training', config: { file: '/tmp/x.sqlite' }, secret: { action: 'set', value: 'pw' } });
    expect(noPassword.message).toMatch(/uses no password/);
    expect(await engine.connections.find('lite')).toBeUndefined();
  });

  it('keeps, replaces and clears a password only through the secret action', async () => {
    const save = (secret: unknown) => ok('connections.save', { id: 'pg2', kind: 'postgres', role: 'production', config: { host: 'db', database: 'pacs_oltp', user: 'reader' }, secret });
    const first = await save({ action: 'set', value: 'one' });
    expect(first.connection).toMatchObject({ id: 'pg2', has_secret: true, read_only: true });
    expect(JSON.stringify(first)).not.toContain('one"');
    await save({ action: 'keep' });
    expect(await engine.secrets.get('connection:pg2')).toBe('one');
    await save({ action: 'set', value: 'two' });
    expect(await engine.secrets.get('connection:pg2')).toBe('two');
    const cleared = await save({ action: 'clear' });
    expect(cleared.connection.has_secret).toBe(false);
    expect(await engine.secrets.get('connection:pg2')).toBeNull();
    await ok('connections.save', { id: 'pg2', kind: 'postgres', role: 'production', config: { host: 'db', database: 'pacs_oltp', user: 'reader' }, secret: { action: 'set', value: 'three' } });
    expect(await ok('connections.remove', { id: 'pg2' })).toEqual({ removed: true });
    expect(await engine.secrets.get('connection:pg2')).toBeNull();
    expect((await fails('connections.remove', { id: 'pg2' })).message).toMatch(/no connection "pg2"/);
  });

  it('audits screen actions on the ui channel, with secrets redacted and failures recorded', async () => {
    await ok('connections.save', { id: 'pg3', kind: 'postgres', role: 'training', config: { host: 'db', database: 'd', user: 'u' }, secret: { action: 'set', value: 'sekrit-value' } });
    const rows = await engine.audit.recent(50);
    expect(rows.filter((r) => r.channel === 'ui').map((r) => r.action)).toContain('connections.save');
    expect(JSON.stringify(rows)).not.toContain('sekrit-value');
    await fails('sql.run', { sql: 'DROP TABLE property' });
    expect((await engine.audit.recent(1))[0]).toMatchObject({ channel: 'ui', action: 'query_sql', outcome: 'refused' });
  });

  it('filters the audit log by text, channel and dates, and refuses a date it cannot read', async () => {
    await ok('connections.save', { id: 'pg_filtered', kind: 'postgres', role: 'training', config: { host: 'db', database: 'd', user: 'u' } });
    const ui = await ok('audit.list', { filter: { channel: 'ui' } });
    expect(ui.rows.length).toBeGreaterThan(0);
    expect(ui.rows.every((r: { channel: string }) => r.channel === 'ui')).toBe(true);
    const text = await ok('audit.list', { filter: { text: 'pg_filtered' } });
    expect(text.rows.length).toBeGreaterThan(0);
    expect(text.rows.every((r: { args_json: string; connection_id: string }) => r.args_json.includes('pg_filtered') || r.connection_id === 'pg_filtered')).toBe(true);
    const future = await ok('audit.list', { filter: { since: '2999-01-01' } });
    expect(future).toMatchObject({ rows: [], total: 0 });
    const today = new Date().toISOString().slice(0, 10);
    expect((await ok('audit.list', { filter: { since: today, until: today } })).total).toBe((await ok('audit.list', {})).total);
    expect((await fails('audit.list', { filter: { since: 'last tuesday' } })).message).toMatch(/YYYY-MM-DD/);
    const exported = await ok('audit.export', { filter: { channel: 'ui' }, format: 'json' });
    // The export is itself a ui call: its start row is written before it reads, so it lists itself as in progress.
    const listed = JSON.parse(exported.content) as { action: string; outcome: string }[];
    expect(listed.length).toBe(ui.total + 1);
    expect(listed[0]).toMatchObject({ action: 'audit.export', outcome: 'started' });

    await ok('sql.run', { connection_id: 'demo', sql: 'SELECT 1 AS one' });
    const onDemo = await ok('audit.list', { filter: { connection_id: 'demo' } });
    expect(onDemo.rows.length).toBeGreaterThan(0);
    expect(onDemo.rows.every((r: { connection_id: string }) => r.connection_id === 'demo')).toBe(true);
    expect(onDemo.total).toBeLessThan((await ok('audit.list', {})).total);
  });

  it('prepares a Claude Desktop change once and writes exactly that plan', async () => {
    const plan = await ok('claude.plan');
    expect(plan.config_path).toBe(path.join(home.dir, 'home', '.config', 'Claude', 'claude_desktop_config.json'));
    expect(plan).toMatchObject({ exists: false, changed: true, server_name: 'pacs-mcp' });
    const written = await ok('claude.write', { plan_id: plan.plan_id });
    expect(written).toMatchObject({ written: true, backup_path: null });
    expect((await fails('claude.write', { plan_id: plan.plan_id })).message).toMatch(/prepare the change again/);
    // A file changed after the plan is not overwritten.
    fs.writeFileSync(plan.config_path, '{"mcpServers": {}}');
    const again = await ok('claude.plan');
    expect(again.changed).toBe(true);
    fs.writeFileSync(plan.config_path, '{"mcpServers": {}, "edited": true}');
    const stale = await fails('claude.write', { plan_id: again.plan_id });
    expect(stale.message).toMatch(/changed after/);
    expect(JSON.parse(fs.readFileSync(plan.config_path, 'utf8'))).toEqual({ mcpServers: {}, edited: true });
    fs.writeFileSync(plan.config_path, '{ not json');
    expect((await fails('claude.plan', {})).message).toMatch(/could not be parsed.*left unchanged/);
  });

  it('the MCP screen offers the toolsets and writes the chosen ones into the entry env as PACS_MCP_TOOLSETS', async () => {
    const configPath = path.join(home.dir, 'home', '.config', 'Claude', 'claude_desktop_config.json');
    fs.writeFileSync(configPath, '{"mcpServers": {}}');
    const plain = await ok('claude.plan');
    expect(plain.toolsets.map((t: { name: string }) => t.name)).toEqual(['core', 'imports', 'snapshots', 'lakehouse', 'admin']);
    expect(plain.toolsets.find((t: { name: string }) => t.name === 'core')).toMatchObject({ always: true, tools: expect.arrayContaining(['query_sql', 'list_appeals']) });
    expect(plain.chosen_toolsets).toEqual(['core']);
    const chosen = await ok('claude.plan', { toolsets: ['lakehouse', 'imports'] });
    expect(chosen.chosen_toolsets).toEqual(['core', 'lakehouse', 'imports']);
    expect((await ok('claude.write', { plan_id: chosen.plan_id })).written).toBe(true);
    expect(JSON.parse(fs.readFileSync(configPath, 'utf8')).mcpServers['pacs-mcp'].env).toMatchObject({ PACS_MCP_TOOLSETS: 'imports,lakehouse' });
    // Preparing again starts from what the written entry lists.
    expect((await ok('claude.plan')).chosen_toolsets).toEqual(['core', 'imports', 'lakehouse']);
    expect((await fails('claude.plan', { toolsets: ['everything'] })).code).toBe('invalid_input');
  });

  it('lists the lakehouse connection from the start, and one default per role when another is made the default', async () => {
    const { connections: first } = await ok('connections.list');
    expect(first).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'lakehouse', kind: 'lakehouse', role: 'warehouse', is_default: true })]));
    const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
    await ok('connections.save', { id: 'copy', kind: 'sqlite', role: 'training', config: { file: demoFile }, is_default: true });
    const { connections } = await ok('connections.list');
    const defaults = connections.filter((c: { is_default: boolean }) => c.is_default).map((c: { role: string; id: string }) => `${c.role}:${c.id}`);
    expect(defaults.sort()).toEqual(['training:copy', 'warehouse:lakehouse']);
    await ok('connections.remove', { id: 'copy' });
  });

  it('reports the MCP host stopped when not started, and starts it on request', async () => {
    expect(await ok('mcp.status')).toMatchObject({ running: false, url: null });
    const started = await ok('mcp.setRunning', { running: true });
    expect(started.running).toBe(true);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const stopped = await ok('mcp.setRunning', { running: false });
    expect(stopped.running).toBe(false);
    // It comes back on the port it had.
    const restarted = await ok('mcp.setRunning', { running: true });
    expect(restarted.port).toBe(started.port);
    await ok('mcp.setRunning', { running: false });
  });
});

describe('jobs.get and jobs.list: the engine\'s own jobs', () => {
  it('report progress, then the result or the error, for this tenant only', async () => {
    expect(jobView.shape.kind.options).toEqual([...JOB_KINDS]);
    expect(jobView.shape.status.options).toEqual([...JOB_STATUSES]);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = await engine.jobs.start({ kind: 'staging', tenantId: engine.tenantId, args: {} }, async (run) => {
      run.progress(5, 10, 'half');
      await gate;
      return { rows: 10, result: { batch_id: 'b1' } };
    });
    await expect.poll(async () => (await ok('jobs.get', { job_id: job.job_id })).status).toBe('running');
    expect(await ok('jobs.get', { job_id: job.job_id })).toMatchObject({ kind: 'staging', progress: { done: 5, total: 10, fraction: 0.5, message: 'half' } });
    release();
    await engine.jobs.waitFor(job.job_id, 5_000);
    expect(await ok('jobs.get', { job_id: job.job_id })).toMatchObject({ status: 'succeeded', rows: 10, progress: { done: 10, fraction: 1 }, result: { batch_id: 'b1' }, error: null });

    const failed = await engine.jobs.start({ kind: 'snapshot', tenantId: engine.tenantId, args: {} }, async () => {
      throw new Error('The file is empty.');
    });
    await engine.jobs.waitFor(failed.job_id, 5_000);
    expect(await ok('jobs.get', { job_id: failed.job_id })).toMatchObject({ kind: 'snapshot', status: 'failed', error: 'The file is empty.' });
    expect((await fails('jobs.get', { job_id: 'nope' })).message).toMatch(/no job "nope"/);

    const foreign = await engine.jobs.start({ kind: 'sync', tenantId: 'someone_else', warehouseConnectionId: 'lakehouse', targetKey: 'x/bronze/t', targetTable: 'tenant_someone_else.bronze.t', args: {} }, async () => ({ rows: 0, result: {} }));
    await engine.jobs.waitFor(foreign.job_id, 5_000);
    expect((await fails('jobs.get', { job_id: foreign.job_id })).message).toMatch(/no job/);

    const listed = await ok<{ jobs: { job_id: string; kind: string }[] }>('jobs.list', {});
    expect(listed.jobs.map((j) => j.job_id)).toEqual([failed.job_id, job.job_id]);
    expect((await ok<{ jobs: { job_id: string }[] }>('jobs.list', { kinds: ['staging'] })).jobs.map((j) => j.job_id)).toEqual([job.job_id]);
  });
});
