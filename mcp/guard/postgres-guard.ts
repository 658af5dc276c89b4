import { duckdbFunctionProblem, duckdbRelationProblem } from './duckdb-allowlist.js';
import { isCredentialCatalog, isDangerousFunction } from './forbidden-sql.js';
import type { GuardVerdict } from './guard-types.js';
import * as reasons from './rejection-reasons.js';

/**
 * Classifies SQL with PostgreSQL's own parser (libpg_query compiled to WASM): exactly one
 * SelectStmt, no INTO, no FOR UPDATE/SHARE, no statement of another kind anywhere in the tree
 * (that is how a data-modifying CTE shows up), and no call to a dangerous function, also when
 * its name was spelled with escapes the token pass cannot see through (`U&"\0070g_sleep"`).
 */

type LibPgQuery = typeof import('libpg-query');
let parserReady: Promise<LibPgQuery> | undefined;

// Imported on first use, not at startup: a server that never sees PostgreSQL never loads it.
export function loadPostgresParser(): Promise<LibPgQuery> {
  parserReady ??= import('libpg-query')
    .then(async (lib) => {
      await lib.loadModule();
      return lib;
    })
    .catch((error: unknown) => {
      parserReady = undefined;
      throw error;
    });
  return parserReady;
}

const STATEMENT_NAMES: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  ExplainStmt: 'EXPLAIN',
  VariableSetStmt: 'SET',
  VariableShowStmt: 'SHOW',
  TransactionStmt: 'transaction control',
  CopyStmt: 'COPY',
  DoStmt: 'DO',
  CallStmt: 'CALL',
  CreateStmt: 'CREATE TABLE',
  CreateTableAsStmt: 'CREATE TABLE AS',
  DropStmt: 'DROP',
  TruncateStmt: 'TRUNCATE',
  GrantStmt: 'GRANT/REVOKE',
  LockStmt: 'LOCK',
  NotifyStmt: 'NOTIFY',
  ListenStmt: 'LISTEN',
  VacuumStmt: 'VACUUM/ANALYZE',
  LoadStmt: 'LOAD',
  PrepareStmt: 'PREPARE',
  ExecuteStmt: 'EXECUTE',
  CommentStmt: 'COMMENT',
};

