import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACS_USAGE } from '../../mcp/doctor/pacs-usage.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/** `pacs-mcp doctor` as county IT runs it: the built CLI, the text and --json answers, the exit code, the audit row. */
const home = makeTempHome('pacs-doctor-cli-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '60' });

beforeAll(async () => {
  // The first command builds the demo.
  expect((await runCli(['connections', 'list'], env)).code).toBe(0);
  const copy = path.join(home.dir, 'copy.sqlite');
  fs.copyFileSync(path.join(home.dir, 'demo-pacs.sqlite'), copy);
  const db = await SqliteDb.open(copy);
  await db.exec('ALTER TABLE _arb_protest DROP COLUMN opinion_of_value');
  await db.close();
  expect((await runCli(['connections', 'add', '--id', 'copy', '--kind', 'sqlite', '--role', 'training', '--file', copy], env)).code).toBe(0);
}, 120_000);
afterAll(() => home.cleanup());

describe('pacs-mcp doctor', () => {
  it('on the demo: every operation for a training connection works, exit code 0', async () => {
    const text = await runCli(['doctor'], env);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^demo \(sqlite, training\) — SQLite \d/);
    expect(text.stdout).toContain('Every PACS operation that runs on this connection will work');
    expect(text.stdout).toMatch(/search_parcels +works/);
    expect(text.stdout).toMatch(/import promote +not on this connection: it promotes into a production connection/);
    const json = await runCli(['doctor', 'demo', '--json'], env);
    const report = JSON.parse(json.stdout);
    expect(report.operations.map((o: { name: string }) => o.name)).toEqual(PACS_USAGE.operations.map((o) => o.name));
  });

  it('on a copy without a column: names the operations that use it, exit code 1, audited', async () => {
    const run = await runCli(['doctor', 'copy'], env);
    expect(run.code).toBe(1);
    const users = PACS_USAGE.operations.filter((op) => op.role !== 'production' && op.reads._arb_protest?.includes('opinion_of_value')).map((op) => op.name);
    expect(users).toEqual(expect.arrayContaining(['list_appeals']));
    expect(run.stdout).toContain(`${users.length} of`);
    for (const name of users) expect(run.stdout).toMatch(new RegExp(`${name.replace(/[()]/g, '\\$&')} +WILL NOT WORK: column _arb_protest\\.opinion_of_value is missing`));
    expect(run.stdout).toMatch(/search_parcels +works/);
    const audit = await runCli(['audit', 'list', '--json'], env);
    expect(audit.stdout).toContain('"action":"doctor"');
  });

  it('names a connection that does not exist', async () => {
    const run = await runCli(['doctor', 'nope'], env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/nope/);
  });
});
