import type { SqlDialect } from './guard-types.js';

/**
 * What query_sql never runs, per dialect. Keywords are matched on bare (unquoted) words only,
 * so a column called "delete" or [delete] is fine. Function names are matched on bare words
 * AND quoted identifiers, because `"pg_sleep"(5)` still calls pg_sleep.
 */

/** Statement keywords that write, change session state or control transactions anywhere. */
const COMMON_FORBIDDEN_KEYWORDS = [
  'insert', 'update', 'delete', 'merge', 'upsert', 'create', 'alter', 'drop', 'truncate',
  'grant', 'revoke', 'into', 'returning', 'begin', 'commit', 'rollback', 'savepoint',
  'transaction', 'set', 'declare', 'call', 'execute',
];

const POSTGRES_FORBIDDEN_KEYWORDS = [
  'do', 'lock', 'copy', 'prepare', 'deallocate', 'listen', 'notify', 'unlisten', 'abort',
  'release', 'reset', 'discard', 'vacuum', 'analyze', 'analyse', 'cluster', 'reindex', 'refresh',
  'checkpoint',
];

const DIALECT_FORBIDDEN_KEYWORDS: Record<SqlDialect, string[]> = {
  postgres: POSTGRES_FORBIDDEN_KEYWORDS,
  // DuckDB speaks PostgreSQL's grammar plus statements that reach files, extensions and other databases.
  duckdb: [...POSTGRES_FORBIDDEN_KEYWORDS, 'attach', 'detach', 'install', 'load', 'force', 'export', 'import', 'pragma', 'use'],
  databricks: [
    'use', 'overwrite', 'optimize', 'vacuum', 'refresh', 'msck', 'cache', 'uncache', 'copy', 'load',
    'analyze', 'restore', 'clone', 'undrop', 'repair', 'fsck', 'zorder', 'reset',
  ],
  sqlite: ['attach', 'detach', 'vacuum', 'pragma', 'reindex', 'analyze', 'release'],
  tsql: [
    'exec', 'waitfor', 'backup', 'restore', 'shutdown', 'kill', 'dbcc', 'bulk', 'use', 'reconfigure',
    'checkpoint', 'deny', 'revert', 'setuser', 'openrowset', 'openquery', 'opendatasource', 'openxml',
    'receive', 'send', 'conversation', 'dialog', 'writetext', 'updatetext', 'readtext', 'enable',
    'disable', 'save', 'tran', 'if', 'while', 'goto', 'return', 'throw', 'raiserror', 'print',
    'open', 'close', 'deallocate', 'add', 'cursor',
    // Table hints that take update, exclusive or held locks.
    'updlock', 'xlock', 'tablock', 'tablockx', 'holdlock',
  ],
};

/** Functions that write, touch the server's files or network, signal backends, or stall. */
const POSTGRES_DANGEROUS_FUNCTIONS = {
  exact: [
    'set_config', 'nextval', 'setval', 'txid_current', 'pg_current_xact_id', 'pg_notify',
    'loread', 'lowrite', 'pg_stat_file', 'pg_logdir_ls', 'ts_stat', 'ts_rewrite', 'pg_nextoid',
    'pg_prewarm', 'gin_clean_pending_list', 'brin_summarize_new_values', 'brin_summarize_range',
    'brin_desummarize_range', 'pg_promote', 'pg_start_backup', 'pg_stop_backup',
  ],
  prefixes: [
    'pg_sleep', 'pg_advisory', 'pg_try_advisory', 'dblink', 'lo_', 'pg_read_', 'pg_ls_', 'pg_file_',
    'pg_stat_reset', 'pg_stat_statements_reset', 'pg_replication_', 'pg_create_', 'pg_drop_',
    'pg_copy_', 'pg_logical_', 'pg_wal_replay', 'pg_xlog_replay', 'pg_backup_', 'pg_switch_',
    'pg_terminate', 'pg_cancel', 'pg_reload', 'pg_rotate', 'pg_log_', 'pg_signal', 'pg_set_',
    'pg_restore_', 'pg_clear_', 'pg_import_', 'pg_export_', 'pg_truncate_', 'pg_sync_',
    'binary_upgrade_',
    // These run the SQL text they are given, so the text would escape this check.
    'query_to_xml', 'cursor_to_xml', 'table_to_xml', 'schema_to_xml', 'database_to_xml',
  ],
};

