import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceUnavailableError, type Endpoint } from '../../mcp/connectors/connection-failure.js';
import type { DatabaseConnector, QueryOptions, QueryResult, Row, SourceConnector, WriteTx } from '../../mcp/connectors/connector.js';
import { translatePlaceholders } from '../../mcp/connectors/placeholders.js';
import {
  formatSqlServerType,
  normalizeSqlServerValue,
  sqlServerLoginCanWrite,
  sqlServerLoginWarning,
  sqlServerVersionLabel,
  SQLSERVER_DESCRIBE_TABLE_SQL,
  SQLSERVER_LIST_TABLES_SQL,
  SQLSERVER_TEST_SQL,
} from '../../mcp/connectors/sqlserver/sqlserver-catalog.js';
import { SqlServerConnector } from '../../mcp/connectors/sqlserver/sqlserver-connector.js';
import { classifySqlServerError } from '../../mcp/connectors/sqlserver/sqlserver-errors.js';
import { odbcConnectionString, sqlServerDriverConfig, splitDomainUser, type SqlServerConfig } from '../../mcp/connectors/sqlserver/sqlserver-options.js';
import { parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { pacsServerConfigs, pacsServerPresetDrafts } from '../../mcp/connections/pacs-server-preset.js';
import { classifyReadOnly } from '../../mcp/guard/read-only-guard.js';
import { listAppeals } from '../../mcp/pacs/appeal-queries.js';
import { PacsReader } from '../../mcp/pacs/pacs-reader.js';
import { routeAppeal } from '../../mcp/pacs/route-appeal.js';
import { getParcel, getParcelTimeline, searchParcels } from '../../mcp/pacs/parcel-queries.js';
import { opensslAvailable, startFakeTdsServer } from '../helpers/fake-tds-server.js';
import { suiteGate } from '../helpers/system.js';
import { closedPort, silentServer } from '../helpers/loopback.js';

/**
 * Everything about SQL Server that does not need a SQL Server: option mapping, the T-SQL the
 * connector and the PACS queries send, value shapes, and error translation, the last one with
 * real tedious errors (a closed port, a silent server, and a fake TDS server that presents a
 * self-signed certificate and refuses logins). The live tests are in sqlserver-live.test.ts.
 */

const config = (overrides: Record<string, unknown> = {}): SqlServerConfig =>
  parseConnectionConfig('sqlserver', { server: 'jcharrispacs', database: 'pacs_oltp', user: 'pacs_reader', ...overrides }) as SqlServerConfig;

const endpoint = (overrides: Partial<Endpoint> = {}): Endpoint => ({
  connectionId: 'pacs_oltp',
  product: 'SQL Server',
  host: 'jcharrispacs',
  port: 1433,
  database: 'pacs_oltp',
  user: 'pacs_reader',
  connectTimeoutMs: 15_000,
  ...overrides,
});

describe('option mapping', () => {
  it('SQL login: encrypt on, certificate verified, timeouts from the connection, port 1433', () => {
    const { driver, config: mapped } = sqlServerDriverConfig('pacs_oltp', config({ request_timeout_ms: 45_000 }), 'secret');
    expect(driver).toBe('tedious');
    expect(mapped).toMatchObject({
      server: 'jcharrispacs',
      port: 1433,
      database: 'pacs_oltp',
      user: 'pacs_reader',
      password: 'secret',
      connectionTimeout: 15_000,
      requestTimeout: 45_000,
      options: { encrypt: true, trustServerCertificate: false, appName: 'PACS MCP', useUTC: true },
    });
    expect(mapped).not.toHaveProperty('authentication');
  });

  it('trust_server_certificate and encrypt are per-connection choices', () => {
    const { config: mapped } = sqlServerDriverConfig('c', config({ trust_server_certificate: true, encrypt: false }), 'pw');
    expect(mapped.options).toMatchObject({ encrypt: false, trustServerCertificate: true });
  });

  it('a named instance goes through SQL Server Browser: no port', () => {
    const { config: mapped } = sqlServerDriverConfig('c', config({ instance: 'PACS' }), 'pw');
    expect(mapped).not.toHaveProperty('port');
    expect(mapped.options).toMatchObject({ instanceName: 'PACS' });
  });

  it('NTLM domain login, with the domain given or typed as DOMAIN\\user', () => {
    const explicit = sqlServerDriverConfig('c', config({ authentication: 'ntlm', domain: 'COUNTY', user: 'jdoe' }), 'pw');
    expect(explicit.config.authentication).toEqual({ type: 'ntlm', options: { domain: 'COUNTY', userName: 'jdoe', password: 'pw' } });
    expect(explicit.config).not.toHaveProperty('user');
    const typed = sqlServerDriverConfig('c', config({ authentication: 'ntlm', user: 'COUNTY\\jdoe' }), 'pw');
    expect(typed.config.authentication).toEqual({ type: 'ntlm', options: { domain: 'COUNTY', userName: 'jdoe', password: 'pw' } });
    expect(splitDomainUser('jdoe', undefined)).toEqual({ user: 'jdoe', domain: undefined });
    expect(() => sqlServerDriverConfig('c', config({ authentication: 'ntlm', user: 'jdoe' }), 'pw')).toThrow(/needs both --domain and --user/);
  });

  it('a login that cannot work says what to do', () => {
    expect(() => sqlServerDriverConfig('pacs_oltp', config(), undefined)).toThrow(SourceUnavailableError);
    expect(() => sqlServerDriverConfig('pacs_oltp', config(), undefined)).toThrow(/No password is stored for connection "pacs_oltp".*set-password/);
    expect(() => sqlServerDriverConfig('c', config({ user: undefined }), 'pw')).toThrow(/has no user name/);
  });

  it('read-only intent: reads ask for ApplicationIntent=ReadOnly when the connection says so, writes never', () => {
    expect(sqlServerDriverConfig('c', config(), 'pw').config.options).toMatchObject({ readOnlyIntent: false });
    const intent = config({ read_only_intent: true });
    expect(sqlServerDriverConfig('c', intent, 'pw', { platform: 'linux', purpose: 'read' }).config.options).toMatchObject({ readOnlyIntent: true });
    expect(sqlServerDriverConfig('c', intent, 'pw', { platform: 'linux', purpose: 'write' }).config.options).toMatchObject({ readOnlyIntent: false });
    expect(odbcConnectionString(intent, true)).toMatch(/;ApplicationIntent=ReadOnly;$/);
    expect(odbcConnectionString(intent, false)).not.toContain('ApplicationIntent');
    expect(sqlServerDriverConfig('c', { ...intent, authentication: 'windows' }, undefined, { platform: 'win32', ambientCredentials: true, purpose: 'read' }).config.connectionString).toContain('ApplicationIntent=ReadOnly');
    expect(config()).toMatchObject({ lock_timeout_ms: 5_000, stream_timeout_ms: 300_000, read_only_intent: false });
  });

  it('the PACS server preset logs in with a SQL Server login unless told otherwise, and gives read-only intent to pacs_oltp alone', () => {
    const planned = pacsServerConfigs({ user: 'pacs_app', read_only_intent: true });
    expect(planned.map((p) => [p.id, p.config.authentication, p.config.read_only_intent])).toEqual([
      ['pacs_training', 'sql', false],
      ['pacs_oltp', 'sql', true],
    ]);
    expect(() => pacsServerConfigs({})).toThrow(/--auth sql needs --user/);
    expect(pacsServerPresetDrafts().map((d) => d.config.authentication)).toEqual(['sql', 'sql']);
    expect(pacsServerConfigs({ authentication: 'windows' }).map((p) => p.config.authentication)).toEqual(['windows', 'windows']);
  });

  it('Windows integrated login: msnodesqlv8 with an ODBC connection string on Windows, a clear refusal elsewhere', () => {
    const windows = sqlServerDriverConfig('c', config({ authentication: 'windows', user: undefined }), undefined, { platform: 'win32', ambientCredentials: true });
    expect(windows.driver).toBe('msnodesqlv8');
    expect(windows.config.connectionString).toBe(
      'Driver={ODBC Driver 18 for SQL Server};Server=tcp:jcharrispacs,1433;Database=pacs_oltp;Trusted_Connection=yes;Encrypt=yes;TrustServerCertificate=no;Connection Timeout=15;APP=PACS MCP;',
    );
    expect(windows.config).not.toHaveProperty('password');
    for (const platform of ['linux', 'darwin'] as const) {
      expect(() => sqlServerDriverConfig('c', config({ authentication: 'windows' }), undefined, { platform, ambientCredentials: true })).toThrow(/works only on Windows.*--auth ntlm/);
    }
    // Signing in as the Windows user is ambient: nobody allowed it for this connection, so it is refused everywhere.
    expect(() => sqlServerDriverConfig('c', config({ authentication: 'windows' }), undefined, { platform: 'win32' })).toThrow(/nobody has allowed that/);
    expect(odbcConnectionString(config({ authentication: 'windows', instance: 'PACS', database: 'odd;name', trust_server_certificate: true }))).toContain(
      'Server=jcharrispacs\\PACS;Database={odd;name};Trusted_Connection=yes;Encrypt=yes;TrustServerCertificate=yes;',
    );
  });
});

describe('T-SQL building', () => {
  it('translates ? to @p1… outside strings, brackets and comments', () => {
    expect(translatePlaceholders("SELECT [a?], '?' AS q, N'it''s ?' FROM t /* ? */ WHERE x = ? -- ?\n AND y IN (?, ?)", [1, 2, 3], 'tsql')).toBe(
      "SELECT [a?], '?' AS q, N'it''s ?' FROM t /* ? */ WHERE x = @p1 -- ?\n AND y IN (@p2, @p3)",
    );
    expect(translatePlaceholders("SELECT $$?$$, '?', \"?\" FROM t WHERE a = ? AND b = ?", [1, 2], 'postgres')).toBe("SELECT $$?$$, '?', \"?\" FROM t WHERE a = $1 AND b = $2");
    expect(translatePlaceholders('SELECT doc ? \'key\' FROM t', [], 'postgres')).toBe("SELECT doc ? 'key' FROM t");
    expect(() => translatePlaceholders('SELECT ? + ?', [1], 'tsql')).toThrow(/2 \? placeholder\(s\) but 1 value/);
  });

  it('the catalog queries name their parameters', () => {
    expect(translatePlaceholders(SQLSERVER_DESCRIBE_TABLE_SQL, ['dbo', 'property'], 'tsql')).toMatch(/c\.TABLE_SCHEMA = @p1 AND c\.TABLE_NAME = @p2/);
    for (const sql of [SQLSERVER_LIST_TABLES_SQL, SQLSERVER_TEST_SQL]) expect(sql).not.toContain('?');
  });

  it('formats column types, versions and login rights', () => {
    expect(formatSqlServerType({ data_type: 'varchar', char_length: 50 })).toBe('varchar(50)');
    expect(formatSqlServerType({ data_type: 'nvarchar', char_length: -1 })).toBe('nvarchar(max)');
    expect(formatSqlServerType({ data_type: 'numeric', numeric_precision: 14, numeric_scale: 0 })).toBe('numeric(14,0)');
    expect(formatSqlServerType({ data_type: 'datetime2', datetime_precision: 3 })).toBe('datetime2(3)');
    expect(formatSqlServerType({ data_type: 'int', numeric_precision: 10, numeric_scale: 0 })).toBe('int');
    expect(sqlServerVersionLabel('15.0.4153.1', 'Standard Edition (64-bit)')).toBe('SQL Server 2019 (15.0.4153.1, Standard Edition (64-bit))');
    expect(sqlServerVersionLabel('16.0.1000.6', null)).toBe('SQL Server 2022 (16.0.1000.6)');
    expect(sqlServerLoginCanWrite({ is_sysadmin: 0, is_db_owner: 0, is_db_datawriter: 0 })).toBe(false);
    expect(sqlServerLoginCanWrite({ is_sysadmin: 0, is_db_owner: 1, is_db_datawriter: 0 })).toBe(true);
    // A sysadmin is warned about on every role (it reads password hashes and the server's files); a writer only on production.
    for (const role of ['training', 'production', 'warehouse', 'other']) {
      expect(sqlServerLoginWarning({ is_sysadmin: 1, is_db_owner: 0, is_db_datawriter: 0 }, role)).toMatch(/sysadmin/);
    }
    expect(sqlServerLoginWarning({ is_sysadmin: 0, is_db_owner: 1, is_db_datawriter: 0 }, 'production')).toMatch(/can write/);
    expect(sqlServerLoginWarning({ is_sysadmin: 0, is_db_owner: 1, is_db_datawriter: 0 }, 'training')).toBe('');
    expect(sqlServerLoginWarning({ is_sysadmin: 0, is_db_owner: 0, is_db_datawriter: 0 }, 'production')).toBe('');
  });

  it('gives tedious values the shapes every source shares', () => {
    expect(normalizeSqlServerValue(new Date(Date.UTC(2024, 0, 3)), 'date')).toBe('2024-01-03');
    expect(normalizeSqlServerValue(new Date(Date.UTC(2024, 4, 1, 13, 45, 0)), 'datetime')).toBe('2024-05-01T13:45:00');
    expect(normalizeSqlServerValue(new Date(Date.UTC(2024, 4, 1, 13, 45, 0, 120)), 'datetime2')).toBe('2024-05-01T13:45:00.120');
    expect(normalizeSqlServerValue(new Date(Date.UTC(2024, 4, 1, 13, 45, 0)), 'datetimeoffset')).toBe('2024-05-01T13:45:00.000Z');
    expect(normalizeSqlServerValue('42', 'bigint')).toBe(42);
    expect(normalizeSqlServerValue('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(normalizeSqlServerValue(1234.5, 'numeric')).toBe(1234.5);
    expect(normalizeSqlServerValue(true, 'bit')).toBe(true);
    expect(normalizeSqlServerValue(null, 'date')).toBeNull();
  });

  it('the PACS queries, as sent to SQL Server, are read-only T-SQL with TOP (n) and named parameters', async () => {
    const sent: { sql: string; params: unknown[] }[] = [];
    const recorder: Pick<SourceConnector, 'dialect' | 'query'> = {
      dialect: 'tsql',
      async query(sql: string, params: unknown[], _options: QueryOptions): Promise<QueryResult> {
        sent.push({ sql: translatePlaceholders(sql, params, 'tsql'), params });
        const rows = sql.includes('FROM property WHERE prop_id')
          ? [{ prop_id: 1, prop_type_cd: 'R    ' }]
          : sql.includes('FROM _arb_protest_status')
            ? [{ status_cd: 'O', status_desc: 'Open', close_case: 'F' }, { status_cd: 'S', status_desc: 'Scheduled', close_case: 'F' }]
            : [{ appr_yr: 2026, future_yr: 2027 }];
        return { columns: [], rows, row_count: 1, truncated: false };
      },
    };
    const reader = new PacsReader({ id: 'pacs_training', kind: 'sqlserver', role: 'training', description: '', config: {}, is_default: true, origin: 'user', confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' }, recorder);
    await searchParcels(reader, { query: 'SMITH', hood_cd: 'N1', prop_type_cd: 'R', limit: 25 });
    await searchParcels(reader, { query: '12345', limit: 5 });
    await getParcel(reader, 1, 2025);
    await getParcelTimeline(reader, 1, { from_year: 2020, to_year: 2025, include_supplements: true });
    await listAppeals(reader, { year: 2026, statuses: ['O', 'S'], openOnly: true, unassignedOnly: true, propId: 1, appraiserId: 3, limit: 50 });
    expect(sent.length).toBeGreaterThan(8);
    for (const { sql } of sent) {
      expect(sql, sql).not.toMatch(/\?|\bLIMIT\b/);
      expect(await classifyReadOnly(sql, 'tsql'), sql).toMatchObject({ allowed: true });
    }
    const search = sent.find((s) => s.sql.includes('FROM property p'))!;
    expect(search.sql).toMatch(/^SELECT TOP \(26\) /);
    // The name the owner must match comes first (the owner shown: the confidential name of a confidential account), then the year.
    expect(search.sql).toContain("a.confidential_file_as_name LIKE @p1) OR ((a.confidential_flag IS NULL OR a.confidential_flag <> 'T') AND a.file_as_name LIKE @p2))) AS matched_owner");
    expect(search.sql).toContain('pv.prop_val_yr = @p3');
    // Matched from the start, on the bare columns (no UPPER, no leading wildcard), so an index can serve it.
    expect(search.params.slice(0, 3)).toEqual(['SMITH%', 'SMITH%', 2026]);
    expect(search.sql).not.toMatch(/UPPER\((a|sa)\./);
    const appeals = sent.find((s) => s.sql.includes('LEFT JOIN appraiser ha'))!;
    expect(appeals.sql).toContain('ap.prot_status IN (@p2, @p3)');
    // Open is what PACS's views say: no completion date. close_case is char(1) 'T'/'F': never compared with a number.
    expect(appeals.sql).toContain('ap.prot_complete_dt IS NULL');
    for (const { sql } of sent) expect(sql).not.toMatch(/close_case\s*(=|<>)\s*\d/);
  });

  it('route_appeal, as sent to SQL Server, locks the protest row and takes the docket slot with row locks', async () => {
    const sent: string[] = [];
    const answer = (sql: string): Row[] => {
      if (sql.includes('FROM _arb_protest ap')) return [{ case_id: 4, prot_status: 'O', prot_create_dt: new Date('2026-05-01T09:00:00Z'), prot_complete_dt: null, prot_hearing_appraisal_staff: null, docket_id: null, is_open: 1 }];
      if (sql.includes('FROM property p')) return [{ prop_type_cd: 'R    ', sup_num: 0, last_appraiser_id: 3, hood_cd: 'N1', commercial: 'F' }];
      if (sql.includes('FROM appraiser WHERE')) return [{ appraiser_id: 3, appraiser_nm: 'Chen, Lillian', inactive: null }];
      if (sql.includes('FROM _arb_protest_status')) return [{ status_cd: 'S', close_case: 'F' }];
      if (sql.includes('MIN(docket_id)')) return [{ docket_id: null }];
      if (sql.includes('SELECT TOP (200) d.docket_id')) return [{ docket_id: 7 }];
      if (sql.includes('WHERE d.docket_id = @p1')) return [{ docket_id: 7, hearing_id: 2, docket_start_date_time: new Date('2026-06-02T08:30:00Z'), docket_end_date_time: new Date('2026-06-02T12:00:00Z'), maximum_hearing_count: 12, scheduled_protest_count: 5 }];
      return [];
    };
    const unused = () => {
      throw new Error('route_appeal reads and writes only through its transaction');
    };
    const recorder: DatabaseConnector = {
      family: 'database',
      dialect: 'tsql',
      catalog: 'pacs_training',
      inProcess: false,
      test: async () => ({ ok: true, latency_ms: 0, message: '' }),
      listTables: async () => [],
      describeTable: async () => [],
      query: async () => ({ columns: [], rows: [], row_count: 0, truncated: false }),
      queryAll: unused,
      streamBatches: unused,
      promotionTransaction: unused,
      privileges: unused,
      facts: unused,
      writeTransaction: async <T,>(work: (tx: WriteTx) => Promise<T>) =>
        work({
          query: async (sql: string, params: unknown[]) => {
            const text = translatePlaceholders(sql, params, 'tsql');
            sent.push(text);
            return answer(text);
          },
          execute: async (sql: string, params: unknown[]) => {
            sent.push(translatePlaceholders(sql, params, 'tsql'));
            return { rowsAffected: 1 };
          },
        }),
      close: async () => undefined,
    };
    const record = { id: 'pacs_training', kind: 'sqlserver' as const, role: 'training' as const, description: '', config: {}, is_default: true, origin: 'user' as const, confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' };
    const routed = await routeAppeal(record, recorder, { propId: 1, year: 2026, earliestDate: '2026-05-20', reassign: false }, { scheduledStatus: 'S' });
    expect(routed).toMatchObject({ prop_type_cd: 'R', docket_id: 7, appraiser_id: 3, prot_status: 'S', docket_start_dt: '2026-06-02T08:30:00' });
    for (const sql of sent) expect(sql, sql).not.toMatch(/\?|\bLIMIT\b|FOR UPDATE/);
    expect(sent.find((s) => s.includes('FROM _arb_protest ap'))).toContain('FROM _arb_protest ap WITH (UPDLOCK, ROWLOCK)');
    const take = sent.find((s) => s.includes('scheduled_protest_count + 1'))!;
    expect(take).toContain('UPDATE _arb_protest_hearing_docket WITH (ROWLOCK) SET scheduled_protest_count = scheduled_protest_count + 1');
    expect(take).toContain('WHERE docket_id = @p1 AND scheduled_protest_count < maximum_hearing_count');
    expect(sent.find((s) => s.includes('SELECT TOP (200) d.docket_id'))).toContain("h.[szHearingType] = 'P'");
    expect(sent.at(-2)).toMatch(/^UPDATE _arb_protest SET docket_id = @p1, prot_hearing_appraisal_staff = @p2, prot_status = @p3, status_date_changed = @p4 WHERE/);

    sent.length = 0;
    await routeAppeal(record, recorder, { propId: 1, year: 2026, reassign: false }, { procedure: 'dbo.ARBAutoSchedule' }).catch(() => undefined);
    expect(sent).toContain('EXEC [dbo].[ARBAutoSchedule] @lYear = @p1, @lCaseID = @p2, @lPropID = @p3, @lSupNum = @p4');
  });
});

describe('error translation, with real tedious errors', () => {
  const open: SqlServerConnector[] = [];
  afterAll(async () => Promise.all(open.map((c) => c.close())));
  const connector = (overrides: Record<string, unknown>, password: string | null = 'pw', login: { ambientCredentials?: boolean } = {}) => {
    const c = new SqlServerConnector(
      { id: 'pacs_oltp', role: 'production', config: { server: '127.0.0.1', database: 'pacs_oltp', user: 'reader', connect_timeout_ms: 2_000, ...overrides } },
      password ?? undefined,
      login,
    );
    open.push(c);
    return c;
  };

  it('refused: nothing listens on the port', async () => {
    const result = await connector({ port: await closedPort() }).test();
    expect(result).toMatchObject({ ok: false, failure: 'refused' });
    expect(result.message).toMatch(/TCP\/IP enabled \(SQL Server Configuration Manager/);
  });

  it('timeout: the server accepts and never answers', async () => {
    const silent = await silentServer();
    try {
      const result = await connector({ port: silent.port }).test();
      expect(result).toMatchObject({ ok: false, failure: 'timeout' });
      expect(result.message).toMatch(/did not answer within 2 s/);
    } finally {
      await silent.close();
    }
  });

  it('dns: the server name does not resolve', async () => {
    const result = await connector({ server: 'no-such-pacs-server.invalid', port: 1433 }).test();
    expect(result).toMatchObject({ ok: false, failure: 'dns' });
    expect(result.message).toContain('"no-such-pacs-server.invalid"');
  });

  it('login: Windows login on this OS, and no stored password, fail before any network traffic', async () => {
    if (process.platform !== 'win32') {
      const windows = await connector({ authentication: 'windows', port: 1 }, null, { ambientCredentials: true }).test();
      expect(windows).toMatchObject({ ok: false, failure: 'login' });
      expect(windows.message).toMatch(/works only on Windows/);
    }
    const notAllowed = await connector({ authentication: 'windows', port: 1 }, null).test();
    expect(notAllowed).toMatchObject({ ok: false, failure: 'login' });
    expect(notAllowed.message).toMatch(/nobody has allowed that/);
    const noPassword = connector({ port: 1 }, null);
    expect(await noPassword.test()).toMatchObject({ ok: false, failure: 'login' });
    await expect(noPassword.query('SELECT 1', [], { maxRows: 1, timeoutMs: 1_000 })).rejects.toBeInstanceOf(SourceUnavailableError);
  });

  describe.runIf(suiteGate('sql server driver against a fake TDS server', opensslAvailable(), 'no openssl to make its certificate', { requiredOnCi: true }))('against a fake TDS server', () => {
    it('tls: a self-signed certificate says to set trust_server_certificate', async () => {
      const fake = await startFakeTdsServer({ number: 18456, message: "Login failed for user 'reader'." });
      try {
        const result = await connector({ port: fake.port }).test();
        expect(result).toMatchObject({ ok: false, failure: 'tls' });
        expect(result.message).toMatch(/self-signed certificate/);
        expect(result.message).toMatch(/set trust_server_certificate on connection "pacs_oltp" \(`pacs-mcp connections add --id pacs_oltp … --trust-server-certificate`/);
        expect(fake.logins()).toBe(0);
      } finally {
        await fake.close();
      }
    });

    it('login: with trust_server_certificate the handshake passes and a refused login says what to check', async () => {
      const fake = await startFakeTdsServer({ number: 18456, message: "Login failed for user 'reader'." });
      const wrongPassword = `pw-${randomBytes(9).toString('hex')}`;
      try {
        const result = await connector({ port: fake.port, trust_server_certificate: true }, wrongPassword).test();
        expect(fake.logins()).toBeGreaterThan(0);
        expect(result).toMatchObject({ ok: false, failure: 'login' });
        expect(result.message).toMatch(/refused the login reader/);
        expect(result.message).toMatch(/SQL Server and Windows Authentication mode/);
        expect(result.message).not.toContain(wrongPassword);
      } finally {
        await fake.close();
      }
    });

    it('database_missing: error 4060', async () => {
      const fake = await startFakeTdsServer({ number: 4060, message: 'Cannot open database "pacs_oltp" requested by the login. The login failed.' });
      try {
        const result = await connector({ port: fake.port, trust_server_certificate: true }).test();
        expect(result).toMatchObject({ ok: false, failure: 'database_missing' });
        expect(result.message).toMatch(/no database "pacs_oltp".*db_datareader/);
      } finally {
        await fake.close();
      }
    });
  });

  it('classifies the other failures county IT meets', () => {
    const e = endpoint();
    expect(classifySqlServerError({ code: 'ELOGIN', message: 'Login failed. The login is from an untrusted domain and cannot be used with Integrated authentication.' }, e, 'ntlm')).toMatchObject({
      failure: 'login',
      message: expect.stringMatching(/--domain/),
    });
    expect(classifySqlServerError({ code: 'ELOGIN', message: 'Login failed for user. Reason: The password of the account must be changed.', number: 18488 }, e, 'sql').failure).toBe('login');
    expect(classifySqlServerError({ code: 'EINSTLOOKUP', message: 'Failed to get response from SQL Server Browser on jcharrispacs' }, endpoint({ host: 'jcharrispacs\\PACS', port: undefined }), 'sql')).toMatchObject({
      failure: 'refused',
      message: expect.stringMatching(/SQL Server Browser/),
    });
    expect(classifySqlServerError({ code: 'ESOCKET', message: "Failed to connect to 10.0.0.5:1433 - Hostname/IP does not match certificate's altnames: IP: 10.0.0.5 is not in the cert's list" }, e, 'sql')).toMatchObject({
      failure: 'tls',
      message: expect.stringMatching(/trust_server_certificate/),
    });
    expect(classifySqlServerError({ code: 'ESOCKET', message: 'Failed to connect to x:1433 - 140:error:0A000102:SSL routines::unsupported protocol' }, e, 'sql')).toMatchObject({ failure: 'tls', message: expect.stringMatching(/TLS 1\.2/) });
    expect(classifySqlServerError({ code: 'ESOCKET', message: 'x', cause: { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' } }, e, 'sql')).toMatchObject({ failure: 'tls', message: expect.stringMatching(/expired/) });
    expect(classifySqlServerError({ code: 'IM002', message: '[Microsoft][ODBC Driver Manager] Data source name not found and no default driver specified' }, e, 'windows')).toMatchObject({
      failure: 'other',
      message: expect.stringMatching(/ODBC Driver 18/),
    });
    expect(classifySqlServerError(new Error('something odd'), e, 'sql')).toMatchObject({ failure: 'other', message: expect.stringMatching(/something odd/) });
  });
});
