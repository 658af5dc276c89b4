import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DBSQLClient, DBSQLSession } from '@databricks/sql';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryCancelledError, QueryTimeoutError } from '../../mcp/connectors/connector.js';
import type { ConnectionRecord } from '../../mcp/connections/connection-types.js';
import { assertCatalogScope } from '../../mcp/lakehouse/databricks/catalog-scope.js';
import { connectOptions, databricksSettings, sessionRequest } from '../../mcp/lakehouse/databricks/databricks-config.js';
import { DatabricksError, translateDatabricksError } from '../../mcp/lakehouse/databricks/errors.js';
import { StagingArea, StagingPathError } from '../../mcp/lakehouse/databricks/staging.js';
import * as sql from '../../mcp/lakehouse/databricks/statements.js';

// The driver's error classes are not exported from its root: load them as the driver does.
const require = createRequire(import.meta.url);
const { default: AuthenticationError } = require('@databricks/sql/dist/errors/AuthenticationError.js') as typeof import('@databricks/sql/dist/errors/AuthenticationError.js');
const { default: HiveDriverError } = require('@databricks/sql/dist/errors/HiveDriverError.js') as typeof import('@databricks/sql/dist/errors/HiveDriverError.js');
const { default: OperationStateError, OperationStateErrorCode } = require('@databricks/sql/dist/errors/OperationStateError.js') as typeof import('@databricks/sql/dist/errors/OperationStateError.js');
const { default: RetryError, RetryErrorCode } = require('@databricks/sql/dist/errors/RetryError.js') as typeof import('@databricks/sql/dist/errors/RetryError.js');
const { default: StagingError } = require('@databricks/sql/dist/errors/StagingError.js') as typeof import('@databricks/sql/dist/errors/StagingError.js');

const record = (config: Record<string, unknown>): ConnectionRecord => ({
  id: 'dbx',
  kind: 'databricks',
  role: 'warehouse',
  description: '',
  config,
  is_default: false,
  origin: 'user',
  confirmed_at: null,
  ambient_credentials: false,
  created_at: '',
  updated_at: '',
});
const settings = databricksSettings(record({ host: 'https://adb-123.4.azuredatabricks.net/', http_path: '/sql/1.0/warehouses/abc', tenant_id: 'county_a' }), 'county_a');

describe('Databricks connection settings', () => {
  it('builds every name from the tenant and refuses a foreign catalog', () => {
    expect(settings).toMatchObject({ host: 'adb-123.4.azuredatabricks.net', httpPath: '/sql/1.0/warehouses/abc', catalog: 'tenant_county_a', volume: 'pacs_staging', auth: 'token' });
    expect(() => databricksSettings(record({ host: 'h.example.com', http_path: '/p', catalog: 'tenant_county_b' }), 'county_a')).toThrow(/tenant "county_a" lives in catalog tenant_county_a/);
    expect(() => databricksSettings(record({ host: 'bad host/x', http_path: '/p' }), 'county_a')).toThrow(/not a Databricks host name/);
    expect(() => databricksSettings(record({ host: 'h.example.com', http_path: 'sql/1.0' }), 'county_a')).toThrow(/must start with "\/"/);
    expect(() => databricksSettings(record({ host: 'h.example.com', http_path: '/p', auth: 'oauth-m2m' }), 'county_a')).toThrow(/no oauth_client_id/);
  });

  it('turns telemetry off, keeps big numbers exact, and takes the secret only from the caller (the keychain)', () => {
    expect(connectOptions(settings, 'dapi-secret')).toMatchObject({
      host: 'adb-123.4.azuredatabricks.net',
      path: '/sql/1.0/warehouses/abc',
      authType: 'access-token',
      token: 'dapi-secret',
      telemetryEnabled: false,
      preserveBigNumericPrecision: true,
    });
    const oauth = databricksSettings(record({ host: 'h.example.com', http_path: '/p', auth: 'oauth-m2m', oauth_client_id: 'sp-1' }), 'county_a');
    expect(connectOptions(oauth, 'sp-secret')).toMatchObject({ authType: 'databricks-oauth', oauthClientId: 'sp-1', oauthClientSecret: 'sp-secret', telemetryEnabled: false });
  });

  it('the real driver skips its telemetry set-up with these options (and does it by default)', async () => {
    const proto = DBSQLClient.prototype as unknown as { initializeTelemetry: () => Promise<void> };
    const original = proto.initializeTelemetry;
    let calls = 0;
    proto.initializeTelemetry = async function () {
      calls += 1;
    };
    try {
      const quiet = new DBSQLClient({ logger: { log: () => undefined } as never });
      await quiet.connect(connectOptions(settings, 'dapi-secret'));
      await quiet.close();
      expect(calls).toBe(0);
      const chatty = new DBSQLClient({ logger: { log: () => undefined } as never });
      await chatty.connect({ host: settings.host, path: settings.httpPath, token: 'x' });
      await chatty.close();
      expect(calls).toBe(1);
    } finally {
      proto.initializeTelemetry = original;
    }
  });

  it('opens sessions in the tenant catalog with a server-side statement timeout', () => {
    expect(sessionRequest(settings, 60)).toMatchObject({ initialCatalog: 'tenant_county_a', initialSchema: 'bronze', configuration: { STATEMENT_TIMEOUT: '60' } });
  });
});

