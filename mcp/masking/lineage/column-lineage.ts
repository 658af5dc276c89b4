import type { SqlDialect } from '../../guard/guard-types.js';
import { loadNodeSqlParser } from '../../guard/node-sql-parser-guard.js';
import { loadPostgresParser } from '../../guard/postgres-guard.js';
import { UnclearLineage, type QueryIR } from './lineage-ir.js';
import { query as fromNodeSqlParser } from './node-sql-parser-lineage.js';
import { query as fromPostgresTree } from './pg-lineage.js';
import { columnSources, type Sources } from './resolve-lineage.js';

export { UnclearLineage } from './lineage-ir.js';
export type { Sources } from './resolve-lineage.js';

/**
 * Column lineage of one read-only SELECT: for each column of its result, the base-table
 * columns it is computed from, through expressions, functions, casts, CASE, subqueries, CTEs,
 * derived tables, `*` and set operations. Masking judges a result column by these sources as
 * well as by its name, so `CAST(dl_num AS INTEGER) AS x` is a licence number like dl_num.
 * Where the query cannot be followed, UnclearLineage is thrown and the caller refuses it.
 */
export class QueryLineage {
  private constructor(private readonly tree: QueryIR) {}

  static async of(sql: string, dialect: SqlDialect): Promise<QueryLineage> {
    const problems: string[] = [];
    for (const parse of parsersFor(dialect)) {
      try {
        return new QueryLineage(await parse(sql));
      } catch (err) {
        if (err instanceof UnclearLineage) throw err;
        problems.push((err as Error).message.split('\n')[0].slice(0, 160));
      }
    }
    throw new UnclearLineage(`the query could not be parsed (${problems.join('; ')})`);
  }

  /** The sources of each result column, in the order given (the names the database reported). */
  sourcesOf(columns: readonly string[]): Sources[] {
    return columnSources(this.tree, columns);
  }
}

type Parse = (sql: string) => Promise<QueryIR>;

const postgres: Parse = async (sql) => {
  const lib = await loadPostgresParser();
  const statements = (lib.parseSync(sql) as { stmts?: { stmt?: unknown }[] }).stmts ?? [];
  if (statements.length !== 1) throw new UnclearLineage('more than one statement');
  return fromPostgresTree(statements[0].stmt);
};

const nodeSqlParser =
  (dialect: 'tsql' | 'sqlite' | 'databricks'): Parse =>
  async (sql) => {
    const { parser, database } = await loadNodeSqlParser(dialect);
    const ast = parser.astify(sql, { database });
    const statements = (Array.isArray(ast) ? ast : [ast]).filter((s) => s !== null && s !== undefined);
    if (statements.length !== 1) throw new UnclearLineage('more than one statement');
    return fromNodeSqlParser(statements[0]);
  };

/** PostgreSQL's grammar reads SQLite's SELECTs too; SQL Server's TOP and [brackets] need the T-SQL grammar. */
function parsersFor(dialect: SqlDialect): Parse[] {
  switch (dialect) {
    case 'postgres':
    case 'duckdb':
      return [postgres];
    case 'sqlite':
      return [postgres, nodeSqlParser('sqlite')];
    case 'tsql':
      return [nodeSqlParser('tsql'), postgres];
    case 'databricks':
      return [nodeSqlParser('databricks'), postgres];
  }
}
