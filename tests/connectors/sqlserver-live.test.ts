import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionPool } from 'mssql';
import { QueryCancelledError, QueryTimeoutError } from '../../mcp/connectors/connector.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { SqlServerConnector } from '../../mcp/connectors/sqlserver/sqlserver-connector.js';
import type { ConnectionRecord } from '../../mcp/connections/connection-types.js';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { loadDemoInto } from '../../mcp/demo/load-demo-into-source.js';
import { DEMO_TABLES } from '../../mcp/demo/demo-schema.js';
import { listAppeals } from '../../mcp/pacs/appeal-queries.js';
import { PacsReader } from '../../mcp/pacs/pacs-reader.js';
import { getParcel, getParcelTimeline, searchParcels } from '../../mcp/pacs/parcel-queries.js';
import { hostileAttemptsFor } from '../guard/read-only-corpus.js';
import { ROOT } from '../helpers/paths.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * Against a live SQL Server, when PACS_TEST_MSSQL holds an ADO-style connection string of a
 * throwaway server with a sysadmin login, for example the official container (docs/sql-server.md):
 *
 *   PACS_TEST_MSSQL='Server=127.0.0.1,1433;User Id=sa;Password=<yours>;TrustServerCertificate=true'
 *
 * It creates two scratch databases and a login, and drops them afterwards.
 */
const connectionString = process.env.PACS_TEST_MSSQL;
if (!connectionString) {
  console.warn('[not run] SQL Server live tests: set PACS_TEST_MSSQL to a connection string (see docs/sql-server.md for a one-line docker run).');
}

interface Target {
  server: string;
  port?: number;
  instance?: string;
  user: string;
  password: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
}

function parseConnectionString(text: string): Target {
  const fields = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const get = (...names: string[]) => names.map((n) => fields.get(n)).find((v) => v !== undefined);
  const raw = (get('server', 'data source', 'address') ?? '127.0.0.1').replace(/^tcp:/i, '');
  const [hostPart, port] = raw.split(',');
  const [server, instance] = hostPart.split('\\');
  const yes = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : /^(true|yes|1)$/i.test(v));
  return {
    server,
    port: port ? Number(port) : undefined,
    instance,
    user: get('user id', 'uid', 'user') ?? 'sa',
    password: get('password', 'pwd') ?? '',
    encrypt: yes(get('encrypt'), true),
    trustServerCertificate: yes(get('trustservercertificate'), false),
  };
}

