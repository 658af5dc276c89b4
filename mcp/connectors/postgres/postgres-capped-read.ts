import type { CustomTypesConfig, FieldDef } from 'pg';
import type { Row } from '../connector.js';
import { rowFromValues, uniqueColumnNames } from '../result-columns.js';

/** The parts of pg's Connection a submittable drives (pg/lib/connection.js). */
interface PgConnection {
  stream: { cork?(): void; uncork?(): void };
  parse(query: { text: string; name?: string; types?: number[] }): void;
  bind(config: { portal?: string; statement?: string; values?: unknown[] }): void;
  describe(message: { type: 'P' | 'S'; name?: string }): void;
  execute(config: { portal?: string; rows?: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/** pg's Result (pg/lib/result.js): parses rows with the types given. */
interface PgResult {
  fields: FieldDef[];
  addFields(fields: unknown[]): void;
  /** In rowMode 'array': the values in column order. */
  parseRow(fields: unknown[]): unknown[];
  _getTypeParser: CustomTypesConfig['getTypeParser'];
}

export interface CappedReadDriver {
  Result: new (rowMode: 'array', types: CustomTypesConfig) => PgResult;
  prepareValue: (value: unknown) => unknown;
}

export interface CappedReadOutcome {
  fields: FieldDef[];
  /** Every column, named uniquely (result-columns.ts): two columns of one name stay two. */
  columns: string[];
  rows: Row[];
  /** The statement had more rows than the cap: the server stopped at the cap (PortalSuspended). */
  truncated: boolean;
}

/**
 * One read in one network round trip, on the extended protocol:
 *
 *   BEGIN TRANSACTION READ ONLY · SET LOCAL statement_timeout · SELECT 1 WHERE false ·
 *   <the statement>, executed for at most cap + 1 rows · ROLLBACK · Sync
 *
 * The extended protocol runs one statement per Parse (stacked statements are refused by the
 * server), and after an error the server skips every message up to Sync, so the statement never
 * runs unless BEGIN READ ONLY and the timeout took effect. `SELECT 1 WHERE false` takes the
 * transaction's first snapshot: after it nothing can switch the transaction to READ WRITE. The
 * server stops after cap + 1 rows (Execute with a row limit), so a huge result is never sent.
 *
 * It is a pg "submittable": `client.query(new CappedRead(...))`, resolved through `done`.
 */
export class CappedRead {
  readonly done: Promise<CappedReadOutcome>;
  private resolve!: (outcome: CappedReadOutcome) => void;
  private reject!: (err: unknown) => void;
  private readonly result: PgResult;
  private readonly rows: unknown[][] = [];
  /** Statements completed so far: 0-2 setup, 3 the user's, 4 ROLLBACK. */
  private completed = 0;
  private truncated = false;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly values: unknown[],
    private readonly maxRows: number,
    private readonly statementTimeoutMs: number,
    types: CustomTypesConfig,
    private readonly driver: CappedReadDriver,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Rows as arrays: objects keyed by name would lose all but one of the columns sharing a name.
    this.result = new driver.Result('array', types);
    this.result._getTypeParser = types.getTypeParser;
  }

  submit(connection: PgConnection): void {
    const simple = (text: string) => {
      connection.parse({ text });
      connection.bind({});
      connection.execute({ rows: 0 });
    };
    connection.stream.cork?.();
    try {
      simple('BEGIN TRANSACTION READ ONLY');
      simple(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(this.statementTimeoutMs))}`);
      simple('SELECT 1 WHERE false');
      connection.parse({ text: this.text });
      connection.bind({ values: this.values.map(this.driver.prepareValue) });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ rows: this.maxRows + 1 });
      simple('ROLLBACK');
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  private get inStatement(): boolean {
    return this.completed === 3;
  }

  handleRowDescription(message: { fields: unknown[] }): void {
    if (this.inStatement) this.result.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    if (!this.inStatement || this.truncated) return;
    if (this.rows.length === this.maxRows) {
      this.truncated = true;
      return;
    }
    this.rows.push(this.result.parseRow(message.fields));
  }

  handlePortalSuspended(): void {
    // Only the user's statement has a row limit: it had more rows than cap + 1 would show.
    if (this.inStatement) {
      this.truncated = true;
      this.completed += 1;
    }
  }

  handleCommandComplete(): void {
    this.completed += 1;
  }

  handleEmptyQuery(): void {
    this.completed += 1;
  }

  handleError(err: unknown): void {
    // The server skips to the Sync already sent; pg forgets this query and moves on at ReadyForQuery.
    this.failed = true;
    this.reject(err);
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    if (this.completed < 5) this.reject(new Error('PostgreSQL ended the read early.'));
    else {
      const columns = uniqueColumnNames(this.result.fields.map((f) => f.name));
      this.resolve({ fields: this.result.fields, columns, rows: this.rows.map((values) => rowFromValues(columns, values)), truncated: this.truncated });
    }
  }

  /** COPY … FROM STDIN (READ ONLY allows it only into a temporary table): should a server start one and wait for data, it is failed. */
  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('PACS MCP reads only: COPY ... FROM STDIN is refused.');
  }

  /** Rows of COPY … TO STDOUT are not query results: dropped. */
  handleCopyData(): void {}
}
