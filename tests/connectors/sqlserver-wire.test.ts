import { afterEach, describe, expect, it } from 'vitest';
import { QueryCancelledError, QueryTimeoutError, type QueryOptions } from '../../mcp/connectors/connector.js';
import { SqlServerConnector } from '../../mcp/connectors/sqlserver/sqlserver-connector.js';
import { SourceBusyError } from '../../mcp/connectors/sqlserver/sqlserver-errors.js';
import type { ConnectionRecord } from '../../mcp/connections/connection-types.js';
import { listAppeals } from '../../mcp/pacs/appeal-queries.js';
import { PacsReader } from '../../mcp/pacs/pacs-reader.js';
import { searchParcels } from '../../mcp/pacs/parcel-queries.js';
import { startRecordingTdsServer, type Answer, type RecordedRequest, type RecordingTdsServer } from '../helpers/recording-tds-server.js';

/**
 * What the SQL Server connector puts on the wire, recorded by a stand-in server that speaks TDS
 * to the real driver (tedious through mssql): the parameter declarations of each sp_executesql
 * call, the isolation each read transaction begins with, the lock timeout each read statement
 * carries, the read-only intent of the login, and how a lock timeout, a database that stopped
 * allowing snapshots and a server that never answers a stream come back.
 */

const READ: QueryOptions = { maxRows: 100, timeoutMs: 10_000 };
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

const isolationRows = (state: string): Answer => ({ rows: [{ snapshot_state: state, read_committed_snapshot: 0 }] });

async function serverAnswering(answer: (request: RecordedRequest) => Answer | undefined, snapshot = 'ON'): Promise<RecordingTdsServer> {
  const server = await startRecordingTdsServer((request) => (request.kind === 'batch' && request.text.includes('sys.databases') ? isolationRows(snapshot) : answer(request)));
  open.push(server);
  return server;
}

function connectorOn(server: RecordingTdsServer, role: ConnectionRecord['role'] = 'production', extra: Record<string, unknown> = {}): SqlServerConnector {
  const connector = new SqlServerConnector(
    {
      id: role === 'production' ? 'pacs_oltp' : 'pacs_training',
      role,
      config: { server: '127.0.0.1', port: server.port, database: 'pacs_oltp', authentication: 'sql', user: 'reader', encrypt: false, connect_timeout_ms: 5_000, request_timeout_ms: 10_000, ...extra },
    },
    'reader-password',
  );
  open.push(connector);
  return connector;
}

const rpcs = (server: RecordingTdsServer) => server.requests().filter((r): r is Extract<RecordedRequest, { kind: 'rpc' }> => r.kind === 'rpc' && r.statement !== 'SELECT 1;');
const shape = (r: RecordedRequest) => (r.kind === 'rpc' ? `rpc: ${r.statement}` : r.kind === 'transaction' ? `${r.operation}${r.isolation ? ` (${r.isolation})` : ''}` : `batch: ${r.text}`);
/** `@p1 varchar(10),@p2 int` → { '@p1': 'varchar(10)', … }. */
const declared = (declarations: string) => Object.fromEntries(declarations.split(',').filter(Boolean).map((d) => d.trim().split(' ') as [string, string]));

