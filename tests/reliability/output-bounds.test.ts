import fs from 'node:fs';
import path from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INLINE_FILE_CHARS, MAX_MESSAGE_BYTES } from '../../mcp/util/message-limits.js';
import { MAX_ANSWER_CHARS, MAX_CELL_CHARS, MAX_RESULT_BYTES } from '../../mcp/util/result-bounds.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { RawStdioServer } from '../helpers/raw-stdio.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';
import { xlsxBomb } from '../helpers/zip-bomb.js';

/**
 * Memory and output bounds of the built server, replayed as the attacks that broke them:
 * three concurrent `SELECT randomblob(300000000)` took the server down (ENOBUFS on stdout,
 * gigabytes of RSS); a 12 MB workbook holding a 3 GB shared-strings part did the same; a
 * request over the message limit was answered with id null, so the caller hung until its timeout.
 */

const home = makeTempHome('pacs-bounds-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '50' });
let session: StdioSession;

/** The server's peak resident memory so far, in MB (VmHWM). */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

beforeAll(async () => {
  session = await connectStdio(env);
  await session.ok('list_connections');
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('results are bounded in bytes, not only rows', () => {
  it('three concurrent randomblob(300000000) reads fail inside SQLite; the server stays up and small', async () => {
    const calls = await Promise.all([1, 2, 3].map(() => session.call('query_sql', { sql: 'SELECT randomblob(300000000) AS b', max_rows: 1 })));
    for (const result of calls) {
      expect(result.isError).toBe(true);
      expect(errorText(result)).toMatch(/too big/);
    }
    expect((await session.ok('query_sql', { sql: 'SELECT 42 AS answer' })).rows).toEqual([{ answer: 42 }]);
    expect(peakRssMb(session.pid!)).toBeLessThan(600);
  });

  it('long values are cut with a note, and rows stop at the byte budget with truncated: true', async () => {
    const wide = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800) SELECT i, hex(randomblob(20000)) AS blob_hex FROM n";
    const results = await Promise.all([1, 2, 3].map(() => session.call('query_sql', { sql: wide, max_rows: 10_000 })));
    for (const result of results) {
      expect(result.isError, errorText(result)).toBeFalsy();
      const structured = result.structuredContent as { rows: { blob_hex: string }[]; truncated: boolean; note?: string };
      expect(structured.truncated).toBe(true);
      expect(structured.note).toMatch(/cut to 8,192 characters/);
      expect(structured.note).toMatch(/Only the first \d+ rows fit/);
      expect(structured.rows[0].blob_hex).toMatch(/… \[cut: 40,000 characters in all\]$/);
      expect(structured.rows[0].blob_hex.length).toBeLessThan(MAX_CELL_CHARS + 60);
      expect(JSON.stringify(structured).length).toBeLessThan(MAX_RESULT_BYTES * 1.2);
      expect((result.content as { text: string }[])[0].text).toMatch(/long value\(s\) were cut/);
    }
  });

  it('an answer no tool-specific cut keeps small (a summary quoting an 8 MB value) is refused whole and audited; the server goes on', async () => {
    const result = await session.call('query_sql', { sql: 'SELECT hex(randomblob(4000000)) AS big', max_rows: 1, summarize: true });
    expect(result.isError).toBe(true);
    expect(errorText(result)).toMatch(/came to more than 16 MB/);
    expect(JSON.stringify(result).length).toBeLessThan(MAX_ANSWER_CHARS / 16);
    const audit = JSON.parse((await runCli(['audit', 'list', '--json', '--limit', '20'], env)).stdout) as { action: string; outcome: string; error: string | null }[];
    expect(audit.find((a) => a.action === 'query_sql')).toMatchObject({ outcome: 'error', error: expect.stringMatching(/came to more than 16 MB/) });
    expect((await session.ok('query_sql', { sql: 'SELECT 42 AS answer', summarize: true })).row_count).toBe(1);
  });
});

describe('requests over the message limit', () => {
  it('are answered with the caller\'s id at once: the SDK client gets an error, not a 60 s timeout', async () => {
    const started = Date.now();
    const call = session.client.callTool(
      { name: 'stage_import', arguments: { kind: 'exemptions', file_name: 'huge.csv', file_content: 'x'.repeat(MAX_MESSAGE_BYTES + 1024 * 1024) } },
      undefined,
      { timeout: 60_000 },
    );
    const error = await call.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).message).toMatch(/Message too large/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await session.ok('query_sql', { sql: 'SELECT 1 AS alive' })).rows).toEqual([{ alive: 1 }]);
  }, 90_000);

  it('the file_content limit tools advertise fits the message limit', async () => {
    const { tools } = await session.client.listTools();
    for (const name of ['stage_import', 'upload_file']) {
      const schema = tools.find((t) => t.name === name)!.inputSchema as { properties: Record<string, { maxLength?: number }> };
      expect(schema.properties.file_content.maxLength, name).toBe(MAX_INLINE_FILE_CHARS);
    }
    // CSV text of the advertised size, quotes and all, reaches the tool: it is judged there (here: it has no
    // header row), not refused by the transport.
    const row = '10001,100011,2026,"SMITH, JOHN ""JACK""",\t\n';
    const content = row.repeat(Math.floor(MAX_INLINE_FILE_CHARS / row.length));
    expect(content.length).toBeLessThanOrEqual(MAX_INLINE_FILE_CHARS);
    expect(Buffer.byteLength(JSON.stringify(content))).toBeGreaterThan(MAX_INLINE_FILE_CHARS * 1.15);
    const result = await session.call('stage_import', { kind: 'exemptions', file_name: 'max.csv', file_content: content, max_errors: 0 });
    expect(errorText(result)).not.toMatch(/Message too large/);
    expect(errorText(result)).toMatch(/not a header row/);
  }, 120_000);
});

