import crypto from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { startHttpHost, type HttpHost } from '../../mcp/server/http.js';
import { parseToolsets } from '../../mcp/toolsets.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { connectHttp, type HttpSession } from '../helpers/mcp-http-client.js';
import { captureStderr, reliabilityScale, RELIABILITY_TIMEOUT_MS, runPool } from '../helpers/reliability.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const TOTAL_CALLS = reliabilityScale(1_500, 10_000);
const IN_FLIGHT_PER_CLIENT = 24;
const DEMO_SIZE = 200;

const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: String(DEMO_SIZE) });
const TOKEN = crypto.randomBytes(32).toString('hex');
let engine: Engine;
let host: HttpHost;
let stdioA: StdioSession;
let stdioB: StdioSession;
let http: HttpSession;

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env });
  host = await startHttpHost({ engine, token: TOKEN, toolsets: parseToolsets('all') });
  [stdioA, stdioB, http] = await Promise.all([connectStdio(env, 'stdio-a'), connectStdio(env, 'stdio-b'), connectHttp(host.url, TOKEN, 'http-app')]);
});
afterAll(async () => {
  await Promise.all([stdioA?.close(), stdioB?.close(), http?.close()]);
  await host?.close();
  await engine?.close();
  home.cleanup();
});

type Call = { name: string; args: Record<string, unknown>; expectError?: RegExp };

/**
 * A mix of reads, domain lookups, a refused write (both ok and refused rows are audited) and,
 * every 100th call, a small snapshot: a write transaction of its own in the shared app store.
 */
function callFor(i: number, propIds: number[]): Call {
  const prop_id = propIds[(i * 7919) % propIds.length];
  if (i % 100 === 99) return { name: 'export_parcel_snapshot', args: { name: `concurrent ${i}`, prop_ids: [prop_id, propIds[(i * 31) % propIds.length]] } };
  switch (i % 6) {
    case 0:
      return { name: 'query_sql', args: { sql: `SELECT prop_id, geo_id FROM property WHERE prop_id = ${prop_id}` } };
    case 1:
      return { name: 'get_parcel', args: { prop_id } };
    case 2:
      return { name: 'list_connections', args: {} };
    case 3:
      return { name: 'search_parcels', args: { limit: 3 } };
    case 4:
      return { name: 'get_parcel_timeline', args: { prop_id } };
    default:
      return { name: 'query_sql', args: { sql: `DELETE FROM property WHERE prop_id = ${prop_id}` }, expectError: /read-only|not allowed|refus/i };
  }
}

async function auditCounts(): Promise<Record<string, number>> {
  // Completion rows: one per call that finished, each naming the start row its call wrote first.
  const rows = await engine.store.all<{ channel: string; n: number }>('SELECT channel, COUNT(*) AS n FROM audit_log WHERE started_seq IS NOT NULL GROUP BY channel');
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]));
}

describe('one data dir, three servers: the HTTP host and two stdio servers', () => {
  it(
    `${TOTAL_CALLS.toLocaleString('en-US')} parallel tool calls: every one answered correctly, no SQLITE_BUSY surfaced, no audit row lost, the chain verifies`,
    async () => {
      const propIds = (await stdioA.ok('query_sql', { sql: 'SELECT prop_id FROM property ORDER BY prop_id', max_rows: DEMO_SIZE })).rows.map((r: { prop_id: number }) => r.prop_id);
      const before = await auditCounts();
      const logs = captureStderr();
      const clients: { channel: 'mcp' | 'http'; call: (name: string, args: Record<string, unknown>) => Promise<CallToolResult> }[] = [
        { channel: 'mcp', call: stdioA.call },
        { channel: 'mcp', call: stdioB.call },
        { channel: 'http', call: http.call },
      ];
      const problems: string[] = [];
      const sent = { mcp: 0, http: 0 };
      const started = Date.now();
      try {
        await Promise.all(
          clients.map((client, c) => {
            const share = Math.floor(TOTAL_CALLS / clients.length) + (c < TOTAL_CALLS % clients.length ? 1 : 0);
            return runPool(share, IN_FLIGHT_PER_CLIENT, async (i) => {
              const call = callFor(i * clients.length + c, propIds);
              sent[client.channel]++;
              let result: CallToolResult;
              try {
                result = await client.call(call.name, call.args);
              } catch (err) {
                problems.push(`${call.name}: threw ${(err as Error).message}`);
                return;
              }
              const text = errorText(result);
              if (/SQLITE_BUSY|database is locked/i.test(text)) problems.push(`${call.name}: ${text}`);
              else if (call.expectError ? !result.isError || !call.expectError.test(text) : result.isError) problems.push(`${call.name}: unexpected ${result.isError ? 'error' : 'success'}: ${text.slice(0, 300)}`);
            });
          }),
        );
      } finally {
        logs.stop();
      }
      const elapsed = Date.now() - started;
      console.info(`[concurrency] ${TOTAL_CALLS} calls over 3 servers in ${elapsed} ms`);

      expect(problems.slice(0, 10)).toEqual([]);
      const after = await auditCounts();
      expect((after.mcp ?? 0) - (before.mcp ?? 0), 'audit rows from the two stdio servers').toBe(sent.mcp);
      expect((after.http ?? 0) - (before.http ?? 0), 'audit rows from the HTTP host').toBe(sent.http);
      expect(sent.mcp + sent.http).toBe(TOTAL_CALLS);
      const snapshots = await engine.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM snapshots');
      expect(snapshots?.n).toBe(Math.floor(TOTAL_CALLS / 100));

      const logText = `${logs.text()}\n${stdioA.stderr()}\n${stdioB.stderr()}`;
      expect(logText).not.toMatch(/SQLITE_BUSY|database is locked|audit write failed/);

      const verify = await runCli(['audit', 'verify', '--json'], env);
      expect(verify.code, verify.stderr).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [], incomplete: [] });
      const integrity = await engine.store.get<{ integrity_check: string }>('PRAGMA integrity_check');
      expect(integrity?.integrity_check).toBe('ok');
    },
    RELIABILITY_TIMEOUT_MS,
  );
});
