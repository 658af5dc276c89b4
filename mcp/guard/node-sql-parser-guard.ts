import { isDangerousFunction } from './forbidden-sql.js';
import * as reasons from './rejection-reasons.js';

/**
 * Classifies SQL Server and SQLite SQL with node-sql-parser: exactly one statement, a select,
 * every nested query (subquery, CTE, derived table) a select too, no SELECT … INTO, no row
 * locking, no dangerous function.
 *
 * node-sql-parser's grammars are incomplete (no EXCEPT/INTERSECT, FOR JSON, OPTION(...), TRY_CAST
 * on SQL Server; no VALUES or [brackets] on SQLite), so "could not parse" is reported separately
 * from "parsed and refused" and the caller decides what to do with it.
 */

/** Databricks SQL is read with the Hive grammar, Spark SQL's ancestor. */
export type NodeSqlParserDialect = 'tsql' | 'sqlite' | 'databricks';

export type ParserClassification =
  | { outcome: 'allowed'; statementCount: number }
  | { outcome: 'refused'; reason: string; statementCount: number }
  | { outcome: 'unparsed'; detail: string };

interface AstParser {
  astify(sql: string, options: { database: string }): unknown;
}

const DATABASE_NAME: Record<NodeSqlParserDialect, string> = { tsql: 'TransactSQL', sqlite: 'Sqlite', databricks: 'Hive' };

/** Statement node types; the only one allowed is `select`. */
const STATEMENT_TYPES = new Set([
  'insert', 'replace', 'update', 'delete', 'merge', 'create', 'alter', 'drop', 'truncate', 'rename',
  'use', 'exec', 'execute', 'call', 'set', 'declare', 'assign', 'lock', 'unlock', 'grant', 'revoke',
  'transaction', 'show', 'desc', 'if', 'go', 'return', 'load_data', 'analyze', 'attach', 'detach',
  'vacuum', 'pragma', 'multiple',
]);

const parsers = new Map<NodeSqlParserDialect, Promise<AstParser>>();

/** Each dialect's grammar is a separate build; load only the one needed, once. */
function loadParserOnce(dialect: NodeSqlParserDialect): Promise<AstParser> {
  let parser = parsers.get(dialect);
  if (!parser) {
    const loading =
      dialect === 'tsql'
        ? import('node-sql-parser/build/transactsql.js')
        : dialect === 'databricks'
          ? import('node-sql-parser/build/hive.js')
          : import('node-sql-parser/build/sqlite.js');
    parser = loading.then((module) => new module.default.Parser() as AstParser);
    parser.catch(() => parsers.delete(dialect));
    parsers.set(dialect, parser);
  }
  return parser;
}

/** The parser of a dialect and the name node-sql-parser knows the dialect by (shared with masking lineage). */
export async function loadNodeSqlParser(dialect: NodeSqlParserDialect): Promise<{ parser: AstParser; database: string }> {
  return { parser: await loadParserOnce(dialect), database: DATABASE_NAME[dialect] };
}

export async function classifyWithNodeSqlParser(sql: string, dialect: NodeSqlParserDialect): Promise<ParserClassification> {
  let parser: AstParser;
  try {
    parser = await loadParserOnce(dialect);
  } catch {
    return { outcome: 'refused', reason: reasons.parserUnavailable(dialect), statementCount: 0 };
  }

  let ast: unknown;
  try {
    ast = parser.astify(sql, { database: DATABASE_NAME[dialect] });
  } catch (error) {
    return { outcome: 'unparsed', detail: error instanceof Error ? error.message : String(error) };
  }

  const statements = (Array.isArray(ast) ? ast : [ast]).filter((statement) => statement !== null && statement !== undefined);
  if (statements.some(isProcedureFallback)) {
    return { outcome: 'unparsed', detail: 'the text was not recognised as a query' };
  }
  const statementCount = statements.length;
  if (statementCount === 0) return { outcome: 'refused', reason: reasons.emptySql(), statementCount };
  if (statementCount > 1) return { outcome: 'refused', reason: reasons.multipleStatements(statementCount), statementCount };

  const root = statements[0];
  const rootType = isRecord(root) && typeof root.type === 'string' ? root.type : 'unknown';
  if (rootType !== 'select') {
    return { outcome: 'refused', reason: reasons.parsedStatementKind(rootType.toUpperCase()), statementCount };
  }
  const problem = findProblemInTree(root, dialect);
  return problem ? { outcome: 'refused', reason: problem, statementCount } : { outcome: 'allowed', statementCount };
}

function findProblemInTree(root: unknown, dialect: NodeSqlParserDialect): string | undefined {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;

    if (typeof node.type === 'string' && STATEMENT_TYPES.has(node.type)) {
      return reasons.writingSubStatement(node.type.toUpperCase());
    }
    if (isRecord(node.ast) && node.ast.type !== 'select') {
      return reasons.writingSubStatement(String(node.ast.type ?? 'unknown').toUpperCase());
    }
    if (isRecord(node.into) && (node.into.expr || node.into.type === 'into')) {
      return reasons.forbiddenKeyword('into', dialect, false);
    }
    if (node.for_update || node.locking_read) return reasons.rowLocking('FOR UPDATE');
    if (node.type === 'function') {
      const name = functionName(node.name);
      // A call whose name cannot be read cannot be told apart from a dangerous one.
      if (name === undefined) return reasons.unparsable(dialect, UNREADABLE_FUNCTION_NAME);
      if (isDangerousFunction(name, dialect)) return reasons.dangerousFunction(name, dialect);
    }
    pending.push(...Object.values(node));
  }
  return undefined;
}

const UNREADABLE_FUNCTION_NAME = 'the name of a called function could not be read';

/**
 * node-sql-parser spells a function name as `{ name: [{ value: 'fn' }] }` (the schema apart) or a
 * plain string. Any other shape, an empty name or a part that is not text is unreadable: undefined.
 */
function functionName(name: unknown): string | undefined {
  if (typeof name === 'string') return name === '' ? undefined : name;
  if (!isRecord(name) || !Array.isArray(name.name) || name.name.length === 0) return undefined;
  const parts = name.name.map((part) => (isRecord(part) && typeof part.value === 'string' && part.value !== '' ? part.value : undefined));
  return parts.every((part) => part !== undefined) ? parts.join('.') : undefined;
}

/**
 * When the T-SQL grammar cannot read a query it may fall back to reading each `word word` pair
 * as a procedural assignment (`{ stmt: { type: 'assign' }, vars }`), turning
 * `SELECT TOP 5 WITH TIES …` into six "statements". That is a failure to parse, not a verdict.
 */
function isProcedureFallback(statement: unknown): boolean {
  return isRecord(statement) && typeof statement.type !== 'string' && isRecord(statement.stmt);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
