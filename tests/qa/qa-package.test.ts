import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore, type SecretStore } from '../../mcp/credentials/credentials.js';
import { diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { loadInstallKeys } from '../../mcp/install/install-keys.js';
import { exportQaPackage, type PackageExportResult } from '../../mcp/qa/export-package.js';
import { importQaPackage } from '../../mcp/qa/import-package.js';
import { importSignoff, signoffsFor } from '../../mcp/qa/import-signoff.js';
import { openQaPackage } from '../../mcp/qa/open-package.js';
import { PackageFileWriter } from '../../mcp/qa/package-file-writer.js';
import { PackageError, type PackageTrailer, type SectionType } from '../../mcp/qa/package-format.js';
import { readSignoff, signOffPackage, signoffHash } from '../../mcp/qa/signoff.js';
import { exportSnapshot } from '../../mcp/snapshots/export-snapshot.js';
import { verifyStoredSnapshot } from '../../mcp/snapshots/snapshot-store.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { openTestEngine, type TestEngine } from '../helpers/test-engine.js';

let origin: TestEngine;
let secrets: SecretStore;
let dir: string;
let base: SnapshotMeta;
let target: SnapshotMeta;
let pkg: PackageExportResult;

const lines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
const writeLines = (file: string, content: string[]) => fs.writeFileSync(file, zlib.gzipSync(`${content.join('\n')}\n`));
const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const copyTo = (name: string) => {
  const file = path.join(dir, name);
  fs.copyFileSync(pkg.file, file);
  return file;
};

async function storeCounts(t: TestEngine) {
  const [row] = await t.engine.store.all<{ s: number; r: number; p: number; o: number }>(
    'SELECT (SELECT COUNT(*) FROM snapshots) AS s, (SELECT COUNT(*) FROM snapshot_rows) AS r, (SELECT COUNT(*) FROM qa_packages) AS p, (SELECT COUNT(*) FROM qa_signoffs) AS o',
  );
  return row;
}

/** Re-signs nothing: recomputes every hash a forger can recompute (sections, body), keeping the origin's MAC. */
function forge(content: string[]): string[] {
  const trailer = JSON.parse(content[content.length - 1]) as PackageTrailer;
  const body = content.slice(0, -1);
  let index = -1;
  const sectionText: string[] = [];
  for (const line of body.slice(1)) {
    if (line.startsWith('{"section":')) sectionText[++index] = '';
    sectionText[index] += `${line}\n`;
  }
  trailer.manifest.sections.forEach((s, i) => (s.sha256 = sha(sectionText[i])));
  const bodyText = body.map((l) => `${l}\n`).join('');
  trailer.manifest.body_sha256 = sha(bodyText);
  trailer.manifest.body_bytes = Buffer.byteLength(bodyText);
  return [...body, JSON.stringify(trailer)];
}

beforeAll(async () => {
  secrets = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
  origin = await openTestEngine({ secrets, size: 200 });
  dir = fs.mkdtempSync(path.join(origin.dir, 'packages-'));
  const take = async (name: string) => (await exportSnapshot(origin.engine, { name, content: 'parcel_timeline', masking_policy: 'qa', selection: { query: 'SELECT prop_id FROM property' } })).snapshot;
  base = await take('before ARB');
  await origin.demo('UPDATE property_val SET market = CAST(market * 1.4 AS INTEGER) WHERE prop_id % 17 = 0');
  await origin.demo('UPDATE property_val SET assessed_val = appraised_val + 5 WHERE prop_id % 23 = 0');
  await origin.demo("DELETE FROM prop_supp_assoc WHERE prop_id % 41 = 0 AND owner_tax_yr = (SELECT MAX(appr_yr) FROM pacs_system)");
  target = await take('after ARB');
  pkg = await exportQaPackage(origin.engine, { base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id, out: dir });
});
afterAll(() => origin?.close());

describe('exporting a QA review package', () => {
  it('writes one file with both snapshots, the diff, the validations and a manifest, and records it', async () => {
    expect(path.dirname(pkg.file)).toBe(dir);
    expect(path.basename(pkg.file)).toBe(`qa-${pkg.package_id}.pacsqa`);
    // One file and nothing beside it (a directory of its own: the other tests write copies next to pkg).
    const own = fs.mkdtempSync(path.join(origin.dir, 'one-package-'));
    const written = await exportQaPackage(origin.engine, { base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id, out: own });
    expect(fs.readdirSync(own)).toEqual([path.basename(written.file)]);
    const expected = await diffSnapshots(origin.engine.store, base.snapshot_id, target.snapshot_id, {}, []);
    expect(pkg.diff.summary).toEqual(expected.summary);
    expect(pkg.diff.summary.changed).toBeGreaterThan(10);
    expect(pkg.manifest.sections.map((s) => [s.type, s.label])).toEqual([['snapshot', 'base'], ['snapshot', 'target'], ['diff', 'diff'], ['validations', 'snapshot checks']]);
    expect(pkg.manifest.sections[0].lines).toBe(base.row_count);
    expect(pkg.manifest.origin_install_id).toBe((await loadInstallKeys(origin.engine.store, secrets)).installId);
    const [row] = await origin.engine.store.all<{ manifest_sha256: string }>('SELECT manifest_sha256 FROM qa_packages WHERE package_id = ?', [pkg.package_id]);
    expect(row.manifest_sha256).toBe(pkg.manifest_sha256);
  });

  it('carries only QA-masked snapshots', async () => {
    const internal = (await exportSnapshot(origin.engine, { name: 'internal', content: 'parcel_timeline', masking_policy: 'internal', selection: { prop_ids: [10001] } })).snapshot;
    const again = (await exportSnapshot(origin.engine, { name: 'internal 2', content: 'parcel_timeline', masking_policy: 'internal', selection: { prop_ids: [10001] } })).snapshot;
    const before = fs.readdirSync(dir).length;
    await expect(exportQaPackage(origin.engine, { base_snapshot_id: internal.snapshot_id, target_snapshot_id: again.snapshot_id, out: dir })).rejects.toThrow(/only QA-masked snapshots/);
    expect(fs.readdirSync(dir).length).toBe(before);
  });
});

describe('on the reviewer\'s workstation (no server, no data store)', () => {
  it('opens and verifies the package, and writes the review report', async () => {
    const html = path.join(dir, '..', 'review.html');
    const review = await openQaPackage(pkg.file, { htmlReport: html, firstChanges: 5 });
    expect(review.mac_verified).toBeNull();
    expect(review.manifest_sha256).toBe(pkg.manifest_sha256);
    expect(review.diff?.summary).toEqual(pkg.diff.summary);
    expect(review.first_changes).toHaveLength(5);
    expect(review.snapshots.map((s) => [s.role, s.meta.snapshot_id, s.meta.sha256])).toEqual([['base', base.snapshot_id, base.sha256], ['target', target.snapshot_id, target.sha256]]);
    expect(review.findings.counts.large_value_change).toBeGreaterThan(0);
    expect(review.findings.counts.assessed_above_appraised).toBeGreaterThan(0);
    expect(review.findings.counts.parcel_removed).toBe(pkg.diff.summary.removed);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('<h2>Validations</h2>');
    expect(page).toContain('large_value_change');
    expect(page).toContain(pkg.manifest_sha256);
    expect(page).not.toMatch(/<script|src=|href=/i);
  });

  it('signs off, and the origin imports the sign-off once', async () => {
    const { signoff, file } = await signOffPackage(pkg.file, { reviewer: 'R. Reviewer', decision: 'approved', comment: 'Values reconcile with the ARB orders.' });
    expect(file).toBe(pkg.file.replace(/\.pacsqa$/, '.signoff.json'));
    expect(signoff).toMatchObject({ package_id: pkg.package_id, manifest_sha256: pkg.manifest_sha256, decision: 'approved', reviewer: 'R. Reviewer', reviewed: { diff: pkg.diff.summary } });
    expect(readSignoff(file)).toEqual(signoff);
    const first = await importSignoff(origin.engine, file);
    expect(first.recorded).toBe(true);
    const second = await importSignoff(origin.engine, file);
    expect(second.recorded).toBe(false);
    expect(await signoffsFor(origin.engine, pkg.package_id)).toEqual([expect.objectContaining({ reviewer: 'R. Reviewer', decision: 'approved', comment: 'Values reconcile with the ARB orders.' })]);
  });
});

describe('altered, truncated and foreign packages', () => {
  it('refuses a package with a changed row, everywhere, and imports nothing', async () => {
    const file = copyTo('changed-row.pacsqa');
    const content = lines(file);
    const i = content.findIndex((l, n) => n > 2 && l.startsWith('[') && /,\d{5,}/.test(l));
    content[i] = content[i].replace(/,(\d{5,})/, (_, n) => `,${Number(n) + 1}`);
    writeLines(file, content);
    await expect(openQaPackage(file)).rejects.toThrow(/damaged or was altered/);
    await expect(signOffPackage(file, { reviewer: 'x', decision: 'approved' })).rejects.toBeInstanceOf(PackageError);
    const before = await storeCounts(origin);
    await expect(importQaPackage(origin.engine, file)).rejects.toBeInstanceOf(PackageError);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('a forged package (hashes recomputed) passes the reviewer\'s hash checks but not the origin\'s signature, and its sign-off is refused', async () => {
    const file = copyTo('forged.pacsqa');
    const content = lines(file);
    const i = content.findIndex((l) => l.startsWith('{"change":"changed"'));
    const change = JSON.parse(content[i]);
    change.fields[0].new = 'FORGED';
    content[i] = JSON.stringify(change);
    writeLines(file, forge(content));
    const review = await openQaPackage(file);
    expect(review.manifest_sha256).not.toBe(pkg.manifest_sha256);
    const before = await storeCounts(origin);
    await expect(importQaPackage(origin.engine, file)).rejects.toThrow(/signature does not match/);
    const { file: signoffFile } = await signOffPackage(file, { reviewer: 'x', decision: 'approved', out: path.join(dir, 'forged.signoff.json') });
    await expect(importSignoff(origin.engine, signoffFile)).rejects.toThrow(/altered before review/);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('refuses a truncated package, however it was cut', async () => {
    const cut = copyTo('cut.pacsqa');
    const bytes = fs.readFileSync(cut);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(openQaPackage(cut)).rejects.toThrow(/truncated/);
    const noTrailer = copyTo('no-trailer.pacsqa');
    writeLines(noTrailer, lines(noTrailer).slice(0, -1));
    await expect(openQaPackage(noTrailer)).rejects.toThrow(/truncated: it ends before its manifest/);
    const halfLine = copyTo('half-line.pacsqa');
    const text = zlib.gunzipSync(fs.readFileSync(halfLine)).toString('utf8');
    fs.writeFileSync(halfLine, zlib.gzipSync(text.slice(0, text.length - 40)));
    await expect(openQaPackage(halfLine)).rejects.toThrow(/truncated/);
    const before = await storeCounts(origin);
    for (const f of [cut, noTrailer, halfLine]) await expect(importQaPackage(origin.engine, f)).rejects.toBeInstanceOf(PackageError);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('refuses trailing data, files that are not packages, and missing files', async () => {
    const extra = copyTo('extra.pacsqa');
    writeLines(extra, [...lines(extra), '["smuggled"]']);
    await expect(openQaPackage(extra)).rejects.toThrow(/data after the manifest/);
    const junk = path.join(dir, 'junk.pacsqa');
    fs.writeFileSync(junk, 'hello, not gzip');
    await expect(openQaPackage(junk)).rejects.toThrow(/not a PACS MCP QA package/);
    const otherGzip = path.join(dir, 'other.pacsqa');
    fs.writeFileSync(otherGzip, zlib.gzipSync('{"format":"something-else"}\n'));
    await expect(openQaPackage(otherGzip)).rejects.toThrow(/not a PACS MCP QA package/);
    await expect(openQaPackage(path.join(dir, 'missing.pacsqa'))).rejects.toThrow(/There is no file/);
  });

  it('another install refuses the package and its sign-off, and imports nothing', async () => {
    const other = await openTestEngine({ size: 20 });
    try {
      const before = await storeCounts(other);
      await expect(importQaPackage(other.engine, pkg.file)).rejects.toThrow(/exported by another PACS MCP install/);
      const { file } = await signOffPackage(pkg.file, { reviewer: 'y', decision: 'rejected', out: path.join(dir, 'for-other.signoff.json') });
      await expect(importSignoff(other.engine, file)).rejects.toThrow(/another PACS MCP install/);
      expect(await storeCounts(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('refuses altered, truncated and unmatched sign-offs', async () => {
    const { file } = await signOffPackage(pkg.file, { reviewer: 'R. Reviewer', decision: 'rejected', out: path.join(dir, 'rejected.signoff.json') });
    const before = await storeCounts(origin);
    const flipped = path.join(dir, 'flipped.signoff.json');
    fs.writeFileSync(flipped, fs.readFileSync(file, 'utf8').replace('"rejected"', '"approved"'));
    await expect(importSignoff(origin.engine, flipped)).rejects.toThrow(/altered after it was signed/);
    const truncated = path.join(dir, 'truncated.signoff.json');
    fs.writeFileSync(truncated, fs.readFileSync(file, 'utf8').slice(0, 200));
    await expect(importSignoff(origin.engine, truncated)).rejects.toThrow(/truncated or is not a sign-off/);
    const unknown = path.join(dir, 'unknown.signoff.json');
    const { sha256: _drop, ...body } = readSignoff(file);
    const renamed = { ...body, package_id: crypto.randomUUID() };
    fs.writeFileSync(unknown, JSON.stringify({ ...renamed, sha256: signoffHash(renamed) }));
    await expect(importSignoff(origin.engine, unknown)).rejects.toThrow(/no record of package/);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('refuses to package a snapshot whose stored rows were tampered with', async () => {
    const victim = (await exportSnapshot(origin.engine, { name: 'victim', content: 'parcel_timeline', masking_policy: 'qa', selection: { prop_ids: [10002, 10003] } })).snapshot;
    await origin.engine.store.exec('DROP TRIGGER snapshot_rows_no_update');
    try {
      await origin.engine.store.run("UPDATE snapshot_rows SET row_json = replace(row_json, ',0,', ',1,') WHERE snapshot_id = ?", [victim.snapshot_id]);
      expect((await verifyStoredSnapshot(origin.engine.store, victim)).ok).toBe(false);
      await expect(exportQaPackage(origin.engine, { base_snapshot_id: victim.snapshot_id, target_snapshot_id: base.snapshot_id, out: path.join(dir, 'victim.pacsqa') })).rejects.toThrow(/altered in the app store|different shapes/);
      const twin = (await exportSnapshot(origin.engine, { name: 'victim twin', content: 'parcel_timeline', masking_policy: 'qa', selection: { prop_ids: [10002, 10003] } })).snapshot;
      await expect(exportQaPackage(origin.engine, { base_snapshot_id: victim.snapshot_id, target_snapshot_id: twin.snapshot_id, out: path.join(dir, 'victim.pacsqa') })).rejects.toThrow(/altered in the app store/);
      await expect(exportQaPackage(origin.engine, { base_snapshot_id: twin.snapshot_id, target_snapshot_id: twin.snapshot_id, out: path.join(dir, 'victim.pacsqa') })).rejects.toThrow(/same snapshot/);
      expect(fs.existsSync(path.join(dir, 'victim.pacsqa'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'victim.pacsqa.partial'))).toBe(false);
    } finally {
      await origin.engine.store.exec("CREATE TRIGGER snapshot_rows_no_update BEFORE UPDATE ON snapshot_rows BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: take a new snapshot instead'); END;");
    }
  });
});

describe('importing a package back on the origin install', () => {
  it('restores its snapshots into a rebuilt store of the same install, once', async () => {
    const ours = await loadInstallKeys(origin.engine.store, secrets);
    const present = await importQaPackage(origin.engine, pkg.file);
    expect(present.snapshots.map((s) => s.status)).toEqual(['already_present', 'already_present']);
    expect(present.package_recorded).toBe(false);

    // The same install (its id and keychain secret) on a fresh store, as after a rebuild.
    const rebuilt = await openTestEngine({ secrets, size: 20 });
    try {
      await rebuilt.engine.store.run("INSERT INTO settings (key, value) VALUES ('install_id', ?)", [ours.installId]);
      const result = await importQaPackage(rebuilt.engine, pkg.file);
      expect(result.package_recorded).toBe(true);
      expect(result.snapshots.map((s) => [s.snapshot_id, s.status, s.row_count])).toEqual([
        [base.snapshot_id, 'imported', base.row_count],
        [target.snapshot_id, 'imported', target.row_count],
      ]);
      for (const meta of [base, target]) expect(await verifyStoredSnapshot(rebuilt.engine.store, meta)).toMatchObject({ ok: true, sha256: meta.sha256 });
      const diff = await diffSnapshots(rebuilt.engine.store, base.snapshot_id, target.snapshot_id, {}, []);
      expect(diff.summary).toEqual(pkg.diff.summary);
      const again = await importQaPackage(rebuilt.engine, pkg.file);
      expect(again.snapshots.map((s) => s.status)).toEqual(['already_present', 'already_present']);
      expect(fs.readdirSync(path.join(rebuilt.dir, 'tmp')).filter((f) => f.startsWith('snapshot-'))).toEqual([]);
    } finally {
      await rebuilt.close();
    }
  });

  it('takes sections it does not interpret (from a newer build) through the same checks', async () => {
    const keys = await loadInstallKeys(origin.engine.store, secrets);
    const file = path.join(dir, 'batch.pacsqa');
    const packageId = crypto.randomUUID();
    const writer = await PackageFileWriter.open(file, packageId, keys.installId);
    await writer.beginSection('appraisal_notes' as SectionType, 'batch-42', { batch_id: 'batch-42', kind: 'exemption_upload' });
    for (let line = 2; line < 5; line++) await writer.bodyLine(JSON.stringify({ line, prop_id: 10000 + line, exmpt_type_cd: 'HS', action: 'ADD' }));
    writer.endSection({ staged_count: 3, error_count: 0 });
    await writer.beginSection('appraisal_checks' as SectionType, 'batch-42', { batch_id: 'batch-42' });
    writer.endSection({ error_count: 0 });
    await writer.finish({ created_at: new Date().toISOString(), created_by: 'test', subject: { kind: 'import_batch', batch_id: 'batch-42', review_sha256: 'a'.repeat(64) } }, keys.key('qa-package'));
    const review = await openQaPackage(file);
    expect(review.other_sections.map((s) => [s.type, s.lines, s.summary])).toEqual([['appraisal_notes', 3, { staged_count: 3, error_count: 0 }], ['appraisal_checks', 0, { error_count: 0 }]]);
    expect(review.batch).toBeNull();
    const imported = await importQaPackage(origin.engine, file);
    expect(imported).toMatchObject({ package_id: packageId, snapshots: [], package_recorded: true });
    const content = lines(file);
    content[2] = content[2].replace('"HS"', '"OV65"');
    writeLines(file, content);
    await expect(openQaPackage(file)).rejects.toThrow(/section 1 \(appraisal_notes\)|content does not match/);
  });
});
