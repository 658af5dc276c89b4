import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TABLES } from '../../mcp/demo/demo-schema.js';
import { postgresDdl, sqlServerDdl, sqlServerDdlStatements } from '../../mcp/demo/schema-ddl.js';
import { PACS_CATALOG } from '../../mcp/pacs/pacs-catalog.js';
import { SQL_SCRIPT_FILES } from '../../mcp/demo/sql-scripts.js';
import { ROOT } from '../helpers/paths.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

describe('generated SQL scripts in resources/sql', () => {
  it.each(Object.keys(SQL_SCRIPT_FILES))('%s is up to date (run `npm run sql:generate` if not)', (file) => {
    const committed = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(committed).toBe(SQL_SCRIPT_FILES[file]());
  });

  it('every demo table, column, key, index and foreign key appears in both dialects', () => {
    const pg = postgresDdl();
    const tsql = sqlServerDdl();
    for (const table of DEMO_TABLES) {
      expect(pg).toContain(`CREATE TABLE IF NOT EXISTS "${table.name}" (`);
      expect(tsql).toContain(`IF OBJECT_ID(N'[dbo].[${table.name}]', N'U') IS NULL\nCREATE TABLE [dbo].[${table.name}] (`);
      for (const column of table.columns) {
        expect(pg).toContain(`  "${column.name}" `);
        expect(tsql).toContain(`  [${column.name}] `);
      }
      for (const index of table.indexes) {
        expect(pg).toContain(`INDEX IF NOT EXISTS "${index.name}"`);
        expect(tsql).toContain(`INDEX [${index.name}] ON [dbo].[${table.name}]`);
      }
      for (const fk of table.foreignKeys) {
        expect(pg).toContain(`ADD CONSTRAINT "${fk.name}" FOREIGN KEY`);
        expect(tsql).toContain(`ADD CONSTRAINT [${fk.name}] FOREIGN KEY`);
      }
    }
  });

  it('builds every catalog table with the catalog\'s names, types, keys and indexes, and no other PACS table', () => {
    const pacs = DEMO_TABLES.filter((t) => t.origin === 'pacs');
    expect(pacs.map((t) => t.name).sort()).toEqual(Object.keys(PACS_CATALOG.tables).sort());
    const tsql = sqlServerDdl();
    for (const table of pacs) {
      const catalog = PACS_CATALOG.tables[table.name];
      const declared = catalog.columns.filter((c) => c.type !== undefined);
      for (const column of declared) {
        const spec = table.columns.find((c) => c.name === column.name)!;
        expect(spec, `${table.name}.${column.name}`).toBeDefined();
        expect(tsql, `${table.name}.${column.name}`).toContain(`  [${column.name}] ${column.type!.replace(/^decimal/, 'numeric').toUpperCase()}${column.identity ? ' IDENTITY(1,1)' : ''}${column.null === false ? ' NOT NULL' : ' NULL'}`);
      }
      expect(table.primaryKey, table.name).toEqual(catalog.primary_key?.columns ?? []);
      expect(table.indexes.map((i) => i.columns), table.name).toEqual((catalog.indexes ?? []).map((i) => i.columns));
      expect(table.foreignKeys.map((f) => `${f.columns}>${f.table}`), table.name).toEqual((catalog.foreign_keys ?? []).filter((f) => f.target_in_catalog).map((f) => `${f.columns}>${f.references.table}`));
    }
    // The real flag and code types: no BIT close_case, no long status codes, no invented docket table.
    expect(tsql).toContain('[close_case] CHAR(1) NULL');
    expect(tsql).toContain('[prot_status] VARCHAR(10) NULL');
    expect(tsql).toContain('[inactive] VARCHAR(1) NULL');
    expect(tsql).not.toContain('arb_docket]');
  });

  it('builds T-SQL the way SQL Server needs it', () => {
    const staging = DEMO_TABLES.filter((t) => t.origin === 'staging');
    const [importTable] = sqlServerDdlStatements('tables', staging);
    expect(importTable).toBe(
      [
        "IF OBJECT_ID(N'[dbo].[import_staging_property_values]', N'U') IS NULL",
        'CREATE TABLE [dbo].[import_staging_property_values] (',
        '  [import_id] INT IDENTITY(1,1) NOT NULL,',
        '  [parcel_id] VARCHAR(20) NULL,',
        '  [value_type] VARCHAR(50) NULL,',
        '  [value_amount] NUMERIC(18,2) NULL,',
        '  [effective_date] DATE NULL,',
        '  [source] VARCHAR(255) NULL,',
        '  [created_at] DATETIME NULL DEFAULT GETDATE(),',
        '  [import_batch_id] VARCHAR(36) NULL,',
        '  CONSTRAINT [pk_import_staging_property_values] PRIMARY KEY CLUSTERED ([import_id])',
        ');',
      ].join('\n'),
    );
    const protest = sqlServerDdlStatements('tables', DEMO_TABLES.filter((t) => t.name === '_arb_protest_status'))[0];
    expect(protest).toContain('[close_case] CHAR(1) NULL');
    expect(protest).toContain("[sys_flag] CHAR(1) NULL DEFAULT 'F'");
    expect(protest).toContain('CONSTRAINT [pk_arb_protest_status] PRIMARY KEY CLUSTERED ([status_cd])');
    const docket = sqlServerDdlStatements('tables', DEMO_TABLES.filter((t) => t.name === '_arb_protest_hearing_docket'))[0];
    expect(docket).toContain('CHECK ([maximum_hearing_count] IS NULL OR [scheduled_protest_count] <= [maximum_hearing_count])');
    const script = SQL_SCRIPT_FILES['resources/sql/sqlserver/staging-tables.sql']();
    expect(script).toContain('USE [pacs_training];\nGO\n');
    // sqlcmd and SSMS split batches on GO lines; every statement ends its own batch.
    expect(sqlServerDdl().split('\nGO\n').filter((b) => b.trim()).length).toBe(sqlServerDdlStatements().length);
  });
});

