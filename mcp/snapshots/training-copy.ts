import { assertWritable, type ConnectionRecord } from '../connections/connection-types.js';
import type { Connector } from '../connectors/connector-factory.js';
import { UserError } from '../util/user-error.js';
import type { StoredRow } from './row-pager.js';
import type { SnapshotMeta } from './snapshot-types.js';

const ROWS_PER_INSERT = 100;

export interface TrainingCopyResult {
  connection_id: string;
  rows: number;
}

/**
 * Writes a snapshot into the training database's `export_snapshot_parcel_timeline` (the county's
 * own table: snapshot_id, parcel_id, year, value, extracted_by, exported_at), in one transaction of
 * parameterized inserts. Never production: `assertWritable` refuses any other role.
 */
export async function writeTrainingCopy(
  target: { record: ConnectionRecord; connector: Connector },
  meta: Pick<SnapshotMeta, 'snapshot_id' | 'columns' | 'created_by' | 'created_at'>,
  pages: AsyncIterable<StoredRow[]>,
): Promise<TrainingCopyResult> {
  assertWritable(target.record, 'writing a snapshot copy to export_snapshot_parcel_timeline');
  const { connector } = target;
  if (connector.family !== 'database') throw new UserError('invalid', `Connection "${target.record.id}" (${target.record.kind}) is a warehouse, so the snapshot was not copied to it.`);
  const valueIndex = ['value', 'market'].map((c) => meta.columns.indexOf(c)).find((i) => i >= 0) ?? -1;
  const extractedBy = meta.created_by.slice(0, 50);
  const exportedAt = meta.created_at.slice(0, 19);
  let written = 0;
  await connector.writeTransaction(async (tx) => {
    for await (const page of pages) {
      for (let start = 0; start < page.length; start += ROWS_PER_INSERT) {
        const chunk = page.slice(start, start + ROWS_PER_INSERT);
        const params: unknown[] = [];
        for (const row of chunk) {
          const value = valueIndex >= 0 ? (JSON.parse(row.row_json) as unknown[])[valueIndex] : null;
          params.push(meta.snapshot_id, String(row.prop_id), row.year, typeof value === 'number' ? value : null, extractedBy, exportedAt);
        }
        const { rowsAffected } = await tx.execute(
          `INSERT INTO export_snapshot_parcel_timeline (snapshot_id, parcel_id, year, value, extracted_by, exported_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          params,
        );
        written += rowsAffected;
      }
    }
  }).catch((err: Error) => {
    if (/no such table|Invalid object name|does not exist/i.test(err.message)) {
      throw new UserError(
        'unavailable',
        `Connection "${target.record.id}" has no export_snapshot_parcel_timeline table. Create it in the training database (resources/sql/<database>/staging-tables.sql creates it), then try again.`,
      );
    }
    throw err;
  });
  return { connection_id: target.record.id, rows: written };
}

/** Undoes a training copy whose snapshot could not be saved after all. */
export async function removeTrainingCopy(target: { connector: Connector }, snapshotId: string): Promise<void> {
  if (target.connector.family !== 'database') return;
  await target.connector.writeTransaction((tx) => tx.execute('DELETE FROM export_snapshot_parcel_timeline WHERE snapshot_id = ?', [snapshotId]));
}
