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
import { manifestSignature, PackageError, type PackageTrailer, type SectionType } from '../../mcp/qa/package-format.js';
import { reviewerKey } from '../../mcp/qa/reviewer-key.js';
import { addReviewerKey, removeReviewerKey } from '../../mcp/qa/reviewer-registry.js';
import { readSignoff, signOffPackage, signoffHash, type Signoff } from '../../mcp/qa/signoff.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { canonicalJson } from '../../mcp/util/canonical-json.js';
import { keyFingerprint, privateKeyFromSeed, publicKeyText, signText } from '../../mcp/util/ed25519.js';
import { exportSnapshot } from '../../mcp/snapshots/export-snapshot.js';
import { verifyStoredSnapshot } from '../../mcp/snapshots/snapshot-store.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { forgePackage } from '../helpers/qa-forgery.js';
import { openTestEngine, type TestEngine } from '../helpers/test-engine.js';

let origin: TestEngine;
let secrets: SecretStore;
/** The reviewer's workstation keychain (its reviewer key), registered at the origin in beforeAll. */
let reviewerSecrets: SecretStore;
let dir: string;
let base: SnapshotMeta;
let target: SnapshotMeta;
let pkg: PackageExportResult;

const lines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
const writeLines = (file: string, content: string[]) => fs.writeFileSync(file, zlib.gzipSync(`${content.join('\n')}\n`));
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

/** A sign-off file with these fields, hashed and signed as a holder of `privateKey` would. */
function writeSignoff(file: string, body: Omit<Signoff, 'sha256' | 'signature'>, privateKey: crypto.KeyObject): string {
  fs.writeFileSync(file, JSON.stringify({ ...body, sha256: signoffHash(body), signature: signText(privateKey, canonicalJson(body)) }));
  return file;
}

const forge = (content: string[]) => forgePackage(content);

beforeAll(async () => {
  secrets = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
  origin = await openTestEngine({ secrets, size: 200 });
  dir = fs.mkdtempSync(path.join(origin.dir, 'packages-'));
  const take = async (name: string) => (await exportSnapshot(origin.engine, { name, content: 'parcel_timeline', maskingPolicy: 'qa', selection: { query: 'SELECT prop_id FROM property' } })).snapshot;
  base = await take('before ARB');
  await origin.demo('UPDATE property_val SET market = CAST(market * 1.4 AS INTEGER) WHERE prop_id % 17 = 0');
  await origin.demo('UPDATE property_val SET assessed_val = appraised_val + 5 WHERE prop_id % 23 = 0');
  await origin.demo('DELETE FROM property_val WHERE prop_id % 41 = 0 AND prop_val_yr = (SELECT MAX(appr_yr) FROM pacs_system)');
  await origin.demo('DELETE FROM prop_supp_assoc WHERE prop_id % 41 = 0 AND owner_tax_yr = (SELECT MAX(appr_yr) FROM pacs_system)');
  target = await take('after ARB');
  pkg = await exportQaPackage(origin.engine, { baseSnapshotId: base.snapshot_id, targetSnapshotId: target.snapshot_id, out: dir });
  reviewerSecrets = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
  await addReviewerKey(origin.engine, { name: 'R. Reviewer', publicKey: (await reviewerKey(reviewerSecrets)).publicKey }, actorFor('cli'));
});
afterAll(() => origin?.close());

describe('exporting a QA review package', () => {
  it('writes one file with both snapshots, the diff, the validations and a manifest, and records it', async () => {
    expect(path.dirname(pkg.file)).toBe(dir);
    expect(path.basename(pkg.file)).toBe(`qa-${pkg.package_id}.pacsqa`);
    // One file and nothing beside it (a directory of its own: the other tests write copies next to pkg).
    const own = fs.mkdtempSync(path.join(origin.dir, 'one-package-'));
    const written = await exportQaPackage(origin.engine, { baseSnapshotId: base.snapshot_id, targetSnapshotId: target.snapshot_id, out: own });
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
    const internal = (await exportSnapshot(origin.engine, { name: 'internal', content: 'parcel_timeline', maskingPolicy: 'internal', selection: { prop_ids: [10001] } })).snapshot;
    const again = (await exportSnapshot(origin.engine, { name: 'internal 2', content: 'parcel_timeline', maskingPolicy: 'internal', selection: { prop_ids: [10001] } })).snapshot;
    const before = fs.readdirSync(dir).length;
    await expect(exportQaPackage(origin.engine, { baseSnapshotId: internal.snapshot_id, targetSnapshotId: again.snapshot_id, out: dir })).rejects.toThrow(/only QA-masked snapshots/);
    expect(fs.readdirSync(dir).length).toBe(before);
  });
});

