import type { SqliteDb, SqlValue } from '../store/sqlite-db.js';
import type { RowKey } from './snapshot-key.js';

export interface StoredRow extends RowKey {
  row_json: string;
  /** The stored hash of row_json; null for a row sealed before rows carried one. */
  row_hash: Buffer | null;
}

export const DEFAULT_PAGE_SIZE = 4_000;

/** Where rows are read from: `snapshot_rows` with `snapshot_id = ?`, or a staging table without a filter. */
export interface RowSource {
  table: string;
  filter?: string;
  params?: SqlValue[];
}

/** The rows of `source` after `after` in key order, at most `limit` of them, selecting `columns`. */
export function keysetPageSql(source: RowSource, columns: string, after: RowKey | undefined, limit: number): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [...(source.params ?? [])];
  if (source.filter) where.push(source.filter);
  if (after) {
    where.push('(prop_id, year, key_extra) > (?, ?, ?)');
    params.push(after.prop_id, after.year, after.key_extra);
  }
  return {
    sql: `SELECT ${columns} FROM ${source.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY prop_id, year, key_extra LIMIT ${limit}`,
    params,
  };
}

/**
 * Reads pages in key order (keyset pagination on the primary key), and fetches the next page
 * while the caller works on this one. Memory stays at two pages whatever the snapshot's size.
 */
export class KeysetPager<P extends { readonly length: number }> {
  private last: RowKey | undefined;
  private finished = false;
  private pending: Promise<P> | undefined;

  constructor(
    private readonly readPage: (after: RowKey | undefined, limit: number) => Promise<P>,
    private readonly lastKey: (page: P) => RowKey,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  /** The next page in key order; undefined when there are no more rows (the last page may be empty). */
  async next(): Promise<P | undefined> {
    if (this.finished) return undefined;
    const rows = await (this.pending ?? this.readPage(this.last, this.pageSize));
    this.pending = undefined;
    if (rows.length < this.pageSize) {
      this.finished = true;
    } else {
      this.last = this.lastKey(rows);
      this.pending = this.readPage(this.last, this.pageSize);
      // A failed prefetch surfaces from the next call to next(), not as an unhandled rejection.
      this.pending.catch(() => undefined);
    }
    return rows;
  }

  async *pages(): AsyncGenerator<P> {
    for (;;) {
      const rows = await this.next();
      if (rows === undefined || rows.length === 0) return;
      yield rows;
    }
  }
}

/** Stored rows with their text, in key order. */
export class RowPager extends KeysetPager<StoredRow[]> {
  constructor(db: SqliteDb, source: RowSource, pageSize = DEFAULT_PAGE_SIZE) {
    super(
      (after, limit) => {
        const page = keysetPageSql(source, 'prop_id, year, key_extra, row_json, row_hash', after, limit);
        return db.all<StoredRow>(page.sql, page.params);
      },
      (rows) => rows[rows.length - 1],
      pageSize,
    );
  }
}
