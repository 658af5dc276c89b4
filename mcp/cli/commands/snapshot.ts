import fs from 'node:fs';
import { CollectSink } from '../../diff/collect-sink.js';
import { DIFF_CHANGE_KINDS, type DiffChangeKind, type DiffFilters, type DiffSink } from '../../diff/diff-types.js';
import { reportSinkFor } from '../../diff/report-sinks.js';
import { diffSnapshots } from '../../diff/snapshot-diff.js';
import { MASKING_POLICIES, type MaskingPolicyName } from '../../masking/masking-policy.js';
import { exportSnapshot, type SnapshotRequest } from '../../snapshots/export-snapshot.js';
import type { ParcelSelection } from '../../snapshots/parcel-selection.js';
import { writeSnapshotFile } from '../../snapshots/snapshot-file-export.js';
import { getSnapshot, listSnapshots } from '../../snapshots/snapshot-store.js';
import { textTable } from '../../util/text-table.js';
import { intOption, parseOptions, UsageError, writeLine, type CliCommand, type CliIo } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

const EXPORT_OPTIONS = {
  name: { type: 'string' },
  connection: { type: 'string' },
  'prop-ids': { type: 'string' },
  search: { type: 'string' },
  hood: { type: 'string' },
  type: { type: 'string' },
  'search-year': { type: 'string' },
  'max-parcels': { type: 'string' },
  query: { type: 'string' },
  'query-file': { type: 'string' },
  'rows-from-query': { type: 'boolean' },
  'key-columns': { type: 'string' },
  'from-year': { type: 'string' },
  'to-year': { type: 'string' },
  masking: { type: 'string' },
  'write-training': { type: 'boolean' },
  'training-connection': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number of at least 0, not "${value}".`);
  return n;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

function selectionFrom(v: Partial<Record<keyof typeof EXPORT_OPTIONS, string | boolean>>): ParcelSelection {
  const str = (k: keyof typeof EXPORT_OPTIONS) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const ways: ParcelSelection[] = [];
  if (str('prop-ids') !== undefined) {
    const ids = list(str('prop-ids'))!.map((s) => Number(s));
    if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) throw new UsageError('--prop-ids is a comma-separated list of whole numbers, e.g. --prop-ids 10001,10002.');
    ways.push({ prop_ids: ids });
  }
  if (str('search') !== undefined || str('hood') !== undefined || str('type') !== undefined) {
    ways.push({
      search: { query: str('search'), hood_cd: str('hood'), prop_type_cd: str('type'), year: intOption(str('search-year'), 'search-year') },
      max_parcels: intOption(str('max-parcels'), 'max-parcels', 5_000)!,
    });
  }
  const query = str('query-file') !== undefined ? fs.readFileSync(str('query-file')!, 'utf8') : str('query');
  if (query !== undefined) ways.push({ query });
  if (ways.length !== 1) throw new UsageError('Choose the parcels one way: --prop-ids, --search/--hood/--type, or --query/--query-file.');
  return ways[0];
}

async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(argv, EXPORT_OPTIONS);
  if (!values.name) throw new UsageError('--name is required: a name people will recognise.');
  const masking = (values.masking ?? 'qa') as MaskingPolicyName;
  if (!MASKING_POLICIES.includes(masking)) throw new UsageError(`--masking must be one of ${MASKING_POLICIES.join(', ')}.`);
  const request: SnapshotRequest = {
    connectionId: values.connection,
    name: values.name,
    selection: selectionFrom(values),
    content: values['rows-from-query'] ? 'query_rows' : 'parcel_timeline',
    keyColumns: list(values['key-columns']),
    fromYear: intOption(values['from-year'], 'from-year'),
    toYear: intOption(values['to-year'], 'to-year'),
    maskingPolicy: masking,
    writeToTraining: values['write-training'] ?? false,
    trainingConnectionId: values['training-connection'],
  };
  return withEngine(async (engine) => {
    const auditArgs = {
      connection_id: request.connectionId,
      name: request.name,
      selection: 'query' in request.selection ? { query: request.selection.query } : request.selection,
      content: request.content,
      key_columns: request.keyColumns,
      from_year: request.fromYear,
      to_year: request.toYear,
      masking_policy: request.maskingPolicy,
      write_to_training: request.writeToTraining,
      training_connection_id: request.trainingConnectionId,
      out: values.out,
    };
    const result = await cliAction(engine, { action: 'snapshot.export', args: auditArgs, connectionId: values.connection ?? null }, () => exportSnapshot(engine, request, { clientName: 'pacs-mcp cli' }), (r) => r.snapshot.row_count);
    const file = values.out
      ? await cliAction(engine, { action: 'snapshot.write-file', args: { snapshot_id: result.snapshot.snapshot_id, out: values.out } }, () => writeSnapshotFile(engine.store, result.snapshot.snapshot_id, values.out!), (r) => r.rows)
      : undefined;
    const s = result.snapshot;
    if (values.json) {
      writeLine(io.stdout, JSON.stringify({ ...result, file: file?.file ?? null }));
    } else {
      writeLine(io.stdout, `Saved snapshot "${s.name}"\n  id        ${s.snapshot_id}\n  rows      ${s.row_count} from "${s.source_connection_id}"\n  masking   ${s.masking_policy}\n  sha256    ${s.sha256}`);
      if (result.missing_count) writeLine(io.stdout, `  ${result.missing_count} prop_ids had no values in the range: ${result.missing_prop_ids.slice(0, 20).join(', ')}`);
      if (result.training_copy) writeLine(io.stdout, `  copied ${result.training_copy.rows} rows to export_snapshot_parcel_timeline on "${result.training_copy.connection_id}"`);
      if (file) writeLine(io.stdout, `  written   ${file.file} (${file.format}, ${file.rows} rows)`);
    }
    return 0;
  });
}

async function runList(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(argv, { name: { type: 'string' }, connection: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
  return withEngine(async (engine) => {
    const { snapshots, truncated } = await listSnapshots(engine.store, { limit: intOption(values.limit, 'limit', 50)!, nameContains: values.name, connectionId: values.connection });
    if (values.json) writeLine(io.stdout, JSON.stringify({ snapshots, truncated }));
    else writeLine(io.stdout, textTable(snapshots, ['snapshot_id', 'name', 'source_connection_id', 'created_at', 'created_by', 'row_count', 'masking_policy'], snapshots.length));
    return 0;
  }, { initDemo: false });
}

async function runShow(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { out: { type: 'string' }, json: { type: 'boolean' } });
  if (!positionals[0]) throw new UsageError('Name the snapshot: pacs-mcp snapshot show ID [--out FILE.csv|.xlsx|.json]');
  return withEngine(async (engine) => {
    const meta = await getSnapshot(engine.store, positionals[0]);
    const file = values.out
      ? await cliAction(engine, { action: 'snapshot.write-file', args: { snapshot_id: meta.snapshot_id, out: values.out } }, () => writeSnapshotFile(engine.store, meta.snapshot_id, values.out!), (r) => r.rows)
      : undefined;
    if (values.json) writeLine(io.stdout, JSON.stringify({ snapshot: meta, file: file?.file ?? null }));
    else {
      writeLine(io.stdout, Object.entries(meta).map(([k, v]) => `${k.padEnd(28)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n'));
      if (file) writeLine(io.stdout, `Written ${file.file} (${file.format}, ${file.rows} rows).`);
    }
    return 0;
  }, { initDemo: false });
}

