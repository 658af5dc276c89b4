import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore, secretAccount } from '../../mcp/credentials/credentials.js';
import { Engine } from '../../mcp/engine.js';
import { querySqlTool } from '../../mcp/tools/query-sql.js';
import type { ToolContext } from '../../mcp/tools/tool.js';
import { UserError } from '../../mcp/util/user-error.js';
import { silentServer, type SilentServer } from '../helpers/loopback.js';
import { makeTempHome } from '../helpers/temp-home.js';
import { hostileAttemptsFor, legitimateReadsFor } from './read-only-corpus.js';

/**
 * The guard's dialect follows the connection: a SQL Server connection gets the T-SQL guard, and
 * it refuses before any connection is made. The "server" is a loopback socket that accepts and
 * never answers, so every connection attempt is counted.
 */
describe('query_sql on a SQL Server connection', () => {
  const home = makeTempHome();
  let engine: Engine;
  let silent: SilentServer;
  const ctx = (): ToolContext => ({ engine, signal: new AbortController().signal, progress: async () => undefined, viewer: 'model' });
  const querySql = (sql: string) => querySqlTool.handler({ connection_id: 'pacs_oltp', sql, max_rows: 10, offset: 0, summarize: false, timeout_ms: 5_000 }, ctx());

  beforeAll(async () => {
    silent = await silentServer();
    engine = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
    await engine.secrets.set(secretAccount.connection('pacs_oltp'), 'pw');
    await engine.connections.upsert({
      id: 'pacs_oltp',
      kind: 'sqlserver',
      role: 'production',
      description: '',
      config: { server: '127.0.0.1', port: silent.port, database: 'pacs_oltp', authentication: 'sql', user: 'reader', encrypt: true, trust_server_certificate: false, connect_timeout_ms: 1_500, request_timeout_ms: 30_000 },
    });
  });
  afterAll(async () => {
    await engine?.close();
    await silent?.close();
    home.cleanup();
  });

  it('uses the tsql dialect', async () => {
    expect((await engine.source('pacs_oltp')).connector.dialect).toBe('tsql');
  });

  it('refuses every T-SQL hostile attempt with a reason, without contacting the server', async () => {
    const acceptedBefore = silent.accepted();
    for (const attempt of hostileAttemptsFor('tsql')) {
      const error = await querySql(attempt.sql).then(() => undefined, (e: unknown) => e);
      expect(error, attempt.sql).toBeInstanceOf(UserError);
      expect((error as UserError).kind, attempt.sql).toBe('refused');
    }
    expect(silent.accepted()).toBe(acceptedBefore);
  });

  it('lets T-SQL reads through to the server (which here never answers)', async () => {
    const acceptedBefore = silent.accepted();
    const read = legitimateReadsFor('tsql')[0];
    const error = await querySql(read.sql).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe('unavailable');
    expect(error!.message).toMatch(/did not answer within 1\.5 s/);
    expect(silent.accepted()).toBeGreaterThan(acceptedBefore);
  });
});
