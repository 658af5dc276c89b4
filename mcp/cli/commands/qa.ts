import os from 'node:os';
import { createSecretStore } from '../../credentials/credentials.js';
import { actorFor } from '../../imports/actor.js';
import { loadInstallKeys } from '../../install/install-keys.js';
import { exportBatchPackage } from '../../qa/export-batch-package.js';
import { exportQaPackage } from '../../qa/export-package.js';
import { importQaPackage } from '../../qa/import-package.js';
import { importSignoff } from '../../qa/import-signoff.js';
import { openQaPackage } from '../../qa/open-package.js';
import { SIGNOFF_DECISIONS, type SignoffDecision } from '../../qa/package-format.js';
import { reviewerKey } from '../../qa/reviewer-key.js';
import { addReviewerKey, listReviewerKeys, removeReviewerKey } from '../../qa/reviewer-registry.js';
import { signOffPackage } from '../../qa/signoff.js';
import { keyFingerprint } from '../../util/ed25519.js';
import { osUser } from '../../util/os-user.js';
import { printable } from '../../util/terminal-text.js';
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
      const result = await cliAction(engine, { action: 'qa.export-package', args: request }, () => exportBatchPackage(engine, { batchId: request.batch_id, out: request.out }, actorFor('cli')), (r) => r.rows);
      if (values.json) writeLine(io.stdout, JSON.stringify(result));
      else writeLine(io.stdout, `Wrote QA package ${result.package_id} for batch ${result.batch.batch_id}\n  file      ${result.file}\n  manifest  sha256 ${result.manifest_sha256}\n  signed    origin key ${keyFingerprint(result.manifest.origin_key)} (give the reviewer this fingerprint)\n  batch     ${result.rows} rows, ${result.batch.valid_count} valid, ${result.errors} errors; review sha256 ${result.review_sha256}`);
      return 0;
    }, { initDemo: false });
  }
  if (positionals.length !== 2) throw new UsageError('Name the snapshot pair: pacs-mcp qa export-package BASE_ID TARGET_ID [--out FILE|FOLDER]');
  const filters = { min_pct_change: numberOption(values['min-pct'], 'min-pct'), min_abs_change: numberOption(values['min-abs'], 'min-abs') };
  return withEngine(async (engine) => {
    const request = { base_snapshot_id: positionals[0], target_snapshot_id: positionals[1], filters, out: values.out ?? process.cwd() };
    const result = await cliAction(engine, { action: 'qa.export-package', args: request }, () => exportQaPackage(engine, { baseSnapshotId: request.base_snapshot_id, targetSnapshotId: request.target_snapshot_id, filters, out: request.out }), (r) => r.diff.reported);
    if (values.json) writeLine(io.stdout, JSON.stringify(result));
    else {
      const s = result.diff.summary;
      writeLine(io.stdout, `Wrote QA package ${result.package_id}\n  file      ${result.file}\n  manifest  sha256 ${result.manifest_sha256}\n  signed    origin key ${keyFingerprint(result.manifest.origin_key)} (give the reviewer this fingerprint)\n  diff      ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged\n  findings  ${result.findings}`);
    }
    return 0;
  }, { initDemo: false });
}

/**
 * Reviewer side: no data store, no connection, no server. Everything printed from the package
 * goes through printable(): a package edited in transit cannot send escape sequences to the terminal.
 */
