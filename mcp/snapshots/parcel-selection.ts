import type { SourceConnector } from '../connectors/connector.js';
import type { PacsReader } from '../pacs/pacs-reader.js';
import { searchParcels } from '../pacs/parcel-queries.js';
import { UserError } from '../util/user-error.js';
import { integerKey } from './snapshot-key.js';
import { columnLookup, streamReadOnlyQuery } from './source-query-stream.js';
import { TIMELINE_CHUNK } from './timeline-source.js';

export const MAX_SEARCH_PARCELS = 50_000;

export type ParcelSelection =
  | { prop_ids: number[] }
  | { search: { query?: string; hood_cd?: string; prop_type_cd?: string; year?: number }; max_parcels: number }
  | { query: string };

/** The selection matched no parcels (or the query no rows): nothing to save. */
export class EmptySelectionError extends UserError {
  constructor(message: string) {
    super('not_found', message);
  }
}

/**
 * The parcels a snapshot covers, in batches of TIMELINE_CHUNK ids, each id once. A query is
 * streamed (it must return a prop_id column) so a county-wide selection is never held whole;
 * only the set of ids already seen is.
 */
export async function* parcelBatches(
  selection: ParcelSelection,
  reader: PacsReader,
  connector: SourceConnector,
  signal?: AbortSignal,
  /** Checks the query's prop_id column before any id is used (column lineage, see export-snapshot.ts). */
  keyCheck?: (columns: string[], column: string) => void,
): AsyncGenerator<number[]> {
  if ('prop_ids' in selection) {
    const ids = [...new Set(selection.prop_ids)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += TIMELINE_CHUNK) yield ids.slice(i, i + TIMELINE_CHUNK);
    return;
  }
  if ('search' in selection) {
    const found = await searchParcels(reader, { ...selection.search, limit: selection.max_parcels }, signal);
    if (found.truncated) {
      throw new UserError('invalid', `The search matches more than ${selection.max_parcels} parcels. Narrow it (hood_cd, prop_type_cd, a longer text), raise max_parcels (at most ${MAX_SEARCH_PARCELS}), or select the parcels with a query.`);
    }
    if (found.parcels.length === 0) throw new EmptySelectionError(`The search matched no parcels in ${found.year}. Check it with search_parcels first.`);
    const ids = found.parcels.map((p) => p.prop_id);
    for (let i = 0; i < ids.length; i += TIMELINE_CHUNK) yield ids.slice(i, i + TIMELINE_CHUNK);
    return;
  }
  const seen = new Set<number>();
  let pending: number[] = [];
  let column: string | undefined;
  for await (const batch of streamReadOnlyQuery(connector, selection.query, 5_000, signal)) {
    if (batch.length === 0) continue;
    if (!column) {
      column = columnLookup(Object.keys(batch[0]), 'prop_id');
      if (!column) throw new UserError('invalid', `The query must return a prop_id column (it returned ${Object.keys(batch[0]).join(', ')}). Alias it: SELECT … AS prop_id.`);
      keyCheck?.(Object.keys(batch[0]), column);
    }
    for (const row of batch) {
      const id = integerKey(row[column], 'prop_id');
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(id);
      if (pending.length === TIMELINE_CHUNK) {
        yield pending;
        pending = [];
      }
    }
  }
  if (pending.length) yield pending;
  if (seen.size === 0) throw new EmptySelectionError('The query returned no parcels; nothing was saved.');
}