function describeStatement(nodeName: string): string {
  return STATEMENT_NAMES[nodeName] ?? nodeName.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

const LOCK_STRENGTH: Record<string, string> = {
  LCS_FORKEYSHARE: 'FOR KEY SHARE',
  LCS_FORSHARE: 'FOR SHARE',
  LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE',
  LCS_FORUPDATE: 'FOR UPDATE',
};

/**
 * `dialect` 'duckdb': DuckDB's parser is derived from PostgreSQL's, so its SQL is checked with the
 * same parser (DuckDB-only syntax does not parse and is refused) against DuckDB's function list.
 */
export async function classifyPostgres(sql: string, dialect: 'postgres' | 'duckdb' = 'postgres'): Promise<GuardVerdict> {
  let lib: LibPgQuery;
  try {
    lib = await loadPostgresParser();
  } catch {
    return { allowed: false, reason: reasons.parserUnavailable(dialect), statementCount: 0 };
  }

  let parsed: { stmts?: Array<{ stmt?: unknown }> };
  try {
    parsed = lib.parseSync(sql) as typeof parsed;
  } catch (error) {
    return { allowed: false, reason: reasons.unparsable(dialect, errorMessage(error)), statementCount: 0 };
  }

  const statements = parsed.stmts ?? [];
  const statementCount = statements.length;
  if (statementCount === 0) return { allowed: false, reason: reasons.emptySql(), statementCount };
  if (statementCount > 1) return { allowed: false, reason: reasons.multipleStatements(statementCount), statementCount };

  const root = statements[0].stmt;
  const rootKind = isRecord(root) ? Object.keys(root)[0] : undefined;
  if (!isRecord(root) || rootKind !== 'SelectStmt' || Object.keys(root).length !== 1) {
    return { allowed: false, reason: reasons.parsedStatementKind(describeStatement(rootKind ?? 'unknown')), statementCount };
  }

  const problem = findProblemInTree(root, dialect);
  return problem ? { allowed: false, reason: problem, statementCount } : { allowed: true, statementCount };
}

/** Iterative walk: deeply nested queries must not overflow the stack. */
function findProblemInTree(root: Record<string, unknown>, dialect: 'postgres' | 'duckdb'): string | undefined {
  const queryNames = dialect === 'duckdb' ? namesDefinedInQuery(root) : new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;

    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith('Stmt') && key !== 'SelectStmt') {
        return reasons.writingSubStatement(describeStatement(key));
      }
      if (key === 'SelectStmt' && isRecord(value)) {
        if (value.intoClause) return reasons.forbiddenKeyword('into', 'postgres', false);
        const lockingClauses = value.lockingClause;
        if (Array.isArray(lockingClauses) && lockingClauses.length > 0) {
          return reasons.rowLocking(describeLocking(lockingClauses[0]));
        }
      }
      if (key === 'FuncCall') {
        const name = functionName(isRecord(value) ? value.funcname : undefined);
        // A call whose name cannot be read cannot be told apart from a dangerous one.
        if (name === undefined) return reasons.unparsable(dialect, UNREADABLE_FUNCTION_NAME);
        if (isDangerousFunction(name, dialect)) return reasons.dangerousFunction(name, dialect);
        if (dialect === 'duckdb') {
          const problem = duckdbFunctionProblem(name, false);
          if (problem) return problem;
        }
      }
      if (key === 'RangeFunction' && isRecord(value) && dialect === 'duckdb') {
        for (const name of tableFunctionNames(value)) {
          const problem = name === undefined ? reasons.unparsable(dialect, UNREADABLE_FUNCTION_NAME) : duckdbFunctionProblem(name, true);
          if (problem) return problem;
        }
      }
      if (key === 'intoClause' && value) return reasons.forbiddenKeyword('into', 'postgres', false);
      if (key === 'RangeVar') {
        const rangeVar = isRecord(value) ? value : {};
        const relname = rangeVar.relname;
        // A table whose name cannot be read cannot be told apart from a secret-bearing catalog.
        if (typeof relname !== 'string' || relname === '') return reasons.unparsable(dialect, UNREADABLE_TABLE_NAME);
        if (isCredentialCatalog(relname)) return reasons.credentialCatalog(relname);
        if (dialect === 'duckdb') {
          const relation = { catalog: optionalString(rangeVar.catalogname), schema: optionalString(rangeVar.schemaname), name: relname };
          const problem = duckdbRelationProblem(relation, queryNames);
          if (problem) return problem;
        }
      }
      pending.push(value);
    }
  }
  return undefined;
}

/** The names WITH clauses define anywhere in the query (a CTE may be read by that name). */
function namesDefinedInQuery(root: unknown): Set<string> {
  const names = new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;
    if (isRecord(node.CommonTableExpr) && typeof node.CommonTableExpr.ctename === 'string') names.add(node.CommonTableExpr.ctename.toLowerCase());
    pending.push(...Object.values(node));
  }
  return names;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Names of the functions a `FROM f(…)` calls (ROWS FROM may list several). */
function tableFunctionNames(rangeFunction: Record<string, unknown>): Array<string | undefined> {
  const names: Array<string | undefined> = [];
  for (const item of Array.isArray(rangeFunction.functions) ? rangeFunction.functions : []) {
    const list = isRecord(item) && isRecord(item.List) && Array.isArray(item.List.items) ? item.List.items : [];
    for (const entry of list) if (isRecord(entry) && isRecord(entry.FuncCall)) names.push(functionName(entry.FuncCall.funcname));
  }
  return names;
}

function describeLocking(clause: unknown): string {
  const strength = isRecord(clause) && isRecord(clause.LockingClause) ? clause.LockingClause.strength : undefined;
  return (typeof strength === 'string' && LOCK_STRENGTH[strength]) || 'FOR UPDATE';
}

const UNREADABLE_FUNCTION_NAME = 'the name of a called function could not be read';
const UNREADABLE_TABLE_NAME = 'the name of a table could not be read';

/** `funcname` is a list of `{ String: { sval } }`; any other shape, or an empty name, is unreadable: undefined. */
function functionName(parts: unknown): string | undefined {
  if (!Array.isArray(parts) || parts.length === 0) return undefined;
  const names = parts.map((part) => (isRecord(part) && isRecord(part.String) && typeof part.String.sval === 'string' && part.String.sval !== '' ? part.String.sval : undefined));
  return names.every((name) => name !== undefined) ? names.join('.') : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
