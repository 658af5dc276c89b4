import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/paths.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
afterAll(home.cleanup);

/** Speaks raw JSON-RPC lines to the server and collects every stdout line. */
function rawSession(lines: string[], waitForIds: number[]): Promise<{ stdout: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI], { env: serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '50' }), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`timeout; got ${out}`));
    }, 60_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      out += d;
      const seen = out
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          try {
            return JSON.parse(l).id;
          } catch {
            return undefined;
          }
        });
      if (waitForIds.every((id) => seen.includes(id))) child.stdin.end();
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout: out.split('\n').filter(Boolean), stderr });
    });
    for (const line of lines) child.stdin.write(`${line}\n`);
  });
}

describe('stdio hygiene and malformed messages', () => {
  it('answers malformed JSON-RPC with errors, stays up, and prints only JSON-RPC on stdout', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } };
    const { stdout } = await rawSession(
      [
        JSON.stringify(init),
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
        '{ this is not json',
        JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'no/such/method' }),
        JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'query_sql', arguments: { sql: 42 } } }),
        JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'query_sql', arguments: { sql: `SELECT '${'x'.repeat(200_000)}'` } } }),
        JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
        JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'query_sql', arguments: { sql: 'SELECT 1 AS one' } } }),
      ],
      [1, 2, 3, 4, 5, 6],
    );
    const messages = stdout.map((line) => JSON.parse(line));
    for (const m of messages) expect(m.jsonrpc).toBe('2.0');
    const byId = new Map(messages.filter((m) => m.id !== undefined && m.id !== null).map((m) => [m.id, m]));
    expect(byId.get(1).result.serverInfo.name).toBe('pacs-mcp');
    expect(byId.get(2).error.code).toBe(-32601);
    expect(byId.get(3).result.isError).toBe(true);
    expect(byId.get(4).result.isError).toBe(true);
    expect(byId.get(5).result.tools.length).toBeGreaterThan(5);
    expect(byId.get(6).result.structuredContent.rows).toEqual([{ one: 1 }]);
  });
});