describe('workbooks are measured before they are read', () => {
  it('a shared-strings bomb (true or lying sizes) is refused by upload_file and stage_import; memory stays low', async () => {
    const honest = await xlsxBomb({ inflatedBytes: 300 * 1024 * 1024 });
    const lying = await xlsxBomb({ inflatedBytes: 300 * 1024 * 1024, declaredBytes: 2_000 });
    expect(honest.length).toBeLessThan(2 * 1024 * 1024);
    const imports = path.join(home.dir, 'imports');
    fs.mkdirSync(imports, { recursive: true });
    for (const [name, bytes] of [['honest.xlsx', honest], ['lying.xlsx', lying]] as const) {
      fs.writeFileSync(path.join(imports, name), bytes);
      const upload = await session.call('upload_file', { file_name: name, file_content: bytes.toString('base64'), content_encoding: 'base64', dataset_name: name.replace('.xlsx', '') });
      const job = upload.structuredContent as { status: string; error: string | null; job_id: string };
      const finished = job.status === 'failed' ? job : await waitForJob(job.job_id);
      expect(finished.status, name).toBe('failed');
      expect(finished.error, name).toMatch(/unpacks to more than 256 MB/);
      const staged = await session.call('stage_import', { kind: 'exemptions', file_path: path.join(imports, name) });
      expect(staged.isError, name).toBe(true);
      expect(errorText(staged), name).toMatch(/unpacks to more than 256 MB/);
    }
    expect(peakRssMb(session.pid!)).toBeLessThan(600);
  }, 120_000);
});

async function waitForJob(jobId: string): Promise<{ status: string; error: string | null; job_id: string }> {
  for (;;) {
    const job = await session.ok('get_job', { job_id: jobId });
    if (job.status === 'succeeded' || job.status === 'failed') return job as { status: string; error: string | null; job_id: string };
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('stdout backpressure', () => {
  it('a client that stops reading for a while gets every large answer whole, in order, once it reads again', async () => {
    const raw = new RawStdioServer(env);
    try {
      await raw.initialize();
      raw.child.stdout.pause();
      const sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) SELECT i, hex(randomblob(4000)) AS h FROM n";
      const ids = Array.from({ length: 12 }, (_v, i) => `wide-${i}`);
      for (const id of ids) await raw.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'query_sql', arguments: { sql, max_rows: 10_000 } } })}\n`);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(raw.exit).toBeUndefined();
      raw.child.stdout.resume();
      for (const id of ids) {
        const reply = await raw.next((r) => r.id === id, 60_000);
        expect(reply.result.structuredContent.rows.length, id).toBeGreaterThan(100);
      }
      expect(raw.badLines).toEqual([]);
      expect(raw.stderr).not.toMatch(/ENOBUFS|EAGAIN/);
    } finally {
      await raw.close();
    }
  }, 120_000);
});
