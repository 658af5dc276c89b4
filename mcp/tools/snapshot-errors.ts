import { ProductionReadOnlyError } from '../connections/connection-types.js';
import { SnapshotShapeError } from '../diff/diff-types.js';
import { ReadOnlyViolation } from '../guard/read-only-guard.js';
import { MaskingRefusal } from '../masking/row-masker.js';
import { EmptySelectionError } from '../snapshots/parcel-selection.js';
import { SnapshotRequestError } from '../snapshots/export-snapshot.js';
import { DuplicateKeyError } from '../snapshots/snapshot-staging.js';
import { UnknownSnapshotError } from '../snapshots/snapshot-types.js';
import { ToolError } from './tool.js';

/** Snapshot and diff failures the caller can fix become ToolErrors (refusals marked as such); others pass through. */
export function snapshotToolError(err: unknown): unknown {
  if (err instanceof ReadOnlyViolation || err instanceof ProductionReadOnlyError || err instanceof MaskingRefusal) return new ToolError(err.message, 'refused');
  if (
    err instanceof SnapshotRequestError ||
    err instanceof EmptySelectionError ||
    err instanceof DuplicateKeyError ||
    err instanceof UnknownSnapshotError ||
    err instanceof SnapshotShapeError
  ) {
    return new ToolError(err.message);
  }
  return err;
}
