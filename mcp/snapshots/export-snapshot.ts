import crypto from 'node:crypto';
import type { Row } from '../connectors/connector.js';
import type { Engine } from '../engine.js';
import { loadInstallKeys } from '../install/install-keys.js';
import { maskingPolicy, type MaskingPolicyName } from '../masking/masking-policy.js';
import { Pseudonymizer } from '../masking/pseudonym.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { QueryLineage, UnclearLineage } from '../masking/lineage/column-lineage.js';
import { columnClassesFromLineage } from '../masking/lineage/lineage-classes.js';
import { assertMaskable, createRowMasker, MaskingRefusal, type RowMasker } from '../masking/row-masker.js';
import { classifyColumn } from '../masking/sensitive-columns.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { osUser } from '../util/os-user.js';
import { UserError } from '../util/user-error.js';
import { EmptySelectionError, parcelBatches, type ParcelSelection } from './parcel-selection.js';
import { encodeKeyExtra, integerKey } from './snapshot-key.js';
import { SnapshotStaging, type StagedRow } from './snapshot-staging.js';
import { sealSnapshots } from './snapshot-store.js';
import type { SnapshotContent, SnapshotMeta, SnapshotSelection } from './snapshot-types.js';
import { columnLookup, streamReadOnlyQuery } from './source-query-stream.js';
import { removeTrainingCopy, writeTrainingCopy, type TrainingCopyResult } from './training-copy.js';
import { TIMELINE_COLUMNS, TIMELINE_KEY_COLUMNS } from './timeline-columns.js';
import { readTimelineChunk, type YearRange } from './timeline-source.js';

export interface SnapshotRequest {
  connectionId?: string | null;
  name: string;
  selection: ParcelSelection;
  /** parcel_timeline: the timeline rows of the selected parcels; query_rows: the query's own rows. */
  content: SnapshotContent;
  /** query_rows only: columns that, with prop_id and year, make a row unique. */
  keyColumns?: string[];
  fromYear?: number;
  toYear?: number;
  maskingPolicy: MaskingPolicyName;
  writeToTraining?: boolean;
  trainingConnectionId?: string;
}

export interface SnapshotRunOptions {
  clientName?: string | null;
  signal?: AbortSignal;
  onProgress?: (rows: number) => void | Promise<void>;
}

export interface SnapshotExportResult {
  snapshot: SnapshotMeta;
  /** prop_ids asked for that have no value row in the year range (the first 100). */
  missing_prop_ids: number[];
  missing_count: number;
  training_copy: TrainingCopyResult | null;
  elapsed_ms: number;
}

export class SnapshotRequestError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

const QUERY_BATCH = 2_000;

/**
 * Takes a snapshot: reads the source (streamed, chunk by chunk), masks each row as the policy
 * says before it is written anywhere, stages the rows, hashes them in key order and saves the
 * snapshot in one store transaction. Optionally copies it to the training database first.
 */
