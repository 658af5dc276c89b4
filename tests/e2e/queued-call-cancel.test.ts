import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CALLS } from '../../mcp/audit/audit-calls.js';
import { MAX_CONCURRENT_TOOL_CALLS } from '../../mcp/server/call-limiter.js';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';
import { runOn } from '../helpers/test-engine.js';

/** A call that waits for a free slot and is cancelled there never runs, and is still audited. */
const home = makeTempHome('pacs-queued-cancel-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '200' });
const ENDLESS = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c';
let session: StdioSession;

beforeAll(async () => {
  session = await connectStdio(env);
  await session.ok('list_connections');
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('a call cancelled while it waits its turn', () => {
  it('never runs, and its audit row says it was cancelled before running', async () => {
    const busy = new AbortController();
    const running = Array.from({ length: MAX_CONCURRENT_TOOL_CALLS }, () =>
      session.client.callTool({ name: 'query_sql', arguments: { sql: ENDLESS, timeout_ms: 50_000 } }, undefined, { signal: busy.signal, timeout: 120_000 }).catch((err: Error) => err),
    );
    // Every slot is taken once each endless query has its audit start row.
    await expect.poll(async () => (await runOn<{ n: number }>(path.join(home.dir, 'app.sqlite'), "SELECT COUNT(*) AS n FROM audit_log WHERE args_json LIKE '%RECURSIVE%'"))[0].n, { timeout: 30_000 }).toBe(MAX_CONCURRENT_TOOL_CALLS);

    const marker = `queued_${Date.now()}`;
    const queued = new AbortController();
    const waiting = session.client.callTool({ name: 'query_sql', arguments: { sql: `SELECT 1 AS ${marker}` } }, undefined, { signal: queued.signal, timeout: 120_000 });
    await new Promise((r) => setTimeout(r, 300));
    queued.abort('user pressed stop');
    await expect(waiting).rejects.toThrow();
    busy.abort('done');
    await Promise.all(running);

    await expect
      .poll(async () => runOn<{ outcome: string; error: string | null; channel: string }>(path.join(home.dir, 'app.sqlite'), `SELECT outcome, error, channel FROM ${AUDIT_CALLS} WHERE args_json LIKE ?`, [`%${marker}%`]), { timeout: 30_000 })
      .toEqual([{ outcome: 'error', error: expect.stringMatching(/cancelled by the client while it waited.*did not run/), channel: 'mcp' }]);
    // The server keeps serving.
    expect((await session.ok('query_sql', { sql: 'SELECT 4 AS four' })).rows).toEqual([{ four: 4 }]);
  });
});
