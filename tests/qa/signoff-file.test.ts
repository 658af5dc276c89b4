import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, type SecretStore } from '../../mcp/credentials/credentials.js';
import { loadInstallKeys } from '../../mcp/install/install-keys.js';
import { PackageFileWriter } from '../../mcp/qa/package-file-writer.js';
import { PackageError, type SectionType } from '../../mcp/qa/package-format.js';
import { reviewerKey } from '../../mcp/qa/reviewer-key.js';
import { readSignoff, signOffPackage, signoffHash, signoffKeyFingerprint, type Signoff } from '../../mcp/qa/signoff.js';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { canonicalJson } from '../../mcp/util/canonical-json.js';
import { keyFingerprint, privateKeyFromSeed, publicKeyText, signText } from '../../mcp/util/ed25519.js';
import { osUser } from '../../mcp/util/os-user.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * The sign-off file on its own, without an engine: what the reviewer's workstation writes (who,
 * when, which decision, about what) and what readSignoff refuses before the origin looks at it.
 */

let home: { dir: string; cleanup: () => void };
let reviewer: SecretStore;

beforeEach(() => {
  home = makeTempHome('pacs-signoff-file-');
  reviewer = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
});
afterEach(() => home.cleanup());

/** A small signed package for an import batch, written as an origin install would (`name` inside the temp dir). */
async function batchPackage(name: string): Promise<{ file: string; packageId: string }> {
  const store = await SqliteDb.open(path.join(home.dir, 'origin.sqlite'));
  try {
    await migrate(store);
    const keys = await loadInstallKeys(store, createSecretStore({ PACS_MCP_SECRETS: 'memory' }));
    const file = path.join(home.dir, name);
    const packageId = crypto.randomUUID();
    const writer = await PackageFileWriter.open(file, packageId, keys.installId);
    await writer.beginSection('appraisal_notes' as SectionType, 'batch-7', { batch_id: 'batch-7' });
    await writer.bodyLine(JSON.stringify({ line: 2, prop_id: 10002, exmpt_type_cd: 'EX', action: 'ADD' }));
    writer.endSection({ staged_count: 1 });
    await writer.finish({ created_at: new Date().toISOString(), created_by: 'origin', subject: { kind: 'import_batch', batch_id: 'batch-7', review_sha256: 'c'.repeat(64) } }, { mac: keys.key('qa-package'), signing: keys.packageSigningKey() });
    return { file, packageId };
  } finally {
    await store.close();
  }
}

type Body = Omit<Signoff, 'sha256' | 'signature'>;

/** A sign-off body as a reviewer workstation holding `privateKey` writes it. */
function body(privateKey: crypto.KeyObject, fields: Partial<Body> = {}): Body {
  return {
    format: 'pacs-mcp-qa-signoff',
    version: 2,
    package_id: crypto.randomUUID(),
    manifest_sha256: 'd'.repeat(64),
    origin_install_id: 'install-1',
    origin_key_fingerprint: 'SHA256:origin',
    origin_confirmed: true,
    subject: { kind: 'import_batch', batch_id: 'batch-7', review_sha256: 'c'.repeat(64) },
    decision: 'approved',
    reviewer: 'Pat QA',
    comment: '',
    signed_at: new Date().toISOString(),
    reviewer_os_user: 'pat',
    reviewer_host: 'qa-laptop',
    reviewer_key: publicKeyText(privateKey),
    reviewed: { diff: null, findings: 0 },
    ...fields,
  };
}

/** Writes `content` (an object as JSON, or text as is) to a file in the temp dir. */
function writeFile(name: string, content: unknown): string {
  const file = path.join(home.dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const signed = (b: Body, privateKey: crypto.KeyObject) => ({ ...b, sha256: signoffHash(b), signature: signText(privateKey, canonicalJson(b)) });
const key = () => privateKeyFromSeed(crypto.randomBytes(32));

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(PackageError);
    return (err as Error).message;
  }
  throw new Error('the sign-off was accepted');
}

