import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatchApiCall } from '../../electron/api/dispatch.js';
import type { ApiHandlers } from '../../electron/api/types.js';
import { API_HANDLERS } from '../../electron/services/index.js';
import { TableNotFoundError } from '../../mcp/analysis/analyze-schema.js';
import { ClaudeConfigError } from '../../mcp/claude/errors.js';
import { UsageError } from '../../mcp/cli/command.js';
import { UnknownConnectionError } from '../../mcp/connections/connection-registry.js';
import { assertWritable, ProductionReadOnlyError, UnconfirmedConnectionError, type ConnectionRecord } from '../../mcp/connections/connection-types.js';
import { RegistrationRefused } from '../../mcp/connections/register-source.js';
import { SourceUnavailableError } from '../../mcp/connectors/connection-failure.js';
import { QueryTimeoutError } from '../../mcp/connectors/connector.js';
import { SourceBusyError, TransactionEndedError, WriteRefusedError } from '../../mcp/connectors/sqlserver/sqlserver-errors.js';
import { createSecretStore, KeychainUnavailableError } from '../../mcp/credentials/credentials.js';
import { SnapshotShapeError } from '../../mcp/diff/diff-types.js';
import { Engine } from '../../mcp/engine.js';
import { ReadOnlyViolation } from '../../mcp/guard/read-only-guard.js';
import { FilePathRefused } from '../../mcp/imports/import-folders.js';
import { ImportFileError, ImportStateError } from '../../mcp/imports/import-errors.js';
import { CatalogScopeError } from '../../mcp/lakehouse/databricks/catalog-scope.js';
import { DatabricksConfigError } from '../../mcp/lakehouse/databricks/databricks-config.js';
import { DatabricksError } from '../../mcp/lakehouse/databricks/errors.js';
import { StagingPathError } from '../../mcp/lakehouse/databricks/staging.js';
import { StatementBuildError } from '../../mcp/lakehouse/databricks/statements.js';
import { JobConflictError, UnknownJobError } from '../../mcp/jobs/job-runner.js';
import { SchemaChangeError } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { LakehouseWorkerStopped } from '../../mcp/lakehouse/local/worker/worker-client.js';
import { InvalidNameError } from '../../mcp/lakehouse/names.js';
import { ValueConversionError } from '../../mcp/lakehouse/parquet/value-text.js';
import { TransformSpecError } from '../../mcp/lakehouse/silver/transform-spec.js';
import { SyncRequestError } from '../../mcp/lakehouse/sync/sync-table.js';
import { InvalidTenantError, TenantMismatchError } from '../../mcp/lakehouse/tenant.js';
import { UploadError } from '../../mcp/lakehouse/upload/tabular-file.js';
import { NotAWarehouseError } from '../../mcp/lakehouse/warehouse-select.js';
import { MaskingRefusal } from '../../mcp/masking/row-masker.js';
import { UnknownAppealStatusError } from '../../mcp/pacs/appeal-queries.js';
import { RoutingError } from '../../mcp/pacs/route-appeal.js';
import { PackageError } from '../../mcp/qa/package-format.js';
import { FileInUseError } from '../../mcp/util/file-in-use.js';
import { KeyFormatError } from '../../mcp/util/ed25519.js';
import { XlsxBoundsError } from '../../mcp/util/xlsx-bounds.js';
import { CancelledWhileWaitingError } from '../../mcp/server/call-limiter.js';
import { installToolHandlers } from '../../mcp/server/tool-dispatch.js';
import { SnapshotRequestError } from '../../mcp/snapshots/export-snapshot.js';
import { EmptySelectionError } from '../../mcp/snapshots/parcel-selection.js';
import { DuplicateKeyError } from '../../mcp/snapshots/snapshot-staging.js';
import { UnknownSnapshotError } from '../../mcp/snapshots/snapshot-types.js';
import { defineTool, READ_ONLY } from '../../mcp/tools/tool.js';
import { UserError, type UserErrorKind } from '../../mcp/util/user-error.js';
import { ROOT } from '../helpers/paths.js';
import { makeTempHome } from '../helpers/temp-home.js';

