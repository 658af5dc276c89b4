import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionPool } from 'mssql';
import { QueryCancelledError, QueryTimeoutError } from '../../mcp/connectors/connector.js';
import { SourceBusyError, TransactionEndedError, WriteRefusedError } from '../../mcp/connectors/sqlserver/sqlserver-errors.js';
import { createSecretStore, secretAccount } from '../../mcp/credentials/credentials.js';
import { SCHEDULED_STATUS } from '../../mcp/demo/demo-reference-data.js';
import { doctorConnection } from '../../mcp/doctor/doctor-connection.js';
import { Engine } from '../../mcp/engine.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { PROMOTION_PROCEDURES, STAGING_SYNONYMS, TRAINING_DATABASE } from '../../mcp/imports/promotion-procedures.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { routeAppeal, type RouteAppealResult } from '../../mcp/pacs/route-appeal.js';
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
import { csvText, EXEMPTION_HEADER, exemptionRow } from '../helpers/import-fixtures.js';
import { ROOT } from '../helpers/paths.js';
import { suiteGate } from '../helpers/system.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * Against a live SQL Server, when PACS_TEST_MSSQL holds an ADO-style connection string of a
 * throwaway server with a sysadmin login, for example the official container (docs/sql-server.md):
 *
 *   PACS_TEST_MSSQL='Server=127.0.0.1,1433;User Id=sa;Password=<yours>;TrustServerCertificate=true'
 *
 * It creates three scratch databases (a training copy of the demo built from the catalog's types,
 * a production copy with the promotion procedures installed, and one for scripts) and two logins,
 * and drops them afterwards. Covered: the PACS tools' answers against SQLite's, routing under
 * concurrency, validation, push and promotion through the procedures, doctor, parameters that
 * seek, snapshot isolation and the lock timeout.
 */
const connectionString = process.env.PACS_TEST_MSSQL;
// SQL Server cannot run on the build machines, so this suite is never required there.
const canRun = suiteGate('sql server live', Boolean(connectionString), 'PACS_TEST_MSSQL unset; docs/sql-server.md has a one-line docker run', { requiredOnCi: false });

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

