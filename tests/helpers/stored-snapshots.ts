import crypto from 'node:crypto';
import path from 'node:path';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { encodeKeyExtra, integerKey } from '../../mcp/snapshots/snapshot-key.js';
import { rowHash } from '../../mcp/snapshots/row-hash.js';
import { insertSnapshotRecord } from '../../mcp/snapshots/snapshot-store.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { makeTempHome } from './temp-home.js';

/** What a stored snapshot is made of: its columns, its key and its rows (values in column order). */
export interface SnapshotSpec {
  columns: string[];
  /** Default: prop_id, year. */
  key_columns?: string[];
  rows: unknown[][];
  masking_policy?: SnapshotMeta['masking_policy'];
  masking_key_id?: string;
  /** Store the rows as a store sealed them before rows carried a hash (default: with their hash). */
  without_row_hashes?: boolean;
}

/** The record of a snapshot (no rows), as the snapshots table holds it. */
export function snapshotMeta(spec: Omit<SnapshotSpec, 'rows'> & { snapshot_id?: string; row_count?: number }): SnapshotMeta {
  return {
    snapshot_id: spec.snapshot_id ?? crypto.randomUUID(),
    name: 'stored for a test',
    content: 'query_rows',
    source_connection_id: 'demo',
    selection: { query: 'SELECT prop_id FROM property' },
    from_year: null,
    to_year: null,
    columns: spec.columns,
    key_columns: spec.key_columns ?? ['prop_id', 'year'],
    masking_policy: spec.masking_policy ?? 'qa',
    masking_key_id: spec.masking_key_id ?? 'key-1',
    created_by: 'tester',
    client_name: null,
    created_at: new Date().toISOString(),
    row_count: spec.row_count ?? 0,
    sha256: '0'.repeat(64),
    origin_install_id: 'install-1',
    training_copy_connection_id: null,
  };
}

/**
 * An app store of its own (the real schema, no engine) that snapshots are written into directly,
 * rows exactly as given: what a diff reads, without a source database to take them from.
 */
export async function openSnapshotStore(): Promise<{ store: SqliteDb; add(spec: SnapshotSpec): Promise<SnapshotMeta>; close(): Promise<void> }> {
  const home = makeTempHome('pacs-stored-snapshots-');
  const store = await SqliteDb.open(path.join(home.dir, 'app.sqlite'), { wal: true });
  await migrate(store);
  return {
    store,
    add: async (spec) => {
      const meta = snapshotMeta({ ...spec, row_count: spec.rows.length });
      const at = (name: string) => meta.columns.indexOf(name);
      const extra = meta.key_columns.slice(2).map(at);
      await store.transaction(async (tx) => {
        for (let start = 0; start < spec.rows.length; start += 500) {
          const chunk = spec.rows.slice(start, start + 500);
          await tx.run(
            `INSERT INTO snapshot_rows (snapshot_id, prop_id, year, key_extra, row_json, row_hash) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
            chunk.flatMap((row) => [
              meta.snapshot_id,
              integerKey(row[at('prop_id')], 'prop_id'),
              integerKey(row[at('year')], 'year'),
              encodeKeyExtra(extra.map((i) => row[i])),
              JSON.stringify(row),
              spec.without_row_hashes ? null : rowHash(JSON.stringify(row)),
            ]),
          );
        }
        await insertSnapshotRecord(tx, meta);
      });
      return meta;
    },
    close: async () => {
      await store.close();
      home.cleanup();
    },
  };
}