const sqliteRecord: ConnectionRecord = { id: 'demo', kind: 'sqlite', role: 'training', description: '', config: {}, is_default: true, origin: 'user', confirmed_at: null, ambient_credentials: false, created_at: '', updated_at: '' };

function thrown(work: () => void): Error {
  try {
    work();
  } catch (err) {
    return err as Error;
  }
  throw new Error('nothing was thrown');
}

/** Every domain error class, made as the engine makes it, and the kind it must carry. */
const DOMAIN_ERRORS: [name: string, make: () => Error, kind: UserErrorKind][] = [
  ['KeychainUnavailableError', () => new KeychainUnavailableError(new Error('locked')), 'unavailable'],
  ['SnapshotRequestError', () => new SnapshotRequestError('Give the snapshot a name.'), 'invalid'],
  ['EmptySelectionError', () => new EmptySelectionError('The search matched no parcels.'), 'not_found'],
  ['DuplicateKeyError', () => new DuplicateKeyError({ prop_id: 1, year: 2026, key_extra: '' }, ['prop_id', 'year']), 'invalid'],
  ['UnknownSnapshotError', () => new UnknownSnapshotError('snap-1'), 'not_found'],
  ['RoutingError', () => new RoutingError('No hearing docket has room.'), 'conflict'],
  ['RoutingError (no protest)', () => new RoutingError('There is no protest for parcel 1.', 'not_found'), 'not_found'],
  ['UnknownAppealStatusError', () => new UnknownAppealStatusError(['HEARING_SCHEDULED'], [{ status_cd: 'S', status_desc: 'Scheduled', closes_case: false }]), 'invalid'],
  ['ProductionReadOnlyError', () => new ProductionReadOnlyError('pacs_oltp', 'writing'), 'refused'],
  ['assertWritable on a warehouse', () => thrown(() => assertWritable({ id: 'wh', role: 'warehouse' }, 'writing')), 'refused'],
  ['UnknownConnectionError', () => new UnknownConnectionError('nope', ['demo']), 'not_found'],
  ['RegistrationRefused', () => new RegistrationRefused('A connection "x" already exists.'), 'refused'],
  ['PackageError', () => new PackageError('The package is truncated.'), 'invalid'],
  ['KeyFormatError', () => new KeyFormatError('not a key'), 'invalid'],
  ['FileInUseError', () => new FileInUseError('claude_desktop_config.json', 'EBUSY', 'Quit Claude Desktop and try again.'), 'unavailable'],
  ['ClaudeConfigError (in-use)', () => new ClaudeConfigError('in-use', 'open elsewhere'), 'unavailable'],
  ['ClaudeConfigError (unreadable)', () => new ClaudeConfigError('unreadable', 'cannot read'), 'unavailable'],
  ['ClaudeConfigError (unparseable)', () => new ClaudeConfigError('unparseable', 'not JSON'), 'invalid'],
  ['ClaudeConfigError (changed-since-plan)', () => new ClaudeConfigError('changed-since-plan', 'changed'), 'conflict'],
  ['ClaudeConfigError (secret-in-entry)', () => new ClaudeConfigError('secret-in-entry', 'a secret'), 'refused'],
  ['ClaudeConfigError (invalid-entry)', () => new ClaudeConfigError('invalid-entry', 'bad name'), 'invalid'],
  ['UsageError', () => new UsageError('--kind is required.'), 'invalid'],
  ['ImportFileError', () => new ImportFileError('empty_file', 'The file is empty.'), 'invalid'],
  ['ImportStateError', () => new ImportStateError('Batch b is staged; only a validated batch can be signed off.'), 'conflict'],
  ['ImportStateError (refused target)', () => new ImportStateError('promotion goes to a production connection.', 'refused'), 'refused'],
  ['MaskingRefusal', () => new MaskingRefusal('The policy cannot mask owner_name.'), 'refused'],
  ['SourceUnavailableError', () => new SourceUnavailableError('refused', 'The server refused the connection.'), 'unavailable'],
  ['QueryTimeoutError', () => new QueryTimeoutError(1_000), 'unavailable'],
  ['SourceBusyError', () => new SourceBusyError('pacs_oltp', 5_000), 'unavailable'],
  ['TransactionEndedError', () => new TransactionEndedError('pacs_oltp', null), 'conflict'],
  ['WriteRefusedError', () => new WriteRefusedError('pacs_oltp', 'This batch is not in the training staging tables.'), 'conflict'],
  ['ReadOnlyViolation', () => new ReadOnlyViolation('DELETE is not a read.'), 'refused'],
  ['TableNotFoundError', () => new TableNotFoundError('nope', 'demo'), 'not_found'],
  ['NotAWarehouseError', () => new NotAWarehouseError(sqliteRecord), 'invalid'],
  ['JobConflictError', () => new JobConflictError('bronze.property', 'job-1'), 'conflict'],
  ['UnknownJobError', () => new UnknownJobError('job-1'), 'not_found'],
  ['CatalogScopeError', () => new CatalogScopeError('Only the tenant catalog.'), 'refused'],
  ['StagingPathError', () => new StagingPathError('outside the staging folder'), 'refused'],
  ['StatementBuildError', () => new StatementBuildError('A name may not be empty.'), 'invalid'],
  ['DatabricksConfigError', () => new DatabricksConfigError('host is missing'), 'invalid'],
  ['DatabricksError (login)', () => new DatabricksError('Databricks refused the login.', 'login', '401'), 'unavailable'],
  ['DatabricksError (not_found)', () => new DatabricksError('Databricks could not find it.', 'not_found', 'TABLE_OR_VIEW_NOT_FOUND'), 'not_found'],
  ['InvalidNameError', () => new InvalidNameError('"" is not a table name.'), 'invalid'],
  ['UploadError', () => new UploadError('The file is empty.'), 'invalid'],
  ['ValueConversionError', () => new ValueConversionError('yr', { kind: 'integer' }, 'abc', 'is not a whole number'), 'invalid'],
  ['InvalidTenantError', () => new InvalidTenantError('Bad Tenant'), 'invalid'],
  ['TenantMismatchError', () => new TenantMismatchError('a', 'b', 'reading a warehouse'), 'refused'],
  ['SyncRequestError', () => new SyncRequestError('Name a watermark column.'), 'invalid'],
  ['SchemaChangeError', () => new SchemaChangeError('Column yr changed type.'), 'conflict'],
  ['TransformSpecError', () => new TransformSpecError(['cast of x is unknown.']), 'invalid'],
  ['SnapshotShapeError', () => new SnapshotShapeError('The snapshots have different key columns.'), 'invalid'],
  ['UnconfirmedConnectionError', () => new UnconfirmedConnectionError('county_gis'), 'refused'],
  ['FilePathRefused', () => new FilePathRefused('"/etc/passwd" is not inside an import folder.'), 'refused'],
  ['LakehouseWorkerStopped', () => new LakehouseWorkerStopped('the engine process was ended by SIGABRT'), 'unavailable'],
  ['XlsxBoundsError', () => new XlsxBoundsError('The workbook is too large to import.'), 'invalid'],
  ['XlsxBoundsError (damaged)', () => new XlsxBoundsError('The workbook is not a valid .xlsx.', 'damaged'), 'invalid'],
  ['CancelledWhileWaitingError', () => new CancelledWhileWaitingError(), 'conflict'],
];