describe.runIf(Boolean(connectionString))('SQL Server live', () => {
  const target = parseConnectionString(connectionString ?? '');
  const suffix = crypto.randomBytes(4).toString('hex');
  const demoDb = `pacs_mcp_demo_${suffix}`;
  const scriptDb = `pacs_mcp_script_${suffix}`;
  const appLogin = `pacs_mcp_app_${suffix}`;
  const appPassword = `Aa1!${crypto.randomBytes(12).toString('base64url')}`;
  const home = makeTempHome();
  const demoFile = path.join(home.dir, 'demo.sqlite');
  let admin: ConnectionPool;
  const connectors: { close(): Promise<void> }[] = [];

  const record = (database: string, role: ConnectionRecord['role'], user = target.user): Pick<ConnectionRecord, 'id' | 'role' | 'config'> => ({
    id: `live_${role}`,
    role,
    config: {
      server: target.server,
      port: target.port,
      instance: target.instance,
      database,
      authentication: 'sql',
      user,
      encrypt: target.encrypt,
      trust_server_certificate: target.trustServerCertificate,
      connect_timeout_ms: 15_000,
      request_timeout_ms: 30_000,
    },
  });
  const connector = (database: string, role: ConnectionRecord['role'] = 'training', login?: { user: string; password: string }) => {
    const c = new SqlServerConnector(record(database, role, login?.user), login?.password ?? target.password);
    connectors.push(c);
    return c;
  };
  const adminQuery = (sql: string) => admin.request().batch(sql);

  beforeAll(async () => {
    const mssql = (await import('mssql')).default;
    admin = new mssql.ConnectionPool({
      server: target.server,
      port: target.instance ? undefined : (target.port ?? 1433),
      user: target.user,
      password: target.password,
      options: { encrypt: target.encrypt, trustServerCertificate: target.trustServerCertificate, instanceName: target.instance },
    });
    await admin.connect();
    await adminQuery(`CREATE DATABASE [${demoDb}]; CREATE DATABASE [${scriptDb}];`);
    await adminQuery(`CREATE LOGIN [${appLogin}] WITH PASSWORD = N'${appPassword}', CHECK_POLICY = OFF;`);
    await adminQuery(`USE [${demoDb}]; CREATE USER [${appLogin}] FOR LOGIN [${appLogin}]; ALTER ROLE db_owner ADD MEMBER [${appLogin}];`);
    await generateDemoDatabase(demoFile, { size: 200, seed: 7 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.close()));
    if (admin) {
      for (const db of [demoDb, scriptDb]) {
        await adminQuery(`IF DB_ID(N'${db}') IS NOT NULL BEGIN ALTER DATABASE [${db}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${db}]; END`).catch(() => undefined);
      }
      await adminQuery(`IF SUSER_ID(N'${appLogin}') IS NOT NULL DROP LOGIN [${appLogin}]`).catch(() => undefined);
      await admin.close();
    }
    home.cleanup();
  });

  it('tests the connection and names the server version', async () => {
    const result = await connector('master', 'production').test();
    expect(result).toMatchObject({ ok: true, server_version: expect.stringMatching(/^SQL Server/) });
  });

  it('demo-schema.sql runs batch by batch, twice, and builds every table', async () => {
    const script = fs.readFileSync(path.join(ROOT, 'resources/sql/sqlserver/demo-schema.sql'), 'utf8');
    const batches = script.split(/^GO$/m).filter((b) => b.replace(/--.*$/gm, '').trim());
    for (let run = 0; run < 2; run++) {
      for (const batch of batches) await adminQuery(`USE [${scriptDb}];\n${batch}`);
    }
    const result = await adminQuery(`SELECT COUNT(*) AS n FROM [${scriptDb}].INFORMATION_SCHEMA.TABLES`);
    expect(result.recordset[0].n).toBe(DEMO_TABLES.length);
  });

  it('loads the demo and answers the PACS tools exactly as the SQLite demo does', async () => {
    const target = connector(demoDb);
    const summary = await loadDemoInto(target, { file: demoFile });
    expect(summary.tables).toBe(DEMO_TABLES.length);
    const sqlite = new SqliteConnector({ file: demoFile });
    connectors.push(sqlite);
    const reader = (c: SqliteConnector | SqlServerConnector, kind: 'sqlite' | 'sqlserver') =>
      new PacsReader({ id: kind, kind, role: 'training', description: '', config: {}, is_default: false, origin: 'user', confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' }, c);
    const a = reader(sqlite, 'sqlite');
    const b = reader(target, 'sqlserver');
    expect(await searchParcels(b, { limit: 500 })).toEqual(await searchParcels(a, { limit: 500 }));
    expect(await searchParcels(b, { query: 'a', limit: 50 })).toEqual(await searchParcels(a, { query: 'a', limit: 50 }));
    const props = (await sqlite.query('SELECT DISTINCT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 10', [], { maxRows: 10, timeoutMs: 5_000 })).rows.map((r) => Number(r.prop_id));
    for (const prop of props) {
      expect(await getParcel(b, prop, undefined)).toEqual(await getParcel(a, prop, undefined));
      expect(await getParcelTimeline(b, prop, { include_supplements: true })).toEqual(await getParcelTimeline(a, prop, { include_supplements: true }));
    }
    const filter = { open_only: true, unassigned_only: false, limit: 1_000 };
    expect(await listAppeals(b, filter)).toEqual(await listAppeals(a, filter));
  });

  it('caps, times out and cancels', async () => {
    const c = connector(demoDb, 'production');
    const capped = await c.query('SELECT a.object_id FROM sys.all_objects a CROSS JOIN sys.all_objects b', [], { maxRows: 5, timeoutMs: 10_000 });
    expect(capped).toMatchObject({ row_count: 5, truncated: true });
    await expect(c.query("WAITFOR DELAY '00:00:20'; SELECT 1", [], { maxRows: 1, timeoutMs: 1_000 })).rejects.toBeInstanceOf(QueryTimeoutError);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(c.query("WAITFOR DELAY '00:00:20'; SELECT 1", [], { maxRows: 1, timeoutMs: 30_000, signal: controller.signal })).rejects.toBeInstanceOf(QueryCancelledError);
    expect((await c.query('SELECT 1 AS one', [], { maxRows: 1, timeoutMs: 5_000 })).rows).toEqual([{ one: 1 }]);
    let streamed = 0;
    for await (const batch of c.streamBatches!('SELECT prop_id FROM property ORDER BY prop_id', [], 50)) streamed += batch.length;
    expect(streamed).toBe(200);
  });

  it('with the guard bypassed, the rolled-back transaction keeps every table and the schema unchanged', async () => {
    const fingerprint = async () =>
      (
        await adminQuery(`USE [${demoDb}];
          SELECT t.name, (SELECT COUNT(*) FROM sys.columns c WHERE c.object_id = t.object_id) AS columns_count,
                 (SELECT COUNT(*) FROM sys.indexes i WHERE i.object_id = t.object_id) AS index_count,
                 (SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)) AS row_count
            FROM sys.tables t ORDER BY t.name;`)
      ).recordset;
    const checksums = async () => {
      const out: Record<string, unknown> = {};
      for (const table of DEMO_TABLES) {
        out[table.name] = (await adminQuery(`SELECT COUNT(*) AS n, CHECKSUM_AGG(BINARY_CHECKSUM(*)) AS c FROM [${demoDb}].[dbo].[${table.name}]`)).recordset[0];
      }
      return out;
    };
    const before = { schema: await fingerprint(), data: await checksums() };
    // A db_owner of this database only (what a training login is), never a sysadmin.
    const app = connector(demoDb, 'production', { user: appLogin, password: appPassword });
    for (const attempt of hostileAttemptsFor('tsql')) {
      await app.query(attempt.sql, [], { maxRows: 10, timeoutMs: 1_000 }).catch(() => undefined);
    }
    expect(await fingerprint()).toEqual(before.schema);
    expect(await checksums()).toEqual(before.data);
  });
});