export async function exportSnapshot(engine: Engine, request: SnapshotRequest, options: SnapshotRunOptions = {}): Promise<SnapshotExportResult> {
  const started = performance.now();
  validateRequest(request);
  const policy = maskingPolicy(request.maskingPolicy);
  const { record, connector } = await engine.source(request.connectionId);
  const keys = await loadInstallKeys(engine.store, engine.secrets);
  const pseudonyms = new Pseudonymizer(keys.key('masking'));
  const range: YearRange = { from_year: request.fromYear, to_year: request.toYear };
  const extraKeys = request.content === 'query_rows' ? (request.keyColumns ?? []) : [];
  const staging = await SnapshotStaging.create(engine.dataDir, [...TIMELINE_KEY_COLUMNS, ...extraKeys]);
  try {
    let staged = 0;
    const progress = async (n: number) => {
      staged += n;
      await options.onProgress?.(staged);
    };
    let columns: string[];
    let keyColumns: string[];
    let missing: number[] = [];
    // A query's columns are masked by where they come from, not only by what they are called.
    const lineage = 'query' in request.selection ? await lineageOf(request.selection.query, connector.dialect) : undefined;
    if (request.content === 'parcel_timeline') {
      columns = [...TIMELINE_COLUMNS];
      keyColumns = [...TIMELINE_KEY_COLUMNS];
      const keyCheck = lineage ? (cols: string[], column: string) => assertNotFromSensitive(lineage, cols, column) : undefined;
      missing = await stageTimeline(request.selection, new PacsReader(record, connector), connector, range, createRowMasker(columns, policy, pseudonyms), staging, progress, options.signal, keyCheck);
    } else {
      const shape = await stageQueryRows((request.selection as { query: string }).query, extraKeys, connector, range, (cols) => {
        assertMaskable(cols, policy);
        return createRowMasker(cols, policy, pseudonyms, columnClassesFromLineage(cols, sourcesOf(lineage!, cols), policy));
      }, staging, progress, options.signal);
      columns = shape.columns;
      keyColumns = shape.keyColumns;
    }

    const digest = await staging.digest(columns);
    if (digest.row_count === 0) {
      throw new EmptySelectionError(`Nothing matched${request.fromYear !== undefined || request.toYear !== undefined ? ' in that year range' : ''}; no snapshot was saved.`);
    }
    const meta: SnapshotMeta = {
      snapshot_id: crypto.randomUUID(),
      name: request.name.trim(),
      content: request.content,
      source_connection_id: record.id,
      selection: storedSelection(request.selection),
      from_year: request.fromYear ?? null,
      to_year: request.toYear ?? null,
      columns,
      key_columns: keyColumns,
      masking_policy: policy.name,
      masking_key_id: keys.keyId('masking'),
      created_by: osUser(),
      client_name: options.clientName ?? null,
      created_at: new Date().toISOString(),
      row_count: digest.row_count,
      sha256: digest.sha256,
      origin_install_id: keys.installId,
      training_copy_connection_id: null,
    };

    let trainingCopy: TrainingCopyResult | null = null;
    let trainingTarget: Awaited<ReturnType<Engine['source']>> | undefined;
    if (request.writeToTraining) {
      trainingTarget = await trainingConnection(engine, request, record.role === 'training' ? record.id : undefined);
      trainingCopy = await writeTrainingCopy(trainingTarget, meta, staging.pages());
      meta.training_copy_connection_id = trainingCopy.connection_id;
    }
    try {
      await sealSnapshots(engine.store, [{ staging, meta }]);
    } catch (err) {
      if (trainingTarget) await removeTrainingCopy(trainingTarget, meta.snapshot_id).catch(() => undefined);
      throw err;
    }
    return {
      snapshot: meta,
      missing_prop_ids: missing.slice(0, 100),
      missing_count: missing.length,
      training_copy: trainingCopy,
      elapsed_ms: Math.round(performance.now() - started),
    };
  } finally {
    await staging.discard();
  }
}

async function lineageOf(sql: string, dialect: Parameters<typeof QueryLineage.of>[1]): Promise<QueryLineage> {
  // The read-only guard has the first word: a statement that is not a plain read is refused as such.
  await assertReadOnly(sql, dialect);
  try {
    return await QueryLineage.of(sql, dialect);
  } catch (err) {
    if (err instanceof UnclearLineage) throw unclear(err);
    throw err;
  }
}

function sourcesOf(lineage: QueryLineage, columns: string[]) {
  try {
    return lineage.sourcesOf(columns);
  } catch (err) {
    if (err instanceof UnclearLineage) throw unclear(err);
    throw err;
  }
}

function unclear(err: UnclearLineage): MaskingRefusal {
  return new MaskingRefusal(
    `The masking cannot tell which table columns the query's columns come from (${err.message}), so nothing is snapshotted: a value computed from a personal column must be masked like it. ` +
      'Write the query as a plain SELECT … FROM … JOIN …, give every computed column a name with AS, or take content "parcel_timeline".',
  );
}

/** The parcel ids a selection query returns are stored and reported: they must not be computed from a personal column. */
function assertNotFromSensitive(lineage: QueryLineage, columns: string[], column: string): void {
  const at = columns.indexOf(column);
  const personal = [...sourcesOf(lineage, columns)[at]].map((s) => s.slice(s.lastIndexOf('.') + 1)).filter((name) => classifyColumn(name).kind === 'sensitive');
  if (personal.length) {
    throw new MaskingRefusal(`The query's ${column} is computed from ${[...new Set(personal)].join(', ')}, a personal column: parcel ids must come from a parcel id column (for example p.prop_id).`);
  }
}

function validateRequest(request: SnapshotRequest): void {
  if (!request.name?.trim()) throw new SnapshotRequestError('Give the snapshot a name (for example "2025 certified roll, hood 12").');
  if (request.fromYear !== undefined && request.toYear !== undefined && request.fromYear > request.toYear) {
    throw new SnapshotRequestError(`from_year (${request.fromYear}) is after to_year (${request.toYear}). Swap them.`);
  }
  const kinds = ['prop_ids', 'search', 'query'].filter((k) => k in request.selection);
  if (kinds.length !== 1) throw new SnapshotRequestError('Choose the parcels one way: prop_ids, a search, or a read-only query.');
  if ('prop_ids' in request.selection && request.selection.prop_ids.length === 0) throw new SnapshotRequestError('prop_ids is empty: list at least one parcel.');
  if (request.content === 'query_rows' && !('query' in request.selection)) {
    throw new SnapshotRequestError('content "query_rows" stores the rows of a query: pass query (a SELECT returning prop_id and year).');
  }
  if (request.content !== 'query_rows' && request.keyColumns?.length) {
    throw new SnapshotRequestError('key_columns applies to content "query_rows" only; a parcel timeline is keyed by prop_id and year.');
  }
}