const API_CODE: Record<UserErrorKind, string> = { invalid: 'invalid_input', refused: 'forbidden', not_found: 'not_found', conflict: 'conflict', unavailable: 'unavailable' };

const home = makeTempHome('pacs-user-errors-');
let engine: Engine;
let client: Client;
let throwing: () => Error = () => new Error('unset');

const throwsTool = defineTool({
  name: 'throws',
  title: 'Throws the error under test',
  toolset: 'core',
  description: 'Test tool: its handler throws the error of the current case.',
  input: z.object({}),
  output: z.object({}),
  annotations: READ_ONLY,
  async handler() {
    throw throwing();
  },
});

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
  const server = new Server({ name: 'errors-test', version: '1' }, { capabilities: {} });
  installToolHandlers(server, [throwsTool], Promise.resolve(engine), 'mcp');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'errors-test-client', version: '1' });
  await client.connect(clientSide);
});
afterAll(async () => {
  await client?.close();
  await engine?.close();
  home.cleanup();
});

async function throughMcp(make: () => Error): Promise<{ result: CallToolResult; outcome: string }> {
  throwing = make;
  const result = (await client.callTool({ name: 'throws', arguments: {} })) as CallToolResult;
  const [row] = await engine.audit.recent(1, { action: 'throws' });
  return { result, outcome: row.outcome };
}