describe('Databricks statements', () => {
  it('quotes every identifier with backticks', () => {
    expect(sql.tableRef('tenant_county_a', 'bronze', 'property_val')).toBe('`tenant_county_a`.`bronze`.`property_val`');
    expect(sql.bt('we`ird')).toBe('`we``ird`');
    expect(sql.createSchema('tenant_county_a', 'silver')).toBe('CREATE SCHEMA IF NOT EXISTS `tenant_county_a`.`silver`');
    expect(sql.createVolume('tenant_county_a', 'bronze', 'pacs_staging')).toBe('CREATE VOLUME IF NOT EXISTS `tenant_county_a`.`bronze`.`pacs_staging`');
  });

  it('builds the PUT of a staged file into the tenant volume, Windows paths escaped the Spark way', () => {
    const volume = sql.volumePath('tenant_county_a', 'bronze', 'pacs_staging', ['job_1', 'property-abc.parquet']);
    expect(volume).toBe('/Volumes/tenant_county_a/bronze/pacs_staging/job_1/property-abc.parquet');
    expect(sql.putFile('/tmp/pacs-mcp-staging-x/property-abc.parquet', volume)).toBe(`PUT '/tmp/pacs-mcp-staging-x/property-abc.parquet' INTO '${volume}' OVERWRITE`);
    expect(sql.putFile('C:\\Users\\clerk\\AppData\\Local\\Temp\\pacs-mcp-staging-x\\p.parquet', volume)).toBe(
      `PUT 'C:\\\\Users\\\\clerk\\\\AppData\\\\Local\\\\Temp\\\\pacs-mcp-staging-x\\\\p.parquet' INTO '${volume}' OVERWRITE`,
    );
    expect(() => sql.putFile("/tmp/it's.parquet", volume)).toThrow(/contains a quote/);
    expect(() => sql.putFile('/tmp/a\n.parquet', volume)).toThrow(/line break/);
    expect(() => sql.volumePath('tenant_county_a', 'bronze', 'pacs_staging', ['..', 'x.parquet'])).toThrow(/cannot be part of a volume path/);
    expect(() => sql.volumePath('tenant_county_a', 'bronze', 'pacs_staging', ["x'y"])).toThrow(/cannot be part of a volume path/);
    expect(() => sql.putFile('/tmp/a.parquet', '/Volumes/x/../../etc')).toThrow(/not a volume path/);
    expect(sql.removeFile(volume)).toBe(`REMOVE '${volume}'`);
  });

  it('builds bronze tables over the uploaded file: replace, append by column list, and silver as CREATE OR REPLACE … AS', () => {
    const volume = sql.volumePath('tenant_county_a', 'bronze', 'pacs_staging', ['job_1', 'p.parquet']);
    expect(sql.replaceTableFromFile('tenant_county_a', 'bronze', 'property', volume)).toBe(
      `CREATE OR REPLACE TABLE \`tenant_county_a\`.\`bronze\`.\`property\` AS SELECT * FROM read_files('${volume}', format => 'parquet')`,
    );
    expect(sql.appendFromFile('tenant_county_a', 'bronze', 'event', volume, [{ name: 'event_id', type: { kind: 'bigint' }, nullable: false }, { name: 'event_type', type: { kind: 'varchar' }, nullable: true }])).toBe(
      `INSERT INTO \`tenant_county_a\`.\`bronze\`.\`event\` (\`event_id\`, \`event_type\`) SELECT \`event_id\`, \`event_type\` FROM read_files('${volume}', format => 'parquet')`,
    );
    expect(sql.replaceTableAs('tenant_county_a', 'silver', 'x', 'SELECT 1')).toBe('CREATE OR REPLACE TABLE `tenant_county_a`.`silver`.`x` AS SELECT 1');
    expect(sql.tableColumns('tenant_county_a')).toMatch(/FROM `tenant_county_a`\.information_schema\.columns WHERE table_schema = \? AND table_name = \?/);
  });
});

