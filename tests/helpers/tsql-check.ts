import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodeSqlParser from 'node-sql-parser';
import { DEMO_TABLES, type ColumnType } from '../../mcp/demo/demo-schema.js';

/**
 * Checks T-SQL statements without a SQL Server: parsed by node-sql-parser (TransactSQL) and,
 * in one batch, by sqlfluff (dialect tsql); every table and column resolved against the tables
 * PACS MCP knows (the PACS catalog and its own staging tables, mcp/demo/demo-schema.ts), scope by
 * scope; and the comparisons SQL Server would make slow or fail: a character column against a
 * number (a conversion of every row, or error 245), an NVARCHAR parameter against a char/varchar
 * column (no index seek). What each statement reads and writes is collected on the way.
 */

const { Parser } = nodeSqlParser;
const parser = new Parser();
const OPTIONS = { database: 'TransactSQL' };

const KNOWN = new Map(DEMO_TABLES.map((t) => [t.name.toLowerCase(), { name: t.name, columns: new Map(t.columns.map((c) => [c.name.toLowerCase(), c])) }]));
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'BETWEEN', 'NOT BETWEEN']);
const TEXT_KINDS = new Set(['char', 'varchar', 'nchar', 'nvarchar']);
const NARROW_TEXT_KINDS = new Set(['char', 'varchar']);
/** What the engine sends: reads, writes, procedure calls, and the connector's SET LOCK_TIMEOUT. */
const STATEMENT_TYPES = new Set(['select', 'insert', 'update', 'delete', 'exec', 'set', 'declare']);

/** What one statement reads and writes, by table (the PACS tables' real names) and column. */
export interface StatementUsage {
  reads: Map<string, Set<string>>;
  inserts: Map<string, Set<string>>;
  updates: Map<string, Set<string>>;
  deletes: Set<string>;
  procedures: Set<string>;
}

export interface StatementCheck {
  problems: string[];
  usage: StatementUsage;
}

type Node = Record<string, unknown>;
interface Scope {
  /** alias (and bare table name) → the known table, or null for a derived table or a table outside the catalog. */
  tables: Map<string, string | null>;
  /** Names the select list gives its columns (ORDER BY may use them). */
  outputs: Set<string>;
  /** What kind of statement: columns met in a SELECT are read, SET targets are written. */
  kind: string;
}

type Operand = { kind: 'column'; name: string; type: ColumnType } | { kind: 'number' } | { kind: 'param'; name: string; declared: string; value: unknown } | { kind: 'other' };

export function emptyUsage(): StatementUsage {
  return { reads: new Map(), inserts: new Map(), updates: new Map(), deletes: new Set(), procedures: new Set() };
}

const add = (map: Map<string, Set<string>>, table: string, column: string) => {
  let set = map.get(table);
  if (!set) map.set(table, (set = new Set()));
  set.add(column);
};

/**
 * Parses `tsql` and checks it. `declarations` (`@p1 varchar(10)`…) and `params` are what the
 * statement is sent with; a parameter is `@pN` in the text.
 */