async function throughApi(make: () => Error) {
  const handlers = { ...API_HANDLERS, jobs: { get: async () => Promise.reject(make()) } } as unknown as ApiHandlers<object>;
  return dispatchApiCall(handlers, {}, 'jobs.get', { job_id: 'j' });
}

describe('one error vocabulary: every domain error maps through the one MCP mapper and the one API mapper', () => {
  it.each(DOMAIN_ERRORS)('%s', async (_name, make, kind) => {
    const error = make();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).kind).toBe(kind);

    const { result, outcome } = await throughMcp(make);
    expect(result).toEqual({ content: [{ type: 'text', text: error.message }], isError: true });
    expect(outcome).toBe(kind === 'refused' ? 'refused' : 'error');

    expect(await throughApi(make)).toEqual({ ok: false, error: { code: API_CODE[kind], message: error.message } });
  });

  it('an unexpected error is an isError result with its message, audited as error, and `failed` over the API', async () => {
    const make = () => new Error('SQLITE_IOERR: disk I/O error');
    const { result, outcome } = await throughMcp(make);
    expect(result).toEqual({ content: [{ type: 'text', text: 'SQLITE_IOERR: disk I/O error' }], isError: true });
    expect(outcome).toBe('error');
    expect(await throughApi(make)).toEqual({ ok: false, error: { code: 'failed', message: 'SQLITE_IOERR: disk I/O error' } });
  });

  it('the table above lists every UserError subclass in the code', () => {
    const classes = sourceFiles('mcp').flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/class (\w+) extends (\w+)/g)].map((m) => [m[1], m[2]] as const));
    const subclasses = new Set<string>(['UserError']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [name, base] of classes) {
        if (subclasses.has(base) && !subclasses.has(name)) {
          subclasses.add(name);
          grew = true;
        }
      }
    }
    subclasses.delete('UserError');
    const tabled = new Set(DOMAIN_ERRORS.map(([name]) => name.split(' ')[0]));
    expect([...subclasses].filter((name) => !tabled.has(name)), 'add these to DOMAIN_ERRORS').toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Errors that are control flow inside one module, never reported to a caller as they are. */
const INTERNAL_SIGNALS = ['NotUtf8Error', 'SqlLexError', 'QueryCancelledError', 'ImportCancelledError', 'UnclearLineage'];

/** Modules that turn a database driver's error into ours; the driver gives them nothing but its text. */
const DRIVER_MESSAGE_READERS = ['mcp/connectors/postgres/postgres-connector.ts', 'mcp/snapshots/training-copy.ts'];

describe('nothing classifies an error by its class name or its message text', () => {
  const files = [...sourceFiles('mcp'), ...sourceFiles('electron')];

  it('no error class extends Error directly but UserError and the internal signals', () => {
    const direct = files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/class (\w+) extends Error\b/g)].map((m) => m[1]));
    expect(direct.filter((name) => name !== 'UserError' && !INTERNAL_SIGNALS.includes(name))).toEqual([]);
  });

  it('no comparison of an error name with a string, no pattern run on an error message', () => {
    const offences: string[] = [];
    for (const file of files) {
      const rel = path.relative(ROOT, file);
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\.name\s*[!=]==?\s*['"`]|\b(err|error|e)\.name\b/.test(line)) offences.push(`${rel}:${i + 1}: ${line.trim()}`);
          const readsMessage = /\b(err|error|e)\.message\.(match|search|includes)\(|\.test\(\(?(err|error|e)( as Error\))?\)?\.message\)/.test(line);
          if (readsMessage && !DRIVER_MESSAGE_READERS.includes(rel)) offences.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offences).toEqual([]);
  });

  it('the desktop app never imports the CLI', () => {
    const offences = sourceFiles('electron').filter((file) => /from '(\.\.\/)+mcp\/cli\//.test(fs.readFileSync(file, 'utf8')));
    expect(offences.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
