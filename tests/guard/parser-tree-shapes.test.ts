import { describe, expect, it, vi } from 'vitest';

/**
 * The parser passes judge the tree their parser hands them. The trees the bundled grammars build
 * today are checked in the reasons tests; here each pass is given trees a grammar could also build
 * (another version of it, a construct it does not read yet): a real tree, taken from the real
 * parser, changed at one point. Every check of the tree walk must refuse on its own, and a node
 * whose type or function name cannot be read must refuse, never allow.
 *
 * Each test hands its tree over under a text of its own; any other text goes to the real parser.
 */
const trees = vi.hoisted(() => new Map<string, unknown>());

vi.mock('node-sql-parser/build/sqlite.js', async (importOriginal) => {
  const real = await importOriginal<{ default: { Parser: new () => { astify(sql: string, options: object): unknown } } }>();
  class Parser {
    private readonly parser = new real.default.Parser();
    astify(sql: string, options: object): unknown {
      return trees.has(sql) ? trees.get(sql) : this.parser.astify(sql, options);
    }
  }
  return { default: { Parser } };
});
vi.mock('libpg-query', async (importOriginal) => {
  const real = await importOriginal<typeof import('libpg-query')>();
  return { ...real, parseSync: (sql: string) => (trees.has(sql) ? trees.get(sql) : real.parseSync(sql)) };
});

const { classifyWithNodeSqlParser } = await import('../../mcp/guard/node-sql-parser-guard.js');
const { classifyPostgres } = await import('../../mcp/guard/postgres-guard.js');
const { classifyReadOnly, forgetAllowedShapes } = await import('../../mcp/guard/read-only-guard.js');
const sqliteGrammar = (await import('node-sql-parser/build/sqlite.js')) as unknown as { default: { Parser: new () => { astify(sql: string, options: object): unknown } } };
const libpgQuery = await import('libpg-query');

type Tree = Record<string, unknown>;

let handedOver = 0;
/** A text that stands for `tree`: the parser returns the tree when it is asked to read it. */
function textFor(tree: unknown): string {
  handedOver += 1;
  const sql = `SELECT ${handedOver} AS tree_handed_over`;
  trees.set(sql, tree);
  return sql;
}

/** What SQLite's grammar reads for `sql`, as a tree of its own to change. */
function sqliteTree(sql: string): Tree {
  const tree = new sqliteGrammar.default.Parser().astify(sql, { database: 'Sqlite' });
  return structuredClone((Array.isArray(tree) ? tree[0] : tree) as Tree);
}

const judgeSqlite = (tree: unknown) => classifyWithNodeSqlParser(textFor(tree), 'sqlite');

/** What PostgreSQL's parser reads for `sql`: its first statement's node. */
async function postgresStatement(sql: string): Promise<Tree> {
  await libpgQuery.loadModule();
  const parsed = libpgQuery.parseSync(sql) as { stmts: Array<{ stmt: Tree }> };
  return structuredClone(parsed.stmts[0].stmt);
}

const judgePostgres = (stmt: unknown, dialect: 'postgres' | 'duckdb' = 'postgres') => classifyPostgres(textFor({ stmts: [{ stmt }] }), dialect);

/** `SELECT a FROM t UNION SELECT …` with the second query replaced by `node`. */
function unionWith(node: unknown): Tree {
  const tree = sqliteTree('SELECT a FROM t UNION SELECT b FROM u');
  tree._next = node;
  return tree;
}

/** `SELECT lower(a) FROM t` with the function's name replaced by `name`. */
function callNamed(name: unknown): Tree {
  const tree = sqliteTree('SELECT lower(a) FROM t');
  const call = (tree.columns as Array<{ expr: Tree }>)[0].expr;
  expect(call.type).toBe('function');
  call.name = name;
  return tree;
}

