import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditAnchorFile, readAnchor, writeAnchor } from '../../mcp/audit/audit-anchor.js';
import { auditKeyId } from '../../mcp/audit/audit-key.js';
import { FileInUseError } from '../../mcp/util/file-in-use.js';
import { newAuditKey } from '../helpers/audit-rows.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * The audit anchor file on its own, in a temporary folder: what the key holder writes reads back
 * as authentic, and any change to it, or a file that is not an anchor, reads as altered.
 */

const homes: { cleanup: () => void }[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  for (const home of homes.splice(0)) home.cleanup();
});

function anchorFile(): string {
  const home = makeTempHome('pacs-audit-anchor-');
  homes.push(home);
  return auditAnchorFile(home.dir);
}

const HEAD = { seq: 42, hash: 'ab'.repeat(32) };
const FORGED = { seq: 0, hash: '', key_id: '', authentic: false };

/** The anchor as written, with `change` made to its JSON (the MAC left as it was). */
async function writtenAndChanged(change: (json: Record<string, unknown>) => void) {
  const file = anchorFile();
  const key = newAuditKey();
  await writeAnchor(file, key, HEAD);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(json);
  fs.writeFileSync(file, JSON.stringify(json));
  return { file, key };
}

describe('the audit anchor file', () => {
  it('lives beside the store as audit-anchor.json', () => {
    expect(auditAnchorFile(path.join('data', 'dir'))).toBe(path.join('data', 'dir', 'audit-anchor.json'));
  });

  it('reads back as written, authentic under its key', async () => {
    const file = anchorFile();
    const key = newAuditKey();
    await writeAnchor(file, key, HEAD);
    expect(readAnchor(file, key)).toEqual({ seq: 42, hash: HEAD.hash, key_id: auditKeyId(key), authentic: true });
  });

  it('is one line of JSON naming its format, the row, the key and a MAC; no temporary file is left', async () => {
    const file = anchorFile();
    const key = newAuditKey();
    await writeAnchor(file, key, HEAD);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ format: 'pacs-mcp-audit-anchor', seq: 42, hash: HEAD.hash, key_id: auditKeyId(key), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['audit-anchor.json']);
  });

  it('is written owner-only', async () => {
    if (process.platform === 'win32') return;
    const file = anchorFile();
    await writeAnchor(file, newAuditKey(), HEAD);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is replaced by the next write', async () => {
    const file = anchorFile();
    const key = newAuditKey();
    await writeAnchor(file, key, HEAD);
    await writeAnchor(file, key, { seq: 43, hash: 'cd'.repeat(32) });
    expect(readAnchor(file, key)).toEqual({ seq: 43, hash: 'cd'.repeat(32), key_id: auditKeyId(key), authentic: true });
  });

  it('reads as not authentic under another key, and unchecked without a key', async () => {
    const file = anchorFile();
    const key = newAuditKey();
    await writeAnchor(file, key, HEAD);
    expect(readAnchor(file, newAuditKey())).toEqual({ seq: 42, hash: HEAD.hash, key_id: auditKeyId(key), authentic: false });
    expect(readAnchor(file, null)).toEqual({ seq: 42, hash: HEAD.hash, key_id: auditKeyId(key), authentic: null });
  });

  it('is null when there is no file', () => {
    expect(readAnchor(anchorFile(), newAuditKey())).toBeNull();
  });

  it('throws when the file cannot be read for another reason than its absence', () => {
    const file = anchorFile();
    fs.mkdirSync(file);
    expect(() => readAnchor(file, newAuditKey())).toThrow(/EISDIR/);
  });

  it.each([
    ['the row it names', (json: Record<string, unknown>) => (json.seq = 41), { seq: 41, hash: HEAD.hash }],
    ['the hash it names', (json: Record<string, unknown>) => (json.hash = 'cd'.repeat(32)), { seq: 42, hash: 'cd'.repeat(32) }],
    ['the key it names', (json: Record<string, unknown>) => (json.key_id = '0'.repeat(16)), { seq: 42, hash: HEAD.hash, key_id: '0'.repeat(16) }],
    ['its MAC', (json: Record<string, unknown>) => (json.mac = 'f'.repeat(64)), { seq: 42, hash: HEAD.hash }],
    ['an added field', (json: Record<string, unknown>) => (json.note = 'moved back'), { seq: 42, hash: HEAD.hash }],
  ])('reads as not authentic with %s changed', async (_what, change, expected) => {
    const { file, key } = await writtenAndChanged(change);
    expect(readAnchor(file, key)).toEqual({ key_id: auditKeyId(key), ...expected, authentic: false });
  });

  it.each([
    ['not JSON', 'not json {'],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['an empty object', '{}'],
  ])('reads a file that is %s as an altered anchor naming no row', (_what, text) => {
    const file = anchorFile();
    fs.writeFileSync(file, text);
    expect(readAnchor(file, newAuditKey())).toEqual(FORGED);
    expect(readAnchor(file, null)).toEqual(FORGED);
  });

  it.each([
    ['another format', (json: Record<string, unknown>) => (json.format = 'other-anchor')],
    ['no format', (json: Record<string, unknown>) => delete json.format],
    ['a seq that is not an integer', (json: Record<string, unknown>) => (json.seq = 41.5)],
    ['a seq written as text', (json: Record<string, unknown>) => (json.seq = '42')],
    ['a hash that is not text', (json: Record<string, unknown>) => (json.hash = 42)],
    ['no key id', (json: Record<string, unknown>) => delete json.key_id],
    ['a MAC that is not text', (json: Record<string, unknown>) => (json.mac = null)],
  ])('reads an anchor with %s as altered, naming no row', async (_what, change) => {
    const { file, key } = await writtenAndChanged(change);
    expect(readAnchor(file, key)).toEqual(FORGED);
    expect(readAnchor(file, null)).toEqual(FORGED);
  });

  it('on Windows, an anchor another program holds open is retried, then named with what to close', async () => {
    const file = anchorFile();
    const key = newAuditKey();
    await writeAnchor(file, key, HEAD);
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'win32' });
    // What Windows answers while a backup or sync tool has the file open.
    const rename = vi.spyOn(fs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    });
    vi.useFakeTimers();
    try {
      const writing = writeAnchor(file, key, { seq: 43, hash: 'cd'.repeat(32) });
      const failure = expect(writing).rejects.toThrow(FileInUseError);
      await vi.runAllTimersAsync();
      await failure;
      await expect(writing).rejects.toThrow(`${file} is open in another program (EBUSY), so it could not be replaced. Close any program that has the data folder open (a backup or sync tool) and try again.`);
      expect(rename.mock.calls.length).toBeGreaterThan(1);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    expect(readAnchor(file, key)).toMatchObject({ seq: 42, authentic: true });
  });

  it('when the new anchor cannot be put in place: the old one stays, the temporary file is removed, the error is thrown', async () => {
    const file = anchorFile();
    // A folder with something in it where the anchor goes: renaming a file over it fails.
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), 'x');
    await expect(writeAnchor(file, newAuditKey(), HEAD)).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    expect(fs.readdirSync(file)).toEqual(['inside']);
  });
});