describe('staging folder rules (stagingAllowedLocalPath)', () => {
  const areas: StagingArea[] = [];
  afterAll(() => areas.forEach((a) => a.dispose()));

  it('is a private temp folder holding only the file being uploaded', () => {
    const area = StagingArea.create();
    areas.push(area);
    expect(area.dir.startsWith(fs.realpathSync(os.tmpdir()))).toBe(true);
    expect(path.basename(area.dir)).toMatch(/^pacs-mcp-staging-/);
    if (process.platform !== 'win32') expect(fs.statSync(area.dir).mode & 0o777).toBe(0o700);
    expect(area.allowedLocalPaths).toEqual([area.dir]);
    const source = path.join(os.tmpdir(), `pacs-src-${process.pid}.parquet`);
    fs.writeFileSync(source, 'PAR1');
    const staged = area.adopt(source, 'property-abc.parquet');
    expect(staged).toBe(path.join(area.dir, 'property-abc.parquet'));
    expect(fs.existsSync(source)).toBe(false);
    expect(() => area.adopt(staged, '../escape.parquet')).toThrow(StagingPathError);
  });

  it('refuses paths outside the folder, "..", sub-folders and symlinks out', () => {
    const area = StagingArea.create();
    areas.push(area);
    expect(() => area.assertInside('/etc/passwd')).toThrow(/outside the staging folder/);
    expect(() => area.assertInside(path.join(area.dir, '..', 'x'))).toThrow(/outside the staging folder/);
    fs.mkdirSync(path.join(area.dir, 'sub'));
    fs.writeFileSync(path.join(area.dir, 'sub', 'f'), 'x');
    expect(() => area.assertInside(path.join(area.dir, 'sub', 'f'))).toThrow(/outside the staging folder/);
    if (process.platform !== 'win32') {
      fs.symlinkSync('/etc/hostname', path.join(area.dir, 'link.parquet'));
      expect(() => area.assertInside(path.join(area.dir, 'link.parquet'))).toThrow(/not a regular file/);
    }
  });

  it("the real driver refuses a server-directed GET outside the folder, and PUTs a file inside it (to a local HTTP server)", async () => {
    const area = StagingArea.create();
    areas.push(area);
    const file = path.join(area.dir, 'p.parquet');
    fs.writeFileSync(file, 'PAR1 data PAR1');
    let received = '';
    const server = http.createServer((req, res) => {
      req.on('data', (d) => (received += d));
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const fakeSession = Object.assign(Object.create(DBSQLSession.prototype), { context: { getConnectionProvider: async () => ({ getAgent: async () => undefined }) } });
    const operation = (row: Record<string, unknown>) => ({ fetchAll: async () => [row] });
    const handle = (DBSQLSession.prototype as unknown as { handleStagingOperation: (op: unknown, allowed: string[]) => Promise<unknown> }).handleStagingOperation;
    try {
      await expect(handle.call(fakeSession, operation({ operation: 'GET', localFile: '/etc/cron.d/evil', presignedUrl: `http://127.0.0.1:${port}/x` }), area.allowedLocalPaths)).rejects.toBeInstanceOf(StagingError);
      await expect(handle.call(fakeSession, operation({ operation: 'PUT', localFile: path.join(area.dir, '..', 'other.parquet'), presignedUrl: `http://127.0.0.1:${port}/x` }), area.allowedLocalPaths)).rejects.toThrow(/not a subset of allowed local paths/);
      await handle.call(fakeSession, operation({ operation: 'PUT', localFile: file, presignedUrl: `http://127.0.0.1:${port}/put`, headers: {} }), area.allowedLocalPaths);
      expect(received).toBe('PAR1 data PAR1');
    } finally {
      server.close();
    }
  });
});

describe('Databricks error translation', () => {
  const ctx = { host: 'adb-1.azuredatabricks.net', catalog: 'tenant_county_a' };
  const translated = (err: unknown, extra = {}) => translateDatabricksError(err, { ...ctx, ...extra });

  it('maps the driver errors to what to do', () => {
    expect(translated(new AuthenticationError('Request failed: 401 Unauthorized'))).toMatchObject({ failure: 'login', message: expect.stringMatching(/refused the login.*set-password/) });
    expect(translated(new OperationStateError(OperationStateErrorCode.Canceled))).toBeInstanceOf(QueryCancelledError);
    expect(translated(new OperationStateError(OperationStateErrorCode.Timeout), { timeoutMs: 30_000 })).toBeInstanceOf(QueryTimeoutError);
    expect(translated(new StagingError('Staging path not a subset of allowed local paths.'))).toMatchObject({ failure: 'staging', message: expect.stringMatching(/outside PACS MCP's staging folder/) });
    expect(translated(new RetryError(RetryErrorCode.AttemptsExceeded))).toMatchObject({ failure: 'timeout' });
    expect(translated(Object.assign(new Error('getaddrinfo ENOTFOUND adb-1'), { code: 'ENOTFOUND' }))).toMatchObject({ failure: 'dns', message: expect.stringMatching(/Server Hostname/) });
    expect(translated(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ failure: 'refused' });
    expect(translated(new HiveDriverError('[NO_SUCH_CATALOG_EXCEPTION] Catalog \'tenant_county_a\' was not found.'))).toMatchObject({ failure: 'database_missing', message: expect.stringMatching(/CREATE CATALOG tenant_county_a/) });
    expect(translated(new HiveDriverError('[PERMISSION_DENIED] User does not have CREATE VOLUME on Schema'))).toMatchObject({ failure: 'permission' });
    expect(translated(new HiveDriverError("[TABLE_OR_VIEW_NOT_FOUND] The table or view `bronze`.`nope` cannot be found."), { action: 'reading bronze.nope' })).toMatchObject({ failure: 'not_found', message: expect.stringMatching(/while reading bronze.nope.*list_source_tables/) });
    const other = translated(new Error('something odd'));
    expect(other).toBeInstanceOf(DatabricksError);
    expect(other.message).toMatch(/Databricks said: something odd/);
  });
});

describe('Databricks catalog scope (one tenant per connection)', () => {
  it('allows the tenant catalog and unqualified layers, refuses any other catalog', () => {
    for (const ok of ['SELECT * FROM bronze.property LIMIT 5', 'SELECT * FROM tenant_county_a.bronze.property', 'SELECT * FROM `tenant_county_a`.`silver`.`x` s JOIN bronze.y ON s.a = y.a']) {
      expect(() => assertCatalogScope(ok, 'tenant_county_a'), ok).not.toThrow();
    }
    for (const bad of ['SELECT * FROM tenant_county_b.bronze.property', 'SELECT * FROM `tenant_county_b`.`bronze`.`p`', 'SELECT * FROM system.information_schema.tables', 'SELECT * FROM samples.nyctaxi.trips', 'SELECT 1 FROM bronze.x WHERE EXISTS (SELECT 1 FROM hive_metastore.default.t)']) {
      expect(() => assertCatalogScope(bad, 'tenant_county_a'), bad).toThrow(/another|refused/);
    }
  });
});
