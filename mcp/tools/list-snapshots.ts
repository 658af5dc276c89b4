import { z } from 'zod';
import { listSnapshots } from '../snapshots/snapshot-store.js';
import { nextCall, nextCallShape, offsetArg, pageWords } from './common-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const listSnapshotsTool = defineTool({
  name: 'list_snapshots',
  title: 'List snapshots',
  toolset: 'snapshots',
  description: 'Lists saved snapshots, newest first: id, name, source connection, who and when, row count, sha256 and masking policy. Use the ids with diff_snapshots.',
  input: z.object({
    name_contains: z.string().max(200).optional(),
    connection_id: z.string().min(1).max(64).optional().describe('Only snapshots taken from this connection.'),
    limit: z.number().int().min(1).max(500).default(50),
    offset: offsetArg(10_000),
  }),
  output: z.object({
    snapshots: z.array(
      z.object({
        snapshot_id: z.string(),
        name: z.string(),
        content: z.string(),
        connection_id: z.string(),
        created_at: z.string(),
        created_by: z.string(),
        client_name: z.string().nullable(),
        row_count: z.number().int(),
        sha256: z.string(),
        masking_policy: z.string(),
        from_year: z.number().int().nullable(),
        to_year: z.number().int().nullable(),
        key_columns: z.array(z.string()),
        column_count: z.number().int(),
        training_copy_connection_id: z.string().nullable(),
      }),
    ),
    truncated: z.boolean(),
    offset: z.number().int(),
    next: nextCallShape,
  }),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const found = await listSnapshots(engine.store, { nameContains: args.name_contains, connectionId: args.connection_id, limit: args.offset + args.limit });
    const rows = found.snapshots.slice(args.offset).map((s) => ({
      snapshot_id: s.snapshot_id,
      name: s.name,
      content: s.content,
      connection_id: s.source_connection_id,
      created_at: s.created_at,
      created_by: s.created_by,
      client_name: s.client_name,
      row_count: s.row_count,
      sha256: s.sha256,
      masking_policy: s.masking_policy,
      from_year: s.from_year,
      to_year: s.to_year,
      key_columns: s.key_columns,
      column_count: s.columns.length,
      training_copy_connection_id: s.training_copy_connection_id,
    }));
    const next = nextCall('list_snapshots', args, found.truncated ? args.offset + rows.length : null);
    return {
      structured: { snapshots: rows, truncated: found.truncated, offset: args.offset, next },
      text: `Snapshots, newest first. ${pageWords('snapshots', args.offset, rows.length, next)}`,
      rowCount: rows.length,
    };
  },
});