const DANGEROUS_FUNCTIONS: Record<SqlDialect, { exact: string[]; prefixes: string[] }> = {
  postgres: POSTGRES_DANGEROUS_FUNCTIONS,
  // Table functions that read files, other databases or secrets, or run the SQL text they are given.
  // The lakehouse views are built by PACS MCP itself; a query never needs to name a file.
  duckdb: {
    exact: [
      ...POSTGRES_DANGEROUS_FUNCTIONS.exact, 'glob', 'query', 'query_table', 'sniff_csv', 'getenv',
      'current_setting', 'which_secret', 'load_aws_credentials', 'from_substrait', 'get_substrait',
    ],
    prefixes: [
      ...POSTGRES_DANGEROUS_FUNCTIONS.prefixes, 'read_', 'parquet_', 'sqlite_', 'postgres_', 'mysql_',
      'iceberg_', 'delta_', 'duckdb_secret', 'json_execute', 'ducklake_',
    ],
  },
  // Functions that reach files, streams, secrets, the network, the JVM or paid model endpoints.
  databricks: {
    // java_method, cloud_files_state and http_request are among the names the prefixes cover.
    exact: ['reflect', 'try_reflect', 'secret', 'try_secret', 'list_secrets', 'vector_search'],
    prefixes: ['read_', 'ai_', 'http_', 'java_', 'cloud_files'],
  },
  tsql: {
    exact: [
      'openrowset', 'openquery', 'opendatasource', 'openxml', 'fn_dblog', 'fn_dump_dblog',
      'fn_get_audit_file', 'fn_trace_gettable', 'fn_xe_file_target_read_file',
      // Password hashes and guesses against them.
      'loginproperty', 'pwdcompare', 'pwdencrypt', 'certprivatekey',
    ],
    prefixes: ['sp_', 'xp_'],
  },
  sqlite: {
    exact: [
      'load_extension', 'writefile', 'readfile', 'edit', 'fts3_tokenizer', 'eval', 'zipfile', 'fsdir',
      'sqlite_dbpage', 'sqlite_dbdata', 'sqlar_compress', 'sqlar_uncompress',
    ],
    prefixes: [],
  },
};

/**
 * Catalogs that hold password hashes, user-mapping passwords, replication connection strings or
 * the server's authentication files: never read by query_sql, whatever the login may see.
 * (SQL Server's, such as sys.sql_logins, are outside the T-SQL catalog allowlist.)
 */
const CREDENTIAL_CATALOGS = new Set([
  'pg_authid', 'pg_shadow', 'pg_user_mapping', 'pg_user_mappings', 'pg_subscription',
  'pg_hba_file_rules', 'pg_ident_file_mappings', 'pg_file_settings',
]);

export function isCredentialCatalog(name: string): boolean {
  return CREDENTIAL_CATALOGS.has(name.toLowerCase());
}

/** SQLite pragma table-valued functions that only describe the schema. */
const SQLITE_READ_ONLY_PRAGMA_FUNCTIONS = new Set([
  'pragma_table_info', 'pragma_table_xinfo', 'pragma_table_list', 'pragma_index_list',
  'pragma_index_info', 'pragma_index_xinfo', 'pragma_foreign_key_list', 'pragma_database_list',
  'pragma_collation_list', 'pragma_function_list',
]);

const forbiddenKeywordSets: Record<SqlDialect, Set<string>> = {
  postgres: new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.postgres]),
  sqlite: new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.sqlite]),
  tsql: new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.tsql]),
  duckdb: new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.duckdb]),
  databricks: new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.databricks]),
};

export function isForbiddenKeyword(word: string, dialect: SqlDialect): boolean {
  return forbiddenKeywordSets[dialect].has(word.toLowerCase());
}

/** `name` may be schema-qualified (`pg_catalog.pg_sleep`, `master..xp_cmdshell`): each part is checked. */
export function isDangerousFunction(name: string, dialect: SqlDialect): boolean {
  return name
    .toLowerCase()
    .split('.')
    .filter((part) => part.length > 0)
    .some((part) => isDangerousName(part, dialect));
}

function isDangerousName(name: string, dialect: SqlDialect): boolean {
  const { exact, prefixes } = DANGEROUS_FUNCTIONS[dialect];
  if (exact.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) return true;
  return dialect === 'sqlite' && name.startsWith('pragma_') && !SQLITE_READ_ONLY_PRAGMA_FUNCTIONS.has(name);
}