describe('the node-sql-parser pass, given a statement of another kind below the root', () => {
  it('allows the tree as the grammar built it', async () => {
    expect(await judgeSqlite(unionWith(sqliteTree('SELECT b FROM u')))).toEqual({ outcome: 'allowed', statementCount: 1 });
  });

  // Every statement type the walk looks for, each on its own, where a query of a set operation stands.
  it.each([
    'insert', 'replace', 'update', 'delete', 'merge', 'create', 'alter', 'drop', 'truncate', 'rename',
    'use', 'exec', 'execute', 'call', 'set', 'declare', 'assign', 'lock', 'unlock', 'grant', 'revoke',
    'transaction', 'show', 'desc', 'if', 'go', 'return', 'load_data', 'analyze', 'attach', 'detach',
    'vacuum', 'pragma', 'multiple',
  ])('refuses a nested `%s`, naming it', async (type) => {
    const verdict = await judgeSqlite(unionWith({ type }));
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain(`a \`${type.toUpperCase()}\` is nested inside the query`);
  });

  it('refuses a real INSERT tree grafted into a WITH clause', async () => {
    const tree = sqliteTree('WITH c AS (SELECT 1 AS a) SELECT a FROM c');
    (tree.with as Array<{ stmt: Tree }>)[0].stmt = sqliteTree('INSERT INTO t VALUES (1)');
    const verdict = await judgeSqlite(tree);
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('a `INSERT` is nested inside the query');
  });

  it.each([
    ['a kind the walk does not list', { type: 'values', values: [] }, 'VALUES'],
    ['no type at all', { columns: [] }, 'UNKNOWN'],
    ['a type that is not text', { type: 7 }, '7'],
  ])('refuses a subquery (`ast`) that is not a SELECT: %s', async (_what, ast, named) => {
    const tree = sqliteTree('SELECT * FROM (SELECT 1 AS a) s');
    ((tree.from as Array<{ expr: Tree }>)[0].expr).ast = ast;
    const verdict = await judgeSqlite(tree);
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain(`a \`${named}\` is nested inside the query`);
  });

  it('allows a subquery that is a SELECT', async () => {
    expect(await judgeSqlite(sqliteTree('SELECT * FROM (SELECT 1 AS a) s'))).toEqual({ outcome: 'allowed', statementCount: 1 });
  });
});

describe('the node-sql-parser pass, given what writes or locks inside a SELECT', () => {
  it.each([
    ['with a target and its type', { type: 'into', expr: 't2', position: 'column' }],
    ['with a target only', { expr: 't2' }],
    ['with its type only', { type: 'into' }],
  ])('refuses SELECT … INTO %s', async (_what, into) => {
    const tree = sqliteTree('SELECT a FROM t');
    tree.into = into;
    const verdict = await judgeSqlite(tree);
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('`INTO` was found');
  });

  it('allows the INTO node a SELECT without INTO carries', async () => {
    const tree = sqliteTree('SELECT a FROM t');
    tree.into = { position: null };
    expect(await judgeSqlite(tree)).toEqual({ outcome: 'allowed', statementCount: 1 });
  });

  it.each([
    ['for_update', 'FOR UPDATE'],
    ['locking_read', { type: 'for_update', of_table: null }],
  ])('refuses row locking marked as %s', async (key, value) => {
    const tree = sqliteTree('SELECT a FROM t');
    tree[key] = value;
    const verdict = await judgeSqlite(tree);
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('`FOR UPDATE` locks rows');
  });
});

describe('the node-sql-parser pass, given function names', () => {
  it.each([
    ['a plain name', 'lower'],
    ['a list of parts', { name: [{ type: 'default', value: 'lower' }] }],
    ['a schema beside the name', { name: [{ type: 'default', value: 'lower' }], schema: { type: 'default', value: 'main' } }],
  ])('allows a harmless function written as %s', async (_what, name) => {
    expect(await judgeSqlite(callNamed(name))).toEqual({ outcome: 'allowed', statementCount: 1 });
  });

  it.each([
    ['a plain name', 'load_extension', 'load_extension'],
    ['a list of parts', { name: [{ type: 'default', value: 'load_extension' }] }, 'load_extension'],
    ['parts joined with a dot', { name: [{ value: 'main' }, { value: 'load_extension' }] }, 'main.load_extension'],
  ])('refuses a dangerous function written as %s', async (_what, name, named) => {
    const verdict = await judgeSqlite(callNamed(name));
    expect(verdict.outcome === 'refused' && verdict.reason).toContain(`does not allow \`${named}\``);
  });

  it.each([
    ['no name', undefined],
    ['an empty name', ''],
    ['a number', 42],
    ['a list of no parts', { name: [] }],
    ['parts that are not a list', { name: { value: 'load_extension' } }],
    ['a part that is not text', { name: [{ value: 'main' }, { value: 7 }] }],
    ['a part without a value', { name: [{ type: 'default' }] }],
    ['a part that is not a node', { name: ['load_extension'] }],
    ['an empty part', { name: [{ value: 'main' }, { value: '' }] }],
  ])('refuses a call whose name it cannot read: %s', async (_what, name) => {
    const verdict = await judgeSqlite(callNamed(name));
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('(parser: the name of a called function could not be read)');
  });
});

describe('the guard as a whole, when the parser refuses what the token pass found clean', () => {
  it('refuses with the parser’s reason, although the text begins with SELECT', async () => {
    forgetAllowedShapes();
    const sql = textFor(unionWith({ type: 'insert' }));
    const verdict = await classifyReadOnly(sql, 'sqlite');
    expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining('a `INSERT` is nested inside the query'), statementCount: 1 });
    // Asked again, it is judged again: a refusal is not remembered as an allowance.
    expect(await classifyReadOnly(sql, 'sqlite')).toEqual(verdict);
  });
});