async function runOpenPackage(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { html: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, 'origin-key': { type: 'string' } });
  if (!positionals[0]) throw new UsageError('Name the package file: pacs-mcp qa open-package FILE [--origin-key FINGERPRINT] [--html REPORT.html]');
  const review = await openQaPackage(positionals[0], { htmlReport: values.html, firstChanges: intOption(values.limit, 'limit', 20), expectedOriginKey: values['origin-key'] });
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(review));
    return 0;
  }
  const t = printable;
  const m = review.manifest;
  const checks = `${review.sections.length} sections, every hash and the origin's signature checked`;
  if (review.origin_confirmed) writeLine(io.stdout, `QA package ${t(m.package_id)}: verified, signed by origin key ${review.origin_key_fingerprint} as expected (${checks}).`);
  else {
    writeLine(io.stdout, `QA package ${t(m.package_id)}: signed by origin key ${review.origin_key_fingerprint} (${checks}).`);
    writeLine(io.stdout, `  NOT verified as the office's until you compare that fingerprint with the one they gave you (or pass --origin-key FINGERPRINT).`);
  }
  writeLine(io.stdout, `  from install ${t(m.origin_install_id)}, made ${t(m.created_at)} by ${t(m.created_by)}\n  manifest sha256 ${review.manifest_sha256}`);
  for (const s of review.snapshots) writeLine(io.stdout, `  ${t(s.role).padEnd(6)} "${t(s.meta.name)}" ${t(s.meta.snapshot_id)}: ${t(s.meta.row_count)} rows, masking ${t(s.meta.masking_policy)}, taken ${t(s.meta.created_at)}`);
  if (review.diff) {
    const d = review.diff.summary;
    writeLine(io.stdout, `  diff   ${t(d.added)} added, ${t(d.removed)} removed, ${t(d.changed)} changed, ${t(d.unchanged)} unchanged`);
  }
  if (review.batch) {
    const b = review.batch;
    writeLine(io.stdout, `  batch  ${t(b.summary.batch_id)} (${t(b.summary.kind)}) from ${t(b.summary.file_name)}: ${t(b.rows)} rows, ${t(b.summary.valid_count)} valid, ${t(b.errors.total)} errors on ${t(b.summary.error_row_count)} rows`);
    writeLine(io.stdout, `         review sha256 ${t(b.review_sha256)}; validated ${t(b.summary.validated_at)} against ${t(b.summary.validated_connection_id)}; masking ${t(b.masking_policy)}`);
    if (b.errors.first.length) writeLine(io.stdout, `  errors (line, column, code, message)${b.errors.total > b.errors.first.length ? `, the first ${b.errors.first.length} of ${t(b.errors.total)}` : ''}:`);
    for (const e of b.errors.first) writeLine(io.stdout, `    line ${t(e.line)}  ${t(e.column ?? '-')}  ${t(e.code)}  ${t(e.message)}`);
  } else writeLine(io.stdout, `  findings ${t(review.findings.total)}${Object.keys(review.findings.counts).length ? `: ${Object.entries(review.findings.counts).map(([k, n]) => `${t(k)} ${t(n)}`).join(', ')}` : ''}`);
  if (review.other_sections.length) writeLine(io.stdout, `  also: ${review.other_sections.map((s) => `${t(s.type)} (${t(s.lines)} lines, verified)`).join(', ')}`);
  if (review.html_report) writeLine(io.stdout, `Report: ${review.html_report}`);
  return 0;
}

/** Reviewer side: verifies the package, then writes the sign-off file, signed with this workstation's reviewer key. */
async function runSignoff(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    decision: { type: 'string' },
    reviewer: { type: 'string' },
    comment: { type: 'string' },
    out: { type: 'string' },
    'origin-key': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!positionals[0]) throw new UsageError('Name the package file: pacs-mcp qa signoff FILE --decision approved|rejected');
  if (!SIGNOFF_DECISIONS.includes(values.decision as SignoffDecision)) throw new UsageError(`--decision must be one of ${SIGNOFF_DECISIONS.join(', ')}.`);
  const request = { decision: values.decision as SignoffDecision, reviewer: values.reviewer ?? `${osUser()}@${os.hostname()}`, comment: values.comment, out: values.out, originKey: values['origin-key'] };
  const { signoff, file } = await signOffPackage(positionals[0], request, createSecretStore(io.env));
  if (values.json) writeLine(io.stdout, JSON.stringify({ signoff, file }));
  else {
    writeLine(io.stdout, `Signed off package ${printable(signoff.package_id)}: ${signoff.decision} by ${printable(signoff.reviewer)}, with reviewer key ${keyFingerprint(signoff.reviewer_key)}.`);
    writeLine(io.stdout, `Send ${file} back to the office that exported the package (pacs-mcp qa import-signoff); they accept it once your key is registered there.`);
  }
  return 0;
}

/** Reviewer side: this workstation's reviewer key (created in the keychain on first use), for the office to register. */
async function runReviewerKey(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(argv, { json: { type: 'boolean' } });
  const key = await reviewerKey(createSecretStore(io.env));
  if (values.json) writeLine(io.stdout, JSON.stringify({ public_key: key.publicKey, fingerprint: key.fingerprint }));
  else {
    writeLine(io.stdout, `Reviewer key of ${osUser()}@${os.hostname()}:\n  ${key.publicKey}\n  fingerprint ${key.fingerprint}`);
    writeLine(io.stdout, 'Give the key to the office that sends you packages; they register it with `pacs-mcp qa reviewers add` and should check the fingerprint with you.');
  }
  return 0;
}

