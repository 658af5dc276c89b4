import { DEMO_TABLES } from './demo-schema.js';
import { postgresDdl, sqlServerDdl } from './schema-ddl.js';

/**
 * The SQL scripts under resources/sql/, generated from the dialect-neutral DEMO_TABLES. They are
 * committed so a DBA can read and run them without the app; `npm run sql:generate` rewrites
 * them and tests/sql/sql-scripts.test.ts fails when they are out of date.
 */

const STAGING_TABLES = DEMO_TABLES.filter((t) => t.origin === 'staging');
const GENERATED = 'Generated from the PACS catalog (resources/pacs-catalog) by mcp/demo/demo-schema.ts and `npm run sql:generate`: do not edit by hand.';
const PROTECTED_DATABASES = ['pacs_oltp', 'pacs_training'];

function header(lines: string[]): string {
  return lines.map((l) => `-- ${l}`.trimEnd()).join('\n') + '\n';
}

function tableList(tables: typeof DEMO_TABLES): string[] {
  return tables.map((t) => `  ${t.name}: ${t.description}`);
}

const postgresStaging = () =>
  header([
    "The county's import staging and snapshot tables, for PostgreSQL. Idempotent: running it again changes nothing.",
    GENERATED,
    '',
    '  psql -v ON_ERROR_STOP=1 -h HOST -U USER -d pacs_training -f resources/sql/postgres/staging-tables.sql',
    '',
    ...tableList(STAGING_TABLES),
  ]) +
  '\n' +
  postgresDdl('all', STAGING_TABLES);

const postgresDemo = () =>
  header([
    'The demo PACS schema for PostgreSQL: every table of the demo database with the real PACS names and types, keys, indexes and foreign keys. Idempotent.',
    GENERATED,
    '',
    'Run it in an EMPTY database made for the demo (for example pacs_demo), never in pacs_training or pacs_oltp:',
    '  createdb pacs_demo && psql -v ON_ERROR_STOP=1 -d pacs_demo -f resources/sql/postgres/demo-schema.sql',
    'Then load the demo rows with the app: pacs-mcp demo load --into CONNECTION_ID (a training connection to that database).',
  ]) +
  '\n' +
  `DO $$\nBEGIN\n  IF current_database() IN (${PROTECTED_DATABASES.map((d) => `'${d}'`).join(', ')}) THEN\n` +
  "    RAISE EXCEPTION 'The demo tables have the real PACS names: create them in an empty database such as pacs_demo, not in %.', current_database();\n" +
  '  END IF;\nEND $$;\n\n' +
  postgresDdl('all');

const sqlServerStaging = () =>
  header([
    "The county's import staging and snapshot tables in pacs_training (SQL Server). Idempotent: running it again changes nothing.",
    GENERATED,
    '',
    '  sqlcmd -S jcharrispacs -E -b -i resources\\sql\\sqlserver\\staging-tables.sql      (or open it in SQL Server Management Studio)',
    '',
    ...tableList(STAGING_TABLES),
    '',
    'snapshot_id holds a UUID as text (VARCHAR(36)) so the same table works in the local app store and on every source;',
    'PACS MCP fills it. A table created earlier with UNIQUEIDENTIFIER is left as it is.',
  ]) +
  '\nUSE [pacs_training];\nGO\n' +
  sqlServerDdl('all', STAGING_TABLES);

const sqlServerDemo = () =>
  header([
    'The demo PACS schema for SQL Server: every table of the demo database with the real PACS names and types, keys, indexes and foreign keys. Idempotent.',
    GENERATED,
    '',
    'Run it in an EMPTY database made for the demo (for example pacs_demo), never in pacs_training or pacs_oltp:',
    '  sqlcmd -S SERVER -E -b -Q "CREATE DATABASE pacs_demo" && sqlcmd -S SERVER -E -b -d pacs_demo -i resources\\sql\\sqlserver\\demo-schema.sql',
    'Then load the demo rows with the app: pacs-mcp demo load --into CONNECTION_ID (a training connection to that database).',
  ]) +
  '\n' +
  `IF DB_NAME() IN (${PROTECTED_DATABASES.map((d) => `N'${d}'`).join(', ')})\nBEGIN\n` +
  "  RAISERROR(N'The demo tables have the real PACS names: create them in an empty database such as pacs_demo, not in pacs_training or pacs_oltp.', 16, 1);\n" +
  '  SET NOEXEC ON;\nEND\nGO\n' +
  sqlServerDdl('all') +
  'SET NOEXEC OFF;\nGO\n';

export const SQL_SCRIPT_FILES: Record<string, () => string> = {
  'resources/sql/postgres/staging-tables.sql': postgresStaging,
  'resources/sql/postgres/demo-schema.sql': postgresDemo,
  'resources/sql/sqlserver/staging-tables.sql': sqlServerStaging,
  'resources/sql/sqlserver/demo-schema.sql': sqlServerDemo,
};
