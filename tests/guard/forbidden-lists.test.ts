import { describe, expect, it } from 'vitest';
import { isCredentialCatalog, isDangerousFunction } from '../../mcp/guard/forbidden-sql.js';
import type { SqlDialect } from '../../mcp/guard/guard-types.js';

/**
 * The word lists on their own. Every pass of the guard asks these two functions, so a name missing
 * from a list is missed by the token pass and by both parser passes at once; and where one pass
 * refuses a name for another reason (a T-SQL keyword, a system object), only the other passes rely
 * on the list. So each name is checked here directly, written down independently of the lists.
 */

const DANGEROUS: Record<SqlDialect, string[]> = {
  postgres: ['set_config', 'nextval', 'pg_sleep', 'pg_read_binary_file', 'dblink_connect', 'query_to_xml'],
  duckdb: ['glob', 'query', 'read_parquet', 'sqlite_attach', 'getenv', 'which_secret', 'pg_sleep'],
  databricks: ['reflect', 'java_method', 'try_reflect', 'secret', 'cloud_files_state', 'http_request', 'vector_search', 'ai_generate_text', 'read_files'],
  tsql: [
    'openrowset', 'openquery', 'opendatasource', 'openxml', 'fn_dblog', 'fn_dump_dblog', 'fn_get_audit_file', 'fn_trace_gettable',
    'fn_xe_file_target_read_file', 'loginproperty', 'pwdcompare', 'pwdencrypt', 'certprivatekey', 'sp_executesql', 'xp_cmdshell',
  ],
  sqlite: ['load_extension', 'writefile', 'readfile', 'eval', 'fsdir', 'sqlite_dbpage', 'pragma_journal_mode', 'pragma_wal_checkpoint'],
};

/** SQLite's pragma functions that only describe the schema: what a model asks to learn the tables. */
const SQLITE_DESCRIBING_PRAGMAS = [
  'pragma_table_info', 'pragma_table_xinfo', 'pragma_table_list', 'pragma_index_list', 'pragma_index_info', 'pragma_index_xinfo',
  'pragma_foreign_key_list', 'pragma_database_list', 'pragma_collation_list', 'pragma_function_list',
];

const CREDENTIAL_CATALOGS = ['pg_authid', 'pg_shadow', 'pg_user_mapping', 'pg_user_mappings', 'pg_subscription', 'pg_hba_file_rules', 'pg_ident_file_mappings', 'pg_file_settings'];

describe('isDangerousFunction', () => {
  it.each(Object.entries(DANGEROUS).flatMap(([dialect, names]) => names.map((name) => [dialect as SqlDialect, name] as const)))('names the %s function %s', (dialect, name) => {
    expect(isDangerousFunction(name, dialect)).toBe(true);
  });

  it('reads names in any case, as SQL does', () => {
    expect(isDangerousFunction('PG_SLEEP', 'postgres')).toBe(true);
    expect(isDangerousFunction('Xp_CmdShell', 'tsql')).toBe(true);
    expect(isDangerousFunction('Load_Extension', 'sqlite')).toBe(true);
  });

  it('checks every part of a qualified name, also across an empty part', () => {
    expect(isDangerousFunction('pg_catalog.pg_sleep', 'postgres')).toBe(true);
    expect(isDangerousFunction('master..xp_cmdshell', 'tsql')).toBe(true);
    expect(isDangerousFunction('master..fn_get_audit_file', 'tsql')).toBe(true);
    expect(isDangerousFunction('dbo..upper', 'tsql')).toBe(false);
  });

  it('lets ordinary functions through in every dialect', () => {
    for (const dialect of Object.keys(DANGEROUS) as SqlDialect[]) {
      for (const name of ['upper', 'count', 'coalesce', 'sum', 'round']) expect(isDangerousFunction(name, dialect), `${dialect} ${name}`).toBe(false);
    }
  });

  it("lets SQLite's schema-describing pragma functions through and refuses every other pragma function", () => {
    for (const name of SQLITE_DESCRIBING_PRAGMAS) expect(isDangerousFunction(name, 'sqlite'), name).toBe(false);
    for (const name of ['pragma_journal_mode', 'pragma_writable_schema', 'pragma_table_info_x']) expect(isDangerousFunction(name, 'sqlite'), name).toBe(true);
  });

  it("applies SQLite's pragma rule to SQLite only: DuckDB's pragma functions only report", () => {
    for (const name of ['pragma_version', 'pragma_storage_info', 'pragma_database_size']) {
      expect(isDangerousFunction(name, 'duckdb'), name).toBe(false);
      expect(isDangerousFunction(name, 'sqlite'), name).toBe(true);
    }
  });
});

describe('isCredentialCatalog', () => {
  it.each(CREDENTIAL_CATALOGS)('names %s, in any case', (name) => {
    expect(isCredentialCatalog(name)).toBe(true);
    expect(isCredentialCatalog(name.toUpperCase())).toBe(true);
  });

  it('leaves the catalogs a model reads to learn the schema', () => {
    for (const name of ['pg_class', 'pg_attribute', 'pg_roles', 'pg_settings', 'pg_tables']) expect(isCredentialCatalog(name), name).toBe(false);
  });
});
