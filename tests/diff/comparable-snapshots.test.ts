import { describe, expect, it } from 'vitest';
import { SnapshotShapeError } from '../../mcp/diff/diff-types.js';
import { assertComparable } from '../../mcp/diff/snapshot-diff.js';
import { snapshotMeta } from '../helpers/stored-snapshots.js';

/**
 * Which pairs of snapshots a diff accepts: rows must be matched by the same key, compared over
 * the same columns and masked the same way, or every masked field would look changed. Each
 * refusal says what differs, so the person knows which snapshot to take again.
 */

const COLUMNS = ['prop_id', 'year', 'market', 'assessed_val'];

function refusal(base: Parameters<typeof snapshotMeta>[0], target: Parameters<typeof snapshotMeta>[0]): SnapshotShapeError {
  try {
    assertComparable(snapshotMeta(base), snapshotMeta(target));
  } catch (err) {
    expect(err).toBeInstanceOf(SnapshotShapeError);
    return err as SnapshotShapeError;
  }
  throw new Error('the pair was accepted');
}

describe('snapshots a diff can compare', () => {
  it('accepts the same columns, key and masking, also with the columns in another order', () => {
    expect(() => assertComparable(snapshotMeta({ columns: COLUMNS }), snapshotMeta({ columns: COLUMNS }))).not.toThrow();
    expect(() => assertComparable(snapshotMeta({ columns: COLUMNS }), snapshotMeta({ columns: ['assessed_val', 'year', 'prop_id', 'market'] }))).not.toThrow();
  });

  it('refuses different keys, naming both', () => {
    const columns = [...COLUMNS, 'sup_num'];
    expect(refusal({ columns, key_columns: ['prop_id', 'year', 'sup_num'] }, { columns }).message).toBe(
      'The snapshots have different keys (prop_id, year, sup_num vs prop_id, year), so their rows cannot be matched. Diff snapshots taken the same way.',
    );
  });

  it('refuses a column only the target has', () => {
    expect(refusal({ columns: COLUMNS }, { columns: [...COLUMNS, 'owner_count', 'hood_cd'] }).message).toBe(
      'The snapshots have different shapes: only the target has owner_count, hood_cd. Diff snapshots with the same columns (the same content and query).',
    );
  });

  it('refuses columns only the base has', () => {
    expect(refusal({ columns: [...COLUMNS, 'owner_count', 'hood_cd'] }, { columns: COLUMNS }).message).toBe(
      'The snapshots have different shapes: only the base has owner_count, hood_cd. Diff snapshots with the same columns (the same content and query).',
    );
  });

  it('names the columns of both sides when each has its own', () => {
    expect(refusal({ columns: [...COLUMNS, 'legal_desc'] }, { columns: [...COLUMNS, 'hood_cd'] }).message).toBe(
      'The snapshots have different shapes: only the base has legal_desc; only the target has hood_cd. Diff snapshots with the same columns (the same content and query).',
    );
  });

  it('refuses different masking policies, naming both', () => {
    expect(refusal({ columns: COLUMNS, masking_policy: 'qa' }, { columns: COLUMNS, masking_policy: 'internal' }).message).toBe(
      'The snapshots were masked differently (base "qa", target "internal"), so masked fields would all look changed. Take both with the same masking_policy.',
    );
  });

  it('refuses the same policy under different install keys: their pseudonyms do not line up', () => {
    expect(refusal({ columns: COLUMNS, masking_key_id: 'office-key' }, { columns: COLUMNS, masking_key_id: 'laptop-key' }).message).toBe(
      'The snapshots were masked with different install keys (one was taken on another install, or the keychain entry was replaced), so their pseudonyms do not line up.',
    );
  });
});
