import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TABLES, postgresDdl, sqlServerDdl, sqlServerDdlStatements } from '../../mcp/demo/demo-schema.js';
import { SQL_SCRIPT_FILES } from '../../mcp/demo/sql-scripts.js';
import { ROOT } from '../helpers/paths.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

describe('generated SQL scripts in resources/sql', () => {
  it.each(Object.keys(SQL_SCRIPT_FILES))('%s is up to date (run `npm run sql:generate` if not)', (file) => {
    const committed = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(committed).toBe(SQL_SCRIPT_FILES[file]());
  });

  it('every demo table, column, key and index appears in both dialects', () => {
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
    }
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
        '  CONSTRAINT [pk_import_staging_property_values] PRIMARY KEY ([import_id])',
        ');',
      ].join('\n'),
    );
    const protest = sqlServerDdlStatements('tables', DEMO_TABLES.filter((t) => t.name === '_arb_protest_status'))[0];
    expect(protest).toContain('[close_case] BIT NOT NULL');
    expect(protest).toContain('CONSTRAINT [pk_arb_protest_status] PRIMARY KEY ([status_cd])');
    const script = SQL_SCRIPT_FILES['resources/sql/sqlserver/staging-tables.sql']();
    expect(script).toContain('USE [pacs_training];\nGO\n');
    // sqlcmd and SSMS split batches on GO lines; every statement ends its own batch.
    expect(sqlServerDdl().split('\nGO\n').filter((b) => b.trim()).length).toBe(sqlServerDdlStatements().length);
  });
});

describe.runIf(postgresAvailable('sql scripts on PostgreSQL'))('the PostgreSQL scripts run on a real server', () => {
  let pg: PgCluster;
  const psqlFile = (file: string, database: string) =>
    spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', database, '-f', path.join(ROOT, file)], { encoding: 'utf8' });

  // A second run only notices that everything exists.
  const problems = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !/NOTICE: .*already exists, skipping/.test(line));

  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.stop());

  /** An empty database of that name for the test (the scripts recognise the PACS names). */
  const freshDatabase = (name: string) => {
    pg.psql(`DROP DATABASE IF EXISTS ${name}`);
    pg.psql(`CREATE DATABASE ${name}`);
  };

  it('staging-tables.sql creates the seed tables in pacs_training, and running it again changes nothing', () => {
    freshDatabase('pacs_training');
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
    freshDatabase('pacs_training');
    freshDatabase('pacs_demo');
    expect(psqlFile('resources/sql/postgres/staging-tables.sql', 'pacs_training').status).toBe(0);
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
    const indexCount = DEMO_TABLES.reduce((n, t) => n + t.indexes.length + (t.primaryKey.length ? 1 : 0), 0);
    expect(Number(pg.psql("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'", 'pacs_demo'))).toBe(indexCount);
  });
});
