// The safety-critical modules measured by mutation testing, each group with the test files that
// are meant to catch its defects. A group runs on its own, with only these tests, so a mutant is
// judged by the tests written for it (and a run stays feasible on a small machine).
// An entry `file.ts:56-70` mutates only those lines: where a module mixes its safety decisions
// with other work, only the decisions are measured.
const GUARD_TESTS = [
  'tests/guard/read-only-guard.test.ts',
  'tests/guard/guard-passes-alone.test.ts',
  'tests/guard/warehouse-dialects.test.ts',
  'tests/guard/postgres-guard-reasons.test.ts',
  'tests/guard/node-sql-parser-guard-reasons.test.ts',
  'tests/guard/guard-combination.test.ts',
  'tests/guard/guard-fails-closed.test.ts',
  'tests/guard/parser-unavailable.test.ts',
  'tests/guard/duckdb-names.test.ts',
  'tests/guard/sql-lexer.test.ts',
  'tests/guard/token-pass-reasons.test.ts',
  'tests/guard/tsql-statement-boundaries.test.ts',
  'tests/guard/forbidden-lists.test.ts',
  'tests/guard/parser-tree-shapes.test.ts',
];

export const MUTATION_GROUPS = [
  {
    name: 'guard-tokens',
    what: 'query_sql read-only guard, token pass: the lexer and its checks',
    mutate: ['mcp/guard/sql-lexer.ts', 'mcp/guard/lexical-checks.ts'],
    tests: GUARD_TESTS,
  },
  {
    // Nearly every mutant of the word lists is static (built when the module loads), so each one
    // runs the whole guard suite: the slowest group by far.
    name: 'guard-words',
    what: 'query_sql read-only guard: the forbidden word and function lists of each dialect',
    mutate: ['mcp/guard/forbidden-sql.ts'],
    tests: GUARD_TESTS,
  },
  {
    name: 'guard-parsers',
    what: 'query_sql read-only guard, parser passes (PostgreSQL, node-sql-parser) and how the passes are combined',
    mutate: ['mcp/guard/postgres-guard.ts', 'mcp/guard/node-sql-parser-guard.ts', 'mcp/guard/read-only-guard.ts'],
    tests: GUARD_TESTS,
  },
  {
    name: 'connector-read-only',
    what: "the connectors' database-level read-only setup (their read and write paths; catalog listing and error wording are left out)",
    mutate: [
      // SqliteDb.open: OPEN_READONLY (and no OPEN_CREATE when told not to create) and query_only.
      'mcp/store/sqlite-db.ts:28-28',
      'mcp/store/sqlite-db.ts:39-39',
      // The read pool (query_only asserted again before each use, no attached databases), the role check for writes.
      'mcp/connectors/sqlite/sqlite-connector.ts:81-125',
      'mcp/connectors/sqlite/sqlite-connector.ts:395-398',
      // Streams' READ ONLY begin, the ROLLBACK after every read, capped reads and streams, the role check for writes.
      'mcp/connectors/postgres/postgres-connector.ts:59-59',
      'mcp/connectors/postgres/postgres-connector.ts:223-227',
      'mcp/connectors/postgres/postgres-connector.ts:318-383',
      'mcp/connectors/postgres/postgres-capped-read.ts',
      // Reads and streams in a rolled-back transaction, parameters bound as parameters, the role check.
      'mcp/connectors/sqlserver/sqlserver-connector.ts:173-192',
      'mcp/connectors/sqlserver/sqlserver-connector.ts:275-329',
      // The lakehouse reader: a READ_ONLY catalog with file access locked to the tenant's files, and
      // only one statement that DuckDB itself calls a SELECT, read up to the cap.
      'mcp/lakehouse/local/reader-session.ts:44-83',
      'mcp/lakehouse/local/duckdb-query.ts:11-24',
      'mcp/lakehouse/local/duckdb-query.ts:56-76',
    ],
    // postgres-wire.test.ts records what the PostgreSQL read path sends to a stand-in server and
    // how it answers one that misbehaves, without starting a cluster.
    tests: ['tests/connectors/read-only-database-layer.test.ts', 'tests/guard/read-only-enforced-sqlite.test.ts', 'tests/connectors/sqlserver-connector.test.ts', 'tests/connectors/sqlserver-wire.test.ts', 'tests/connectors/postgres-wire.test.ts'],
  },
  {
    name: 'audit',
    what: 'keyed audit chain, its anchor and its verification',
    mutate: [
      // The log's chain: what is MACed and chained, the conditional append after the known head,
      // the start of the keyed chain, the anchor's moves, and what verify reads (not the queue
      // of group commits, nor the listing of recent calls).
      'mcp/audit/audit-log.ts:134-143',
      'mcp/audit/audit-log.ts:172-177',
      'mcp/audit/audit-log.ts:185-205',
      'mcp/audit/audit-log.ts:211-253',
      'mcp/audit/audit-log.ts:261-276',
      'mcp/audit/audit-log.ts:329-372',
      'mcp/audit/audit-chain.ts',
      'mcp/audit/audit-anchor.ts',
      'mcp/audit/audit-query.ts',
    ],
    // tests/audit/ checks the modules directly: rows built in memory, a temporary folder, a store
    // of its own; the engine tests check the log as the engine writes it.
    tests: ['tests/audit/audit-chain.test.ts', 'tests/audit/audit-anchor.test.ts', 'tests/audit/audit-query.test.ts', 'tests/audit/audit-log-writes.test.ts', 'tests/engine/audit-log.test.ts', 'tests/engine/audit-tamper.test.ts'],
  },
  {
    name: 'redaction',
    what: 'secret redaction of stored arguments',
    mutate: ['mcp/util/redact.ts'],
    tests: ['tests/util/redact.test.ts'],
  },
  {
    name: 'claude-config-guard',
    what: 'no secret in the Claude Desktop config',
    mutate: ['mcp/claude/secret-guard.ts'],
    tests: ['tests/claude/secret-guard.test.ts', 'tests/claude/server-entry.test.ts'],
  },
  {
    name: 'masking',
    what: 'masking policies, column classes and the row masker',
    mutate: ['mcp/masking/masking-policy.ts', 'mcp/masking/pseudonym.ts', 'mcp/masking/row-masker.ts', 'mcp/masking/sensitive-columns.ts'],
    // masking.test.ts exports whole snapshots through an engine: minutes per mutant on this machine.
    tests: ['tests/masking/masking-matrix.test.ts', 'tests/masking/sensitive-columns.test.ts', 'tests/masking/column-classes.test.ts'],
  },
  {
    name: 'promotion-signoff',
    what: 'promotion to production and QA sign-off checks',
    mutate: [
      // What promotion refuses: confirmation, status, role, allowlist, and the sign-off checked again.
      'mcp/imports/promotion.ts:49-75',
      'mcp/imports/batch-lifecycle.ts:97-117',
      'mcp/qa/signoff.ts',
      'mcp/qa/import-signoff.ts',
    ],
    tests: ['tests/imports/promotion-guards.test.ts', 'tests/imports/lifecycle.test.ts', 'tests/qa/qa-package.test.ts', 'tests/qa/batch-package.test.ts', 'tests/qa/signoff-file.test.ts', 'tests/imports/promotion-outcomes.test.ts'],
  },
  {
    name: 'http-guards',
    what: 'bearer token, Host and Origin checks of the HTTP transport',
    // The token and the checks in front of every request; not the listening and closing around them.
    // (tests/reliability/http-transport.test.ts runs the built server, which mutants do not reach.)
    mutate: ['mcp/server/http-guards.ts', 'mcp/server/http.ts:30-88'],
    tests: ['tests/reliability/http-guards.test.ts', 'tests/reliability/http-host.test.ts'],
  },
  {
    name: 'electron-security',
    what: "Electron's navigation, window, permission and IPC-sender decisions and their wiring",
    mutate: ['electron/security.ts', 'electron/navigation-guard.ts', 'electron/permissions.ts', 'electron/ipc-sender.ts', 'electron/trusted-url.ts', 'electron/ipc.ts'],
    tests: ['tests/electron/security-guards.test.ts', 'tests/electron/security-wiring.test.ts'],
  },
  {
    name: 'tenant',
    what: 'lakehouse tenant checks',
    mutate: ['mcp/lakehouse/tenant.ts'],
    tests: ['tests/lakehouse/tenancy.test.ts', 'tests/lakehouse/tenant-ids.test.ts'],
  },
  {
    name: 'import-rules',
    what: 'import validation rules',
    mutate: ['mcp/imports/kinds/exemption-checker.ts', 'mcp/imports/kinds/property-value-checker.ts'],
    // The checkers over a small PACS database of their own, no engine. (exemption-rules.test.ts and
    // property-values.test.ts run the same rules through an engine over the demo: seconds per mutant.)
    tests: ['tests/imports/exemption-checker.test.ts', 'tests/imports/property-value-checker.test.ts'],
  },
  {
    name: 'snapshot-diff',
    what: 'keyed snapshot diff: the merge join over two stored snapshots',
    mutate: ['mcp/diff/snapshot-diff.ts', 'mcp/diff/hashed-snapshot-reader.ts'],
    // merge-join, hashed-snapshot-reader and comparable-snapshots work directly on stored rows (no engine, no demo).
    tests: ['tests/diff/snapshot-diff.test.ts', 'tests/diff/merge-join.test.ts', 'tests/diff/hashed-snapshot-reader.test.ts', 'tests/diff/comparable-snapshots.test.ts'],
  },
  {
    name: 'diff-compare',
    what: 'field comparison of matched rows and the change filters',
    mutate: ['mcp/diff/field-compare.ts', 'mcp/diff/diff-filter.ts'],
    tests: ['tests/diff/field-compare.test.ts', 'tests/diff/diff-filter.test.ts'],
  },
];

/** The file a `mutate` entry names, without its line range (`file.ts:56-70`). */
export function mutatedFile(entry) {
  return entry.replace(/:\d[\d:-]*$/, '');
}

export function mutationGroup(name) {
  const group = MUTATION_GROUPS.find((g) => g.name === name);
  if (!group) throw new Error(`No mutation group "${name}". Groups: ${MUTATION_GROUPS.map((g) => g.name).join(', ')}.`);
  return group;
}

export const MUTATION_REPORT_DIR = 'reports/mutation';