export function checkStatement(tsql: string, declarations: readonly string[] = [], params: readonly unknown[] = []): StatementCheck {
  const usage = emptyUsage();
  const problems: string[] = [];
  let ast: Node | Node[];
  try {
    ast = parser.astify(tsql, OPTIONS) as unknown as Node | Node[];
  } catch (err) {
    return { problems: [`node-sql-parser (TransactSQL) cannot parse it: ${(err as Error).message.slice(0, 300)}`], usage };
  }
  const declared = new Map(declarations.map((d) => [d.split(' ')[0].toLowerCase(), d.split(' ')[1] ?? '']));
  const paramValue = (name: string) => params[Number(name.slice(2)) - 1];

  const operand = (expr: unknown, scopes: Scope[]): Operand => {
    const e = expr as Node | undefined;
    if (!e || typeof e !== 'object') return { kind: 'other' };
    if (e.type === 'number') return { kind: 'number' };
    if (e.type === 'column_ref') {
      const column = columnName(e);
      if (column.startsWith('@')) return { kind: 'param', name: column.toLowerCase(), declared: declared.get(column.toLowerCase()) ?? '', value: paramValue(column.toLowerCase()) };
      const resolved = resolveColumn(e, scopes, problems, tsql);
      return resolved ? { kind: 'column', name: `${resolved.table}.${resolved.column}`, type: resolved.type } : { kind: 'other' };
    }
    return { kind: 'other' };
  };

  /** A character column met by a number, or a char/varchar column by an NVARCHAR parameter. */
  const mismatch = (column: Operand, other: Operand, how: string) => {
    if (column.kind !== 'column' || !TEXT_KINDS.has(column.type.kind)) return;
    if (other.kind === 'number' || (other.kind === 'param' && typeof other.value === 'number')) {
      problems.push(`${how}: the ${column.type.kind} column ${column.name} meets a number${other.kind === 'param' ? ` (${other.name})` : ''}; SQL Server converts every row (or stops with error 245)`);
    }
    if (other.kind === 'param' && NARROW_TEXT_KINDS.has(column.type.kind) && other.declared.startsWith('nvarchar')) {
      problems.push(`${how}: the ${column.type.kind} column ${column.name} meets ${other.name} declared ${other.declared}; its index cannot seek`);
    }
  };

  const visitExpression = (expr: unknown, scopes: Scope[]): void => {
    if (!expr || typeof expr !== 'object') return;
    if (Array.isArray(expr)) return expr.forEach((e) => visitExpression(e, scopes));
    const e = expr as Node;
    if (e.ast && typeof e.ast === 'object') return visitStatement(e.ast as Node, scopes);
    if (e.type === 'column_ref') {
      const column = columnName(e);
      if (!column.startsWith('@') && column !== '*') {
        const resolved = resolveColumn(e, scopes, problems, tsql);
        if (resolved) add(usage.reads, resolved.table, resolved.column);
      }
      return;
    }
    if (e.type === 'binary_expr' && COMPARISONS.has(String(e.operator).toUpperCase())) {
      const left = operand(e.left, scopes);
      const rightItems = (e.right as Node | undefined)?.type === 'expr_list' ? ((e.right as Node).value as unknown[]) : [e.right];
      for (const item of rightItems) {
        const right = operand(item, scopes);
        mismatch(left, right, `${String(e.operator)} comparison`);
        mismatch(right, left, `${String(e.operator)} comparison`);
      }
    }
    for (const [key, value] of Object.entries(e)) if (key !== 'type' && key !== 'operator') visitExpression(value, scopes);
  };

  const visitStatement = (node: Node, parents: Scope[]): void => {
    const scope: Scope = { tables: new Map(), outputs: new Set(), kind: String(node.type) };
    const scopes = [scope, ...parents];
    const note = (item: Node) => {
      const name = typeof item.table === 'string' ? item.table.toLowerCase() : null;
      const known = name ? (KNOWN.get(name)?.name ?? null) : null;
      if (name && !known && item.db === null && !(item.expr as Node | undefined)?.ast) problems.push(`table ${String(item.table)} is not a table of the PACS catalog or the staging tables`);
      if (name) scope.tables.set(name, known);
      // A derived table's alias may carry its column names: `v(i, securable, permission)`.
      if (typeof item.as === 'string') scope.tables.set(item.as.replace(/\(.*$/s, '').trim().toLowerCase(), known);
    };
    switch (node.type) {
      case 'select': {
        for (const item of (node.from as Node[] | null) ?? []) {
          const derived = (item.expr as Node | undefined)?.ast as Node | undefined;
          if (derived) visitStatement(derived, parents);
          note(item);
        }
        for (const c of (node.columns as Node[] | null) ?? []) if (typeof c.as === 'string') scope.outputs.add(c.as.toLowerCase());
        for (const item of (node.from as Node[] | null) ?? []) visitExpression(item.on, scopes);
        for (const key of ['columns', 'where', 'groupby', 'having', 'orderby']) visitExpression(node[key], scopes);
        if (node._next) visitStatement(node._next as Node, parents);
        return;
      }
      case 'update': {
        for (const item of (node.table as Node[]) ?? []) note(item);
        for (const item of (node.from as Node[] | null) ?? []) note(item);
        const [target] = (node.table as Node[]) ?? [];
        const table = scope.tables.get(String(target?.table).toLowerCase());
        for (const set of (node.set as Node[]) ?? []) {
          const column = String(set.column).toLowerCase();
          const spec = table ? KNOWN.get(table.toLowerCase())?.columns.get(column) : undefined;
          if (table && !spec) problems.push(`SET ${String(set.column)}: ${table} has no such column`);
          if (table && spec) {
            add(usage.updates, table, spec.name);
            mismatch({ kind: 'column', name: `${table}.${spec.name}`, type: spec.type }, operand(set.value, scopes), 'SET');
          }
          visitExpression(set.value, scopes);
        }
        visitExpression(node.where, scopes);
        return;
      }
      case 'insert': {
        const [target] = (node.table as Node[]) ?? [];
        note(target);
        const table = scope.tables.get(String(target?.table).toLowerCase());
        const columns = ((node.columns as string[] | null) ?? []).map((c) => String(c));
        const specs = columns.map((c) => (table ? KNOWN.get(table.toLowerCase())?.columns.get(c.toLowerCase()) : undefined));
        columns.forEach((c, i) => {
          if (table && !specs[i]) problems.push(`INSERT column ${c}: ${table} has no such column`);
          if (table && specs[i]) add(usage.inserts, table, specs[i]!.name);
        });
        const values = node.values as Node | undefined;
        for (const tuple of (values?.values as Node[] | undefined) ?? []) {
          ((tuple.value as unknown[]) ?? []).forEach((value, i) => {
            const spec = specs[i];
            if (table && spec) mismatch({ kind: 'column', name: `${table}.${spec.name}`, type: spec.type }, operand(value, scopes), 'INSERT');
            visitExpression(value, scopes);
          });
        }
        if (values?.type === 'select' || (values as Node | undefined)?.ast) visitStatement(((values as Node).ast ?? values) as Node, parents);
        return;
      }
      case 'delete': {
        for (const item of [...((node.table as Node[] | null) ?? []), ...((node.from as Node[] | null) ?? [])]) note(item);
        for (const table of new Set(scope.tables.values())) if (table) usage.deletes.add(table);
        visitExpression(node.where, scopes);
        return;
      }
      case 'exec': {
        const module = node.module as Node;
        usage.procedures.add([module.db, module.table].filter(Boolean).join('.'));
        for (const p of (node.parameters as Node[]) ?? []) visitExpression(p.value, scopes);
        return;
      }
      default:
        // SET LOCK_TIMEOUT, DECLARE …: nothing to resolve.
        return;
    }
  };

  for (const statement of Array.isArray(ast) ? ast : [ast]) {
    // The parser is lenient: text that is no statement at all can come back as an assignment.
    if (!STATEMENT_TYPES.has(String(statement.type))) problems.push(`node-sql-parser (TransactSQL) read it as ${String(statement.type ?? (statement.stmt as Node | undefined)?.type ?? 'something else')}, not as a statement`);
    else visitStatement(statement, []);
  }
  return { problems: [...new Set(problems)], usage };
}

function columnName(ref: Node): string {
  const column = ref.column as unknown;
  if (typeof column === 'string') return column;
  const inner = (column as Node | undefined)?.expr as Node | undefined;
  return String(inner?.value ?? '');
}

/** The known table and column a column reference names, scope by scope; a problem when there is none. */
function resolveColumn(ref: Node, scopes: Scope[], problems: string[], tsql: string): { table: string; column: string; type: ColumnType } | null {
  const column = columnName(ref).toLowerCase();
  const qualifier = typeof ref.table === 'string' ? ref.table.toLowerCase() : null;
  if (qualifier) {
    for (const scope of scopes) {
      if (!scope.tables.has(qualifier)) continue;
      const table = scope.tables.get(qualifier)!;
      if (table === null) return null;
      const spec = KNOWN.get(table.toLowerCase())!.columns.get(column);
      if (!spec) {
        problems.push(`${qualifier}.${column}: ${table} has no column ${column}`);
        return null;
      }
      return { table, column: spec.name, type: spec.type };
    }
    problems.push(`${qualifier}.${column}: no table or alias ${qualifier} in scope`);
    return null;
  }
  for (const scope of scopes) {
    const found = [...new Set(scope.tables.values())].flatMap((table) => {
      if (table === null) return [];
      const spec = KNOWN.get(table.toLowerCase())!.columns.get(column);
      return spec ? [{ table, column: spec.name, type: spec.type }] : [];
    });
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      problems.push(`${column} is ambiguous: ${found.map((f) => f.table).join(', ')} all have it`);
      return null;
    }
    if (scope.outputs.has(column) || [...scope.tables.values()].includes(null)) return null;
  }
  problems.push(`${column}: no table in scope has it (${tsql.slice(0, 80)}…)`);
  return null;
}

