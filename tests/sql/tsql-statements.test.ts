import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLSERVER_DATABASE_SQL, SQLSERVER_DESCRIBE_TABLE_SQL, SQLSERVER_ISOLATION_SQL, SQLSERVER_LIST_TABLES_SQL, SQLSERVER_TEST_SQL, sqlServerPrivilegesSql } from '../../mcp/connectors/sqlserver/sqlserver-catalog.js';
import { translatePlaceholders } from '../../mcp/connectors/placeholders.js';
import { parameterColumns } from '../../mcp/connectors/sqlserver/parameter-columns.js';
import { PACS_USAGE_FILE, type PacsUsage } from '../../mcp/doctor/pacs-usage.js';
import { SqlServerConnector } from '../../mcp/connectors/sqlserver/sqlserver-connector.js';
import { COMPATIBILITY_DOC, compatibilityDoc } from '../helpers/compatibility-doc.js';
import { openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { startRecordingTdsServer, type RecordedRequest } from '../helpers/recording-tds-server.js';
import { ROOT } from '../helpers/paths.js';
import { declarationsFor, type RecordedStatement } from '../helpers/recording-connector.js';
import { suiteGate } from '../helpers/system.js';
import { checkStatement, sqlfluffAvailable, sqlfluffUnparsable, statementShape } from '../helpers/tsql-check.js';
import { usageOf } from '../helpers/tsql-usage.js';
import { runTsqlScenario, type ScenarioResult } from '../helpers/tsql-scenario.js';

/**
 * Every statement the PACS tools, validation, the push and both promotions send in the SQL
 * Server dialect, recorded while they run (tests/helpers/tsql-scenario.ts), is checked without a
 * SQL Server: node-sql-parser (TransactSQL) and sqlfluff (tsql) parse it, each column resolves to
 * a table of the PACS catalog or the staging tables, no character column meets a number and no
 * char/varchar column an NVARCHAR parameter. What each operation reads and writes, derived from
 * the same statements, must be what resources/pacs-usage.json says (`pacs-mcp doctor` and
 * docs/pacs-compatibility.md are built from that file); `PACS_UPDATE_USAGE=1` rewrites it.
 */

const hasSqlfluff = suiteGate('T-SQL statement checks', sqlfluffAvailable(), 'no sqlfluff (Debian package sqlfluff, the T-SQL parser)', { requiredOnCi: true });

let t: ImportTestEngine;
let scenario: ScenarioResult;

beforeAll(async () => {
  t = await openImportEngine(300);
  scenario = await runTsqlScenario(t);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

/** One statement per shape (parameter numbers, IN lists and VALUES tuples folded), the first seen. */
function distinct(statements: RecordedStatement[]): RecordedStatement[] {
  const seen = new Map<string, RecordedStatement>();
  for (const s of statements) {
    const key = `${statementShape(s.tsql)}\n${s.declarations.map((d) => d.replace(/^@p\d+/, '')).join(',')}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

/** The T-SQL the SQL Server connector sends of its own: catalog reads, the connection test, the isolation check, doctor's. */
const CONNECTOR_STATEMENTS = [
  SQLSERVER_LIST_TABLES_SQL,
  translatePlaceholders(SQLSERVER_DESCRIBE_TABLE_SQL, ['dbo', 'property'], 'tsql'),
  SQLSERVER_TEST_SQL,
  SQLSERVER_ISOLATION_SQL,
  SQLSERVER_DATABASE_SQL,
  translatePlaceholders(sqlServerPrivilegesSql(2), [0, 'dbo.property', 'SELECT', 1, '[pacs_training].[dbo].[import_staging_batches]', 'SELECT'], 'tsql'),
  'SET LOCK_TIMEOUT 5000; SELECT prop_id FROM property WHERE prop_id = @p1',
];

describe('the T-SQL every PACS operation sends', () => {
  it('was recorded for every operation, reads and writes', () => {
    const operations = new Set(scenario.statements.map((s) => s.operation));
    expect([...operations].sort()).toEqual(
      ['export_parcel_snapshot', 'get_parcel', 'get_parcel_timeline', 'import promote', 'import promote (built-in)', 'import push', 'list_appeals', 'route_appeal', 'search_parcels', 'stage_import (validate: true)', 'validate_import'].sort(),
    );
    const writes = new Set(scenario.statements.filter((s) => s.access === 'write').map((s) => s.operation));
    expect([...writes].sort()).toEqual(['export_parcel_snapshot', 'import promote', 'import promote (built-in)', 'import push', 'route_appeal']);
    expect(scenario.statements.find((s) => s.tsql.startsWith('EXEC [dbo].[pacs_mcp_promote_exemptions]'))).toBeDefined();
    expect(scenario.statements.find((s) => s.tsql.startsWith('EXEC [dbo].[ARBAutoSchedule]'))).toBeDefined();
    expect(distinct(scenario.statements).length).toBeGreaterThan(40);
  });

  it('parses with node-sql-parser, resolves every column against the catalog, and compares like with like', () => {
    const problems: string[] = [];
    for (const s of distinct(scenario.statements)) {
      for (const problem of checkStatement(s.tsql, s.declarations, s.params).problems) problems.push(`[${s.operation}] ${problem}\n    ${s.tsql.replace(/\s+/g, ' ').slice(0, 300)}\n    ${s.declarations.join(', ')}`);
    }
    for (const sql of CONNECTOR_STATEMENTS) {
      // The connector's catalog reads name system views, not PACS tables: parsing is what counts.
      for (const problem of checkStatement(sql).problems) if (!/is not a table of the PACS catalog|no table in scope|has no column/.test(problem)) problems.push(`[connector] ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('sends every text parameter that meets a char or varchar column as VARCHAR, and only those that meet no text column as NVARCHAR', () => {
    const text = scenario.statements.flatMap((s) => {
      const columns = parameterColumns(s.sql);
      return s.declarations.flatMap((d, i) => (typeof s.params[i] === 'string' ? [{ declared: d.split(' ')[1], column: columns[i], where: `${s.operation}: ${d}` }] : []));
    });
    expect(text.filter((p) => p.declared.startsWith('varchar')).length).toBeGreaterThan(50);
    for (const p of text.filter((x) => x.declared.startsWith('nvarchar'))) {
      expect(p.column === null || !['char', 'varchar'].includes(p.column.type.kind), p.where).toBe(true);
    }
  });

  it('reaches the wire as recorded: the real driver sends each statement with the parameter types recorded for it', async () => {
    const server = await startRecordingTdsServer();
    const connector = new SqlServerConnector(
      { id: 'wire', role: 'training', config: { server: '127.0.0.1', port: server.port, database: 'pacs_training', authentication: 'sql', user: 'app', encrypt: false, connect_timeout_ms: 5_000, request_timeout_ms: 10_000 } },
      'app-password',
    );
    /** `varchar(50)`, `int`…; the driver sizes NVARCHAR text by its value, so only the type name counts there. */
    const normalized = (declarations: string) => declarations.split(',').filter(Boolean).map((d) => d.trim().replace(/^(@p\d+ nvarchar)\(\d+\)$/, '$1'));
    try {
      const statements = distinct(scenario.statements);
      for (const s of statements) {
        if (s.access === 'read') await connector.query(s.sql, s.params, { maxRows: 10, timeoutMs: 10_000 });
        else await connector.writeTransaction((tx) => tx.execute(s.sql, s.params));
      }
      const sent = server.requests().filter((r): r is Extract<RecordedRequest, { kind: 'rpc' }> => r.kind === 'rpc' && r.statement !== 'SELECT 1;');
      expect(sent.length).toBe(statements.length);
      statements.forEach((s, i) => {
        expect(sent[i].statement, s.tsql).toBe(s.access === 'read' ? `SET LOCK_TIMEOUT 5000; ${s.tsql}` : s.tsql);
        expect(normalized(sent[i].declarations), s.tsql).toEqual(s.declarations.map((d) => d.replace(/^(@p\d+ nvarchar)(\(\d+\))?$/, '$1')));
      });
    } finally {
      await connector.close();
      await server.close();
    }
  });

  it.runIf(hasSqlfluff)(
    'parses with sqlfluff (tsql): each distinct statement, the connector\'s own, and every batch of the generated SQL Server scripts',
    () => {
      const scripts = ['promotion-procedures.sql', 'staging-tables.sql'].flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, 'resources/sql/sqlserver', file), 'utf8')
          .split(/^GO$/m)
          .filter((batch) => batch.replace(/--.*$/gm, '').trim() && !/^\s*USE \[/.test(batch.replace(/^--.*\n/gm, ''))),
      );
      // sqlfluff 1.4.5's T-SQL grammar has no SET LOCK_TIMEOUT (node-sql-parser reads it, above).
      const connector = CONNECTOR_STATEMENTS.map((sql) => sql.replace(/^SET LOCK_TIMEOUT \d+; /, ''));
      const texts = [...distinct(scenario.statements).map((s) => s.tsql), ...connector, ...scripts];
      const unparsable = sqlfluffUnparsable(texts);
      expect([...unparsable].map(([text, where]) => `${where}\n    in: ${text.replace(/\s+/g, ' ').slice(0, 300)}`)).toEqual([]);
    },
    600_000,
  );

  it('resources/pacs-usage.json is what the operations read and write (PACS_UPDATE_USAGE=1 rewrites it)', () => {
    const derived: PacsUsage = usageOf(scenario);
    const file = path.join(ROOT, PACS_USAGE_FILE);
    if (process.env.PACS_UPDATE_USAGE === '1') {
      fs.writeFileSync(file, `${JSON.stringify(derived, null, 2)}\n`);
      fs.writeFileSync(path.join(ROOT, COMPATIBILITY_DOC), compatibilityDoc(derived));
    }
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(derived);
  });
});

describe('the checks find what they look for', () => {
  it('a char column compared with a number, an NVARCHAR parameter against varchar, an unknown column or table', () => {
    expect(checkStatement("SELECT status_cd FROM _arb_protest_status WHERE close_case = 1").problems).toEqual([expect.stringMatching(/char column _arb_protest_status\.close_case meets a number/)]);
    const sql = 'SELECT p.prop_id FROM property p WHERE p.geo_id = ?';
    expect(checkStatement(translatePlaceholders(sql, ['x'], 'tsql'), ['@p1 nvarchar(1)'], ['x']).problems).toEqual([expect.stringMatching(/varchar column property\.geo_id meets @p1 declared nvarchar\(1\); its index cannot seek/)]);
    expect(checkStatement(translatePlaceholders(sql, ['x'], 'tsql'), declarationsFor(sql, ['x']), ['x']).problems).toEqual([]);
    expect(checkStatement(translatePlaceholders('SELECT 1 FROM property p WHERE p.prop_type_cd IN (?, ?)', ['R', 7], 'tsql'), ['@p1 varchar(5)', '@p2 int'], ['R', 7]).problems).toEqual([
      expect.stringMatching(/char column property\.prop_type_cd meets a number \(@p2\)/),
    ]);
    expect(checkStatement('SELECT p.geo_idx FROM property p').problems).toEqual(['p.geo_idx: property has no column geo_idx']);
    expect(checkStatement('SELECT d.x FROM arb_docket d').problems).toEqual([expect.stringMatching(/table arb_docket is not a table of the PACS catalog/)]);
    expect(checkStatement('SELECT x FROM property').problems).toEqual([expect.stringMatching(/^x: no table in scope has it/)]);
    expect(checkStatement('SELECT p.prop_id FROM property p WHERE EXISTS (SELECT 1 FROM owner o WHERE o.prop_id = q.prop_id)').problems).toEqual(['q.prop_id: no table or alias q in scope']);
    expect(checkStatement("UPDATE _arb_protest SET prot_status = 5 WHERE prop_id = 1").problems).toEqual([expect.stringMatching(/SET: the varchar column _arb_protest\.prot_status meets a number/)]);
    expect(checkStatement('SELEC prop_id FROM property').problems).toEqual([expect.stringMatching(/read it as assign, not as a statement/)]);
    expect(checkStatement('SELECT prop_id FROM property WHERE (prop_id = 1').problems).toEqual([expect.stringMatching(/cannot parse/)]);
  });

  it.runIf(hasSqlfluff)('sqlfluff reports what it cannot parse', () => {
    const bad = 'SELECT prop_id FROM property WHERE (prop_id = 1';
    expect([...sqlfluffUnparsable(['SELECT prop_id FROM property WHERE prop_id = @p1', bad]).keys()]).toEqual([bad]);
  });
});