describe.runIf(canRun)('SQL Server live', () => {
  const target = parseConnectionString(connectionString ?? '');
  const suffix = crypto.randomBytes(4).toString('hex');
  const demoDb = `pacs_mcp_demo_${suffix}`;
  const scriptDb = `pacs_mcp_script_${suffix}`;
  const appLogin = `pacs_mcp_app_${suffix}`;
  const appPassword = `Aa1!${crypto.randomBytes(12).toString('base64url')}`;
  const oltpDb = `pacs_mcp_oltp_${suffix}`;
  const readerLogin = `pacs_mcp_reader_${suffix}`;
  const readerPassword = `Aa1!${crypto.randomBytes(12).toString('base64url')}`;
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
    await adminQuery(`CREATE DATABASE [${demoDb}]; CREATE DATABASE [${scriptDb}]; CREATE DATABASE [${oltpDb}];`);
    await adminQuery(`CREATE LOGIN [${appLogin}] WITH PASSWORD = N'${appPassword}', CHECK_POLICY = OFF;`);
    await adminQuery(`CREATE LOGIN [${readerLogin}] WITH PASSWORD = N'${readerPassword}', CHECK_POLICY = OFF;`);
    await adminQuery(`USE [${demoDb}]; CREATE USER [${appLogin}] FOR LOGIN [${appLogin}]; ALTER ROLE db_owner ADD MEMBER [${appLogin}];`);
    await generateDemoDatabase(demoFile, { size: 200, seed: 7 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.close()));
    if (admin) {
      for (const db of [demoDb, scriptDb, oltpDb]) {
        await adminQuery(`IF DB_ID(N'${db}') IS NOT NULL BEGIN ALTER DATABASE [${db}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${db}]; END`).catch(() => undefined);
      }
      for (const login of [appLogin, readerLogin]) await adminQuery(`IF SUSER_ID(N'${login}') IS NOT NULL DROP LOGIN [${login}]`).catch(() => undefined);
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
    const filter = { openOnly: true, unassignedOnly: false, limit: 1_000 };
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

  /** Rows of a T-SQL read on the admin login. */
  const adminRows = async <T = Record<string, unknown>>(sql: string): Promise<T[]> => (await adminQuery(sql)).recordset as T[];
  /** Dockets of the training copy whose count is not the cases on them, or above their maximum. */
  const inconsistentDockets = async () =>
    (
      await adminRows<{ n: number }>(`SELECT COUNT(*) AS n FROM [${demoDb}].dbo._arb_protest_hearing_docket d
        WHERE d.scheduled_protest_count <> (SELECT COUNT(*) FROM [${demoDb}].dbo._arb_protest p WHERE p.docket_id = d.docket_id OR p.prot_appr_docket_id = d.docket_id)
           OR d.scheduled_protest_count > COALESCE(d.maximum_hearing_count, d.scheduled_protest_count)`)
    )[0].n;

  it('routes appeals as on SQLite, and many routers at once never overfill a docket', async () => {
    const trainingRecord = { id: 'live_training', kind: 'sqlserver' as const, role: 'training' as const, description: '', config: record(demoDb, 'training', appLogin).config, is_default: false, origin: 'user' as const, confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' };
    const mssqlTraining = connector(demoDb, 'training', { user: appLogin, password: appPassword });
    const copy = path.join(home.dir, 'routing.sqlite');
    fs.copyFileSync(demoFile, copy);
    const sqlite = new SqliteConnector({ file: copy }, { id: 'sqlite_routing', role: 'training' });
    connectors.push(sqlite);
    const sqliteRecord = { ...trainingRecord, id: 'sqlite_routing', kind: 'sqlite' as const, config: { file: copy } };
    const open = (
      await adminRows<{ prop_id: number }>(`SELECT ap.prop_id FROM [${demoDb}].dbo._arb_protest ap JOIN [${demoDb}].dbo.property p ON p.prop_id = ap.prop_id
        WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL AND p.prop_type_cd IN ('R', 'MH')
          AND NOT EXISTS (SELECT 1 FROM [${demoDb}].dbo._arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id)
        ORDER BY ap.prop_id`)
    ).map((r) => r.prop_id);
    expect(open.length).toBeGreaterThanOrEqual(6);
    // One protest routed on both: the same docket, appraiser and status.
    const request = { propId: open[0], year: 2026, earliestDate: '2026-01-01', reassign: false };
    const onSqlServer = await routeAppeal(trainingRecord, mssqlTraining, request, { scheduledStatus: SCHEDULED_STATUS });
    const onSqlite = await routeAppeal(sqliteRecord, sqlite, request, { scheduledStatus: SCHEDULED_STATUS });
    expect(onSqlServer).toEqual(onSqlite);

    // Room for exactly 2 more cases, on one docket that takes every residential case; none anywhere else.
    const [target] = await adminRows<{ docket_id: number }>(`SELECT TOP (1) d.docket_id FROM [${demoDb}].dbo._arb_protest_hearing_docket d
        JOIN [${demoDb}].dbo._arb_protest_hearing h ON h.lHearingID = d.lHearingID
       WHERE h.szHearingType = 'P' AND h.cAccountType IS NULL AND d.docket_start_date_time >= '2026-01-01'
         AND (SELECT COUNT(*) FROM [${demoDb}].dbo._arb_protest_hearing_property_type t WHERE t.lHearingID = h.lHearingID AND t.szPropertyType IN ('R', 'MH')) = 2
       ORDER BY d.docket_start_date_time`);
    await adminQuery(`UPDATE [${demoDb}].dbo._arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count;
                      UPDATE [${demoDb}].dbo._arb_protest_hearing_docket SET maximum_hearing_count = scheduled_protest_count + 2 WHERE docket_id = ${target.docket_id};`);
    const rest = open.slice(1);
    const results = await Promise.allSettled(rest.map((prop_id) => routeAppeal(trainingRecord, mssqlTraining, { ...request, propId: prop_id }, { scheduledStatus: SCHEDULED_STATUS })));
    const routed = results.filter((r): r is PromiseFulfilledResult<RouteAppealResult> => r.status === 'fulfilled').map((r) => r.value);
    expect(routed.map((r) => r.docket_id)).toEqual([target.docket_id, target.docket_id]);
    for (const r of results) if (r.status === 'rejected') expect(String(r.reason.message)).toMatch(/No hearing docket from 2026-01-01 takes property type/);
    expect(await inconsistentDockets()).toBe(0);
  });

  it('validates like SQLite, pushes, and promotes through the installed procedures, once', async () => {
    // The production copy: the demo, the promotion procedures reading the training copy, a login that may only read and execute them.
    const loader = connector(oltpDb, 'training');
    await loadDemoInto(loader, { file: demoFile });
    const mssql = (await import('mssql')).default;
    const oltpAdmin = new mssql.ConnectionPool({
      server: target.server,
      port: target.instance ? undefined : (target.port ?? 1433),
      database: oltpDb,
      user: target.user,
      password: target.password,
      options: { encrypt: target.encrypt, trustServerCertificate: target.trustServerCertificate, instanceName: target.instance },
    });
    await oltpAdmin.connect();
    try {
      const script = fs.readFileSync(path.join(ROOT, 'resources/sql/sqlserver/promotion-procedures.sql'), 'utf8').replaceAll(`[${TRAINING_DATABASE}]`, `[${demoDb}]`);
      // CREATE and ALTER PROCEDURE must start their batch: each batch runs on a connection to the production copy, without the script's USE.
      for (const batch of script.split(/^GO$/m).filter((b) => b.replace(/--.*$/gm, '').trim() && !/^\s*USE \[/m.test(b.replace(/^--.*$/gm, '')))) await oltpAdmin.request().batch(batch);
      await oltpAdmin.request().batch(`CREATE USER [${readerLogin}] FOR LOGIN [${readerLogin}]; ALTER ROLE db_datareader ADD MEMBER [${readerLogin}];
        GRANT EXECUTE ON ${PROMOTION_PROCEDURES.exemptions} TO [${readerLogin}]; GRANT EXECUTE ON ${PROMOTION_PROCEDURES.property_values} TO [${readerLogin}];`);
    } finally {
      await oltpAdmin.close();
    }
    await adminQuery(`USE [${demoDb}]; CREATE USER [${readerLogin}] FOR LOGIN [${readerLogin}]; ${Object.values(STAGING_SYNONYMS).map((t) => `GRANT SELECT ON dbo.${t} TO [${readerLogin}];`).join(' ')}`);

    const engine = await Engine.open({ dataDir: path.join(home.dir, 'engine'), secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
    connectors.push(engine);
    const cli = actorFor('cli');
    const ui = actorFor('ui');
    await engine.connections.upsert({ id: 'mssql_training', kind: 'sqlserver', role: 'training', description: '', config: record(demoDb, 'training', appLogin).config });
    await engine.connections.upsert({ id: 'mssql_oltp', kind: 'sqlserver', role: 'production', description: '', config: record(oltpDb, 'production', readerLogin).config });
    await engine.secrets.set(secretAccount.connection('mssql_training'), appPassword);
    await engine.secrets.set(secretAccount.connection('mssql_oltp'), readerPassword);
    const copy = path.join(home.dir, 'validation.sqlite');
    fs.copyFileSync(demoFile, copy);
    await engine.connections.upsert({ id: 'sqlite_copy', kind: 'sqlite', role: 'training', description: '', config: { file: copy } });

    const owners = await adminRows<{ prop_id: number; owner_id: number }>(`SELECT TOP (3) o.prop_id, o.owner_id FROM [${demoDb}].dbo.owner o
        JOIN [${demoDb}].dbo.prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
        JOIN [${demoDb}].dbo.property p ON p.prop_id = o.prop_id
       WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
         AND NOT EXISTS (SELECT 1 FROM [${demoDb}].dbo.property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026)
         AND NOT EXISTS (SELECT 1 FROM [${demoDb}].dbo.property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
       ORDER BY o.prop_id, o.owner_id`);
    expect(owners).toHaveLength(3);
    const file = csvText(EXEMPTION_HEADER, [...owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })), exemptionRow({ prop: 99_999_999, owner: 1, code: 'EX' })]);
    const validated = async (connectionId: string) => {
      const staged = await engine.imports.stage({ kind: 'exemptions', file_content: file, file_name: `${connectionId}.csv` }, cli);
      const { batch } = await engine.imports.validate({ batchId: staged.batch_id, connectionId }, cli);
      const detail = await engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 100, rowsLimit: 0 });
      return { batch, errors: detail.errors.map((e) => [e.line, e.code]) };
    };
    const onSqlServer = await validated('mssql_training');
    expect(onSqlServer.errors).toEqual((await validated('sqlite_copy')).errors);
    expect(onSqlServer.batch.error_row_count).toBe(1);

    const batchId = onSqlServer.batch.batch_id;
    await engine.imports.signoff({ batchId, reviewer: 'Pat QA', reviewedSha256: onSqlServer.batch.content_sha256! }, cli);
    expect(await engine.imports.push({ batchId }, cli)).toMatchObject({ connectionId: 'mssql_training', pushedRows: 3, skippedRows: 1 });
    expect((await adminRows<{ n: number }>(`SELECT COUNT(*) AS n FROM [${demoDb}].dbo.import_staging_exemptions WHERE batch_id = '${batchId}'`))[0].n).toBe(3);

    const doctorOltp = await doctorConnection(engine, 'mssql_oltp');
    expect(doctorOltp.operations.find((o) => o.name === 'import promote')).toMatchObject({ status: 'works' });
    expect(doctorOltp.operations.filter((o) => o.status === 'fails')).toEqual([]);
    expect((await doctorConnection(engine, 'mssql_training')).operations.filter((o) => o.status === 'fails')).toEqual([]);

    await setPromotionProcedure(engine, { connectionId: 'mssql_oltp', kind: 'exemptions', procedure: PROMOTION_PROCEDURES.exemptions }, ui);
    const promoted = await engine.imports.promote({ batchId, targetConnectionId: 'mssql_oltp', confirmTarget: 'mssql_oltp' }, ui);
    expect(promoted).toMatchObject({ appliedRows: 3, alreadyPromoted: false });
    for (const o of owners) {
      expect(await adminRows(`SELECT exmpt_type_cd FROM [${oltpDb}].dbo.property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ${o.prop_id} AND owner_id = ${o.owner_id}`)).toEqual([{ exmpt_type_cd: 'EX' }]);
    }
    expect(await adminRows(`SELECT applied_count FROM [${oltpDb}].dbo.import_promotions WHERE batch_id = '${batchId}'`)).toEqual([{ applied_count: 3 }]);
    // The local record lost: the procedure's ledger says so, and nothing is applied twice.
    await engine.store.run("UPDATE import_batches SET status = 'pushed_to_training' WHERE batch_id = ?", [batchId]);
    expect(await engine.imports.promote({ batchId, targetConnectionId: 'mssql_oltp', confirmTarget: 'mssql_oltp' }, ui)).toMatchObject({ alreadyPromoted: true, appliedRows: 0 });

    // A batch the training copy does not have: the procedure refuses and everything is rolled back. With XACT_ABORT the
    // transaction is doomed, so the procedure rolls it back whole and SQL Server adds 266; rolled back to the savepoint, it is the refusal alone.
    const second = await validated('mssql_training');
    await engine.imports.signoff({ batchId: second.batch.batch_id, reviewer: 'Pat QA', reviewedSha256: second.batch.content_sha256! }, cli);
    await engine.imports.push({ batchId: second.batch.batch_id }, cli);
    await adminQuery(`DELETE FROM [${demoDb}].dbo.import_staging_batches WHERE batch_id = '${second.batch.batch_id}'`);
    const refused = await engine.imports.promote({ batchId: second.batch.batch_id, targetConnectionId: 'mssql_oltp', confirmTarget: 'mssql_oltp' }, ui).catch((err: unknown) => err);
    expect(refused instanceof TransactionEndedError || refused instanceof WriteRefusedError, String(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/not in the training staging tables with this review sha256.*Nothing was written/);
    expect((await engine.imports.get(second.batch.batch_id)).status).toBe('pushed_to_training');
    expect(await adminRows(`SELECT batch_id FROM [${oltpDb}].dbo.import_promotions WHERE batch_id = '${second.batch.batch_id}'`)).toEqual([]);
  });

  it('text parameters reach the server as VARCHAR, so the indexed columns are compared without conversion', async () => {
    const c = connector(demoDb, 'production');
    const reader = new PacsReader({ id: 'live', kind: 'sqlserver', role: 'production', description: '', config: {}, is_default: false, origin: 'user' as const, confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' }, c);
    const [owner] = await adminRows<{ file_as_name: string }>(`SELECT TOP (1) file_as_name FROM [${demoDb}].dbo.account WHERE file_as_name IS NOT NULL ORDER BY acct_id`);
    await searchParcels(reader, { query: owner.file_as_name.split(' ')[0], year: 2026, limit: 5 });
    const plans = await adminRows<{ text: string; plan: string }>(`SELECT st.text, CAST(qp.query_plan AS nvarchar(max)) AS [plan]
        FROM sys.dm_exec_cached_plans cp CROSS APPLY sys.dm_exec_sql_text(cp.plan_handle) st CROSS APPLY sys.dm_exec_query_plan(cp.plan_handle) qp
       WHERE st.dbid = DB_ID(N'${demoDb}') AND st.text LIKE N'%a.file_as_name LIKE @p6%'`);
    expect(plans.length).toBeGreaterThan(0);
    for (const { text, plan } of plans) {
      expect(text).toMatch(/@p1 varchar\(70\),@p2 varchar\(70\),@p3 int,@p4 varchar\(50\),@p5 varchar\(70\),@p6 varchar\(70\)/);
      expect(plan).not.toMatch(/CONVERT_IMPLICIT\(nvarchar[^,]*,\[[^\]]+\]\.\[dbo\]\.\[(property|situs|account)\]/);
    }
  });

  it('reads at SNAPSHOT where the database allows it, and gives up after the lock timeout where it does not', async () => {
    const mssql = (await import('mssql')).default;
    await adminQuery(`ALTER DATABASE [${demoDb}] SET ALLOW_SNAPSHOT_ISOLATION ON;`);
    await adminQuery(`USE [${scriptDb}]; IF OBJECT_ID(N'dbo.lock_probe') IS NULL CREATE TABLE dbo.lock_probe (id INT PRIMARY KEY, v INT); INSERT INTO dbo.lock_probe VALUES (1, 1);`);
    const [parcel] = await adminRows<{ prop_id: number }>(`SELECT TOP (1) prop_id FROM [${demoDb}].dbo.property ORDER BY prop_id`);
    // Another session writes and holds its locks.
    const writer = new mssql.Transaction(admin);
    await writer.begin();
    try {
      await new mssql.Request(writer).query(`UPDATE [${demoDb}].dbo.property SET geo_id = geo_id WHERE prop_id = ${parcel.prop_id}; UPDATE [${scriptDb}].dbo.lock_probe SET v = 2 WHERE id = 1;`);
      const snapshot = connector(demoDb, 'production');
      expect((await snapshot.readIsolation()).level).toBe('snapshot');
      const started = Date.now();
      expect((await snapshot.query('SELECT prop_id FROM property WHERE prop_id = ?', [parcel.prop_id], { maxRows: 1, timeoutMs: 10_000 })).rows).toEqual([{ prop_id: parcel.prop_id }]);
      expect(Date.now() - started).toBeLessThan(5_000);

      const committed = new SqlServerConnector({ ...record(scriptDb, 'production'), config: { ...record(scriptDb, 'production').config, lock_timeout_ms: 1_000 } }, target.password);
      connectors.push(committed);
      expect((await committed.readIsolation()).level).toBe('read_committed');
      const blocked = Date.now();
      await expect(committed.query('SELECT v FROM lock_probe WHERE id = ?', [1], { maxRows: 1, timeoutMs: 10_000 })).rejects.toBeInstanceOf(SourceBusyError);
      expect(Date.now() - blocked).toBeLessThan(5_000);
    } finally {
      await writer.rollback();
    }
  });
});
