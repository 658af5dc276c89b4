import { describe, expect, it } from 'vitest';
import { checkLexically } from '../../mcp/guard/lexical-checks.js';
import { classifyWithNodeSqlParser } from '../../mcp/guard/node-sql-parser-guard.js';
import { classifyPostgres } from '../../mcp/guard/postgres-guard.js';
import type { SqlDialect } from '../../mcp/guard/guard-types.js';
import { classifyReadOnly } from '../../mcp/guard/read-only-guard.js';
import { hostileAttempts, hostileAttemptsFor, legitimateReads, legitimateReadsFor, type HostileAttempt } from './read-only-corpus.js';

/**
 * Each pass of the read-only guard on its own. The whole guard refuses the corpus (read-only-guard.test.ts),
 * but a pass that stopped doing its part would not show there while another pass still refuses the same
 * SQL. So every pass is run alone against the corpus, and what it is responsible for is written down here.
 */

const label = (sql: string) => JSON.stringify(sql.length > 80 ? `${sql.slice(0, 77)}...` : sql);

/** What the token pass cannot see and leaves to the PostgreSQL parser. */
const LEFT_BY_THE_TOKEN_PASS: Record<string, string> = {
  'SELECT U&"\\0070g_sleep"(10)': 'a function name spelled with unicode escapes: only the parser decodes it',
  "SELECT rolname, rolpassword FROM pg_authid": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT * FROM pg_catalog.pg_authid WHERE rolsuper": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT \"rolpassword\" FROM \"pg_authid\"": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT (SELECT passwd FROM pg_shadow LIMIT 1) AS p": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT umoptions FROM pg_user_mappings": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT * FROM pg_catalog.pg_user_mapping": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT subconninfo FROM pg_subscription": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "SELECT * FROM pg_hba_file_rules": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
  "WITH a AS (SELECT * FROM pg_authid) SELECT count(*) FROM a": 'a secret-bearing catalog named as a relation: only the parser tells a table reference from a column or a word',
};

/** What PostgreSQL's parser cannot see and leaves to the token pass. */
const LEFT_BY_THE_POSTGRES_PARSER: Record<string, string> = {
  "SELECT 'x\\'\n' ; DELETE FROM property; --'":
    'the parser reads strings with standard_conforming_strings on; a server with it off would see a second statement',
  'SELECT 1;;': 'the parser drops empty statements',
  'SELECT 1\0; DELETE FROM property': 'the parser is C code and stops reading at the NUL character',
};

const COMMON_WORDS = ['insert', 'update', 'delete', 'merge', 'upsert', 'create', 'alter', 'drop', 'truncate', 'grant', 'revoke', 'into', 'returning', 'begin', 'commit', 'rollback', 'savepoint', 'transaction', 'set', 'declare', 'call', 'execute'];
const POSTGRES_WORDS = ['do', 'lock', 'copy', 'prepare', 'deallocate', 'listen', 'notify', 'unlisten', 'abort', 'release', 'reset', 'discard', 'vacuum', 'analyze', 'analyse', 'cluster', 'reindex', 'refresh', 'checkpoint'];

/** Keywords the token pass refuses as bare words anywhere in the text, per dialect. */
const FORBIDDEN_WORDS: Record<SqlDialect, string[]> = {
  postgres: [...COMMON_WORDS, ...POSTGRES_WORDS],
  duckdb: [...COMMON_WORDS, ...POSTGRES_WORDS, 'attach', 'detach', 'install', 'load', 'force', 'export', 'import', 'pragma', 'use'],
  databricks: [...COMMON_WORDS, 'use', 'overwrite', 'optimize', 'vacuum', 'refresh', 'msck', 'cache', 'uncache', 'copy', 'load', 'analyze', 'restore', 'clone', 'undrop', 'repair', 'fsck', 'zorder', 'reset'],
  sqlite: [...COMMON_WORDS, 'attach', 'detach', 'vacuum', 'pragma', 'reindex', 'analyze', 'release'],
  tsql: [
    ...COMMON_WORDS, 'exec', 'waitfor', 'backup', 'restore', 'shutdown', 'kill', 'dbcc', 'bulk', 'use', 'reconfigure', 'checkpoint', 'deny', 'revert', 'setuser',
    'openrowset', 'openquery', 'opendatasource', 'openxml', 'receive', 'send', 'conversation', 'dialog', 'writetext', 'updatetext', 'readtext', 'enable',
    'disable', 'save', 'tran', 'if', 'while', 'goto', 'return', 'throw', 'raiserror', 'print', 'open', 'close', 'deallocate', 'add', 'cursor',
    'updlock', 'xlock', 'tablock', 'tablockx', 'holdlock',
  ],
};

