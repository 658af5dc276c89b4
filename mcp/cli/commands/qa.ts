import os from 'node:os';
import { actorFor } from '../../imports/actor.js';
import { exportBatchPackage } from '../../qa/export-batch-package.js';
import { exportQaPackage } from '../../qa/export-package.js';
import { importQaPackage } from '../../qa/import-package.js';
import { importSignoff } from '../../qa/import-signoff.js';
import { openQaPackage } from '../../qa/open-package.js';
import { SIGNOFF_DECISIONS, type SignoffDecision } from '../../qa/package-format.js';
import { signOffPackage } from '../../qa/signoff.js';
import { osUser } from '../../util/os-user.js';
import { textTable } from '../../util/text-table.js';
import { intOption, parseOptions, UsageError, writeLine, type CliCommand, type CliIo } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number of at least 0, not "${value}".`);
  return n;
}

async function runExportPackage(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { out: { type: 'string' }, batch: { type: 'string' }, 'min-pct': { type: 'string' }, 'min-abs': { type: 'string' }, json: { type: 'boolean' } });
  if (values.batch !== undefined) {
    if (positionals.length) throw new UsageError('Name either a batch (--batch BATCH_ID) or a snapshot pair, not both.');
    const request = { batch_id: values.batch, out: values.out ?? process.cwd() };
    return withEngine(async (engine) => {
      const result = await cliAction(engine, { action: 'qa.export-package', args: request }, () => exportBatchPackage(engine, request, actorFor('cli')), (r) => r.rows);
      if (values.json) writeLine(io.stdout, JSON.stringify(result));
      else writeLine(io.stdout, `Wrote QA package ${result.package_id} for batch ${result.batch.batch_id}\n  file      ${result.file}\n  manifest  sha256 ${result.manifest_sha256}\n  batch     ${result.rows} rows, ${result.batch.valid_count} valid, ${result.errors} errors; review sha256 ${result.review_sha256}`);
      return 0;
    }, { initDemo: false });
  }
  if (positionals.length !== 2) throw new UsageError('Name the snapshot pair: pacs-mcp qa export-package BASE_ID TARGET_ID [--out FILE|FOLDER]');
  const filters = { min_pct_change: numberOption(values['min-pct'], 'min-pct'), min_abs_change: numberOption(values['min-abs'], 'min-abs') };
  return withEngine(async (engine) => {
    const request = { base_snapshot_id: positionals[0], target_snapshot_id: positionals[1], filters, out: values.out ?? process.cwd() };
    const result = await cliAction(engine, { action: 'qa.export-package', args: request }, () => exportQaPackage(engine, request), (r) => r.diff.reported);
    if (values.json) writeLine(io.stdout, JSON.stringify(result));
    else {
      const s = result.diff.summary;
      writeLine(io.stdout, `Wrote QA package ${result.package_id}\n  file      ${result.file}\n  manifest  sha256 ${result.manifest_sha256}\n  diff      ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged\n  findings  ${result.findings}`);
    }
    return 0;
  }, { initDemo: false });
}

/** Reviewer side: no data store, no connection, no server. */
async function runOpenPackage(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { html: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } });
  if (!positionals[0]) throw new UsageError('Name the package file: pacs-mcp qa open-package FILE [--html REPORT.html]');
  const review = await openQaPackage(positionals[0], { htmlReport: values.html, firstChanges: intOption(values.limit, 'limit', 20) });
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(review));
    return 0;
  }
  const m = review.manifest;
  writeLine(io.stdout, `QA package ${m.package_id}: verified (${review.sections.length} sections, every hash checked).`);
  writeLine(io.stdout, `  from install ${m.origin_install_id}, made ${m.created_at} by ${m.created_by}\n  manifest sha256 ${review.manifest_sha256}`);
  for (const s of review.snapshots) writeLine(io.stdout, `  ${s.role.padEnd(6)} "${s.meta.name}" ${s.meta.snapshot_id}: ${s.meta.row_count} rows, masking ${s.meta.masking_policy}, taken ${s.meta.created_at}`);
  if (review.diff) {
    const d = review.diff.summary;
    writeLine(io.stdout, `  diff   ${d.added} added, ${d.removed} removed, ${d.changed} changed, ${d.unchanged} unchanged`);
  }
  if (review.batch) {
    const b = review.batch;
    writeLine(io.stdout, `  batch  ${b.summary.batch_id} (${b.summary.kind}) from ${b.summary.file_name}: ${b.rows} rows, ${b.summary.valid_count} valid, ${b.errors.total} errors on ${b.summary.error_row_count} rows`);
    writeLine(io.stdout, `         review sha256 ${b.review_sha256}; validated ${b.summary.validated_at ?? ''} against ${b.summary.validated_connection_id ?? ''}; masking ${b.masking_policy}`);
    if (b.errors.first.length) writeLine(io.stdout, `  errors (line, column, code, message)${b.errors.total > b.errors.first.length ? `, the first ${b.errors.first.length} of ${b.errors.total}` : ''}:`);
    for (const e of b.errors.first) writeLine(io.stdout, `    line ${e.line}  ${e.column ?? '-'}  ${e.code}  ${e.message}`);
  } else writeLine(io.stdout, `  findings ${review.findings.total}${Object.keys(review.findings.counts).length ? `: ${Object.entries(review.findings.counts).map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}`);
  if (review.other_sections.length) writeLine(io.stdout, `  also: ${review.other_sections.map((s) => `${s.type} (${s.lines} lines, verified)`).join(', ')}`);
  if (review.html_report) writeLine(io.stdout, `Report: ${review.html_report}`);
  return 0;
}

