import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine.js';
import type { DiffChange, DiffFilters, DiffResult, DiffSink } from '../diff/diff-types.js';
import { assertComparable, diffSnapshots } from '../diff/snapshot-diff.js';
import { loadInstallKeys } from '../install/install-keys.js';
import { canonicalRowLine } from '../snapshots/snapshot-key.js';
import { getSnapshot, verifyStoredSnapshot } from '../snapshots/snapshot-store.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { osUser } from '../util/os-user.js';
import { PackageFileWriter } from './package-file-writer.js';
import { PackageError, PACKAGE_EXTENSION, type PackageManifest } from './package-format.js';
import { SnapshotChecks } from './snapshot-checks.js';

export interface PackageExportRequest {
  baseSnapshotId: string;
  targetSnapshotId: string;
  filters?: DiffFilters;
  /** The package file to write; a folder gets `qa-<package id>.pacsqa` inside it. */
  out: string;
}

export interface PackageExportResult {
  package_id: string;
  file: string;
  manifest_sha256: string;
  manifest: PackageManifest;
  diff: DiffResult;
  findings: number;
}

/**
 * Writes an offline QA review package for a snapshot pair: both snapshots (their rows, so the
 * reviewer's copy can be checked against their sha256), the diff and the validation findings,
 * and a signed manifest. Only QA-masked snapshots travel, and a snapshot whose stored rows no
 * longer match its hash is refused. The package is recorded in the store so its sign-off can
 * be matched when it comes back.
 */
export async function exportQaPackage(engine: Engine, request: PackageExportRequest): Promise<PackageExportResult> {
  const base = await getSnapshot(engine.store, request.baseSnapshotId);
  const target = await getSnapshot(engine.store, request.targetSnapshotId);
  if (base.snapshot_id === target.snapshot_id) throw new PackageError('The base and target are the same snapshot; a review package needs two snapshots to compare.');
  assertComparable(base, target);
  for (const s of [base, target]) {
    if (s.masking_policy !== 'qa') {
      throw new PackageError(`Snapshot "${s.name}" (${s.snapshot_id}) was taken with masking policy "${s.masking_policy}"; a QA package carries only QA-masked snapshots. Take it again with masking_policy "qa".`);
    }
  }
  const keys = await loadInstallKeys(engine.store, engine.secrets);
  const packageId = crypto.randomUUID();
  const file = packagePath(request.out, packageId);
  const writer = await PackageFileWriter.open(file, packageId, keys.installId);
  const checks = new SnapshotChecks();
  try {
    for (const [role, meta] of [['base', base], ['target', target]] as const) await writeSnapshotSection(engine, writer, role, meta, checks);

    await writer.beginSection('diff', 'diff', { base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id, columns: base.columns, key_columns: base.key_columns, filters: request.filters ?? {} });
    const sink: DiffSink = {
      begin: () => undefined,
      change: async (change: DiffChange) => {
        checks.change(target.snapshot_id, change);
        await writer.bodyLine(JSON.stringify(change));
      },
      end: () => undefined,
    };
    const diff = await diffSnapshots(engine.store, base.snapshot_id, target.snapshot_id, request.filters ?? {}, [sink]);
    writer.endSection({ summary: diff.summary, reported: diff.reported, filtered_out: diff.filtered_out });

    const results = checks.results();
    await writer.beginSection('validations', 'snapshot checks', { subject: 'snapshot_pair', listed_limit: results.findings.length });
    for (const finding of results.findings) await writer.bodyLine(JSON.stringify(finding));
    writer.endSection({ counts: results.counts, total: results.total, listed: results.findings.length });

    const createdAt = new Date().toISOString();
    const createdBy = osUser();
    const subject = { kind: 'snapshot_pair' as const, base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id };
    const done = await writer.finish({ created_at: createdAt, created_by: createdBy, subject }, { mac: keys.key('qa-package'), signing: keys.packageSigningKey() });
    try {
      await engine.store.run(
        'INSERT INTO qa_packages (package_id, created_at, created_by, file_name, manifest_sha256, contents_json) VALUES (?,?,?,?,?,?)',
        [packageId, createdAt, createdBy, path.basename(file), done.manifest_sha256, JSON.stringify({ subject, sections: done.manifest.sections })],
      );
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
    return { package_id: packageId, file, manifest_sha256: done.manifest_sha256, manifest: done.manifest, diff, findings: results.total };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

async function writeSnapshotSection(engine: Engine, writer: PackageFileWriter, role: 'base' | 'target', meta: SnapshotMeta, checks: SnapshotChecks): Promise<void> {
  await writer.beginSection('snapshot', role, { meta });
  const verified = await verifyStoredSnapshot(engine.store, meta, async (row) => {
    checks.row(meta.snapshot_id, meta.columns, row.prop_id, row.year, JSON.parse(row.row_json) as unknown[]);
    await writer.bodyLine(canonicalRowLine(row, row.row_json).slice(0, -1));
  });
  if (!verified.ok) {
    throw new PackageError(`The stored rows of snapshot "${meta.name}" (${meta.snapshot_id}) no longer match the hashes recorded for them; it was altered in the app store and is not packaged.`);
  }
  writer.endSection({ snapshot_id: meta.snapshot_id, row_count: meta.row_count, sha256: meta.sha256 });
}

function packagePath(out: string, packageId: string): string {
  const resolved = path.resolve(out);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) return path.join(resolved, `qa-${packageId}${PACKAGE_EXTENSION}`);
  return resolved;
}