describe.runIf(postgresAvailable())('the PostgreSQL scripts run on a real server', () => {
  let pg: PgCluster;
  const psqlFile = (file: string, database: string) =>
    spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', database, '-f', path.join(ROOT, file)], { encoding: 'utf8' });

  // A second run only notices that everything exists.
  const problems = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !/NOTICE: .*already exists, skipping/.test(line));

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql('CREATE DATABASE pacs_training');
    pg.psql('CREATE DATABASE pacs_demo');
  });
  afterAll(() => pg?.stop());

  it('staging-tables.sql creates the seed tables in pacs_training, and running it again changes nothing', () => {
    for (let run = 0; run < 2; run++) {
      const result = psqlFile('resources/sql/postgres/staging-tables.sql', 'pacs_training');
      expect(problems(result.stderr)).toEqual([]);
      expect(result.status).toBe(0);
    }
    expect(pg.psql("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'", 'pacs_training').trim()).toBe(
      'export_snapshot_parcel_timeline,import_staging_batches,import_staging_errors,import_staging_exemptions,import_staging_property_values',
    );
    pg.psql("INSERT INTO import_staging_property_values (parcel_id, value_type, value_amount) VALUES ('R1', 'market', 1000.5)", 'pacs_training');
    expect(pg.psql('SELECT import_id, created_at IS NOT NULL FROM import_staging_property_values', 'pacs_training').trim()).toBe('1|t');
  });

  it('demo-schema.sql refuses pacs_training and builds every table in an empty database, twice', () => {
    const refused = psqlFile('resources/sql/postgres/demo-schema.sql', 'pacs_training');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/real PACS names/);
    expect(pg.psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", 'pacs_training').trim()).toBe(String(DEMO_TABLES.filter((t) => t.origin === 'staging').length));
    for (let run = 0; run < 2; run++) {
      const result = psqlFile('resources/sql/postgres/demo-schema.sql', 'pacs_demo');
      expect(problems(result.stderr)).toEqual([]);
      expect(result.status).toBe(0);
    }
    expect(Number(pg.psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", 'pacs_demo'))).toBe(DEMO_TABLES.length);
    const indexCount = DEMO_TABLES.reduce((n, t) => n + t.indexes.length + t.uniques.length + (t.primaryKey.length ? 1 : 0), 0);
    expect(Number(pg.psql("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'", 'pacs_demo'))).toBe(indexCount);
    const fkCount = DEMO_TABLES.reduce((n, t) => n + t.foreignKeys.length, 0);
    expect(Number(pg.psql("SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.contype = 'f'", 'pacs_demo'))).toBe(fkCount);
    // The types refuse what SQL Server refuses: a char(1) flag compared with a number, a status code longer than 10.
    expect(() => pg.psql("SELECT 1 FROM _arb_protest_status WHERE close_case = 1", 'pacs_demo')).toThrow(/operator does not exist: character = integer/);
    expect(() => pg.psql("INSERT INTO _arb_protest_status (status_cd) VALUES ('HEARING_SCHEDULED')", 'pacs_demo')).toThrow(/value too long for type character varying\(10\)/);
  });
});
