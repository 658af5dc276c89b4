import mssql from 'mssql';
import type { ISqlType, Request as MssqlRequest } from 'mssql';
import type { ColumnInfo, DatabaseConnector, DatabaseFacts, PrivilegeCheck, QueryOptions, QueryResult, Row, TableInfo, TestResult, WriteTx } from '../../mcp/connectors/connector.js';
import { translatePlaceholders } from '../../mcp/connectors/placeholders.js';
import type { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { bindParameters } from '../../mcp/connectors/sqlserver/sqlserver-parameters.js';

/**
 * A PACS connection that speaks T-SQL to the engine (dialect `tsql`, so every tool builds the
 * SQL it would send SQL Server) and records every statement with the parameter types the SQL
 * Server connector would declare for it. No SQL Server runs here, so the rows come from a SQLite
 * copy of the demo: each statement is run there after the few rewrites the T-SQL dialect's own
 * pieces need (TOP (n) → LIMIT n, table hints dropped). A statement those rewrites cannot make
 * SQLite run fails the caller, so nothing goes unrecorded silently. Stored-procedure calls are
 * answered by `procedure` (SQLite has none).
 */

export interface RecordedStatement {
  /** What was being done when the statement was sent: a tool name, `import push`, `import promote` … */
  operation: string;
  access: 'read' | 'write';
  /** The engine's SQL, with `?` placeholders. */
  sql: string;
  /** As the SQL Server connector sends it in sp_executesql (placeholders named @p1…). */
  tsql: string;
  params: unknown[];
  /** `@p1 varchar(10)`…: each parameter as the SQL Server connector declares it. */
  declarations: string[];
}

/** The parameter declarations bindParameters makes for these values, as sp_executesql would carry them. */
export function declarationsFor(sql: string, params: readonly unknown[]): string[] {
  const out: string[] = [];
  const request = {
    input(name: string, typeOrValue: unknown, value?: unknown) {
      const typed = arguments.length === 3;
      const type = typed ? (typeOrValue as ISqlType & { type?: { declaration?: string } }) : undefined;
      const given = typed ? value : typeOrValue;
      if (type) {
        const declaration = type.type?.declaration;
        const length = (type as { length?: number }).length;
        // tedious declares (max) past 8,000 bytes: 8,000 varchar characters, 4,000 nvarchar ones.
        const max = length !== undefined && length > (declaration === 'nvarchar' ? 4_000 : 8_000);
        out.push(`@${name} ${declaration}${length === undefined ? '' : `(${max ? 'max' : length})`}`);
      } else out.push(`@${name} ${driverDefault(given)}`);
    },
  } as unknown as MssqlRequest;
  bindParameters(mssql, request, sql, params);
  return out;
}

/** The type mssql picks for a value passed without one. */
function driverDefault(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? (value < -2_147_483_648 || value > 2_147_483_647 ? 'bigint' : 'int') : 'float';
  if (typeof value === 'bigint') return 'bigint';
  if (typeof value === 'boolean') return 'bit';
  if (value instanceof Date) return 'datetime2';
  return 'nvarchar';
}

/** The engine's T-SQL made runnable on SQLite: the dialect's row cap and lock hints rewritten. */
export function sqliteText(sql: string): string {
  let text = sql.replace(/ WITH \((UPDLOCK, ROWLOCK|ROWLOCK)\)/g, '');
  const top = /^\s*SELECT TOP \((\d+)\) /.exec(text);
  if (top) text = `SELECT ${text.slice(top[0].length)} LIMIT ${top[1]}`;
  if (/\bTOP \(/.test(text) || /^\s*EXEC\b/i.test(text)) throw new Error(`The recording connector cannot run this T-SQL on SQLite; teach sqliteText the rewrite:\n${sql}`);
  return text;
}

export class RecordingConnector implements DatabaseConnector {
  readonly family = 'database' as const;
  readonly dialect = 'tsql' as const;
  readonly inProcess = false;
  /** Set by the scenario before each step; every statement recorded is labelled with it. */
  operation = 'unlabelled';
  readonly statements: RecordedStatement[] = [];

  constructor(
    private readonly target: SqliteConnector,
    readonly catalog: string,
    /** The rows a stored-procedure call answers with. */
    private readonly procedure: (call: RecordedStatement) => Row[] = () => [],
  ) {}

  private record(access: 'read' | 'write', sql: string, params: unknown[]): RecordedStatement {
    const statement: RecordedStatement = { operation: this.operation, access, sql, tsql: translatePlaceholders(sql, params, 'tsql'), params: [...params], declarations: declarationsFor(sql, params) };
    this.statements.push(statement);
    return statement;
  }

  test(): Promise<TestResult> {
    return this.target.test();
  }

  async listTables(): Promise<TableInfo[]> {
    return (await this.target.listTables()).map((t) => ({ ...t, catalog: this.catalog, schema: 'dbo' }));
  }

  describeTable(_schema: string, name: string): Promise<ColumnInfo[]> {
    return this.target.describeTable('main', name);
  }

  privileges(checks: readonly PrivilegeCheck[]): Promise<(boolean | null)[]> {
    return this.target.privileges(checks);
  }

  facts(): Promise<DatabaseFacts> {
    return this.target.facts();
  }

  query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    this.record('read', sql, params);
    return this.target.query(sqliteText(sql), params, options);
  }

  queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    this.record('read', sql, params);
    return this.target.queryAll(sqliteText(sql), params, options);
  }

  streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    this.record('read', sql, params);
    return this.target.streamBatches(sqliteText(sql), params, batchSize, signal);
  }

  private recordingTx(tx: WriteTx): WriteTx {
    return {
      execute: async (sql, params) => {
        const statement = this.record('write', sql, params);
        if (/^\s*EXEC\b/i.test(sql)) return { rowsAffected: this.procedure(statement).length };
        return tx.execute(sqliteText(sql), params);
      },
      query: async (sql, params) => {
        const statement = this.record(/^\s*SELECT\b/i.test(sql) ? 'read' : 'write', sql, params);
        if (/^\s*EXEC\b/i.test(sql)) return this.procedure(statement);
        return tx.query(sqliteText(sql), params);
      },
    };
  }

  writeTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.target.writeTransaction((tx) => work(this.recordingTx(tx)));
  }

  promotionTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.target.promotionTransaction((tx) => work(this.recordingTx(tx)));
  }

  close(): Promise<void> {
    return this.target.close();
  }
}