describe('signing off a package', () => {
  it('refuses a decision other than approved or rejected, before it reads the package', async () => {
    const missing = path.join(home.dir, 'never-read.pacsqa');
    const failure = await signOffPackage(missing, { reviewer: 'Pat QA', decision: 'maybe' as 'approved' }, reviewer).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(PackageError);
    expect((failure as Error).message).toBe('The decision must be one of approved, rejected.');
  });

  it('refuses a sign-off without a reviewer name, blank or missing', async () => {
    const { file } = await batchPackage('unnamed.pacsqa');
    for (const name of ['   ', '', undefined]) {
      const failure = await signOffPackage(file, { reviewer: name as string, decision: 'approved' }, reviewer).catch((e: Error) => e);
      expect(failure, JSON.stringify(name)).toBeInstanceOf(PackageError);
      expect((failure as Error).message).toBe('Name the reviewer who signs off.');
    }
    expect(fs.readdirSync(home.dir).filter((f) => f.includes('signoff'))).toEqual([]);
  });

  it('records who signed, where, when and what they decided, trimmed, in an owner-only file beside the package', async () => {
    const { file, packageId } = await batchPackage('march-roll.pacsqa');
    const before = Date.now();
    const { signoff, file: written } = await signOffPackage(file, { reviewer: '  Pat QA  ', decision: 'rejected', comment: '  wrong tax year  ' }, reviewer);
    expect(written).toBe(path.join(home.dir, 'march-roll.signoff.json'));
    expect(signoff).toMatchObject({
      package_id: packageId,
      decision: 'rejected',
      reviewer: 'Pat QA',
      comment: 'wrong tax year',
      reviewer_os_user: osUser(),
      reviewer_host: os.hostname(),
      reviewer_key: (await reviewerKey(reviewer)).publicKey,
      subject: { kind: 'import_batch', batch_id: 'batch-7', review_sha256: 'c'.repeat(64) },
      reviewed: { diff: null, findings: 0 },
    });
    expect(Date.parse(signoff.signed_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(readSignoff(written)).toEqual(signoff);
    expect(fs.readdirSync(home.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    if (process.platform !== 'win32') expect(fs.statSync(written).mode & 0o777).toBe(0o600);
  });

  it('records an empty comment when none is given', async () => {
    const { file } = await batchPackage('no-comment.pacsqa');
    const { signoff } = await signOffPackage(file, { reviewer: 'Pat QA', decision: 'approved' }, reviewer);
    expect(signoff.comment).toBe('');
  });

  it('names the sign-off after the package, replacing only its ending .pacsqa (any case)', async () => {
    const { file } = await batchPackage('board.pacsqa-copy.PACSQA');
    const { file: written } = await signOffPackage(file, { reviewer: 'Pat QA', decision: 'approved' }, reviewer);
    expect(written).toBe(path.join(home.dir, 'board.pacsqa-copy.signoff.json'));
  });
});

describe('reading a sign-off file', () => {
  it('refuses a missing file, naming it', () => {
    const file = path.join(home.dir, 'missing.signoff.json');
    expect(refusal(() => readSignoff(file))).toBe(`There is no file ${file}.`);
  });

  it('refuses a file over 1 MiB, and reads one of exactly 1 MiB', () => {
    const k = key();
    const text = JSON.stringify(signed(body(k), k));
    const exact = writeFile('exact.signoff.json', text + ' '.repeat(1024 * 1024 - Buffer.byteLength(text)));
    expect(fs.statSync(exact).size).toBe(1024 * 1024);
    expect(readSignoff(exact).reviewer).toBe('Pat QA');
    const large = writeFile('large.signoff.json', `${text}${' '.repeat(1024 * 1024)}`);
    expect(refusal(() => readSignoff(large))).toBe(`${large} is too large to be a sign-off file.`);
  });

  it('refuses JSON that is not a sign-off', () => {
    for (const [name, content] of [['null.json', 'null'], ['other.json', { format: 'pacs-mcp-snapshot-diff/1' }], ['bare.json', {}]] as const) {
      const file = writeFile(name, content);
      expect(refusal(() => readSignoff(file)), name).toBe(`${file} is not a PACS MCP sign-off file.`);
    }
  });

  it('refuses an earlier format version as unsigned, and a version it does not know', () => {
    const k = key();
    const earlier = writeFile('v1.signoff.json', signed(body(k, { version: 1 }), k));
    expect(refusal(() => readSignoff(earlier))).toMatch(/^The sign-off is format version 1, from an earlier PACS MCP, and is not signed with a reviewer key\./);
    const newer = writeFile('v3.signoff.json', signed(body(k, { version: 3 }), k));
    expect(refusal(() => readSignoff(newer))).toBe('The sign-off is format version 3; this PACS MCP reads version 2.');
    const text = writeFile('text-version.signoff.json', signed(body(k, { version: '1' as unknown as number }), k));
    expect(refusal(() => readSignoff(text))).toBe('The sign-off is format version 1; this PACS MCP reads version 2.');
  });

  it('refuses a file whose recorded hash was edited, even though its signature still holds', () => {
    const k = key();
    const file = writeFile('hash-edited.signoff.json', { ...signed(body(k), k), sha256: 'e'.repeat(64) });
    expect(refusal(() => readSignoff(file))).toBe('The sign-off file was altered after it was signed (its hash does not match). Nothing was imported.');
  });

  it('refuses a reviewer key that is not a key', () => {
    const k = key();
    const file = writeFile('no-key.signoff.json', signed(body(k, { reviewer_key: 42 as unknown as string }), k));
    expect(refusal(() => readSignoff(file))).toBe('The sign-off is not signed by the reviewer key it names (it was forged or altered). Nothing was imported.');
  });

  it('refuses a signed sign-off whose decision is neither approved nor rejected', () => {
    const k = key();
    const file = writeFile('maybe.signoff.json', signed(body(k, { decision: 'maybe' as 'approved' }), k));
    expect(refusal(() => readSignoff(file))).toBe('The sign-off has an unknown decision "maybe".');
  });

  it('gives the fingerprint of the reviewer key that signed it', () => {
    const k = key();
    const file = writeFile('fingerprint.signoff.json', signed(body(k), k));
    expect(signoffKeyFingerprint(readSignoff(file))).toBe(keyFingerprint(publicKeyText(k)));
  });
});
