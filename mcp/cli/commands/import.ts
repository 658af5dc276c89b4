import type { Engine } from '../../engine.js';
import { actorFor } from '../../imports/actor.js';
import { rejectBatch, signoffBatch } from '../../imports/batch-lifecycle.js';
import { ImportStore, type BatchRow } from '../../imports/batch-store.js';
import { batchSummary, getBatchDetail, listBatches } from '../../imports/batch-view.js';
import type { ImportKindName } from '../../imports/import-kind.js';
import { IMPORT_KIND_NAMES, importKind } from '../../imports/import-kinds.js';
import { pushBatch } from '../../imports/push-batch.js';
import { stageImport } from '../../imports/stage-batch.js';
import { validateImport } from '../../imports/validate-batch.js';
import { batchReportText, batchResult, formatErrors } from '../../tools/import-schemas.js';
import { textTable } from '../../util/text-table.js';
import { intOption, parseOptions, UsageError, writeLine, type CliCommand, type CliIo } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

/** Exit code of a stage or validate that finished but found row errors (scripts can tell the two apart). */
export const EXIT_ROW_ERRORS = 3;

const actor = actorFor('cli');

async function report(engine: Engine, io: CliIo, batch: BatchRow, headline: string, json: boolean | undefined, maxErrors: number, extra: Record<string, unknown> = {}): Promise<number> {
  const store = await ImportStore.open(engine, actor);
  try {
    const result = { ...batchResult(batchSummary(batch), await store.errorsPage(batch, 0, maxErrors), JSON.parse(batch.notes_json) as string[]), ...extra };
    writeLine(io.stdout, json ? JSON.stringify(result) : batchReportText(headline, result));
    return result.error_count > 0 ? EXIT_ROW_ERRORS : 0;
  } finally {
    await store.close();
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Stage, validate, sign off, push and list import batches (mass exemptions, property values)',
  usage: [
    'pacs-mcp import stage FILE --kind exemptions|property_values [--validate] [--connection ID] [--max-errors N] [--json]',
    'pacs-mcp import validate BATCH_ID [--connection ID] [--max-errors N] [--json]',
    'pacs-mcp import signoff BATCH_ID --reviewer NAME --sha256 REVIEW_SHA256 [--note TEXT] [--json]',
    'pacs-mcp import push BATCH_ID [--connection ID] [--json]',
    'pacs-mcp import list [--status S] [--kind K] [--limit N] [--json]',
    'pacs-mcp import show BATCH_ID [--errors N] [--offset N] [--rows N] [--json]',
    'pacs-mcp import reject BATCH_ID --reason TEXT',
    '',
    'Exit codes: 0 done, 3 done but rows have errors (stage/validate), 1 failed (nothing staged/changed), 2 usage.',
    'Sign-off needs the review_sha256 that `import show` prints: the reviewer signs exactly what they reviewed.',
    'Promotion to production is not a CLI command: it happens only from the PACS MCP desktop app.',
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseOptions(rest, {
      kind: { type: 'string' },
      validate: { type: 'boolean' },
      connection: { type: 'string' },
      'max-errors': { type: 'string' },
      json: { type: 'boolean' },
      reviewer: { type: 'string' },
      sha256: { type: 'string' },
      note: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      errors: { type: 'string' },
      offset: { type: 'string' },
      rows: { type: 'string' },
      reason: { type: 'string' },
    });
    const maxErrors = intOption(values['max-errors'], 'max-errors', 50)!;
    const target = positionals[0];
    const needTarget = (what: string) => {
      if (!target) throw new UsageError(`Name the ${what}: pacs-mcp import ${sub} ${what === 'file' ? 'FILE' : 'BATCH_ID'}`);
      return target;
    };
    switch (sub) {
      case 'stage': {
        const file = needTarget('file');
        if (!IMPORT_KIND_NAMES.includes(values.kind as ImportKindName)) throw new UsageError(`--kind must be one of ${IMPORT_KIND_NAMES.join(', ')}.`);
        const kind = values.kind as ImportKindName;
        return withEngine(async (engine) => {
          const staged = await cliAction(engine, { action: 'import.stage', args: { file_path: file, kind }, connectionId: null }, () => stageImport(engine, { kind, file_path: file }, actor), (b) => b.staged_count);
          if (!values.validate) return report(engine, io, staged, 'Staged.', values.json, maxErrors);
          const { batch } = await cliAction(engine, { action: 'import.validate', args: { batch_id: staged.batch_id, connection_id: values.connection ?? null }, connectionId: values.connection ?? null }, () =>
            validateImport(engine, { batchId: staged.batch_id, connectionId: values.connection }, actor),
          );
          return report(engine, io, batch, 'Staged and validated.', values.json, maxErrors);
        });
      }
      case 'validate': {
        const batchId = needTarget('batch');
        return withEngine(async (engine) => {
          const { batch, signoffVoided } = await cliAction(engine, { action: 'import.validate', args: { batch_id: batchId, connection_id: values.connection ?? null }, connectionId: values.connection ?? null }, () =>
            validateImport(engine, { batchId, connectionId: values.connection }, actor),
          );
          return report(engine, io, batch, signoffVoided ? 'Validated again; the QA sign-off was voided.' : 'Validated.', values.json, maxErrors, { signoff_voided: signoffVoided });
        });
      }
      case 'signoff': {
        const batchId = needTarget('batch');
        if (!values.reviewer) throw new UsageError('--reviewer NAME is required: the sign-off records who reviewed the batch.');
        if (!values.sha256) throw new UsageError('--sha256 is required: the review_sha256 of what you reviewed (`pacs-mcp import show BATCH_ID`).');
        return withEngine(async (engine) => {
          const batch = await cliAction(engine, { action: 'import.signoff', args: { batch_id: batchId, reviewer: values.reviewer, sha256: values.sha256 }, connectionId: null }, () =>
            signoffBatch(engine, { batchId, reviewer: values.reviewer!, reviewedSha256: values.sha256!, note: values.note }, actor),
          );
          const summary = batchSummary(batch);
          writeLine(io.stdout, values.json ? JSON.stringify(summary) : `Signed off batch ${batch.batch_id} as ${batch.signoff_reviewer} at ${batch.signoff_at} (review sha256 ${batch.signoff_sha256}); ${summary.valid_count} rows will be pushed.`);
          return 0;
        });
      }
      case 'push': {
        const batchId = needTarget('batch');
        return withEngine(async (engine) => {
          const result = await cliAction(engine, { action: 'import.push', args: { batch_id: batchId, connection_id: values.connection ?? null }, connectionId: values.connection ?? null }, () =>
            pushBatch(engine, { batchId, connectionId: values.connection }, actor), (r) => r.pushedRows,
          );
          const out = { batch_id: batchId, connection_id: result.connectionId, pushed_rows: result.pushedRows, skipped_rows: result.skippedRows, already_pushed: result.alreadyPushed, status: result.batch.status };
          writeLine(
            io.stdout,
            values.json ? JSON.stringify(out) : result.alreadyPushed ? `Batch ${batchId} was already in "${result.connectionId}"; nothing was written again.` : `Pushed batch ${batchId} to "${result.connectionId}": ${result.pushedRows} rows into the import_staging tables, ${result.skippedRows} rows with errors left out.`,
          );
          return 0;
        });
      }
      case 'list': {
        return withEngine(async (engine) => {
          const { batches, total } = await listBatches(engine, { status: values.status, kind: values.kind, limit: intOption(values.limit, 'limit', 50)! }, actor);
          writeLine(io.stdout, values.json ? JSON.stringify({ batches, total }) : `${batches.length} of ${total} batches\n${textTable(batches, ['batch_id', 'kind', 'status', 'file_name', 'staged_count', 'error_count', 'created_at'], batches.length)}`);
          return 0;
        }, { initDemo: false });
      }
      case 'show': {
        const batchId = needTarget('batch');
        return withEngine(async (engine) => {
          const detail = await getBatchDetail(engine, { batchId, errorsOffset: intOption(values.offset, 'offset', 0)!, errorsLimit: intOption(values.errors, 'errors', 50)!, rowsLimit: intOption(values.rows, 'rows', 0)! }, actor, (k) =>
            importKind(k).fields.map((f) => f.name),
          );
          if (values.json) {
            writeLine(io.stdout, JSON.stringify(detail));
            return 0;
          }
          const b = detail.batch;
          writeLine(io.stdout, `Batch ${b.batch_id} (${b.kind}) from ${b.file_name}\n  status ${b.status}; ${b.staged_count} rows, ${b.valid_count} without errors, ${b.error_count} errors on ${b.error_row_count} rows`);
          writeLine(io.stdout, `  file sha256   ${b.file_sha256}\n  review sha256 ${b.review_sha256 ?? '(validate first)'}${b.validated_connection_id ? ` (validated against ${b.validated_connection_id})` : ''}`);
          if (b.signoff) writeLine(io.stdout, `  QA sign-off   ${b.signoff.reviewer} at ${b.signoff.signed_at}`);
          writeLine(io.stdout, `\nHistory\n${textTable(detail.history, ['at', 'actor', 'channel', 'action', 'from_status', 'to_status'], 1_000)}`);
          if (detail.errors.length) writeLine(io.stdout, `\nErrors ${detail.errors_offset + 1}–${detail.errors_offset + detail.errors.length} of ${detail.errors_total}\n${formatErrors(detail.errors)}`);
          return 0;
        }, { initDemo: false });
      }
      case 'reject': {
        const batchId = needTarget('batch');
        if (!values.reason) throw new UsageError('--reason is required: say why the batch is rejected.');
        return withEngine(async (engine) => {
          await cliAction(engine, { action: 'import.reject', args: { batch_id: batchId, reason: values.reason }, connectionId: null }, () => rejectBatch(engine, { batchId, reason: values.reason! }, actor));
          writeLine(io.stdout, `Rejected batch ${batchId}.`);
          return 0;
        }, { initDemo: false });
      }
      default:
        throw new UsageError(`Unknown import command "${sub ?? ''}".`);
    }
  },
};