/** The sqlfluff command, when the Debian package is installed. */
export function sqlfluffAvailable(): boolean {
  return spawnSync('sqlfluff', ['version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Parses each text with sqlfluff (dialect tsql), one file per text in one run, and returns the
 * ones it could not parse with the part it stopped at. (sqlfluff is much slower on one big file.)
 * sqlfluff takes seconds per statement, so each answer is kept per sqlfluff version and text
 * under the OS temp dir: a text seen before is not parsed again, a new or changed one always is.
 */
export function sqlfluffUnparsable(texts: readonly string[]): Map<string, string> {
  const version = spawnSync('sqlfluff', ['version'], { encoding: 'utf8' }).stdout.trim();
  const cache = path.join(os.tmpdir(), 'pacs-sqlfluff-cache', version.replace(/[^A-Za-z0-9.]/g, '_'));
  fs.mkdirSync(cache, { recursive: true });
  const cached = (text: string) => path.join(cache, `${createHash('sha256').update(text).digest('hex')}.json`);
  const unseen = [...new Set(texts)].filter((text) => !fs.existsSync(cached(text)));
  if (unseen.length > 0) {
    for (const [text, answer] of parseWithSqlfluff(unseen)) fs.writeFileSync(cached(text), JSON.stringify(answer));
  }
  const out = new Map<string, string>();
  for (const text of texts) {
    const answer = JSON.parse(fs.readFileSync(cached(text), 'utf8')) as string | null;
    if (answer !== null) out.set(text, answer);
  }
  return out;
}

/** sqlfluff's answer for each text: null when it parsed, else what it could not parse. */
function parseWithSqlfluff(texts: readonly string[]): Map<string, string | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-sqlfluff-'));
  try {
    const files = path.join(dir, 'statements');
    fs.mkdirSync(files);
    texts.forEach((text, i) => fs.writeFileSync(path.join(files, `s${String(i).padStart(4, '0')}.sql`), `${text.trim()}\n`));
    // A file over sqlfluff's default size limit would be skipped, not parsed.
    const config = path.join(dir, 'sqlfluff.cfg');
    fs.writeFileSync(config, '[sqlfluff]\ndialect = tsql\nlarge_file_skip_byte_limit = 0\n');
    const run = spawnSync('sqlfluff', ['parse', '--config', config, '--dialect', 'tsql', '--format', 'json', '--nocolor', files], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (run.error) throw run.error;
    const parsed = JSON.parse(run.stdout) as { filepath: string; segments: unknown }[];
    if (parsed.length !== texts.length) throw new Error(`sqlfluff parsed ${parsed.length} of ${texts.length} files: ${run.stderr.slice(0, 2_000)}`);
    const out = new Map<string, string | null>();
    for (const file of parsed) {
      const unparsable = findKey(file.segments, 'unparsable');
      const text = texts[Number(/s(\d+)\.sql$/.exec(file.filepath)![1])];
      out.set(text, unparsable !== undefined || file.segments === null ? JSON.stringify(unparsable ?? 'nothing parsed').slice(0, 400) : null);
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function findKey(value: unknown, key: string): unknown {
  if (!value || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findKey(item, key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === key) return v;
    const found = findKey(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** One text per distinct statement shape: parameter numbers, IN lists and VALUES tuples folded. */
export function statementShape(tsql: string): string {
  return tsql
    .replace(/@p\d+/g, '@p')
    .replace(/@p(?:, @p)+/g, '@p, …')
    .replace(/(\([^()]*\))(?:, \1)+/g, '$1, …');
}