describe('the node-sql-parser pass, given the statements of the text', () => {
  it('does not count an empty statement the grammar returns as null', async () => {
    expect(await judgeSqlite([sqliteTree('SELECT a FROM t'), null])).toEqual({ outcome: 'allowed', statementCount: 1 });
    expect(await judgeSqlite([undefined, sqliteTree('SELECT a FROM t')])).toEqual({ outcome: 'allowed', statementCount: 1 });
  });

  it('judges a statement of a known kind by its kind, also when it carries a `stmt` node', async () => {
    const verdict = await judgeSqlite({ ...sqliteTree('INSERT INTO t VALUES (1)'), stmt: { type: 'assign' } });
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain('this is a `INSERT` statement');
  });

  it('reads a statement without a kind whose `stmt` is a node as the grammar failing to parse', async () => {
    expect(await judgeSqlite({ stmt: { type: 'assign' }, vars: [] })).toEqual({ outcome: 'unparsed', detail: 'the text was not recognised as a query' });
  });

  it.each([
    ['a statement that is not a node', 'select', 'UNKNOWN'],
    ['a statement without a type', { columns: [] }, 'UNKNOWN'],
    ['a type that is not text', { type: ['select'] }, 'UNKNOWN'],
  ])('refuses %s as a statement of unknown kind', async (_what, statement, named) => {
    const verdict = await judgeSqlite(statement);
    expect(verdict).toMatchObject({ outcome: 'refused', statementCount: 1 });
    expect(verdict.outcome === 'refused' && verdict.reason).toContain(`this is a \`${named}\` statement`);
  });
});

