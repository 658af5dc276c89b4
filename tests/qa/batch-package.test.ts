import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../mcp/imports/actor.js';
import { exportBatchPackage } from '../../mcp/qa/export-batch-package.js';
import { importSignoff } from '../../mcp/qa/import-signoff.js';
import { openQaPackage } from '../../mcp/qa/open-package.js';
import { PackageError } from '../../mcp/qa/package-format.js';
import { reviewerKey } from '../../mcp/qa/reviewer-key.js';
import { addReviewerKey } from '../../mcp/qa/reviewer-registry.js';
import { signOffPackage, signoffHash } from '../../mcp/qa/signoff.js';
import { createSecretStore, type SecretStore } from '../../mcp/credentials/credentials.js';
import { canonicalJson } from '../../mcp/util/canonical-json.js';
import { osUser } from '../../mcp/util/os-user.js';
import { keyFingerprint, signText } from '../../mcp/util/ed25519.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';

const cli = actorFor('cli');
let t: ImportTestEngine;
let foreign: ImportTestEngine;
let out: string;
/** The reviewer workstation's keychain; its key is registered at the origin as "Pat QA". */
let reviewer: SecretStore;

const lines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
const writeLines = (file: string, content: string[]) => fs.writeFileSync(file, zlib.gzipSync(`${content.join('\n')}\n`));

beforeAll(async () => {
  t = await openImportEngine(300);
  foreign = await openImportEngine(50);
  out = path.join(t.dir, 'packages');
  fs.mkdirSync(out);
  reviewer = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
  await addReviewerKey(t.engine, { name: 'Pat QA', publicKey: (await reviewerKey(reviewer)).publicKey }, cli);
});
afterAll(async () => {
  await t?.close();
  await foreign?.close();
});

async function freeOwners(n: number, offset: number) {
  return t.demo<{ prop_id: number; owner_id: number }>(
    `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
        AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY o.prop_id, o.owner_id LIMIT ${n} OFFSET ${offset}`,
  );
}

/** A validated batch: `n` valid EX rows with distinctive applicant names, and one row on an unknown parcel. */
async function validatedBatch(name: string, offset: number, n = 3) {
  const owners = await freeOwners(n, offset);
  const rows = [...owners.map((o, i) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX', name: `ZELDA QUIMBY ${name} ${i}`, income: 54321 })), exemptionRow({ prop: 99_999, owner: 1, code: 'EX', name: 'ORVILLE PRIVATE' })];
  const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: `${name}.csv` }, cli);
  const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id }, cli);
  expect(batch).toMatchObject({ status: 'validated', staged_count: n + 1, error_row_count: 1 });
  return batch;
}

const batchStatus = async (batchId: string) => (await t.store<{ status: string; signoff_reviewer: string | null; signoff_sha256: string | null }>('SELECT status, signoff_reviewer, signoff_sha256 FROM import_batches WHERE batch_id = ?', [batchId]))[0];
const signoffCount = async () => (await t.store<{ n: number }>('SELECT count(*) AS n FROM qa_signoffs'))[0].n;