const POSTGRES_CALLS = [
  'set_config', 'nextval', 'setval', 'txid_current', 'pg_current_xact_id', 'pg_notify', 'loread', 'lowrite', 'pg_stat_file', 'pg_logdir_ls', 'ts_stat',
  'ts_rewrite', 'pg_nextoid', 'pg_prewarm', 'gin_clean_pending_list', 'brin_summarize_new_values', 'brin_summarize_range', 'brin_desummarize_range',
  'pg_promote', 'pg_start_backup', 'pg_stop_backup',
  // One name per refused prefix.
  'pg_sleep_for', 'pg_advisory_lock', 'pg_try_advisory_lock', 'dblink_exec', 'lo_import', 'pg_read_file', 'pg_ls_dir', 'pg_file_write', 'pg_stat_reset_shared',
  'pg_stat_statements_reset', 'pg_replication_origin_create', 'pg_create_restore_point', 'pg_drop_replication_slot', 'pg_copy_logical_replication_slot',
  'pg_logical_emit_message', 'pg_wal_replay_pause', 'pg_xlog_replay_pause', 'pg_backup_start', 'pg_switch_wal', 'pg_terminate_backend', 'pg_cancel_backend',
  'pg_reload_conf', 'pg_rotate_logfile', 'pg_log_backend_memory_contexts', 'pg_signal_backend', 'pg_set_relation_stats', 'pg_restore_relation_stats',
  'pg_clear_attribute_stats', 'pg_import_system_collations', 'pg_export_snapshot', 'pg_truncate_visibility_map', 'pg_sync_replication_slots',
  'binary_upgrade_set_next_pg_type_oid', 'query_to_xml', 'cursor_to_xml', 'table_to_xml', 'schema_to_xml', 'database_to_xml',
];

/** Functions the token pass refuses when called, per dialect. */
const DANGEROUS_CALLS: Record<SqlDialect, string[]> = {
  postgres: POSTGRES_CALLS,
  duckdb: [
    ...POSTGRES_CALLS, 'glob', 'query', 'query_table', 'sniff_csv', 'getenv', 'current_setting', 'which_secret', 'load_aws_credentials', 'from_substrait',
    'get_substrait', 'read_csv', 'parquet_scan', 'sqlite_scan', 'postgres_scan', 'mysql_query', 'iceberg_scan', 'delta_scan', 'duckdb_secrets',
    'json_execute_serialized_sql', 'ducklake_snapshots',
  ],
  databricks: ['reflect', 'java_method', 'try_reflect', 'secret', 'try_secret', 'list_secrets', 'cloud_files_state', 'http_request', 'vector_search', 'read_files', 'ai_query', 'http_get', 'java_call', 'cloud_files_x'],
  tsql: ['openrowset', 'openquery', 'opendatasource', 'openxml', 'fn_dblog', 'fn_dump_dblog', 'fn_get_audit_file', 'fn_trace_gettable', 'fn_xe_file_target_read_file', 'sp_who', 'xp_cmdshell'],
  sqlite: ['load_extension', 'writefile', 'readfile', 'edit', 'fts3_tokenizer', 'eval', 'zipfile', 'fsdir', 'sqlite_dbpage', 'sqlite_dbdata', 'sqlar_compress', 'sqlar_uncompress', 'pragma_journal_mode'],
};

