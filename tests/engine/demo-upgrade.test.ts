import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SCHEMA_VERSION } from '../../mcp/demo/demo-schema.js';
import { Engine } from '../../mcp/engine.js';
import { sqliteAll } from '../helpers/import-fixtures.js';
import { makeTempHome } from '../helpers/temp-home.js';

describe('a demo database built for an older demo schema', () => {
  const home = makeTempHome('pacs-demo-upgrade-');
  const env = { ...process.env, PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '40' };
  afterAll(() => home.cleanup());

  it('is rebuilt once on the next start, then left alone', async () => {
    const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
    let engine = await Engine.open({ dataDir: home.dir, env });
    expect(await engine.store.get("SELECT value FROM settings WHERE key = 'demo_state'")).toEqual({ value: `done:${DEMO_SCHEMA_VERSION}` });
    // What a data dir looks like after an earlier release built its demo.
    await engine.store.run("UPDATE settings SET value = 'done' WHERE key = 'demo_state'");
    const { SqliteDb } = await import('../../mcp/store/sqlite-db.js');
    await engine.close();
    const db = await SqliteDb.open(demoFile);
    await db.exec('PRAGMA user_version = 2; DROP TABLE _arb_protest_hearing_docket;');
    await db.close();

    engine = await Engine.open({ dataDir: home.dir, env });
    expect(await sqliteAll(demoFile, 'SELECT user_version AS v FROM pragma_user_version')).toEqual([{ v: DEMO_SCHEMA_VERSION }]);
    expect(await sqliteAll(demoFile, 'SELECT count(*) AS n FROM _arb_protest_hearing_docket')).toEqual([{ n: expect.any(Number) }]);
    expect((await engine.connections.get('demo')).config).toMatchObject({ jurisdiction: 'WA', appeal_scheduled_status: 'S' });
    await engine.close();

    // Started again: nothing is rebuilt.
    const before = (await import('node:fs')).statSync(demoFile).mtimeMs;
    engine = await Engine.open({ dataDir: home.dir, env });
    expect((await import('node:fs')).statSync(demoFile).mtimeMs).toBe(before);
    await engine.close();
  });
});