describe('offline QA package for an import batch', () => {
  it('round trip: validated batch → package → offline open → sign-off → import-signoff → qa_signed → push', async () => {
    const batch = await validatedBatch('roundtrip', 0);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    expect(pkg.review_sha256).toBe(batch.content_sha256);
    expect(pkg.manifest.subject).toEqual({ kind: 'import_batch', batch_id: batch.batch_id, review_sha256: batch.content_sha256 });
    expect(pkg.manifest.sections.map((s) => [s.type, s.lines])).toEqual([['batch', 4], ['batch_validations', pkg.errors]]);
    expect(pkg.errors).toBeGreaterThan(0);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'validated' });

    const html = path.join(t.dir, 'review.html');
    const review = await openQaPackage(pkg.file, { htmlReport: html });
    expect(review.mac_verified).toBeNull();
    expect(review.batch).toMatchObject({ review_sha256: batch.content_sha256, rows: 4, masking_policy: 'qa', summary: { batch_id: batch.batch_id, status: 'validated', staged_count: 4, valid_count: 3 } });
    expect(review.batch!.errors.total).toBe(pkg.errors);
    const err = review.batch!.errors.first.find((e) => e.line === 5)!;
    expect(err).toMatchObject({ line: 5, code: expect.any(String), message: expect.any(String) });
    expect(err.column).not.toBeUndefined();
    expect(review.other_sections).toEqual([]);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain(batch.batch_id);
    expect(page).toContain(err.code);

    // Masking: names and income are pseudonyms; codes and ids stay readable.
    const row = review.batch!.first_rows[0];
    expect(row.values.applicant_nm).toMatch(/^NAME-[A-Z2-9]{10}$/);
    expect(row.values.combined_disp_income).toMatch(/^INCOME-/);
    expect(row.values).toMatchObject({ exmpt_type_cd: 'EX', action: 'ADD', exmpt_tax_yr: 2026 });
    const raw = zlib.gunzipSync(fs.readFileSync(pkg.file)).toString('utf8');
    expect(raw).not.toMatch(/ZELDA|QUIMBY|ORVILLE|54321/);

    const { file: signoffFile, signoff } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', comment: 'looks right' }, reviewer);
    expect(signoff.reviewed.batch).toMatchObject({ batch_id: batch.batch_id, review_sha256: batch.content_sha256, errors: pkg.errors });
    const imported = await importSignoff(t.engine, signoffFile, cli);
    expect(imported).toMatchObject({ recorded: true, batch: { status: 'qa_signed', signoff: { reviewer: 'Pat QA', sha256: batch.content_sha256 } } });
    const history = await t.store<{ action: string; to_status: string; detail_json: string }>(
      'SELECT e.action, e.to_status, e.detail_json FROM import_batch_events e JOIN import_batches b ON b.batch_key = e.batch_key WHERE b.batch_id = ? ORDER BY e.rowid',
      [batch.batch_id],
    );
    expect(history.map((h) => h.action)).toEqual(['staged', 'validated', 'qa_package_exported', 'qa_signed']);
    expect(JSON.parse(history[3].detail_json)).toMatchObject({ reviewer: 'Pat QA', review_sha256: batch.content_sha256 });
    // Importing the same sign-off again changes nothing.
    expect(await importSignoff(t.engine, signoffFile, cli)).toMatchObject({ recorded: false, batch: { status: 'qa_signed' } });

    const pushed = await t.engine.imports.push({ batchId: batch.batch_id }, cli);
    expect(pushed.pushedRows).toBe(3);
    expect((await batchStatus(batch.batch_id)).status).toBe('pushed_to_training');
  });

  it('refuses a batch that is not validated, and a sign-off for a batch validated again since the export', async () => {
    const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, [exemptionRow({ prop: 99_998, owner: 1, code: 'EX' })]), file_name: 'staged.csv' }, cli);
    await expect(exportBatchPackage(t.engine, { batchId: staged.batch_id, out }, cli)).rejects.toThrow(/is staged; a QA package holds a validated batch/);

    const batch = await validatedBatch('changed', 10);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved' }, reviewer);
    // The source changes under the batch: one of its parcels gets an exemption, so validating again finds a duplicate.
    const owners = await freeOwners(1, 10);
    const { SqliteDb } = await import('../../mcp/store/sqlite-db.js');
    const db = await SqliteDb.open(t.demoFile, {});
    try {
      const o = owners[0];
      await db.run(
        `INSERT INTO property_exemption (exmpt_tax_yr, owner_tax_yr, sup_num, prop_id, owner_id, exmpt_type_cd, prop_type_cd)
         SELECT psa.owner_tax_yr, psa.owner_tax_yr, psa.sup_num, psa.prop_id, ?, 'EX', 'R' FROM prop_supp_assoc psa WHERE psa.prop_id = ? AND psa.owner_tax_yr = 2026`,
        [o.owner_id, o.prop_id],
      );
    } finally {
      await db.close();
    }
    const again = await t.engine.imports.validate({ batchId: batch.batch_id }, cli);
    expect(again.batch.content_sha256).not.toBe(batch.content_sha256);
    const before = await signoffCount();
    await expect(importSignoff(t.engine, file, cli)).rejects.toThrow(/changed or was validated again since the package was exported/);
    expect(await signoffCount()).toBe(before);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'validated', signoff_sha256: null });
    // Signed in the app, then exported: refused too (only a validated batch goes out for review).
    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'In App', reviewedSha256: again.batch.content_sha256! }, cli);
    await expect(exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli)).rejects.toThrow(/is qa_signed/);
  });

  it('refuses tampered, truncated and foreign packages and edited sign-offs; nothing is recorded', async () => {
    const batch = await validatedBatch('tamper', 20);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const content = lines(pkg.file);

    const tampered = path.join(t.dir, 'tampered.pacsqa');
    const i = content.findIndex((l) => l.includes('"exmpt_type_cd":"EX"'));
    writeLines(tampered, content.map((l, n) => (n === i ? l.replace('"EX"', '"DOR"') : l)));
    await expect(openQaPackage(tampered)).rejects.toThrow(/damaged or was altered/);
    await expect(signOffPackage(tampered, { reviewer: 'x', decision: 'approved' }, reviewer)).rejects.toBeInstanceOf(PackageError);

    const truncated = path.join(t.dir, 'truncated.pacsqa');
    writeLines(truncated, content.slice(0, -1));
    await expect(openQaPackage(truncated)).rejects.toThrow(/truncated/);
    const cut = path.join(t.dir, 'cut.pacsqa');
    const bytes = fs.readFileSync(pkg.file);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(signOffPackage(cut, { reviewer: 'x', decision: 'approved' }, reviewer)).rejects.toThrow(/truncated/);

    // A sign-off whose subject was edited (its hash recomputed) no longer carries the reviewer's signature…
    const { file, signoff } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved' }, reviewer);
    const { sha256: _drop, signature, ...body } = signoff;
    const forgedBody = { ...body, subject: { ...body.subject, review_sha256: 'b'.repeat(64) } };
    const forged = path.join(t.dir, 'forged.signoff.json');
    fs.writeFileSync(forged, JSON.stringify({ ...forgedBody, sha256: signoffHash(forgedBody), signature }));
    const before = await signoffCount();
    await expect(importSignoff(t.engine, forged, cli)).rejects.toThrow(/not signed by the reviewer key it names/);
    // …and signed by the reviewer it still describes another subject than the package recorded.
    fs.writeFileSync(forged, JSON.stringify({ ...forgedBody, sha256: signoffHash(forgedBody), signature: signText((await reviewerKey(reviewer)).privateKey, canonicalJson(forgedBody)) }));
    await expect(importSignoff(t.engine, forged, cli)).rejects.toThrow(/different subject/);
    // An edited sign-off without a recomputed hash.
    const edited = path.join(t.dir, 'edited.signoff.json');
    fs.writeFileSync(edited, JSON.stringify({ ...signoff, reviewer: 'Someone Else' }));
    await expect(importSignoff(t.engine, edited, cli)).rejects.toThrow(/altered after it was signed/);
    fs.writeFileSync(edited, fs.readFileSync(file, 'utf8').slice(0, 200));
    await expect(importSignoff(t.engine, edited, cli)).rejects.toThrow(/truncated/);
    // Another install's store refuses it.
    await expect(importSignoff(foreign.engine, file, cli)).rejects.toThrow(/another PACS MCP install/);
    expect(await signoffCount()).toBe(before);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'validated', signoff_sha256: null });

    // A rejection is recorded and leaves the batch validated.
    const rejected = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'rejected', comment: 'wrong year', out: path.join(t.dir, 'rejected.signoff.json') }, reviewer);
    expect(await importSignoff(t.engine, rejected.file, cli)).toMatchObject({ recorded: true, batch: { status: 'validated' } });
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'validated' });
  });

  it('refuses a sign-off built from the package\'s public fields: the batch stays validated, cannot be pushed, and nothing is recorded', async () => {
    const batch = await validatedBatch('forged-signoff', 30);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const review = await openQaPackage(pkg.file);
    const body = {
      format: 'pacs-mcp-qa-signoff' as const,
      version: 2,
      package_id: review.manifest.package_id,
      manifest_sha256: review.manifest_sha256,
      origin_install_id: review.manifest.origin_install_id,
      origin_key_fingerprint: review.origin_key_fingerprint,
      origin_confirmed: true,
      subject: review.manifest.subject,
      decision: 'approved' as const,
      reviewer: 'Pat QA',
      comment: '',
      signed_at: new Date().toISOString(),
      reviewer_os_user: 'pat',
      reviewer_host: 'qa-laptop',
      reviewer_key: (await reviewerKey(reviewer)).publicKey,
      reviewed: { diff: null, findings: 0 },
    };
    const forged = path.join(t.dir, 'public-fields.signoff.json');
    fs.writeFileSync(forged, JSON.stringify({ ...body, sha256: signoffHash(body), signature: 'A'.repeat(86) }));
    const before = await signoffCount();
    await expect(importSignoff(t.engine, forged, cli)).rejects.toThrow(/not signed by the reviewer key it names/);
    expect(await signoffCount()).toBe(before);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'validated', signoff_sha256: null });
    await expect(t.engine.imports.push({ batchId: batch.batch_id }, cli)).rejects.toThrow(/qa_signed|sign/i);
  });

  it('moves the batch to qa_signed and records the sign-off in one transaction: when the record cannot be written, the batch stays validated', async () => {
    const batch = await validatedBatch('one-transaction', 40);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', out: path.join(t.dir, 'one-tx.signoff.json') }, reviewer);
    await t.engine.store.exec("CREATE TRIGGER qa_signoffs_fail BEFORE INSERT ON qa_signoffs BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;");
    try {
      await expect(importSignoff(t.engine, file, cli)).rejects.toThrow(/the disk is full/);
      expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'validated', signoff_sha256: null });
    } finally {
      await t.engine.store.exec('DROP TRIGGER qa_signoffs_fail');
    }
    expect(await importSignoff(t.engine, file, cli)).toMatchObject({ recorded: true, reviewer: { name: 'Pat QA' }, batch: { status: 'qa_signed' } });
  });

  it('refuses an approved sign-off for a batch rejected since the export; nothing is recorded', async () => {
    const batch = await validatedBatch('rejected-since', 60);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', out: path.join(t.dir, 'rejected-since.signoff.json') }, reviewer);
    await t.engine.imports.reject({ batchId: batch.batch_id, reason: 'duplicate upload' }, cli);
    const before = await signoffCount();
    await expect(importSignoff(t.engine, file, cli)).rejects.toThrow(
      new RegExp(`^Batch ${batch.batch_id} is rejected now, not the validated batch that was packaged; the sign-off cannot apply to it\\. Nothing was imported\\.$`),
    );
    expect(await signoffCount()).toBe(before);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'rejected', signoff_sha256: null });
  });

  it('refuses an approved sign-off for a batch signed in the app since over other content; that sign-off stands', async () => {
    const batch = await validatedBatch('resigned', 70);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', out: path.join(t.dir, 'resigned.signoff.json') }, reviewer);
    // One of the batch's parcels gets an exemption in the source, so validating again finds a duplicate.
    const [o] = await freeOwners(1, 70);
    const db = await SqliteDb.open(t.demoFile, {});
    try {
      await db.run(
        `INSERT INTO property_exemption (exmpt_tax_yr, owner_tax_yr, sup_num, prop_id, owner_id, exmpt_type_cd, prop_type_cd)
         SELECT psa.owner_tax_yr, psa.owner_tax_yr, psa.sup_num, psa.prop_id, ?, 'EX', 'R' FROM prop_supp_assoc psa WHERE psa.prop_id = ? AND psa.owner_tax_yr = 2026`,
        [o.owner_id, o.prop_id],
      );
    } finally {
      await db.close();
    }
    const again = await t.engine.imports.validate({ batchId: batch.batch_id }, cli);
    expect(again.batch.content_sha256).not.toBe(batch.content_sha256);
    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'In App', reviewedSha256: again.batch.content_sha256! }, cli);
    const before = await signoffCount();
    await expect(importSignoff(t.engine, file, cli)).rejects.toThrow(new RegExp(`^Batch ${batch.batch_id} is qa_signed now, not the validated batch that was packaged`));
    expect(await signoffCount()).toBe(before);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'qa_signed', signoff_reviewer: 'In App', signoff_sha256: again.batch.content_sha256 });
  });

  it('refuses an approved sign-off arriving after the batch was signed in the app and pushed to training', async () => {
    const batch = await validatedBatch('pushed-since', 110);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', out: path.join(t.dir, 'pushed-since.signoff.json') }, reviewer);
    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'In App', reviewedSha256: batch.content_sha256! }, cli);
    await t.engine.imports.push({ batchId: batch.batch_id }, cli);
    const before = await signoffCount();
    await expect(importSignoff(t.engine, file, cli)).rejects.toThrow(new RegExp(`^Batch ${batch.batch_id} is pushed_to_training now, not the validated batch that was packaged`));
    expect(await signoffCount()).toBe(before);
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'pushed_to_training', signoff_reviewer: 'In App' });
  });

  it('records an approved sign-off for a batch already signed in the app over the same content, and leaves that sign-off as it is', async () => {
    const batch = await validatedBatch('same-content', 80);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', out: path.join(t.dir, 'same-content.signoff.json') }, reviewer);
    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'In App', reviewedSha256: batch.content_sha256! }, cli);
    expect(await importSignoff(t.engine, file, cli)).toMatchObject({ recorded: true, batch: { status: 'qa_signed', signoff: { reviewer: 'In App' } } });
    expect(await batchStatus(batch.batch_id)).toMatchObject({ status: 'qa_signed', signoff_reviewer: 'In App', signoff_sha256: batch.content_sha256 });
  });

  it('signs the batch in the registered reviewer\'s name, noting the package, the time, the key, the workstation, the name typed and the comment', async () => {
    const batch = await validatedBatch('noted', 90);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file, signoff } = await signOffPackage(pkg.file, { reviewer: 'P. Quinn', decision: 'approved', comment: 'checked against the deeds', out: path.join(t.dir, 'noted.signoff.json') }, reviewer);
    // Imported from the command line by default.
    await importSignoff(t.engine, file);
    const fingerprint = keyFingerprint((await reviewerKey(reviewer)).publicKey);
    const [row] = await t.store<{ signoff_reviewer: string; signoff_by: string; signoff_note: string }>('SELECT signoff_reviewer, signoff_by, signoff_note FROM import_batches WHERE batch_id = ?', [batch.batch_id]);
    expect(row).toEqual({
      signoff_reviewer: 'Pat QA',
      signoff_by: `${osUser()} (cli)`,
      signoff_note: `Offline QA package ${pkg.package_id}, signed ${signoff.signed_at} by Pat QA (signed as "P. Quinn") with reviewer key ${fingerprint}, on ${osUser()}@${os.hostname()}: checked against the deeds`,
    });
  });

  it('notes no typed name when it is the registered one, and no comment when there is none', async () => {
    const batch = await validatedBatch('plain-note', 100);
    const pkg = await exportBatchPackage(t.engine, { batchId: batch.batch_id, out }, cli);
    const { file, signoff } = await signOffPackage(pkg.file, { reviewer: 'Pat QA', decision: 'approved', out: path.join(t.dir, 'plain-note.signoff.json') }, reviewer);
    await importSignoff(t.engine, file, cli);
    const fingerprint = keyFingerprint((await reviewerKey(reviewer)).publicKey);
    const [row] = await t.store<{ signoff_note: string }>('SELECT signoff_note FROM import_batches WHERE batch_id = ?', [batch.batch_id]);
    expect(row.signoff_note).toBe(`Offline QA package ${pkg.package_id}, signed ${signoff.signed_at} by Pat QA with reviewer key ${fingerprint}, on ${osUser()}@${os.hostname()}`);
  });

  it('a sign-off made here records the OS user beside the name typed', async () => {
    const batch = await validatedBatch('local-signoff', 50);
    const signed = await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'Typed Name', reviewedSha256: batch.content_sha256! }, actorFor('ui', 'pacs-mcp-desktop'));
    expect(signed).toMatchObject({ status: 'qa_signed', signoff_reviewer: 'Typed Name', signoff_by: `${osUser()} (ui: pacs-mcp-desktop)` });
    const [event] = await t.store<{ detail_json: string }>("SELECT e.detail_json FROM import_batch_events e JOIN import_batches b ON b.batch_key = e.batch_key WHERE b.batch_id = ? AND e.action = 'qa_signed'", [batch.batch_id]);
    expect(JSON.parse(event.detail_json)).toMatchObject({ reviewer: 'Typed Name', os_user: osUser() });
  });
});
