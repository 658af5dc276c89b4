import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { connectStdio } from '../helpers/mcp-client.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const homes: (() => void)[] = [];
afterAll(() => homes.forEach((cleanup) => cleanup()));

function freshHome() {
  const home = makeTempHome();
  homes.push(home.cleanup);
  return home.dir;
}

describe('first run on a fresh data dir', () => {
  it('two servers started together both answer their first call with the demo connection', async () => {
    const dir = freshHome();
    const env = serverEnv(dir, { PACS_MCP_DEMO_SIZE: '300' });
    const [a, b] = await Promise.all([connectStdio(env), connectStdio(env)]);
    try {
      const [ra, rb] = await Promise.all([a.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' }), b.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' })]);
      expect(ra.rows).toEqual([{ n: 300 }]);
      expect(rb.rows).toEqual([{ n: 300 }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('takes over a build claimed by a process that died, and never re-adds a demo the user removed', async () => {
    const dir = freshHome();
    const env = { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '50' };
    const first = await Engine.open({ dataDir: dir, env, initDemo: false });
    await first.store.run("INSERT INTO settings (key, value) VALUES ('demo_state', 'building:999999999:2026-01-01T00:00:00Z')");
    await first.close();

    const second = await Engine.open({ dataDir: dir, env });
    expect((await second.connections.list()).map((c) => c.id)).toEqual(['demo', 'lakehouse']);
    expect(fs.existsSync(path.join(dir, 'demo-pacs.sqlite'))).toBe(true);
    await second.connections.remove('demo');
    await second.close();

    const third = await Engine.open({ dataDir: dir, env });
    expect((await third.connections.list()).map((c) => c.id)).toEqual(['lakehouse']);
    await third.close();
  });
});