const record = (connector: SqlServerConnector): ConnectionRecord => ({ id: 'pacs_oltp', kind: 'sqlserver', role: 'production', description: '', config: {}, is_default: false, origin: 'user' as const, confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' });

describe('parameters take the type of the column they meet', () => {
  it('search_parcels and list_appeals: VARCHAR for varchar and char columns, at least the column length, INT for numbers', async () => {
    const server = await serverAnswering((r) =>
      r.kind === 'rpc' && r.statement.includes('FROM _arb_protest_status ORDER BY') ? { rows: [{ status_cd: 'PROT', status_desc: 'Protested', close_case: 'F' }, { status_cd: 'HEAR', status_desc: 'Hearing', close_case: 'F' }] } : undefined,
    );
    const connector = connectorOn(server);
    const reader = new PacsReader(record(connector), connector);
    await searchParcels(reader, { query: 'SMITH', hood_cd: 'N1', prop_type_cd: 'R', year: 2026, limit: 25 });
    await searchParcels(reader, { query: '123', year: 2026, limit: 5 });
    await listAppeals(reader, { year: 2026, statuses: ['prot', 'HEAR'], openOnly: true, unassignedOnly: false, limit: 10 });

    const [search, numeric, , appeals] = rpcs(server);
    expect(search.statement).toMatch(/^SET LOCK_TIMEOUT 5000; SELECT TOP \(26\) /);
    // The owner that matched (shown), then the year, the street and the owner names of the search itself, then the filters:
    // the two account names varchar(70); prop_val_yr numeric(4,0); situs_street varchar(50); hood_cd varchar(10); prop_type_cd char(5).
    expect(declared(search.declarations)).toEqual({
      '@p1': 'varchar(70)',
      '@p2': 'varchar(70)',
      '@p3': 'int',
      '@p4': 'varchar(50)',
      '@p5': 'varchar(70)',
      '@p6': 'varchar(70)',
      '@p7': 'varchar(10)',
      '@p8': 'varchar(5)',
    });
    expect(search.statement).toContain('sa.situs_street LIKE @p4');
    expect(search.statement).toContain('a.confidential_file_as_name LIKE @p5');
    expect(search.statement).toContain('a.file_as_name LIKE @p6');
    // A number is a parcel id or the start of a geo id written without its separators: the geo id is compared with its
    // separators taken out, an expression no index serves, so its text keeps the driver's type.
    expect(declared(numeric.declarations)).toMatchObject({ '@p1': 'int', '@p2': 'int' });
    expect(numeric.statement).toContain('p.prop_id = @p2 OR REPLACE(');
    expect(declared(appeals.declarations)).toEqual({ '@p1': 'int', '@p2': 'varchar(10)', '@p3': 'varchar(10)' });
    expect(appeals.statement).toContain('ap.prot_status IN (@p2, @p3)');
  });

  it('text longer than its column goes whole, and text beyond ASCII goes as NVARCHAR', async () => {
    const server = await serverAnswering(() => undefined);
    const connector = connectorOn(server);
    await connector.query('SELECT prop_id FROM property_val WHERE hood_cd = ?', ['A-NEIGHBORHOOD-CODE-TOO-LONG'], READ);
    await connector.query('SELECT acct_id FROM account WHERE file_as_name = ?', ['MÜLLER HANS'], READ);
    await connector.query('SELECT prop_id FROM property WHERE geo_id = ?', [null], READ);
    const [long, unicode, nothing] = rpcs(server);
    expect(long.declarations).toBe('@p1 varchar(28)');
    expect(unicode.declarations).toMatch(/^@p1 nvarchar\(\d+\)$/);
    expect(nothing.declarations).toBe('@p1 varchar(50)');
  });
});

describe('reads do not wait long for PACS writers', () => {
  it('SNAPSHOT where the database allows it, read once per connection; READ COMMITTED where it does not', async () => {
    for (const [state, isolation] of [
      ['ON', 'snapshot'],
      ['OFF', 'read committed'],
      ['IN_TRANSITION_TO_ON', 'read committed'],
    ] as const) {
      const server = await serverAnswering(() => undefined, state);
      const connector = connectorOn(server);
      await connector.query('SELECT prop_id FROM property WHERE prop_id = ?', [1], READ);
      await connector.query('SELECT prop_id FROM property WHERE prop_id = ?', [2], READ);
      for await (const batch of connector.streamBatches('SELECT prop_id FROM property', [], 100)) void batch;
      expect(await connector.readIsolation()).toMatchObject({ level: isolation === 'snapshot' ? 'snapshot' : 'read_committed', snapshotState: state });
      const requests = server.requests().filter((r) => !(r.kind === 'rpc' && r.statement === 'SELECT 1;'));
      expect(requests.filter((r) => r.kind === 'batch' && r.text.includes('sys.databases')).length, 'one isolation check').toBe(1);
      expect(requests.filter((r) => r.kind !== 'batch').map(shape)).toEqual([
        `begin (${isolation})`,
        'rpc: SET LOCK_TIMEOUT 5000; SELECT prop_id FROM property WHERE prop_id = @p1',
        'rollback',
        `begin (${isolation})`,
        'rpc: SET LOCK_TIMEOUT 5000; SELECT prop_id FROM property WHERE prop_id = @p1',
        'rollback',
        `begin (${isolation})`,
        'rpc: SET LOCK_TIMEOUT 5000; SELECT prop_id FROM property',
        'rollback',
      ]);
    }
  });

  it('a lock held longer than lock_timeout_ms says the source is busy', async () => {
    const server = await serverAnswering((r) => (r.kind === 'rpc' && r.statement.includes('FROM property') ? { errors: [{ number: 1222, message: 'Lock request time out period exceeded.' }] } : undefined));
    const connector = connectorOn(server, 'production', { lock_timeout_ms: 2_000 });
    const failure = await connector.query('SELECT prop_id FROM property', [], READ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SourceBusyError);
    expect((failure as Error).message).toMatch(/locked for longer than 2 s.*snapshot isolation/);
    expect(rpcs(server)[0].statement).toMatch(/^SET LOCK_TIMEOUT 2000; /);
  });

  it('a database that stops allowing snapshots (3952) is read again at READ COMMITTED', async () => {
    let refusals = 0;
    const server = await serverAnswering((r) => {
      if (r.kind === 'rpc' && r.statement.includes('FROM property') && refusals === 0) {
        refusals += 1;
        return { errors: [{ number: 3952, message: 'Snapshot isolation transaction failed accessing database because snapshot isolation is not allowed in this database.' }] };
      }
      return r.kind === 'rpc' && r.statement.includes('FROM property') ? { rows: [{ prop_id: 7 }] } : undefined;
    });
    const connector = connectorOn(server);
    expect((await connector.query('SELECT prop_id FROM property', [], READ)).rows).toEqual([{ prop_id: 7 }]);
    const isolations = server.requests().flatMap((r) => (r.kind === 'transaction' && r.operation === 'begin' ? [r.isolation] : []));
    expect(isolations).toEqual(['snapshot', 'read committed']);
    expect((await connector.readIsolation()).level).toBe('read_committed');
  });

  it('a stream whose first rows never come is stopped after stream_timeout_ms', async () => {
    const server = await serverAnswering((r) => (r.kind === 'rpc' && r.statement.includes('FROM property_val') ? 'silence' : undefined));
    const connector = connectorOn(server, 'production', { stream_timeout_ms: 1_000 });
    const started = Date.now();
    const drain = async () => {
      for await (const batch of connector.streamBatches('SELECT prop_id FROM property_val', [], 100)) void batch;
    };
    const failure = await drain().catch((err: unknown) => err);
    expect((failure as { code?: string }).code).toBe('ETIMEOUT');
    expect(Date.now() - started).toBeLessThan(8_000);
    // The connection is still usable.
    await expect(connector.query('SELECT 1 AS one', [], READ)).resolves.toBeDefined();
  });

  it('a read past its own timeout is stopped by the connector: at the caller\'s timeout when it is shorter than the connection\'s, and not before', async () => {
    const server = await serverAnswering((r) => (r.kind === 'rpc' && r.statement.includes('WAITFOR') ? 'silence' : undefined));
    const connector = connectorOn(server);
    const started = Date.now();
    await expect(connector.query("SELECT 1 WHERE 1 = 1 -- WAITFOR", [], { maxRows: 1, timeoutMs: 2_500 })).rejects.toBeInstanceOf(QueryTimeoutError);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2_400);
    expect(elapsed).toBeLessThan(7_000);
  });

  it('a read that fails for another reason is not read again, and a read refused for snapshots and then locked out says the source is busy', async () => {
    let refusals = 0;
    const server = await serverAnswering((r) => {
      if (r.kind !== 'rpc') return undefined;
      if (r.statement.includes('FROM missing')) return { errors: [{ number: 208, message: "Invalid object name 'missing'." }] };
      if (!r.statement.includes('FROM property')) return undefined;
      refusals += 1;
      return refusals === 1
        ? { errors: [{ number: 3952, message: 'Snapshot isolation transaction failed accessing database because snapshot isolation is not allowed in this database.' }] }
        : { errors: [{ number: 1222, message: 'Lock request time out period exceeded.' }] };
    });
    const connector = connectorOn(server);
    const begins = () => server.requests().flatMap((r) => (r.kind === 'transaction' && r.operation === 'begin' ? [r.isolation] : []));
    await expect(connector.query('SELECT a FROM missing', [], READ)).rejects.toThrow(/Invalid object name/);
    expect(begins()).toEqual(['snapshot']);
    expect((await connector.readIsolation()).level).toBe('snapshot');
    const failure = await connector.query('SELECT prop_id FROM property', [], READ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(SourceBusyError);
    expect(begins()).toEqual(['snapshot', 'snapshot', 'read committed']);
  });

  it('reads every row of queryAll in one transaction that is rolled back', async () => {
    const server = await serverAnswering((r) => (r.kind === 'rpc' && r.statement.includes('FROM property') ? { rows: [{ prop_id: 1 }, { prop_id: 2 }] } : undefined));
    const connector = connectorOn(server);
    expect(await connector.queryAll('SELECT prop_id FROM property', [], { timeoutMs: 10_000 })).toEqual([{ prop_id: 1 }, { prop_id: 2 }]);
    expect(server.requests().flatMap((r) => (r.kind === 'transaction' ? [shape(r)] : []))).toEqual(['begin (snapshot)', 'rollback']);
  });

  it('streams rows in batches; a stream cancelled between batches, or while the server says nothing, stops and is rolled back', async () => {
    const server = await serverAnswering((r) => {
      if (r.kind !== 'rpc') return undefined;
      if (r.statement.includes('FROM property_val')) return 'silence';
      return r.statement.includes('FROM property') ? { rows: [1, 2, 3, 4, 5].map((prop_id) => ({ prop_id })) } : undefined;
    });
    const connector = connectorOn(server, 'production', { stream_timeout_ms: 20_000 });
    const sizes: number[] = [];
    for await (const batch of connector.streamBatches('SELECT prop_id FROM property', [], 2)) sizes.push(batch.length);
    expect(sizes).toEqual([2, 2, 1]);

    const between = new AbortController();
    const seen: number[] = [];
    const cancelledBetween = (async () => {
      for await (const batch of connector.streamBatches('SELECT prop_id FROM property', [], 2, between.signal)) {
        seen.push(batch.length);
        between.abort();
      }
    })();
    await expect(cancelledBetween).rejects.toBeInstanceOf(QueryCancelledError);
    expect(seen).toEqual([2]);

    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 300);
    const started = Date.now();
    const cancelledWaiting = (async () => {
      for await (const batch of connector.streamBatches('SELECT prop_id FROM property_val', [], 2, waiting.signal)) void batch;
    })();
    await expect(cancelledWaiting).rejects.toBeInstanceOf(QueryCancelledError);
    expect(Date.now() - started).toBeLessThan(10_000);

    const operations = server.requests().flatMap((r) => (r.kind === 'transaction' ? [r.operation] : []));
    expect(operations).toEqual(['begin', 'rollback', 'begin', 'rollback', 'begin', 'rollback']);
  });

  it('a stream refused for snapshot isolation (3952) turns later reads to READ COMMITTED; a stream failing otherwise does not', async () => {
    const server = await serverAnswering((r) => {
      if (r.kind !== 'rpc') return undefined;
      if (r.statement.includes('FROM missing')) return { errors: [{ number: 208, message: "Invalid object name 'missing'." }] };
      return r.statement.includes('FROM property')
        ? { errors: [{ number: 3952, message: 'Snapshot isolation transaction failed accessing database because snapshot isolation is not allowed in this database.' }] }
        : undefined;
    });
    const connector = connectorOn(server);
    const drain = async (sql: string) => {
      for await (const batch of connector.streamBatches(sql, [], 10)) void batch;
    };
    await expect(drain('SELECT a FROM missing')).rejects.toThrow(/Invalid object name/);
    expect((await connector.readIsolation()).level).toBe('snapshot');
    await expect(drain('SELECT prop_id FROM property')).rejects.toThrow(/Snapshot isolation/);
    expect((await connector.readIsolation()).level).toBe('read_committed');
  });
});

describe('ApplicationIntent=ReadOnly', () => {
  it('reads log in with read-only intent when the connection asks; writes always go through a read-write login', async () => {
    const server = await serverAnswering(() => undefined);
    const training = connectorOn(server, 'training', { read_only_intent: true });
    await training.query('SELECT prop_id FROM property', [], READ);
    const readLogins = server.logins().length;
    expect(readLogins).toBeGreaterThan(0);
    expect(server.logins().every((l) => l.readOnlyIntent)).toBe(true);
    await training.writeTransaction((tx) => tx.execute('UPDATE _arb_protest SET prot_status = ? WHERE prop_id = ?', ['HEAR', 1]));
    const writeLogins = server.logins().slice(readLogins);
    expect(writeLogins.length).toBeGreaterThan(0);
    expect(writeLogins.every((l) => !l.readOnlyIntent)).toBe(true);
    const update = rpcs(server).find((r) => r.statement.startsWith('UPDATE'))!;
    expect(update.statement).toBe('UPDATE _arb_protest SET prot_status = @p1 WHERE prop_id = @p2');
    expect(declared(update.declarations)).toEqual({ '@p1': 'varchar(10)', '@p2': 'int' });

    const plain = await serverAnswering(() => undefined);
    await connectorOn(plain).query('SELECT 1 AS one', [], READ);
    expect(plain.logins().length).toBeGreaterThan(0);
    expect(plain.logins().every((l) => !l.readOnlyIntent && l.database === 'pacs_oltp')).toBe(true);
  });
});

describe('what doctor asks SQL Server', () => {
  it('rights through HAS_PERMS_BY_NAME in one statement (1 granted, 0 refused, NULL no such object), three-part names across databases', async () => {
    const server = await serverAnswering((r) =>
      r.kind === 'rpc' && r.statement.includes('HAS_PERMS_BY_NAME')
        ? { rows: [{ i: 0, granted: 1 }, { i: 1, granted: 0 }, { i: 2, granted: null }], columns: [{ name: 'i', type: 'int' }, { name: 'granted', type: 'int' }] }
        : undefined,
    );
    const connector = connectorOn(server);
    const granted = await connector.privileges([
      { privilege: 'SELECT', object: 'property' },
      { privilege: 'EXECUTE', object: 'dbo.pacs_mcp_promote_exemptions' },
      { privilege: 'SELECT', object: 'dbo.import_staging_batches', database: 'pacs_training' },
    ]);
    expect(granted).toEqual([true, false, null]);
    const [call] = rpcs(server).filter((r) => r.statement.includes('HAS_PERMS_BY_NAME'));
    expect(call.statement).toBe(
      "SET LOCK_TIMEOUT 5000; SELECT v.i, HAS_PERMS_BY_NAME(v.securable, 'OBJECT', v.permission) AS granted FROM (VALUES (@p1, @p2, @p3), (@p4, @p5, @p6), (@p7, @p8, @p9)) AS v(i, securable, permission)",
    );
    expect(call.values).toEqual([0, '[dbo].[property]', 'SELECT', 1, '[dbo].[pacs_mcp_promote_exemptions]', 'EXECUTE', 2, '[pacs_training].[dbo].[import_staging_batches]', 'SELECT']);
  });

  it('settings: how reads are isolated, the collation (case-insensitive or not), the compatibility level', async () => {
    const server = await serverAnswering(
      (r) =>
        r.kind === 'rpc' && r.statement.includes('SERVERPROPERTY')
          ? { rows: [{ product_version: '15.0.4153.1', edition: 'Standard Edition (64-bit)', database_name: 'pacs_oltp', login_name: 'pacs_reader', is_sysadmin: 0, is_db_owner: 0, is_db_datawriter: 0 }] }
          : r.kind === 'rpc' && r.statement.includes('DATABASEPROPERTYEX')
            ? { rows: [{ collation_name: 'SQL_Latin1_General_CP1_CS_AS', compatibility_level: 150 }] }
            : undefined,
      'OFF',
    );
    const facts = await connectorOn(server).facts();
    expect(facts.version).toBe('SQL Server 2019 (15.0.4153.1, Standard Edition (64-bit))');
    expect(facts.settings).toEqual([
      expect.objectContaining({ name: 'reads', value: 'READ COMMITTED', ok: true, note: expect.stringMatching(/ALLOW_SNAPSHOT_ISOLATION is OFF: reads wait at most 5000 ms/) }),
      expect.objectContaining({ name: 'lock_timeout_ms', value: '5000' }),
      expect.objectContaining({ name: 'collation', value: 'SQL_Latin1_General_CP1_CS_AS', ok: false, note: expect.stringMatching(/matches text only in the case/) }),
      expect.objectContaining({ name: 'compatibility_level', value: '150', ok: true }),
    ]);
  });
});
