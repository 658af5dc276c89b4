import type { SqliteDb, SqlValue } from '../store/sqlite-db.js';
import type { RowKey } from './snapshot-key.js';

export interface StoredRow extends RowKey {
  row_json: string;
}

export const DEFAULT_PAGE_SIZE = 4_000;

/**
 * Reads stored rows in key order, one page at a time (keyset pagination on the primary key), and
 * fetches the next page while the caller works on this one. Memory stays at two pages whatever
 * the snapshot's size.
 */
export class RowPager {
  private last: RowKey | undefined;
  private finished = false;
  private pending: Promise<StoredRow[]> | undefined;

  constructor(
    private readonly db: SqliteDb,
    /** e.g. `snapshot_rows WHERE snapshot_id = ?` or `rows` (a staging table without a filter). */
    private readonly source: { table: string; filter?: string; params?: SqlValue[] },
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  private fetch(): Promise<StoredRow[]> {
    const where: string[] = [];
    const params: SqlValue[] = [...(this.source.params ?? [])];
    if (this.source.filter) where.push(this.source.filter);
    if (this.last) {
      where.push('(prop_id, year, key_extra) > (?, ?, ?)');
      params.push(this.last.prop_id, this.last.year, this.last.key_extra);
    }
    return this.db.all<StoredRow>(
      `SELECT prop_id, year, key_extra, row_json FROM ${this.source.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY prop_id, year, key_extra LIMIT ${this.pageSize}`,
      params,
    );
  }

  /** The next page in key order; an empty array when there are no more rows. */
  async next(): Promise<StoredRow[]> {
    if (this.finished) return [];
    const rows = await (this.pending ?? this.fetch());
    this.pending = undefined;
    if (rows.length < this.pageSize) {
      this.finished = true;
    } else {
      this.last = rows[rows.length - 1];
      this.pending = this.fetch();
      // A failed prefetch surfaces from the next call to next(), not as an unhandled rejection.
      this.pending.catch(() => undefined);
    }
    return rows;
  }

  async *pages(): AsyncGenerator<StoredRow[]> {
    for (;;) {
      const rows = await this.next();
      if (rows.length === 0) return;
      yield rows;
    }
  }
}
