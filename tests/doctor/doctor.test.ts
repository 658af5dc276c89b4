import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { loadDemoInto } from '../../mcp/demo/load-demo-into-source.js';
import { doctorConnection } from '../../mcp/doctor/doctor-connection.js';
import { runDoctor, type DoctorReport } from '../../mcp/doctor/doctor.js';
import { PACS_USAGE, type OperationUsage } from '../../mcp/doctor/pacs-usage.js';
import { STAGING_SYNONYMS } from '../../mcp/imports/promotion-procedures.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { callTool } from '../../mcp/tools/call-tool.js';
import { testConnectionTool } from '../../mcp/tools/test-connection.js';
import { openImportEngine, sqliteAll, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { RecordingConnector } from '../helpers/recording-connector.js';
import { postgresAvailable } from '../helpers/system.js';

/**
 * `pacs-mcp doctor` on copies of the demo PACS database: a complete one (every operation that runs
 * there works), a SQLite copy with a column removed and its file made read-only, and a PostgreSQL
 * copy with a column removed and logins that lack rights. The operations it names are checked
 * against what resources/pacs-usage.json says each one uses, so the names come from the code.
 */

let t: ImportTestEngine;
beforeAll(async () => {
  t = await openImportEngine(150);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const byStatus = (report: DoctorReport, status: 'works' | 'fails' | 'not_here') => report.operations.filter((o) => o.status === status).map((o) => o.name).sort();
/** Operations for a connection of `role` that use `table.column`, by the usage file. */
const using = (role: string, table: string, column: string) =>
  PACS_USAGE.operations
    .filter((op) => op.role === 'any' || op.role === role)
    .filter((op) => (['reads', 'inserts', 'updates'] as const).some((k) => op[k][table]?.includes(column)))
    .map((op) => op.name);
const writing = (op: OperationUsage) => Object.keys(op.inserts).length + Object.keys(op.updates).length + op.deletes.length > 0;

describe('doctor on the demo database', () => {
  it('finds every table, column, type and right the operations use, and says each operation for a training connection works', async () => {
    const report = await doctorConnection(t.engine, 'demo');
    expect(report).toMatchObject({ connection_id: 'demo', kind: 'sqlite', role: 'training', connected: true, problems: [] });
    expect(report.version).toMatch(/^SQLite \d/);
    expect(byStatus(report, 'fails')).toEqual([]);
    expect(byStatus(report, 'works')).toEqual(PACS_USAGE.operations.filter((op) => op.role !== 'production').map((op) => op.name).sort());
    expect(byStatus(report, 'not_here')).toEqual(['import promote', 'import promote (built-in)']);
    expect(report.checked.tables).toBeGreaterThan(20);
    expect(report.checked.columns).toBeGreaterThan(100);
    expect(report.checked.rights).toBeGreaterThan(20);
  });
});

describe('doctor on a SQLite copy with a column removed and its file read-only', () => {
  let file: string;
  let immutable = false;
  beforeAll(async () => {
    file = path.join(t.dir, 'broken-copy.sqlite');
    fs.copyFileSync(t.demoFile, file);
    const { SqliteDb } = await import('../../mcp/store/sqlite-db.js');
    const db = await SqliteDb.open(file);
    for (const index of await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'account' AND sql LIKE '%file_as_name%'")) await db.exec(`DROP INDEX "${index.name}"`);
    await db.exec('ALTER TABLE account DROP COLUMN file_as_name');
    await db.close();
    await t.engine.connections.upsert({ id: 'broken_sqlite', kind: 'sqlite', role: 'training', description: '', config: { file } });
    // Take the write right away: as root only the immutable flag stops a write.
    immutable = process.getuid?.() === 0 ? spawnSync('chattr', ['+i', file]).status === 0 : (fs.chmodSync(file, 0o444), true);
  });
  afterAll(() => {
    if (process.getuid?.() === 0) spawnSync('chattr', ['-i', file]);
  });

  it('names every operation that reads the missing column, and only those, with the column', async () => {
    const report = await doctorConnection(t.engine, 'broken_sqlite');
    const missing = using('training', 'account', 'file_as_name');
    expect(missing).toEqual(expect.arrayContaining(['search_parcels', 'get_parcel']));
    expect(report.problems).toContainEqual({ subject: 'account.file_as_name', problem: 'column account.file_as_name is missing', operations: missing });
    for (const name of missing) expect(report.operations.find((o) => o.name === name)!.reasons).toContain('column account.file_as_name is missing');
    expect(report.operations.find((o) => o.name === 'list_appeals')!.status).toBe('works');
  });

  it.runIf(process.platform !== 'win32')('names every operation that writes once the file cannot be written', async () => {
    if (!immutable) return console.warn('[not run] the read-only part: this file system has no immutable flag');
    const report = await doctorConnection(t.engine, 'broken_sqlite');
    const writers = PACS_USAGE.operations.filter((op) => op.role === 'training' && writing(op)).map((op) => op.name);
    expect(writers).toEqual(expect.arrayContaining(['route_appeal', 'import push', 'export_parcel_snapshot (write_to_training)']));
    const failing = byStatus(report, 'fails');
    expect(failing).toEqual([...new Set([...writers, ...using('training', 'account', 'file_as_name')])].sort());
    expect(report.operations.find((o) => o.name === 'route_appeal')!.reasons).toContain('the login may not UPDATE _arb_protest');
  });
});

describe.runIf(postgresAvailable())('doctor on a PostgreSQL copy with a column removed and rights revoked', () => {
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql('CREATE DATABASE pacs_copy');
    const loader = new PostgresConnector({ id: 'loader', role: 'training', config: { host: '127.0.0.1', port: pg.port, database: 'pacs_copy', user: 'postgres' } }, undefined);
    await loadDemoInto(loader, { file: t.demoFile });
    await loader.close();
    pg.psql(
      `ALTER TABLE _arb_protest_status DROP COLUMN close_case;
       CREATE ROLE pacs_app LOGIN; CREATE ROLE pacs_reader LOGIN;
       GRANT USAGE ON SCHEMA public TO pacs_app, pacs_reader;
       GRANT SELECT ON ALL TABLES IN SCHEMA public TO pacs_app, pacs_reader;
       GRANT INSERT ON import_staging_batches, import_staging_exemptions, import_staging_property_values, import_staging_errors, export_snapshot_parcel_timeline TO pacs_app;
       GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO pacs_app;
       GRANT UPDATE ON _arb_protest_hearing_docket TO pacs_app;
       GRANT UPDATE ON _arb_protest TO pacs_app;
       REVOKE UPDATE ON _arb_protest FROM pacs_app;
       REVOKE SELECT ON phone FROM pacs_app;`,
      'pacs_copy',
    );
    const pgConfig = (user: string) => ({ host: '127.0.0.1', port: pg.port, database: 'pacs_copy', user });
    await t.engine.connections.upsert({ id: 'pg_copy', kind: 'postgres', role: 'training', description: '', config: pgConfig('pacs_app') });
    await t.engine.connections.upsert({ id: 'pg_oltp', kind: 'postgres', role: 'production', description: '', config: pgConfig('pacs_reader') });
    await setPromotionProcedure(t.engine, { connectionId: 'pg_oltp', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, actorFor('ui'));
  }, 300_000);
  afterAll(() => pg?.stop());

  it('a training login: the operations that read the dropped column, route_appeal without UPDATE on _arb_protest, snapshots without SELECT on phone', async () => {
    const report = await doctorConnection(t.engine, 'pg_copy');
    expect(report).toMatchObject({ connected: true, kind: 'postgres', role: 'training' });
    expect(report.version).toMatch(/^PostgreSQL 15/);
    const noCloseCase = using('training', '_arb_protest_status', 'close_case');
    expect(noCloseCase).toEqual(expect.arrayContaining(['list_appeals', 'get_parcel', 'route_appeal']));
    const noPhone = PACS_USAGE.operations.filter((op) => op.role !== 'production' && op.reads.phone).map((op) => op.name);
    expect(noPhone).toEqual(['export_parcel_snapshot']);
    expect(byStatus(report, 'fails')).toEqual([...new Set([...noCloseCase, 'route_appeal', ...noPhone])].sort());
    const route = report.operations.find((o) => o.name === 'route_appeal')!;
    expect(route.reasons).toEqual(expect.arrayContaining(['column _arb_protest_status.close_case is missing', 'the login may not UPDATE _arb_protest']));
    expect(report.operations.find((o) => o.name === 'export_parcel_snapshot')!.reasons).toEqual(['the login may not SELECT phone']);
    expect(report.operations.find((o) => o.name === 'search_parcels')!.status).toBe('works');
    expect(report.operations.find((o) => o.name === 'import push')!.status).toBe('works');
  });

  it('a production login that may only read: the built-in promotion will not work, and says which writes it lacks', async () => {
    const report = await doctorConnection(t.engine, 'pg_oltp');
    const promote = report.operations.find((o) => o.name === 'import promote (built-in)')!;
    expect(promote.status).toBe('fails');
    expect(promote.reasons).toEqual(expect.arrayContaining(['the login may not INSERT property_exemption', 'the login may not DELETE property_exemption', 'the login may not UPDATE property_val', 'the login may not INSERT import_promotions']));
    expect(report.operations.find((o) => o.name === 'route_appeal')).toMatchObject({ status: 'not_here', reasons: [expect.stringMatching(/runs on a training connection/)] });
    expect(report.operations.find((o) => o.name === 'import promote')).toMatchObject({ status: 'not_here' });
    expect(report.operations.find((o) => o.name === 'search_parcels')!.status).toBe('works');
  });

  it('test_connection with compatibility: true answers with the same report', async () => {
    const output = await callTool(t.engine, { channel: 'mcp' }, testConnectionTool, { connection_id: 'pg_copy', compatibility: true }, { signal: new AbortController().signal, progress: async () => undefined });
    const structured = output.structured as { ok: boolean; compatibility: DoctorReport };
    expect(structured.ok).toBe(true);
    expect(structured.compatibility.operations).toEqual((await doctorConnection(t.engine, 'pg_copy')).operations);
    expect(output.text).toMatch(/route_appeal +WILL NOT WORK: .*the login may not UPDATE _arb_protest/);
    const plain = await callTool(t.engine, { channel: 'mcp' }, testConnectionTool, { connection_id: 'pg_copy' }, { signal: new AbortController().signal, progress: async () => undefined });
    expect(plain.structured).not.toHaveProperty('compatibility');
  });
});

describe('doctor on a SQL Server production connection', () => {
  it('checks the allowlisted promotion procedures and what they read in the training database', async () => {
    // The demo behind a T-SQL-speaking connector: it has no procedures and no other database, so both are reported missing.
    const connector = new RecordingConnector(new SqliteConnector({ file: t.demoFile }, { id: 'oltp', role: 'production' }), 'pacs_oltp');
    const record = { id: 'oltp', kind: 'sqlserver' as const, role: 'production' as const, description: '', config: { server: 'jcharrispacs', database: 'pacs_oltp' }, is_default: false, origin: 'user' as const, confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' };
    try {
      const report = await runDoctor(record, connector, { promotionProcedures: ['dbo.pacs_mcp_promote_exemptions'], trainingDatabase: 'pacs_training', trainingStagingTables: Object.values(STAGING_SYNONYMS) });
      const promote = report.operations.find((o) => o.name === 'import promote')!;
      expect(promote.status).toBe('fails');
      expect(promote.reasons).toEqual([
        'procedure dbo.pacs_mcp_promote_exemptions is not installed, or this login cannot see it',
        ...Object.values(STAGING_SYNONYMS).map((table) => `pacs_training.dbo.${table} cannot be read from here: the login has no user in pacs_training, or the table is missing`),
      ]);
      expect(report.operations.find((o) => o.name === 'import promote (built-in)')).toMatchObject({ status: 'not_here', reasons: ['SQL Server promotions run procedures, not built-in statements'] });
      expect(report.operations.find((o) => o.name === 'route_appeal')!.status).toBe('not_here');
      expect(report.operations.find((o) => o.name === 'search_parcels')!.status).toBe('works');
      const unconfigured = await runDoctor(record, connector, { promotionProcedures: [], trainingDatabase: null, trainingStagingTables: [] });
      expect(unconfigured.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/No promotion procedure is allowlisted for "oltp" yet/), expect.stringMatching(/cross-database reads were not checked/)]));
      expect(unconfigured.operations.find((o) => o.name === 'import promote')!.reasons).toEqual([
        'procedure dbo.pacs_mcp_promote_exemptions is not installed, or this login cannot see it',
        'procedure dbo.pacs_mcp_promote_property_values is not installed, or this login cannot see it',
      ]);
    } finally {
      await connector.close();
    }
  });
});

describe('doctor reads what the database really has', () => {
  it('a connection that cannot connect: every operation for it fails, saying why', async () => {
    await t.engine.connections.upsert({ id: 'gone', kind: 'sqlite', role: 'training', description: '', config: { file: path.join(t.dir, 'no-such.sqlite') } });
    const report = await doctorConnection(t.engine, 'gone');
    expect(report.connected).toBe(false);
    expect(byStatus(report, 'works')).toEqual([]);
    expect(report.operations.find((o) => o.name === 'search_parcels')!.reasons[0]).toMatch(/cannot connect: The SQLite file .* does not exist/);
    expect(await sqliteAll(t.demoFile, 'SELECT COUNT(*) AS n FROM situs')).toEqual([{ n: expect.any(Number) }]);
  });
});