describe('the token pass alone (lexical-checks.ts)', () => {
  const responsible = hostileAttempts.filter((attempt) => !(attempt.sql in LEFT_BY_THE_TOKEN_PASS) || attempt.dialect !== 'postgres');

  it('is responsible for all of the corpus but what only a parser can decode', () => {
    expect(responsible.length).toBe(hostileAttempts.length - Object.keys(LEFT_BY_THE_TOKEN_PASS).length);
  });

  it.each(responsible.map((attempt) => [attempt.dialect, label(attempt.sql), attempt.why, attempt] as const))('refuses %s %s (%s)', (_d, _l, _w, attempt) => {
    const { verdict } = checkLexically(attempt.sql, attempt.dialect);
    expect(verdict.allowed, attempt.sql).toBe(false);
    expect(verdict.reason?.length ?? 0).toBeGreaterThan(40);
  });

  it.each(legitimateReads.map((read) => [read.dialect, read.what, read] as const))('lets the read through: %s %s', (_d, _w, read) => {
    expect(checkLexically(read.sql, read.dialect).verdict).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each(Object.entries(FORBIDDEN_WORDS).flatMap(([dialect, words]) => words.map((word) => [dialect as SqlDialect, word] as const)))(
    'refuses the %s keyword %s wherever it stands',
    (dialect, word) => {
      for (const sql of [`${word.toUpperCase()} x`, `SELECT a FROM t WHERE b = 1 ${word}`]) {
        const { verdict } = checkLexically(sql, dialect);
        expect(verdict.allowed, sql).toBe(false);
        expect(verdict.reason, sql).toContain(`\`${word.toUpperCase()}\``);
      }
    },
  );

  it.each(Object.entries(DANGEROUS_CALLS).flatMap(([dialect, names]) => names.map((name) => [dialect as SqlDialect, name] as const)))(
    'refuses a call of the %s function %s',
    (dialect, name) => {
      const sql = `SELECT ${name}(1) AS x`;
      const { verdict } = checkLexically(sql, dialect);
      expect(verdict.allowed, sql).toBe(false);
      expect(verdict.reason, sql).toContain(name);
    },
  );

  it('counts the statements it sees, also the SQL Server ones without a semicolon', () => {
    expect(checkLexically('SELECT 1; DELETE FROM property', 'sqlite').verdict.statementCount).toBe(2);
    expect(checkLexically('SELECT 1 SELECT 2', 'tsql').verdict.statementCount).toBe(2);
    expect(checkLexically('SELECT 1;', 'postgres').verdict.statementCount).toBe(1);
    expect(checkLexically('SELECT 1 ; ; SELECT 2', 'postgres').verdict.statementCount).toBe(2);
  });
});

describe("PostgreSQL's parser pass alone (postgres-guard.ts)", () => {
  const postgres = hostileAttemptsFor('postgres');
  const responsible = postgres.filter((attempt) => !(attempt.sql in LEFT_BY_THE_POSTGRES_PARSER));

  it('is responsible for every PostgreSQL attack but the three the token pass exists for', () => {
    expect(postgres.length - responsible.length).toBe(Object.keys(LEFT_BY_THE_POSTGRES_PARSER).length);
  });

  it.each(responsible.map((attempt) => [label(attempt.sql), attempt.why, attempt] as const))('refuses %s (%s)', async (_l, _w, attempt) => {
    const verdict = await classifyPostgres(attempt.sql);
    expect(verdict.allowed, attempt.sql).toBe(false);
    expect(verdict.reason?.length ?? 0).toBeGreaterThan(40);
  });

  it.each(legitimateReadsFor('postgres').map((read) => [read.what, read] as const))('lets the read through: %s', async (_w, read) => {
    expect(await classifyPostgres(read.sql)).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each([
    ['SELECT 1; DROP TABLE property', /exactly one statement.*2 were found/s],
    ['WITH d AS (DELETE FROM property RETURNING *) SELECT * FROM d', /DELETE/],
    ['WITH u AS (UPDATE property SET geo_id = NULL RETURNING prop_id) SELECT count(*) FROM u', /UPDATE/],
    ['WITH i AS (INSERT INTO owner (owner_id) VALUES (1) RETURNING owner_id) SELECT * FROM i', /INSERT/],
    ['SELECT * FROM (SELECT 1) s WHERE EXISTS (SELECT 1 FROM property FOR UPDATE)', /FOR UPDATE/],
    ['SELECT * FROM property FOR KEY SHARE', /FOR KEY SHARE/],
    ['SELECT * FROM property FOR NO KEY UPDATE', /FOR NO KEY UPDATE/],
    ['SELECT * FROM property FOR SHARE', /FOR SHARE/],
    ['SELECT * INTO property_copy FROM property', /`INTO`/],
    ['SELECT pg_catalog.pg_sleep(1)', /pg_catalog\.pg_sleep/],
    ['SELECT U&"\\0070g_sleep"(10)', /pg_sleep/],
    ['EXPLAIN SELECT 1', /EXPLAIN/],
    ['ALTER SYSTEM SET work_mem = 1', /ALTER SYSTEM/],
  ])('names what it refused: %s', async (sql, reason) => {
    const verdict = await classifyPostgres(sql);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toMatch(reason);
  });

  it('counts statements and refuses text it cannot parse or that holds none', async () => {
    expect((await classifyPostgres('SELECT 1; SELECT 2; SELECT 3')).statementCount).toBe(3);
    expect(await classifyPostgres('SELECT FROM WHERE (')).toMatchObject({ allowed: false, statementCount: 0, reason: expect.stringMatching(/could not be parsed/) });
    expect(await classifyPostgres('-- only a comment')).toMatchObject({ allowed: false, statementCount: 0 });
  });

  it("checks DuckDB's function list when asked for DuckDB", async () => {
    expect((await classifyPostgres("SELECT * FROM read_csv('/etc/passwd')", 'duckdb')).allowed).toBe(false);
    expect((await classifyPostgres("SELECT * FROM read_csv('/etc/passwd')", 'postgres')).allowed).toBe(true);
    expect((await classifyPostgres('SELECT count(*) FROM bronze.parcels', 'duckdb')).allowed).toBe(true);
  });
});

/**
 * node-sql-parser's grammars do not cover all of SQL Server or SQLite, so this pass answers
 * "refused", "allowed" or "could not parse". What it parses it must judge; what it cannot parse
 * runs only when the token pass found it clean and it begins with SELECT or WITH.
 */
const NODE_SQL_PARSER_RESPONSIBILITIES: { what: string; attempts: HostileAttempt[] }[] = [
  {
    what: 'statements other than SELECT',
    attempts: [
      { dialect: 'tsql', sql: 'INSERT INTO dbo.owner (owner_id) VALUES (1)', why: '' },
      { dialect: 'tsql', sql: 'UPDATE dbo.property SET geo_id = NULL', why: '' },
      { dialect: 'tsql', sql: 'DROP TABLE dbo.property', why: '' },
      { dialect: 'tsql', sql: 'TRUNCATE TABLE dbo.property_val', why: '' },
      { dialect: 'tsql', sql: 'EXEC sp_who', why: '' },
      { dialect: 'tsql', sql: 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', why: '' },
      { dialect: 'tsql', sql: 'DECLARE @x int', why: '' },
      { dialect: 'tsql', sql: 'USE master', why: '' },
      { dialect: 'tsql', sql: 'IF 1 = 1 DELETE FROM dbo.property', why: '' },
      { dialect: 'sqlite', sql: 'DELETE FROM property', why: '' },
      { dialect: 'sqlite', sql: "REPLACE INTO owner (owner_id, name) VALUES (1, 'x')", why: '' },
      { dialect: 'sqlite', sql: 'CREATE TEMP TABLE t AS SELECT * FROM property', why: '' },
      { dialect: 'sqlite', sql: "ATTACH DATABASE '/tmp/evil.db' AS evil", why: '' },
      { dialect: 'sqlite', sql: 'ALTER TABLE property RENAME TO p2', why: '' },
    ],
  },
  {
    what: 'stacked statements',
    attempts: [
      { dialect: 'tsql', sql: 'SELECT 1; DROP TABLE dbo.property', why: '' },
      { dialect: 'tsql', sql: "SELECT N'abc'; DELETE FROM dbo.property --'", why: '' },
      { dialect: 'sqlite', sql: 'SELECT 1; DELETE FROM property', why: '' },
      { dialect: 'sqlite', sql: "SELECT * FROM property; ATTACH DATABASE '/tmp/evil.db' AS evil", why: '' },
    ],
  },
  {
    what: 'a WITH whose body writes',
    attempts: [{ dialect: 'tsql', sql: 'WITH x AS (SELECT prop_id FROM dbo.property) UPDATE dbo.property SET geo_id = NULL', why: '' }],
  },
  {
    what: 'SELECT … INTO',
    attempts: [{ dialect: 'tsql', sql: 'SELECT * INTO #tmp FROM dbo.property', why: '' }],
  },
  {
    what: 'dangerous functions, anywhere in the query',
    attempts: [
      { dialect: 'tsql', sql: "SELECT * FROM OPENQUERY(linked, 'DELETE FROM t')", why: '' },
      { dialect: 'tsql', sql: 'SELECT * FROM sys.fn_dblog(NULL, NULL)', why: '' },
      { dialect: 'sqlite', sql: "SELECT load_extension('/tmp/evil.so')", why: '' },
      { dialect: 'sqlite', sql: 'SELECT "load_extension"(\'/tmp/evil.so\')', why: '' },
      { dialect: 'sqlite', sql: "SELECT 1 UNION SELECT load_extension('x')", why: '' },
      { dialect: 'sqlite', sql: "SELECT * FROM fsdir('/etc')", why: '' },
      { dialect: 'sqlite', sql: "SELECT prop_id FROM property WHERE prop_id IN (SELECT readfile('/etc/passwd'))", why: '' },
    ],
  },
];

/** What this pass lets through, and which other layer refuses it. */
const LEFT_BY_NODE_SQL_PARSER: Record<string, string> = {
  'SELECT * FROM dbo.property WITH (UPDLOCK)': 'table hints are not in the tree; the token pass refuses UPDLOCK',
  'SELECT * FROM dbo.property WITH (XLOCK)': 'table hints are not in the tree; the token pass refuses XLOCK',
  'SELECT * FROM pragma_journal_mode': 'a pragma used as a table is not a function call; the token pass refuses it',
  'SELECT * FROM pragma_writable_schema': 'a pragma used as a table is not a function call; the token pass refuses it',
  'SELECT * FROM sqlite_dbpage': 'a table, not a function call; the token pass refuses it',
  "SELECT '\\'; DELETE FROM property; --'": 'the grammar reads backslash escapes SQLite does not have; the token pass reads it as SQLite does',
  "SELECT file_exists FROM sys.dm_os_file_exists('\\\\host\\share\\x.txt')": "a SQL Server system object or another server by name; the token pass refuses it (probes a file; a UNC path makes the server sign in to that host)",
  "SELECT registry_key, value_name, value_data FROM sys.dm_server_registry": "a SQL Server system object or another server by name; the token pass refuses it (reads the server's registry)",
  "SELECT * FROM sys.dm_server_services": "a SQL Server system object or another server by name; the token pass refuses it (the server's service accounts)",
  "SELECT * FROM linkedsrv.pacs_oltp.dbo.property": "a SQL Server system object or another server by name; the token pass refuses it (four-part name: a linked server)",
  "SELECT * FROM [linkedsrv].[master].[sys].[sql_logins]": "a SQL Server system object or another server by name; the token pass refuses it (four-part bracketed name: a linked server)",
  "SELECT name, password_hash FROM sys.sql_logins": "a SQL Server system object or another server by name; the token pass refuses it (password hashes)",
  "SELECT name, password_hash FROM [sys] . [sql_logins]": "a SQL Server system object or another server by name; the token pass refuses it (password hashes, bracketed and spaced)",
  "SELECT name FROM \"sys\".\"sql_logins\"": "a SQL Server system object or another server by name; the token pass refuses it (password hashes, double-quoted)",
  "SELECT * FROM master.sys.sql_logins": "a SQL Server system object or another server by name; the token pass refuses it (password hashes through master)",
  "SELECT name, password FROM syslogins": "a SQL Server system object or another server by name; the token pass refuses it (compatibility view without a schema)",
  "SELECT * FROM sysxlogins": "a SQL Server system object or another server by name; the token pass refuses it (compatibility view of logins)",
  "SELECT * FROM sys.fn_virtualfilestats(1, 1)": "a SQL Server system object or another server by name; the token pass refuses it (system function)",
  "SELECT * FROM fn_my_permissions(NULL, NULL)": "a SQL Server system object or another server by name; the token pass refuses it (unqualified system function)",
  "SELECT physical_name FROM sys.master_files": "a SQL Server system object or another server by name; the token pass refuses it (the server's file paths)",
  "SELECT * FROM msdb.dbo.backupset": "a SQL Server system object or another server by name; the token pass refuses it (another database of the server (backup history))",
  "SELECT * FROM sys.servers": "a SQL Server system object or another server by name; the token pass refuses it (linked servers and their settings)",
  "SELECT * FROM sys.linked_logins": "a SQL Server system object or another server by name; the token pass refuses it (linked-server logins)",
  "SELECT * FROM sys.credentials": "a SQL Server system object or another server by name; the token pass refuses it (stored credentials)",
  "SELECT text FROM sys.dm_exec_requests CROSS APPLY sys.dm_exec_sql_text(sql_handle)": "a SQL Server system object or another server by name; the token pass refuses it (other sessions' SQL)",
  "SELECT * FROM dbo.property p WHERE EXISTS (SELECT 1 FROM sys.sql_logins)": "a SQL Server system object or another server by name; the token pass refuses it (password-hash catalog in a subquery)",
};

describe('the node-sql-parser pass alone (node-sql-parser-guard.ts)', () => {
  for (const { what, attempts } of NODE_SQL_PARSER_RESPONSIBILITIES) {
    it.each(attempts.map((attempt) => [what, attempt.dialect, label(attempt.sql), attempt] as const))('refuses %s: %s %s', async (_what, _d, _l, attempt) => {
      const parsed = await classifyWithNodeSqlParser(attempt.sql, attempt.dialect as 'tsql' | 'sqlite');
      expect(parsed.outcome, attempt.sql).toBe('refused');
      expect(parsed.outcome === 'refused' && parsed.reason.length).toBeGreaterThan(40);
    });
  }

  const corpus = [...hostileAttemptsFor('tsql'), ...hostileAttemptsFor('sqlite')];
  it.each(corpus.map((attempt) => [attempt.dialect, label(attempt.sql), attempt] as const))('never allows %s %s unless another layer is named for it', async (_d, _l, attempt) => {
    const parsed = await classifyWithNodeSqlParser(attempt.sql, attempt.dialect as 'tsql' | 'sqlite');
    if (attempt.sql in LEFT_BY_NODE_SQL_PARSER) expect(parsed.outcome).toBe('allowed');
    else expect(parsed.outcome, attempt.sql).not.toBe('allowed');
  });

  it.each([...legitimateReadsFor('tsql'), ...legitimateReadsFor('sqlite')].map((read) => [read.dialect, read.what, read] as const))('never refuses the read %s: %s', async (_d, _w, read) => {
    const parsed = await classifyWithNodeSqlParser(read.sql, read.dialect as 'tsql' | 'sqlite');
    expect(parsed.outcome).not.toBe('refused');
  });

  it('counts the statements of stacked SQL and says when there is none', async () => {
    expect(await classifyWithNodeSqlParser('SELECT 1; SELECT 2; SELECT 3', 'sqlite')).toMatchObject({ outcome: 'refused', statementCount: 3 });
    expect(await classifyWithNodeSqlParser('   ', 'sqlite')).toMatchObject({ outcome: 'refused', statementCount: 0, reason: expect.stringMatching(/no SQL statement/) });
    expect(await classifyWithNodeSqlParser('SELECT 1', 'tsql')).toEqual({ outcome: 'allowed', statementCount: 1 });
  });
});

describe('the guard as a whole, where the parser cannot read the SQL', () => {
  it('runs it only when the token pass found it clean and it begins with SELECT or WITH', async () => {
    const values = await classifyReadOnly('VALUES (1, 2)', 'sqlite');
    expect(values.allowed).toBe(false);
    expect(values.reason).toMatch(/could not be parsed/);
    expect(await classifyReadOnly('SELECT prop_id FROM property EXCEPT SELECT prop_id FROM property_val', 'sqlite')).toEqual({ allowed: true, statementCount: 1 });
  });
});