/** Reviewer side: verifies the package, then writes the sign-off file. */
async function runSignoff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { decision: { type: 'string' }, reviewer: { type: 'string' }, comment: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  if (!positionals[0]) throw new UsageError('Name the package file: pacs-mcp qa signoff FILE --decision approved|rejected');
  if (!SIGNOFF_DECISIONS.includes(values.decision as SignoffDecision)) throw new UsageError(`--decision must be one of ${SIGNOFF_DECISIONS.join(', ')}.`);
  const { signoff, file } = await signOffPackage(positionals[0], { decision: values.decision as SignoffDecision, reviewer: values.reviewer ?? `${osUser()}@${os.hostname()}`, comment: values.comment, out: values.out });
  if (values.json) writeLine(io.stdout, JSON.stringify({ signoff, file }));
  else writeLine(io.stdout, `Signed off package ${signoff.package_id}: ${signoff.decision} by ${signoff.reviewer}.\nSend ${file} back to the office that exported the package (pacs-mcp qa import-signoff).`);
  return 0;
}

async function runImportPackage(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } });
  if (!positionals[0]) throw new UsageError('Name the package file: pacs-mcp qa import-package FILE');
  return withEngine(async (engine) => {
    const result = await cliAction(engine, { action: 'qa.import-package', args: { file: positionals[0] } }, () => importQaPackage(engine, positionals[0]), (r) => r.snapshots.length);
    if (values.json) writeLine(io.stdout, JSON.stringify(result));
    else {
      writeLine(io.stdout, `Package ${result.package_id} verified${result.package_recorded ? ' and recorded' : ' (already recorded here)'}.`);
      for (const s of result.snapshots) writeLine(io.stdout, `  ${s.status === 'imported' ? 'imported' : 'present '} "${s.name}" ${s.snapshot_id} (${s.row_count} rows)`);
    }
    return 0;
  }, { initDemo: false });
}

async function runImportSignoff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } });
  if (!positionals[0]) throw new UsageError('Name the sign-off file: pacs-mcp qa import-signoff FILE');
  return withEngine(async (engine) => {
    const result = await cliAction(engine, { action: 'qa.import-signoff', args: { file: positionals[0] } }, () => importSignoff(engine, positionals[0], actorFor('cli')));
    if (values.json) writeLine(io.stdout, JSON.stringify(result));
    else {
      writeLine(io.stdout, `${result.recorded ? 'Recorded' : 'Already recorded'}: package ${result.signoff.package_id} ${result.signoff.decision} by ${result.signoff.reviewer} (${result.signoff.signed_at}).`);
      if (result.batch) writeLine(io.stdout, `Batch ${result.batch.batch_id} is ${result.batch.status}.`);
    }
    return 0;
  }, { initDemo: false });
}

async function runList(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(argv, { json: { type: 'boolean' } });
  return withEngine(async (engine) => {
    const rows = await engine.store.all<Record<string, unknown>>(
      `SELECT p.package_id, p.created_at, p.created_by, p.file_name,
         (SELECT group_concat(s.decision || ' by ' || s.reviewer, '; ') FROM qa_signoffs s WHERE s.package_id = p.package_id) AS signoffs
       FROM qa_packages p ORDER BY p.created_at DESC LIMIT 500`,
    );
    writeLine(io.stdout, values.json ? JSON.stringify(rows) : textTable(rows, ['package_id', 'created_at', 'created_by', 'file_name', 'signoffs'], rows.length));
    return 0;
  }, { initDemo: false });
}

export const qaCommand: CliCommand = {
  name: 'qa',
  summary: 'Offline QA review packages: export, open, sign off, import back',
  usage: [
    'pacs-mcp qa export-package BASE_ID TARGET_ID [--out FILE.pacsqa|FOLDER] [--min-pct N] [--min-abs N] [--json]',
    'pacs-mcp qa export-package --batch BATCH_ID [--out FILE.pacsqa|FOLDER] [--json]   (a validated import batch)',
    'pacs-mcp qa open-package FILE [--html REPORT.html] [--limit N] [--json]        (reviewer: no server or connection needed)',
    'pacs-mcp qa signoff FILE --decision approved|rejected [--reviewer NAME] [--comment TEXT] [--out FILE] [--json]   (reviewer)',
    'pacs-mcp qa import-package FILE [--json]',
    'pacs-mcp qa import-signoff FILE [--json]',
    'pacs-mcp qa list [--json]',
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'export-package':
        return runExportPackage(rest, io);
      case 'open-package':
        return runOpenPackage(rest, io);
      case 'signoff':
        return runSignoff(rest, io);
      case 'import-package':
        return runImportPackage(rest, io);
      case 'import-signoff':
        return runImportSignoff(rest, io);
      case 'list':
        return runList(rest, io);
      default:
        throw new UsageError(`Unknown qa command "${sub ?? ''}".`);
    }
  },
};
