import crypto from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';
import { canonicalRowLine, type RowKey } from './snapshot-key.js';

export const SNAPSHOT_FORMAT = 'pacs-mcp-snapshot/1';

/** The first line of a snapshot's canonical content: its shape. */
export function snapshotHeaderLine(columns: string[], keyColumns: string[]): string {
  return `${canonicalJson({ format: SNAPSHOT_FORMAT, columns, key_columns: keyColumns })}\n`;
}

/**
 * sha256 of a snapshot's canonical content: the header line, then every row's canonical line in
 * key order. Two snapshots with the same shape and rows have the same hash wherever they were taken.
 */
export class SnapshotHasher {
  private readonly hash = crypto.createHash('sha256');
  private rows = 0;

  constructor(columns: string[], keyColumns: string[]) {
    this.hash.update(snapshotHeaderLine(columns, keyColumns));
  }

  addLine(line: string): void {
    this.hash.update(line);
    this.rows++;
  }

  add(key: RowKey, rowJson: string): void {
    this.addLine(canonicalRowLine(key, rowJson));
  }

  digest(): { sha256: string; row_count: number } {
    return { sha256: this.hash.digest('hex'), row_count: this.rows };
  }
}
