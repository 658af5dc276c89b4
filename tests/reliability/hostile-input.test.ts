import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { startHttpHost, type HttpHost } from '../../mcp/server/http.js';
import { MAX_MESSAGE_BYTES } from '../../mcp/server/stdio-transport.js';
import { hostileAttemptsFor } from '../guard/read-only-corpus.js';
import { CORPUS as BAD_FILES } from '../imports/bad-input-corpus.js';
import { runCli } from '../helpers/cli.js';
import { MCP_POST_HEADERS, rawRequest } from '../helpers/http-cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { RawStdioServer } from '../helpers/raw-stdio.js';
import { withSqliteFile } from '../helpers/store-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '80' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let session: StdioSession;
beforeAll(async () => {
  session = await connectStdio(env, 'hostile-corpus-client');
  await session.ok('list_connections'); // the first-run demo database is built by then
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('hostile SQL: the read-only corpus through the MCP client', () => {
  it('every SQLite write attempt is refused over MCP, audited as refused, and the demo database is byte-for-byte unchanged', async () => {
    const attempts = hostileAttemptsFor('sqlite');
    expect(attempts.length).toBeGreaterThan(40);
    const before = sha256(demoFile);
    const accepted: string[] = [];
    for (const attempt of attempts) {
      const result = await session.call('query_sql', { sql: attempt.sql });
      if (!result.isError) accepted.push(`${attempt.why}: ${attempt.sql}`);
      else expect(errorText(result).length, attempt.sql).toBeGreaterThan(20);
    }
    expect(accepted).toEqual([]);
    expect(sha256(demoFile)).toBe(before);
    const out = await runCli(['audit', 'list', '--json', '--limit', '2000', '--action', 'query_sql'], env);
    const rows = JSON.parse(out.stdout) as { outcome: string; client_name: string; args_json: string }[];
    // This session's other calls (other tests) are not part of the corpus.
    const corpus = new Set(attempts.map((a) => a.sql));
    const mine = rows.filter((r) => r.client_name === 'hostile-corpus-client' && corpus.has((JSON.parse(r.args_json) as { sql?: string }).sql ?? ''));
    expect(mine).toHaveLength(attempts.length);
    expect(mine.every((r) => r.outcome === 'refused' || r.outcome === 'error')).toBe(true);
    expect((await session.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' })).rows).toEqual([{ n: 80 }]);
  });
});

describe('hostile files: the bad-file import corpus through the MCP client', () => {
  it(`each of the ${BAD_FILES.length} bad files staged over MCP gets a clear error or per-row errors at the right lines; nothing is half-staged and the server stays up`, async () => {
    // Inside the data dir's imports folder, where a file named in the chat may be read from.
    fs.mkdirSync(path.join(home.dir, 'imports'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(home.dir, 'imports', 'bad-files-'));
    const problems: string[] = [];
    for (const c of BAD_FILES) {
      const file = path.join(dir, c.name);
      fs.writeFileSync(file, await c.bytes());
      const result = await session.call('stage_import', { kind: 'exemptions', file_path: file, max_errors: 1_000 });
      const text = errorText(result);
      if ('fileError' in c.expect) {
        if (!result.isError) problems.push(`${c.name}: staged, expected the file error ${c.expect.fileError}`);
        else if (c.expect.message && !c.expect.message.test(text)) problems.push(`${c.name}: "${text.slice(0, 200)}" does not match ${c.expect.message}`);
        else if (text.length < 30) problems.push(`${c.name}: the error "${text}" does not say what to do`);
      } else if (result.isError) {
        problems.push(`${c.name}: refused ("${text.slice(0, 200)}"), expected ${c.expect.rows} rows staged`);
      } else {
        const staged = result.structuredContent as { status: string; staged_count: number; errors: { line: number; code: string }[] };
        if (staged.status !== 'staged' || staged.staged_count !== c.expect.rows) problems.push(`${c.name}: ${staged.status}, ${staged.staged_count} rows; expected staged, ${c.expect.rows}`);
        const lines = JSON.stringify(staged.errors.map((e) => [e.line, e.code]));
        if (lines !== JSON.stringify(c.expect.errors)) problems.push(`${c.name}: errors ${lines}, expected ${JSON.stringify(c.expect.errors)}`);
      }
    }
    expect(problems).toEqual([]);
    const halfStaged = await withSqliteFile(path.join(home.dir, 'app.sqlite'), async (all) => [
      ...(await all<{ batch_id: string }>("SELECT batch_id FROM import_batches WHERE status = 'staging'")),
      ...(await all<{ n: number }>('SELECT COUNT(*) AS n FROM import_rows WHERE batch_key NOT IN (SELECT batch_key FROM import_batches)')).filter((r) => r.n > 0),
      ...(await all<{ n: number }>('SELECT COUNT(*) AS n FROM import_errors WHERE batch_key NOT IN (SELECT batch_key FROM import_batches)')).filter((r) => r.n > 0),
    ]);
    expect(halfStaged).toEqual([]);
    expect((await session.ok('query_sql', { sql: 'SELECT 1 AS alive' })).rows).toEqual([{ alive: 1 }]);
  }, 120_000);
});

describe('malformed MCP messages over stdio: answered with errors, and the server stays up', () => {
  let raw: RawStdioServer;
  beforeAll(async () => {
    raw = new RawStdioServer(env);
    await raw.initialize();
  });
  afterAll(async () => {
    await raw?.close();
  });

  const nullIdError = (code: number) => (r: { id: unknown; error?: { code: number } }) => r.id === null && r.error?.code === code;
  const alive = async () => {
    const pong = await raw.request({ id: `ping-${crypto.randomUUID()}`, method: 'ping' });
    expect(pong.result).toEqual({});
  };

  it('invalid JSON gets a -32700 parse error (id null)', async () => {
    for (const line of ['{not json', '{"jsonrpc":"2.0","id":1,"method":"tools/list"', '\u0000\u0001garbage', 'null', '']) {
      await raw.write(`${line}\n`);
      if (line === '') continue;
      if (line === 'null') expect((await raw.next(nullIdError(-32600))).error!.message).toMatch(/Invalid Request/);
      else expect((await raw.next(nullIdError(-32700))).error!.message).toMatch(/Parse error/);
    }
    await raw.write(Buffer.from([0xff, 0xfe, 0xfd, 0x0a]));
    await raw.next(nullIdError(-32700));
    await alive();
  });

  it('JSON that is not JSON-RPC gets -32600 Invalid Request, with the id when it could be read', async () => {
    const cases: [unknown, string | number | null][] = [
      [{ id: 5, method: 'tools/list' }, 5], // no "jsonrpc"
      [{ jsonrpc: '1.0', id: 'v1', method: 'tools/list' }, 'v1'],
      [{ jsonrpc: '2.0', id: { nested: true }, method: 'tools/list' }, null],
      [{ jsonrpc: '2.0', id: 7, method: 'tools/call', params: [1, 2] }, 7],
      [{ jsonrpc: '2.0', id: 8, method: 42 }, 8],
      [[{ jsonrpc: '2.0', id: 9, method: 'tools/list' }], null], // a batch
      ['just a string', null],
      [12345, null],
    ];
    for (const [message, id] of cases) {
      await raw.write(`${JSON.stringify(message)}\n`);
      const reply = await raw.next((r) => r.id === id && r.error?.code === -32600);
      expect(reply.error!.message, JSON.stringify(message)).toMatch(/Invalid Request/);
    }
    await alive();
  });

  it('unknown methods get -32601; unknown tools and wrong-typed protocol fields get errors', async () => {
    expect((await raw.request({ id: 'm1', method: 'frobnicate', params: {} })).error?.code).toBe(-32601);
    expect((await raw.request({ id: 'm2', method: 'tools/destroy_everything' })).error?.code).toBe(-32601);
    const unknownTool = await raw.request({ id: 'm3', method: 'tools/call', params: { name: 'drop_database', arguments: {} } });
    expect(unknownTool.error?.message).toMatch(/Unknown tool "drop_database".*tools\/list/);
    for (const params of [{ name: 42 }, { name: 'query_sql', arguments: 'SELECT 1' }, { name: 'query_sql', arguments: [1] }, {}]) {
      const reply = await raw.request({ id: `p-${crypto.randomUUID()}`, method: 'tools/call', params });
      expect(reply.error ?? reply.result?.isError, JSON.stringify(params)).toBeTruthy();
    }
    expect((await raw.request({ id: 'm4', method: 'resources/read', params: { uri: 12 } })).error).toBeDefined();
    await raw.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/unheard_of', params: { x: 1 } })}\n`);
    await raw.write(`${JSON.stringify({ jsonrpc: '2.0', id: 'never-asked', result: { surprise: true } })}\n`);
    await alive();
  });

  it('wrong argument types get isError results that name the field and the expected type', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['get_parcel', { prop_id: 'abc' }, /prop_id: .*expected number/],
      ['get_parcel', { prop_id: -1 }, /prop_id/],
      ['get_parcel', { prop_id: 1.5 }, /prop_id/],
      ['query_sql', { sql: 42 }, /sql: .*expected string/],
      ['query_sql', { sql: 'SELECT 1', max_rows: 'all' }, /max_rows/],
      ['query_sql', { sql: 'SELECT 1', max_rows: 1e12 }, /max_rows/],
      ['query_sql', { sql: 'SELECT 1', timeout_ms: -5 }, /timeout_ms/],
      ['query_sql', { sql: 'SELECT 1', connection_id: { $ne: null } }, /connection_id/],
      ['search_parcels', { limit: [] }, /limit/],
      ['query_sql', {}, /sql is required/],
    ];
    for (const [name, args, expected] of cases) {
      const reply = await raw.request({ id: `t-${crypto.randomUUID()}`, method: 'tools/call', params: { name, arguments: args } });
      expect(reply.result?.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(reply.result.content[0].text, `${name} ${JSON.stringify(args)}`).toMatch(expected);
    }
    await alive();
  });

  it('huge and deeply nested arguments get errors, unknown keys are refused by name, all are audited, and the server stays up', async () => {
    const huge = await raw.request({ id: 'h1', method: 'tools/call', params: { name: 'query_sql', arguments: { sql: `SELECT ${'1,'.repeat(4_000_000)}1` } } });
    expect(huge.result?.isError).toBe(true);
    expect(huge.result.content[0].text).toMatch(/sql: Too big/);

    const first = await raw.request({ id: 'h2-id', method: 'tools/call', params: { name: 'query_sql', arguments: { sql: 'SELECT MIN(prop_id) AS prop_id FROM property' } } });
    const propId = first.result.structuredContent.rows[0].prop_id as number;
    const manyKeys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const wide = await raw.request({ id: 'h2', method: 'tools/call', params: { name: 'get_parcel', arguments: { prop_id: propId, ...manyKeys } } });
    // Unknown argument names are refused, the first ten by name, in an answer of bounded size.
    expect(wide.error).toBeUndefined();
    expect(wide.result.isError).toBe(true);
    expect(wide.result.content[0].text).toMatch(/^Invalid arguments for get_parcel: "k0", "k1", .*"k9", 99,990 more are not arguments of this tool\. It takes: connection_id, prop_id/);
    expect(wide.result.content[0].text.length).toBeLessThan(1_000);

    const depth = 100_000;
    await raw.write(`{"jsonrpc":"2.0","id":"h3","method":"tools/call","params":{"name":"get_parcel","arguments":{"prop_id":${'['.repeat(depth)}${']'.repeat(depth)}}}}\n`);
    const deep = await raw.next((r) => r.id === 'h3');
    expect(deep.result?.isError).toBe(true);
    expect(deep.result.content[0].text).toMatch(/prop_id: .*expected number, received array/);
    await alive();
    expect(raw.stderr).not.toMatch(/audit write failed/);
    const out = await runCli(['audit', 'list', '--json', '--limit', '20'], env);
    const actions = (JSON.parse(out.stdout) as { client_name: string; action: string; args_json: string }[]).filter((r) => r.client_name === 'raw-hostile-client');
    const deepRow = actions.find((r) => r.args_json.includes('nested deeper than'));
    expect(deepRow?.action).toBe('get_parcel');
    expect(actions.find((r) => r.args_json.includes('[more keys]'))).toBeDefined();
    expect(Math.max(...actions.map((r) => r.args_json.length))).toBeLessThan(50_000);
  });

  it(`a line over the ${MAX_MESSAGE_BYTES / 2 ** 20} MB message limit is skipped as it streams, answered with -32600 carrying the request's id, and the next message works`, async () => {
    const big = Buffer.alloc(MAX_MESSAGE_BYTES + 1024 * 1024, 'a');
    await raw.write(Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"query_sql","arguments":{"sql":"'), big, Buffer.from('"}}}\n')]));
    const reply = await raw.next((r) => r.id === 'big', 60_000);
    expect(reply.error!.code).toBe(-32600);
    expect(reply.error!.message).toMatch(/Message too large: \d+ bytes, the limit is/);
    // The id at the end of the line (how the MCP SDK writes a request), and an "id" inside the parameters that is not it.
    await raw.write(Buffer.concat([Buffer.from('{"method":"tools/call","params":{"name":"query_sql","arguments":{"id":999,"sql":"'), big, Buffer.from('"}},"jsonrpc":"2.0","id":4242}\n')]));
    expect((await raw.next((r) => r.id === 4242, 60_000)).error!.code).toBe(-32600);
    await raw.write(Buffer.concat([Buffer.from('{"method":"tools/call","params":{"name":"query_sql","arguments":{"sql":"'), big, Buffer.from('","id":7}}}\n')]));
    expect((await raw.next(nullIdError(-32600), 60_000)).error!.message).toMatch(/Message too large/);
    await alive();
    const ok = await raw.request({ id: 'after-big', method: 'tools/call', params: { name: 'query_sql', arguments: { sql: 'SELECT 42 AS answer' } } });
    expect(ok.result.structuredContent.rows).toEqual([{ answer: 42 }]);
  }, 120_000);

  it('CRLF line endings and several messages in one write are understood; stdout carried only JSON-RPC', async () => {
    await raw.write(`${JSON.stringify({ jsonrpc: '2.0', id: 'crlf', method: 'ping' })}\r\n${JSON.stringify({ jsonrpc: '2.0', id: 'two', method: 'ping' })}\n`);
    expect((await raw.next((r) => r.id === 'crlf')).result).toEqual({});
    expect((await raw.next((r) => r.id === 'two')).result).toEqual({});
    expect(raw.exit).toBeUndefined();
    expect(raw.badLines).toEqual([]);
    const verify = await runCli(['audit', 'verify'], env);
    expect(verify.code, verify.stderr).toBe(0);
  });
});

describe('malformed requests over HTTP: answered with errors, and the host stays up', () => {
  const TOKEN = crypto.randomBytes(32).toString('hex');
  let engine: Engine;
  let host: HttpHost;
  beforeAll(async () => {
    engine = await Engine.open({ dataDir: home.dir, env });
    host = await startHttpHost({ engine, token: TOKEN });
  });
  afterAll(async () => {
    await host?.close();
    await engine?.close();
  });

  it('invalid JSON, non-JSON-RPC bodies and oversized bodies get 4xx errors; a real client still works after', async () => {
    const headers = { ...MCP_POST_HEADERS, authorization: `Bearer ${TOKEN}` };
    for (const body of ['{not json', '[]', '"x"', JSON.stringify({ id: 1, method: 'initialize' }), '\u0000\u0001']) {
      const res = await rawRequest({ port: host.port, headers, body });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    const oversized = await rawRequest({ port: host.port, headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { pad: 'x'.repeat(MAX_MESSAGE_BYTES + 2 ** 20) } }) });
    expect(oversized.status, oversized.body.slice(0, 200)).toBe(413);
    const wrongType = await rawRequest({ port: host.port, headers: { ...headers, 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    const { connectHttp } = await import('../helpers/mcp-http-client.js');
    const client = await connectHttp(host.url, TOKEN);
    expect((await client.ok('query_sql', { sql: 'SELECT 7 AS seven' })).rows).toEqual([{ seven: 7 }]);
    await client.close();
  });
});
