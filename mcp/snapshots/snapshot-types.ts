import type { MaskingPolicyName } from '../masking/masking-policy.js';
import { UserError } from '../util/user-error.js';

export type SnapshotContent = 'parcel_timeline' | 'query_rows';

/** How the parcels (or rows) of a snapshot were chosen; stored as given, minus nothing secret. */
export type SnapshotSelection =
  | { prop_ids: number[] }
  | { search: { query?: string; hood_cd?: string; prop_type_cd?: string; year?: number } }
  | { query: string };

export interface SnapshotMeta {
  snapshot_id: string;
  name: string;
  content: SnapshotContent;
  source_connection_id: string;
  selection: SnapshotSelection;
  from_year: number | null;
  to_year: number | null;
  columns: string[];
  /** Always starts with prop_id, year. */
  key_columns: string[];
  masking_policy: MaskingPolicyName;
  /** Fingerprint of the masking key: snapshots masked under different keys do not line up. */
  masking_key_id: string;
  created_by: string;
  client_name: string | null;
  created_at: string;
  row_count: number;
  sha256: string;
  origin_install_id: string;
  training_copy_connection_id: string | null;
}

export interface SnapshotRecordRow {
  snapshot_id: string;
  name: string;
  content: SnapshotContent;
  source_connection_id: string;
  selection_json: string;
  from_year: number | null;
  to_year: number | null;
  columns_json: string;
  key_columns_json: string;
  masking_policy: MaskingPolicyName;
  masking_key_id: string;
  created_by: string;
  client_name: string | null;
  created_at: string;
  row_count: number;
  sha256: string;
  origin_install_id: string;
  training_copy_connection_id: string | null;
}

export function metaFromRecord(row: SnapshotRecordRow): SnapshotMeta {
  return {
    snapshot_id: row.snapshot_id,
    name: row.name,
    content: row.content,
    source_connection_id: row.source_connection_id,
    selection: JSON.parse(row.selection_json) as SnapshotSelection,
    from_year: row.from_year,
    to_year: row.to_year,
    columns: JSON.parse(row.columns_json) as string[],
    key_columns: JSON.parse(row.key_columns_json) as string[],
    masking_policy: row.masking_policy,
    masking_key_id: row.masking_key_id,
    created_by: row.created_by,
    client_name: row.client_name,
    created_at: row.created_at,
    row_count: row.row_count,
    sha256: row.sha256,
    origin_install_id: row.origin_install_id,
    training_copy_connection_id: row.training_copy_connection_id,
  };
}

export class UnknownSnapshotError extends UserError {
  constructor(id: string) {
    super('not_found', `There is no snapshot "${id}". Call list_snapshots (or \`pacs-mcp snapshot list\`) for the snapshot ids.`);
  }
}