describe("PostgreSQL's parser pass, given the statement node", () => {
  it('allows the tree as the parser built it', async () => {
    expect(await judgePostgres(await postgresStatement('SELECT a FROM t'))).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each([
    ['a SELECT node with a second key beside it', async () => ({ ...(await postgresStatement('SELECT a FROM t')), RawStmt: {} }), 'SELECT'],
    ['a statement that is not a node', async () => 'SelectStmt', 'UNKNOWN'],
    ['a list in place of the statement node', async () => ['SelectStmt'], 'UNKNOWN'],
    ['no statement node', async () => undefined, 'UNKNOWN'],
  ])('refuses %s', async (_what, statement, named) => {
    const verdict = await judgePostgres(await statement());
    expect(verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect(verdict.reason).toContain(`this is a \`${named}\` statement`);
  });

  it('refuses a parse that lists no statements as empty', async () => {
    const verdict = await classifyPostgres(textFor({ version: 180004 }));
    expect(verdict).toMatchObject({ allowed: false, statementCount: 0 });
    expect(verdict.reason).toContain('received no SQL statement');
  });
});

describe("PostgreSQL's parser pass, given row locking", () => {
  /** `SELECT a FROM t` with its list of locking clauses set to `clauses`. */
  async function lockedWith(clauses: unknown): Promise<Tree> {
    const stmt = await postgresStatement('SELECT a FROM t');
    (stmt.SelectStmt as Tree).lockingClause = clauses;
    return stmt;
  }

  it('allows an empty list of locking clauses', async () => {
    expect(await judgePostgres(await lockedWith([]))).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each([
    ['a clause that is not a node', [null]],
    ['a clause without its LockingClause node', [{ LockingClause: null }]],
    ['a strength it does not know', [{ LockingClause: { strength: 'LCS_NONE' } }]],
  ])('refuses %s as FOR UPDATE', async (_what, clauses) => {
    const verdict = await judgePostgres(await lockedWith(clauses));
    expect(verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect(verdict.reason).toContain('`FOR UPDATE` locks rows');
  });
});

describe('the DuckDB check of a table name', () => {
  /** DuckDB's `WITH c AS (…) SELECT a FROM c` with the reference to `c` changed. */
  async function readOfQueryName(change: (rangeVar: Tree) => void): Promise<Tree> {
    const stmt = await postgresStatement('WITH c AS (SELECT 1 AS a) SELECT a FROM c');
    change(((stmt.SelectStmt as Tree).fromClause as Array<{ RangeVar: Tree }>)[0].RangeVar);
    return stmt;
  }

  it.each([
    ['as the parser built it', () => undefined],
    ['with an empty schema and catalog', (rangeVar: Tree) => Object.assign(rangeVar, { schemaname: '', catalogname: '' })],
    ['with a schema that is not text', (rangeVar: Tree) => Object.assign(rangeVar, { schemaname: 7 })],
  ])('reads a query name %s as a name without a schema', async (_what, change) => {
    expect(await judgePostgres(await readOfQueryName(change), 'duckdb')).toEqual({ allowed: true, statementCount: 1 });
  });

  it('refuses the same name under a schema that is not a layer', async () => {
    const verdict = await judgePostgres(await readOfQueryName((rangeVar) => (rangeVar.schemaname = 'main')), 'duckdb');
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('does not read `main.c` on the lakehouse');
  });
});

describe("PostgreSQL's parser pass, given names it cannot read", () => {
  /** `SELECT lower(a) FROM bronze.t` with the FuncCall node (or its funcname) replaced. */
  async function callWith(change: (call: Tree, target: Tree) => void): Promise<Tree> {
    const stmt = await postgresStatement('SELECT lower(a) FROM bronze.t');
    const target = ((stmt.SelectStmt as Tree).targetList as Array<{ ResTarget: { val: Tree } }>)[0].ResTarget.val;
    change(target.FuncCall as Tree, target);
    return stmt;
  }

  it.each([
    ['a name of one part', [{ String: { sval: 'lower' } }]],
    ['a name of two parts', [{ String: { sval: 'pg_catalog' } }, { String: { sval: 'lower' } }]],
  ])('allows a harmless function with %s', async (_what, funcname) => {
    expect(await judgePostgres(await callWith((call) => (call.funcname = funcname)))).toEqual({ allowed: true, statementCount: 1 });
  });

  it.each([
    ['no name', undefined],
    ['a name that is not a list', { String: { sval: 'lower' } }],
    ['a list of no parts', []],
    ['a part that is not text', [{ String: { sval: 7 } }]],
    ['a part of another kind', [{ A_Star: {} }]],
    ['a part that is not a node', ['pg_sleep']],
    ['a part without its String node', [{ String: 'pg_sleep' }]],
    ['an empty part', [{ String: { sval: 'pg_catalog' } }, { String: { sval: '' } }]],
  ])('refuses a call whose name is %s', async (_what, funcname) => {
    for (const dialect of ['postgres', 'duckdb'] as const) {
      const verdict = await judgePostgres(await callWith((call) => (call.funcname = funcname)), dialect);
      expect(verdict, dialect).toMatchObject({ allowed: false, statementCount: 1 });
      expect(verdict.reason, dialect).toContain('(parser: the name of a called function could not be read)');
    }
  });

  it.each([['text', 'pg_sleep'], ['null', null]])('refuses a call that is not a node: %s', async (_what, call) => {
    const verdict = await judgePostgres(await callWith((_call, target) => (target.FuncCall = call)));
    expect(verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect(verdict.reason).toContain('(parser: the name of a called function could not be read)');
  });

  it('refuses a DuckDB table function whose name it cannot read', async () => {
    const stmt = await postgresStatement('SELECT * FROM range(3)');
    const rangeFunction = ((stmt.SelectStmt as Tree).fromClause as Array<{ RangeFunction: { functions: Array<{ List: { items: Tree[] } }> } }>)[0].RangeFunction;
    expect(await judgePostgres(structuredClone(stmt), 'duckdb')).toEqual({ allowed: true, statementCount: 1 });
    (rangeFunction.functions[0].List.items[0].FuncCall as Tree).funcname = [{ String: { sval: 7 } }];
    const verdict = await judgePostgres(stmt, 'duckdb');
    expect(verdict).toMatchObject({ allowed: false, statementCount: 1 });
    expect(verdict.reason).toContain('(parser: the name of a called function could not be read)');
  });

  it.each([
    ['no name', (rangeVar: Tree) => delete rangeVar.relname],
    ['a name that is not text', (rangeVar: Tree) => (rangeVar.relname = ['pg_authid'])],
    ['an empty name', (rangeVar: Tree) => (rangeVar.relname = '')],
  ])('refuses a table with %s', async (_what, change) => {
    for (const dialect of ['postgres', 'duckdb'] as const) {
      const stmt = await postgresStatement('SELECT a FROM bronze.t');
      change(((stmt.SelectStmt as Tree).fromClause as Array<{ RangeVar: Tree }>)[0].RangeVar);
      const verdict = await judgePostgres(stmt, dialect);
      expect(verdict, dialect).toMatchObject({ allowed: false, statementCount: 1 });
      expect(verdict.reason, dialect).toContain('(parser: the name of a table could not be read)');
    }
  });

  it('refuses a table reference that is not a node', async () => {
    const stmt = await postgresStatement('SELECT a FROM t');
    ((stmt.SelectStmt as Tree).fromClause as Array<{ RangeVar: unknown }>)[0].RangeVar = 'pg_authid';
    expect((await judgePostgres(stmt)).reason).toContain('(parser: the name of a table could not be read)');
  });
});