function storedSelection(selection: ParcelSelection): SnapshotSelection {
  if ('prop_ids' in selection) return { prop_ids: [...new Set(selection.prop_ids)].sort((a, b) => a - b) };
  if ('search' in selection) return { search: selection.search };
  return { query: selection.query };
}

async function trainingConnection(engine: Engine, request: SnapshotRequest, sourceIfTraining: string | undefined) {
  return engine.source(request.trainingConnectionId ?? sourceIfTraining ?? null);
}

async function stageTimeline(
  selection: ParcelSelection,
  reader: PacsReader,
  connector: Parameters<typeof parcelBatches>[2],
  range: YearRange,
  mask: RowMasker,
  staging: SnapshotStaging,
  progress: (n: number) => Promise<void>,
  signal?: AbortSignal,
  keyCheck?: (columns: string[], column: string) => void,
): Promise<number[]> {
  const missing: number[] = [];
  const stage = async (chunk: { ids: number[]; rows: Promise<Row[]> }) => {
    const rows = await chunk.rows;
    const found = new Set(rows.map((r) => r.prop_id as number));
    for (const id of chunk.ids) if (!found.has(id)) missing.push(id);
    await staging.add(rows.map((row) => stagedRow(TIMELINE_COLUMNS, row, mask, 0, 1, [])));
    await progress(rows.length);
  };
  // Each chunk is read from the source while the one before it is masked and staged: the source's
  // queries run on the driver's side meanwhile.
  let previous: { ids: number[]; rows: Promise<Row[]> } | undefined;
  for await (const ids of parcelBatches(selection, reader, connector, signal, keyCheck)) {
    const chunk = { ids, rows: readTimelineChunk(reader, ids, range, signal) };
    // A failed read surfaces when its chunk is staged, not as an unhandled rejection.
    chunk.rows.catch(() => undefined);
    if (previous) await stage(previous);
    previous = chunk;
  }
  if (previous) await stage(previous);
  return missing;
}

async function stageQueryRows(
  sql: string,
  extraKeys: string[],
  connector: Parameters<typeof parcelBatches>[2],
  range: YearRange,
  maskerFor: (columns: string[]) => RowMasker,
  staging: SnapshotStaging,
  progress: (n: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<{ columns: string[]; keyColumns: string[] }> {
  let shape: { columns: string[]; keyColumns: string[]; propIdAt: number; yearAt: number; extraAt: number[]; mask: RowMasker } | undefined;
  for await (const batch of streamReadOnlyQuery(connector, sql, QUERY_BATCH, signal)) {
    if (batch.length === 0) continue;
    if (!shape) {
      const columns = Object.keys(batch[0]);
      const find = (wanted: string, hint: string) => {
        const actual = columnLookup(columns, wanted);
        if (!actual) throw new SnapshotRequestError(`The query must return a ${wanted} column ${hint}; it returned ${columns.join(', ')}.`);
        return actual;
      };
      const propId = find('prop_id', '(alias it: … AS prop_id)');
      const year = find('year', '(alias the year column: pv.prop_val_yr AS year)');
      const extra = extraKeys.map((k) => find(k, '(it is named in key_columns)'));
      const keyColumns = [propId, year, ...extra];
      shape = { columns, keyColumns, propIdAt: columns.indexOf(propId), yearAt: columns.indexOf(year), extraAt: extra.map((c) => columns.indexOf(c)), mask: maskerFor(columns) };
    }
    const s = shape;
    const rows: StagedRow[] = [];
    for (const row of batch) {
      const year = integerKey(row[s.columns[s.yearAt]], 'year');
      if ((range.from_year !== undefined && year < range.from_year) || (range.to_year !== undefined && year > range.to_year)) continue;
      rows.push(stagedRow(s.columns, row, s.mask, s.propIdAt, s.yearAt, s.extraAt));
    }
    await staging.add(rows);
    await progress(rows.length);
  }
  if (!shape) throw new EmptySelectionError('The query returned no rows; nothing was saved.');
  return { columns: shape.columns, keyColumns: shape.keyColumns };
}

/** Masks one source row and makes its stored form; the key is read after masking, so masked key columns line up across snapshots. */
function stagedRow(columns: readonly string[], row: Row, mask: RowMasker, propIdAt: number, yearAt: number, extraAt: number[]): StagedRow {
  const masked = mask(columns.map((c) => row[c] ?? null));
  return {
    key: { prop_id: integerKey(masked[propIdAt], 'prop_id'), year: integerKey(masked[yearAt], 'year'), key_extra: encodeKeyExtra(extraAt.map((i) => masked[i])) },
    rowJson: JSON.stringify(masked),
  };
}