/** Origin side: this install's package-signing key, whose fingerprint reviewers check packages against. */
async function runOriginKey(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(argv, { json: { type: 'boolean' } });
  return withEngine(async (engine) => {
    const keys = await loadInstallKeys(engine.store, engine.secrets);
    const { publicKey } = keys.packageSigningKey();
    if (values.json) writeLine(io.stdout, JSON.stringify({ install_id: keys.installId, public_key: publicKey, fingerprint: keyFingerprint(publicKey) }));
    else writeLine(io.stdout, `Packages from this install (${keys.installId}) are signed by origin key\n  ${publicKey}\n  fingerprint ${keyFingerprint(publicKey)}\nReviewers pass the fingerprint as --origin-key to \`qa open-package\` and \`qa signoff\`.`);
    return 0;
  }, { initDemo: false });
}

/** Origin side: the reviewers whose sign-offs this install accepts. */
async function runReviewers(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseOptions(rest, { name: { type: 'string' }, key: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } });
  return withEngine(async (engine) => {
    const actor = actorFor('cli');
    if (sub === 'add') {
      if (!values.name || !values.key) throw new UsageError('Give the reviewer\'s name and key: pacs-mcp qa reviewers add --name NAME --key ed25519:…');
      const request = { name: values.name, publicKey: values.key };
      const added = await cliAction(engine, { action: 'qa.reviewers.add', args: request }, () => addReviewerKey(engine, request, actor));
      writeLine(io.stdout, values.json ? JSON.stringify(added) : `Registered reviewer ${printable(added.name)} with key fingerprint ${added.fingerprint}: their sign-offs are accepted from now on.`);
      return 0;
    }
    if (sub === 'remove') {
      if (!positionals[0]) throw new UsageError('Name the key to remove by its fingerprint: pacs-mcp qa reviewers remove FINGERPRINT');
      const removed = await cliAction(engine, { action: 'qa.reviewers.remove', args: { key: positionals[0] } }, () => removeReviewerKey(engine, positionals[0], actor));
      writeLine(io.stdout, values.json ? JSON.stringify(removed) : `Removed reviewer key ${removed.fingerprint} (${printable(removed.name)}): its sign-offs are refused from now on.`);
      return 0;
    }
    if (sub === 'list') {
      const keys = await listReviewerKeys(engine, { includeRemoved: values.all });
      writeLine(io.stdout, values.json ? JSON.stringify(keys) : textTable(keys, ['name', 'fingerprint', 'added_at', 'added_by', ...(values.all ? ['removed_at'] : [])], keys.length));
      return 0;
    }
    throw new UsageError(`Unknown qa reviewers command "${sub ?? ''}": add, list or remove.`);
  }, { initDemo: false });
}

async function runImportPackage(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } });
  if (!positionals[0]) throw new UsageError('Name the package file: pacs-mcp qa import-package FILE');
  return withEngine(async (engine) => {
    const result = await cliAction(engine, { action: 'qa.import-package', args: { file: positionals[0] } }, () => importQaPackage(engine, positionals[0]), (r) => r.snapshots.length);
    if (values.json) writeLine(io.stdout, JSON.stringify(result));
    else {
      writeLine(io.stdout, `Package ${result.package_id} verified${result.package_recorded ? ' and recorded' : ' (already recorded here)'}.`);
      for (const s of result.snapshots) writeLine(io.stdout, `  ${s.status === 'imported' ? 'imported' : 'present '} "${printable(s.name)}" ${s.snapshot_id} (${s.row_count} rows)`);
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
      writeLine(io.stdout, `${result.recorded ? 'Recorded' : 'Already recorded'}: package ${result.signoff.package_id} ${result.signoff.decision} by ${printable(result.reviewer.name)} (reviewer key ${result.reviewer.fingerprint}, signed ${printable(result.signoff.signed_at)}).`);
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
    'pacs-mcp qa open-package FILE [--origin-key FINGERPRINT] [--html REPORT.html] [--limit N] [--json]   (reviewer: no server or connection needed)',
    'pacs-mcp qa signoff FILE --decision approved|rejected [--origin-key FINGERPRINT] [--reviewer NAME] [--comment TEXT] [--out FILE] [--json]   (reviewer)',
    'pacs-mcp qa reviewer-key [--json]                                              (reviewer: this workstation\'s key, for the office to register)',
    'pacs-mcp qa origin-key [--json]                                                (this install\'s package key, for reviewers to check)',
    'pacs-mcp qa reviewers add --name NAME --key ed25519:… | list [--all] | remove FINGERPRINT [--json]',
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
      case 'reviewer-key':
        return runReviewerKey(rest, io);
      case 'origin-key':
        return runOriginKey(rest, io);
      case 'reviewers':
        return runReviewers(rest, io);
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