describe('on the reviewer\'s workstation (no server, no data store)', () => {
  it('opens and verifies the package, and writes the review report', async () => {
    const html = path.join(dir, '..', 'review.html');
    const review = await openQaPackage(pkg.file, { htmlReport: html, firstChanges: 5 });
    expect(review.mac_verified).toBeNull();
    expect(review).toMatchObject({ origin_key: pkg.manifest.origin_key, origin_key_fingerprint: keyFingerprint(pkg.manifest.origin_key), origin_confirmed: false });
    expect((await openQaPackage(pkg.file, { expectedOriginKey: keyFingerprint(pkg.manifest.origin_key) })).origin_confirmed).toBe(true);
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
    const { signoff, file } = await signOffPackage(pkg.file, { reviewer: 'R. Reviewer', decision: 'approved', comment: 'Values reconcile with the ARB orders.', originKey: pkg.manifest.origin_key }, reviewerSecrets);
    expect(file).toBe(pkg.file.replace(/\.pacsqa$/, '.signoff.json'));
    expect(signoff).toMatchObject({ package_id: pkg.package_id, manifest_sha256: pkg.manifest_sha256, decision: 'approved', reviewer: 'R. Reviewer', reviewed: { diff: pkg.diff.summary } });
    expect(signoff).toMatchObject({ reviewer_key: (await reviewerKey(reviewerSecrets)).publicKey, origin_key_fingerprint: keyFingerprint(pkg.manifest.origin_key), origin_confirmed: true });
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
    await expect(signOffPackage(file, { reviewer: 'x', decision: 'approved' }, reviewerSecrets)).rejects.toBeInstanceOf(PackageError);
    const before = await storeCounts(origin);
    await expect(importQaPackage(origin.engine, file)).rejects.toBeInstanceOf(PackageError);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('a forged package (fields edited, section and body hashes recomputed) is refused by the reviewer too: the origin\'s signature no longer holds', async () => {
    const file = copyTo('forged.pacsqa');
    const content = lines(file);
    const i = content.findIndex((l) => l.startsWith('{"change":"changed"'));
    const change = JSON.parse(content[i]);
    change.fields[0].new = 'FORGED';
    content[i] = JSON.stringify(change);
    writeLines(file, forge(content));
    await expect(openQaPackage(file)).rejects.toThrow(/damaged or was altered \(its signature does not match its content\)/);
    await expect(signOffPackage(file, { reviewer: 'x', decision: 'approved' }, reviewerSecrets)).rejects.toThrow(/signature does not match/);
    const before = await storeCounts(origin);
    await expect(importQaPackage(origin.engine, file)).rejects.toThrow(/signature does not match/);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('a forged package signed again under the forger\'s own key names that key: refused against the office\'s fingerprint, and never accepted back', async () => {
    const file = copyTo('resigned.pacsqa');
    const content = forge(lines(file).map((l) => (l.startsWith('{"change":"changed"') ? l.replace(/"new":("[^"]*"|[-\d.]+|null)/, '"new":"FORGED"') : l)));
    const trailer = JSON.parse(content[content.length - 1]) as PackageTrailer;
    const forger = privateKeyFromSeed(crypto.randomBytes(32));
    trailer.manifest.origin_key = publicKeyText(forger);
    trailer.signature = manifestSignature(trailer.manifest, forger);
    writeLines(file, [...content.slice(0, -1), JSON.stringify(trailer)]);
    const review = await openQaPackage(file);
    expect(review.origin_confirmed).toBe(false);
    expect(review.origin_key_fingerprint).not.toBe(keyFingerprint(pkg.manifest.origin_key));
    await expect(openQaPackage(file, { expectedOriginKey: keyFingerprint(pkg.manifest.origin_key) })).rejects.toThrow(/signed by origin key .* not the key you expected/);
    await expect(signOffPackage(file, { reviewer: 'x', decision: 'approved', originKey: keyFingerprint(pkg.manifest.origin_key) }, reviewerSecrets)).rejects.toThrow(/not the key you expected/);
    const before = await storeCounts(origin);
    await expect(importQaPackage(origin.engine, file)).rejects.toThrow(/not the key you expected/);
    const { file: signoffFile } = await signOffPackage(file, { reviewer: 'x', decision: 'approved', out: path.join(dir, 'resigned.signoff.json') }, reviewerSecrets);
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
      const { file } = await signOffPackage(pkg.file, { reviewer: 'y', decision: 'rejected', out: path.join(dir, 'for-other.signoff.json') }, reviewerSecrets);
      await expect(importSignoff(other.engine, file)).rejects.toThrow(/another PACS MCP install/);
      expect(await storeCounts(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it('refuses altered, truncated and unmatched sign-offs', async () => {
    const { file } = await signOffPackage(pkg.file, { reviewer: 'R. Reviewer', decision: 'rejected', out: path.join(dir, 'rejected.signoff.json') }, reviewerSecrets);
    const before = await storeCounts(origin);
    const flipped = path.join(dir, 'flipped.signoff.json');
    fs.writeFileSync(flipped, fs.readFileSync(file, 'utf8').replace('"rejected"', '"approved"'));
    await expect(importSignoff(origin.engine, flipped)).rejects.toThrow(/altered after it was signed/);
    const truncated = path.join(dir, 'truncated.signoff.json');
    fs.writeFileSync(truncated, fs.readFileSync(file, 'utf8').slice(0, 200));
    await expect(importSignoff(origin.engine, truncated)).rejects.toThrow(/truncated or is not a sign-off/);
    const { sha256: _drop, signature: _sig, ...body } = readSignoff(file);
    // Edited with its hash recomputed, but not signed again: the reviewer's signature no longer holds.
    const rehashed = path.join(dir, 'rehashed.signoff.json');
    const approved = { ...body, decision: 'approved' as const };
    fs.writeFileSync(rehashed, JSON.stringify({ ...approved, sha256: signoffHash(approved), signature: _sig }));
    await expect(importSignoff(origin.engine, rehashed)).rejects.toThrow(/not signed by the reviewer key it names/);
    // Signed by the reviewer, for a package this install never exported.
    const unknown = writeSignoff(path.join(dir, 'unknown.signoff.json'), { ...body, package_id: crypto.randomUUID() }, (await reviewerKey(reviewerSecrets)).privateKey);
    await expect(importSignoff(origin.engine, unknown)).rejects.toThrow(/no record of package/);
    expect(await storeCounts(origin)).toEqual(before);
  });

  it('refuses a sign-off forged from the package\'s public fields, and any key the office did not register, before anything changes', async () => {
    const before = await storeCounts(origin);
    const { sha256: _drop, signature: _sig, ...genuine } = readSignoff((await signOffPackage(pkg.file, { reviewer: 'R. Reviewer', decision: 'approved', out: path.join(dir, 'genuine.signoff.json') }, reviewerSecrets)).file);
    // Built from what the package shows (ids, manifest sha256, subject), hashed, with no signature: the attack that used to be accepted.
    const unsigned = path.join(dir, 'unsigned.signoff.json');
    fs.writeFileSync(unsigned, JSON.stringify({ ...genuine, sha256: signoffHash(genuine) }));
    await expect(importSignoff(origin.engine, unsigned)).rejects.toThrow(/not signed by the reviewer key it names/);
    // The same fields signed under a key the forger made: a valid signature, but not a registered reviewer.
    const forger = privateKeyFromSeed(crypto.randomBytes(32));
    const forged = writeSignoff(path.join(dir, 'forged-key.signoff.json'), { ...genuine, reviewer: 'R. Reviewer', reviewer_key: publicKeyText(forger) }, forger);
    await expect(importSignoff(origin.engine, forged)).rejects.toThrow(/signed by reviewer key .* which is not registered here/);
    // The refusal tells the office how a genuine reviewer gets registered.
    await expect(importSignoff(origin.engine, forged)).rejects.toThrow(
      `The sign-off is signed by reviewer key ${keyFingerprint(publicKeyText(forger))}, which is not registered here (it says it is from "R. Reviewer"). ` +
        'Sign-offs are accepted only from reviewers whose key this office registered: if this is one, get the key from the reviewer (`pacs-mcp qa reviewer-key` on their workstation), check its fingerprint with them, register it (`pacs-mcp qa reviewers add`) and import again. Nothing was imported.',
    );
    // A registered key that was removed since.
    const former = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
    const formerKey = await reviewerKey(former);
    await addReviewerKey(origin.engine, { name: 'Former Reviewer', publicKey: formerKey.publicKey }, actorFor('cli'));
    await removeReviewerKey(origin.engine, formerKey.fingerprint, actorFor('cli'));
    const { file: byFormer } = await signOffPackage(pkg.file, { reviewer: 'Former Reviewer', decision: 'approved', out: path.join(dir, 'former.signoff.json') }, former);
    await expect(importSignoff(origin.engine, byFormer)).rejects.toThrow(/not registered here/);
    expect(await storeCounts(origin)).toEqual(before);
    const audit = await origin.engine.audit.recent(10);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['qa.reviewer_key.add', 'qa.reviewer_key.remove']));
  });

  it('refuses to package a snapshot whose stored rows were tampered with', async () => {
    const victim = (await exportSnapshot(origin.engine, { name: 'victim', content: 'parcel_timeline', maskingPolicy: 'qa', selection: { prop_ids: [10002, 10003] } })).snapshot;
    await origin.engine.store.exec('DROP TRIGGER snapshot_rows_no_update');
    try {
      await origin.engine.store.run("UPDATE snapshot_rows SET row_json = replace(row_json, ',0,', ',1,') WHERE snapshot_id = ?", [victim.snapshot_id]);
      expect((await verifyStoredSnapshot(origin.engine.store, victim)).ok).toBe(false);
      await expect(exportQaPackage(origin.engine, { baseSnapshotId: victim.snapshot_id, targetSnapshotId: base.snapshot_id, out: path.join(dir, 'victim.pacsqa') })).rejects.toThrow(/altered in the app store|different shapes/);
      const twin = (await exportSnapshot(origin.engine, { name: 'victim twin', content: 'parcel_timeline', maskingPolicy: 'qa', selection: { prop_ids: [10002, 10003] } })).snapshot;
      await expect(exportQaPackage(origin.engine, { baseSnapshotId: victim.snapshot_id, targetSnapshotId: twin.snapshot_id, out: path.join(dir, 'victim.pacsqa') })).rejects.toThrow(/altered in the app store/);
      await expect(exportQaPackage(origin.engine, { baseSnapshotId: twin.snapshot_id, targetSnapshotId: twin.snapshot_id, out: path.join(dir, 'victim.pacsqa') })).rejects.toThrow(/same snapshot/);
      expect(fs.existsSync(path.join(dir, 'victim.pacsqa'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'victim.pacsqa.partial'))).toBe(false);
    } finally {
      await origin.engine.store.exec("CREATE TRIGGER snapshot_rows_no_update BEFORE UPDATE ON snapshot_rows BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: take a new snapshot instead'); END;");
    }
  });

  it('refuses to package a snapshot one of whose stored row hashes no longer matches its row', async () => {
    const victim = (await exportSnapshot(origin.engine, { name: 'hash victim', content: 'parcel_timeline', maskingPolicy: 'qa', selection: { prop_ids: [10002, 10003] } })).snapshot;
    expect((await verifyStoredSnapshot(origin.engine.store, victim)).ok).toBe(true);
    await origin.engine.store.exec('DROP TRIGGER snapshot_rows_no_update');
    try {
      // Only the hash of one row changes: its text, and so the snapshot's sha256, stay as they were.
      await origin.engine.store.run(
        'UPDATE snapshot_rows SET row_hash = zeroblob(16) WHERE snapshot_id = ? AND (prop_id, year) = (SELECT prop_id, year FROM snapshot_rows WHERE snapshot_id = ? ORDER BY prop_id DESC, year DESC LIMIT 1)',
        [victim.snapshot_id, victim.snapshot_id],
      );
      const check = await verifyStoredSnapshot(origin.engine.store, victim);
      expect(check).toMatchObject({ ok: false, sha256: victim.sha256, row_count: victim.row_count });
      const twin = (await exportSnapshot(origin.engine, { name: 'hash victim twin', content: 'parcel_timeline', maskingPolicy: 'qa', selection: { prop_ids: [10002, 10003] } })).snapshot;
      await expect(exportQaPackage(origin.engine, { baseSnapshotId: victim.snapshot_id, targetSnapshotId: twin.snapshot_id, out: path.join(dir, 'hash-victim.pacsqa') })).rejects.toThrow(/altered in the app store/);
      expect(fs.existsSync(path.join(dir, 'hash-victim.pacsqa'))).toBe(false);
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
    await writer.finish({ created_at: new Date().toISOString(), created_by: 'test', subject: { kind: 'import_batch', batch_id: 'batch-42', review_sha256: 'a'.repeat(64) } }, { mac: keys.key('qa-package'), signing: keys.packageSigningKey() });
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