async function runDiff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    kinds: { type: 'string' },
    'min-pct': { type: 'string' },
    'min-abs': { type: 'string' },
    fields: { type: 'string' },
    'key-contains': { type: 'string' },
    out: { type: 'string', multiple: true },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 2) throw new UsageError('Name two snapshots: pacs-mcp snapshot diff BASE_ID TARGET_ID');
  const kinds = list(values.kinds);
  if (kinds && (kinds.length === 0 || kinds.some((k) => !DIFF_CHANGE_KINDS.includes(k as DiffChangeKind)))) throw new UsageError(`--kinds is a comma-separated list of ${DIFF_CHANGE_KINDS.join(', ')}.`);
  const filters: DiffFilters = {
    kinds: kinds as DiffChangeKind[] | undefined,
    min_pct_change: numberOption(values['min-pct'], 'min-pct'),
    min_abs_change: numberOption(values['min-abs'], 'min-abs'),
    fields: list(values.fields),
    key_contains: values['key-contains'],
  };
  const outs = values.out ?? [];
  const sinks: DiffSink[] = outs.map(reportSinkFor);
  const collect = new CollectSink(intOption(values.limit, 'limit', 20)!);
  return withEngine(async (engine) => {
    const result = await cliAction(
      engine,
      { action: 'snapshot.diff', args: { base_snapshot_id: positionals[0], target_snapshot_id: positionals[1], ...filters, out: outs } },
      () => diffSnapshots(engine.store, positionals[0], positionals[1], filters, [collect, ...sinks]),
      (r) => r.reported,
    );
    if (values.json) {
      writeLine(io.stdout, JSON.stringify({ ...result, changes: collect.changes, truncated: collect.truncated, files: outs }));
    } else {
      const s = result.summary;
      writeLine(io.stdout, `${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged (${result.reported} reported${result.filtered_out ? `, ${result.filtered_out} left out by the filters` : ''}) in ${result.elapsed_ms} ms.`);
      for (const file of outs) writeLine(io.stdout, `Report: ${file}`);
    }
    return 0;
  }, { initDemo: false });
}

export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: 'Take, list, show and diff parcel snapshots',
  usage: [
    'pacs-mcp snapshot export --name NAME [--connection ID] (--prop-ids 1,2,… | --search TEXT [--hood CD] [--type R] [--search-year Y] [--max-parcels N] | --query SQL | --query-file FILE)',
    '    [--rows-from-query [--key-columns a,b]] [--from-year Y] [--to-year Y] [--masking qa|internal] [--write-training [--training-connection ID]] [--out FILE.csv|.xlsx|.json] [--json]',
    'pacs-mcp snapshot list [--name TEXT] [--connection ID] [--limit N] [--json]',
    'pacs-mcp snapshot show ID [--out FILE.csv|.xlsx|.json] [--json]',
    'pacs-mcp snapshot diff BASE_ID TARGET_ID [--kinds added,removed,changed] [--min-pct N] [--min-abs N] [--fields a,b] [--key-contains TEXT] [--out FILE.json|.csv|.html]… [--limit N] [--json]',
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'export':
        return runExport(rest, io);
      case 'list':
        return runList(rest, io);
      case 'show':
        return runShow(rest, io);
      case 'diff':
        return runDiff(rest, io);
      default:
        throw new UsageError(`Unknown snapshot command "${sub ?? ''}".`);
    }
  },
};
