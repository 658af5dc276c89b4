import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CALLS } from '../../mcp/audit/audit-calls.js';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { Engine } from '../../mcp/engine.js';
import { appServicesFor, callFails } from '../helpers/app-services.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { resourceJson } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';
import { runOn } from '../helpers/test-engine.js';

/**
 * Every surface that reads a source leaves an audit row naming the connection it really used:
 * MCP resource reads and prompt gets as well as tool calls, the desktop API and the CLI, and a
 * call that names no connection names the default one, also when it fails.
 */
const home = makeTempHome('pacs-audit-surfaces-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '200' });
let session: StdioSession;

interface Row {
  seq: number;
  channel: string;
  client_name: string | null;
  action: string;
  args_json: string;
  connection_id: string | null;
  outcome: string;
  error: string | null;
  row_count: number | null;
}

/** The calls audited after `afterSeq`, oldest first (one line per call, as the audit screens list them). */
async function rowsAfter(afterSeq: number): Promise<Row[]> {
  return runOn<Row>(path.join(home.dir, 'app.sqlite'), `SELECT * FROM ${AUDIT_CALLS} WHERE seq > ? ORDER BY seq`, [afterSeq]);
}

async function lastSeq(): Promise<number> {
  const [row] = await runOn<{ seq: number | null }>(path.join(home.dir, 'app.sqlite'), 'SELECT MAX(seq) AS seq FROM audit_log');
  return row.seq ?? 0;
}

beforeAll(async () => {
  session = await connectStdio(env);
  await session.ok('list_connections');
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('audit rows from every surface', () => {
  it('resource reads, the table preview included, are audited with their connection and row count; a failed read too', async () => {
    const before = await lastSeq();
    await session.client.readResource({ uri: 'datasource://demo/status' });
    await session.client.readResource({ uri: 'datasource://demo/tables' });
    await session.client.readResource({ uri: 'table://demo/main/property/schema' });
    const preview = await session.client.readResource({ uri: 'table://demo/main/property/preview' });
    expect(resourceJson(preview).json.rows).toHaveLength(20);
    await expect(session.client.readResource({ uri: 'table://demo/main/no_such_table/preview' })).rejects.toThrow(/no_such_table was not found/);

    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.action, r.connection_id, r.outcome])).toEqual([
      ['resource:datasource-status', 'demo', 'ok'],
      ['resource:datasource-tables', 'demo', 'ok'],
      ['resource:table-schema', 'demo', 'ok'],
      ['resource:table-preview', 'demo', 'ok'],
      ['resource:table-preview', 'demo', 'error'],
    ]);
    expect(rows.every((r) => r.channel === 'mcp' && r.client_name === 'pacs-test-client')).toBe(true);
    expect(rows[3].row_count).toBe(20);
    expect(JSON.parse(rows[3].args_json)).toEqual({ uri: 'table://demo/main/property/preview' });
    expect(rows[4].error).toMatch(/no_such_table was not found in connection "demo"/);
  });

  it('prompt gets are audited, naming the default connection when the prompt names none', async () => {
    const before = await lastSeq();
    await session.client.getPrompt({ name: 'analyze_schema', arguments: { table_name: 'property_val' } });
    await session.client.getPrompt({ name: 'troubleshoot_connection', arguments: { connection_id: 'demo' } });
    await session.client.getPrompt({ name: 'generate_query', arguments: { question: 'How many parcels are there?' } });
    await expect(session.client.getPrompt({ name: 'troubleshoot_connection', arguments: { connection_id: 'nope' } })).rejects.toThrow(/no connection "nope"/);

    const rows = await rowsAfter(before);
    expect(rows.map((r) => [r.action, r.connection_id, r.outcome])).toEqual([
      ['prompt:analyze_schema', 'demo', 'ok'],
      ['prompt:troubleshoot_connection', 'demo', 'ok'],
      ['prompt:generate_query', 'demo', 'ok'],
      ['prompt:troubleshoot_connection', 'nope', 'error'],
    ]);
    expect(JSON.parse(rows[2].args_json)).toEqual({ question: 'How many parcels are there?' });
  });

  it('a failed tool call without connection_id is audited with the default connection it used', async () => {
    const before = await lastSeq();
    const missing = await session.call('describe_table', { table_name: 'no_such_table' });
    expect(missing.isError).toBe(true);
    const [row] = await rowsAfter(before);
    expect(row).toMatchObject({ action: 'describe_table', connection_id: 'demo', outcome: 'error' });
  });

  describe('when the default connection cannot be opened', () => {
    beforeAll(async () => {
      const added = await runCli(['connections', 'add', '--id', 'gone', '--kind', 'sqlite', '--role', 'training', '--file', path.join(home.dir, 'moved-away.sqlite'), '--default'], env);
      expect(added.code, added.stderr).toBe(0);
    });

    it('MCP tool calls, resource reads and prompt gets that fail on it name it', async () => {
      const before = await lastSeq();
      const failed = await session.call('query_sql', { sql: 'SELECT 1 AS one' });
      expect(failed.isError).toBe(true);
      expect(errorText(failed)).toMatch(/moved-away\.sqlite does not exist/);
      await expect(session.client.getPrompt({ name: 'generate_query', arguments: { question: 'Parcels per neighborhood?' } })).rejects.toThrow(/does not exist/);

      const rows = await rowsAfter(before);
      expect(rows.map((r) => [r.action, r.connection_id, r.outcome])).toEqual([
        ['query_sql', 'gone', 'error'],
        ['prompt:generate_query', 'gone', 'error'],
      ]);
    });

    it('a desktop API call that fails on it names it', async () => {
      const engine = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
      const services = appServicesFor(engine, home.dir);
      try {
        const before = await lastSeq();
        const error = await callFails(services, 'sql.run', { sql: 'SELECT 1 AS one' });
        expect(error).toMatchObject({ code: 'unavailable' });
        const rows = await rowsAfter(before);
        expect(rows.map((r) => [r.channel, r.action, r.connection_id, r.outcome])).toEqual([['ui', 'query_sql', 'gone', 'error']]);
      } finally {
        await services.close();
        await engine.close();
      }
    });

    it('a CLI command that fails on it names it', async () => {
      const file = path.join(home.dir, 'exemptions.csv');
      fs.writeFileSync(file, 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,HS\n');
      const before = await lastSeq();
      const validated = await runCli(['import', 'stage', file, '--kind', 'exemptions', '--validate'], env);
      expect(validated.code).toBe(1);
      expect(validated.stderr).toMatch(/does not exist/);
      const rows = await rowsAfter(before);
      expect(rows.filter((r) => r.channel === 'cli').map((r) => [r.action, r.connection_id, r.outcome])).toEqual([
        ['import.stage', null, 'ok'],
        ['import.validate', 'gone', 'error'],
      ]);
    });
  });
});
