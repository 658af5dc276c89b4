import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { replaceFile } from '../util/file-in-use.js';
import { canonicalJson } from '../util/canonical-json.js';
import { PRIVATE_FILE_MODE } from '../util/private-files.js';
import type { AnchorState } from './audit-chain.js';
import { macMatches } from './audit-chain.js';
import { auditKeyId } from './audit-key.js';

/**
 * The audit log's anchor: a small file beside the app store naming the last row of the log
 * (its seq and hash) under a MAC of the audit key. Rows removed from the end of the log, even
 * with sqlite_sequence put back, no longer reach the row the anchor names; only someone
 * holding the key can write an anchor for a shorter log.
 */
const FORMAT = 'pacs-mcp-audit-anchor';

interface AnchorFile {
  format: typeof FORMAT;
  seq: number;
  hash: string;
  key_id: string;
  mac: string;
}

export function auditAnchorFile(dataDir: string): string {
  return path.join(dataDir, 'audit-anchor.json');
}

function anchorMac(key: Buffer, body: Omit<AnchorFile, 'mac'>): string {
  return crypto.createHmac('sha256', key).update(canonicalJson(body)).digest('hex');
}

/** The anchor as stored, checked against `key` when there is one; null when there is no anchor file. */
export function readAnchor(file: string, key: Buffer | null): AnchorState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let parsed: Partial<AnchorFile>;
  try {
    parsed = JSON.parse(text) as Partial<AnchorFile>;
  } catch {
    return { seq: 0, hash: '', key_id: '', authentic: false };
  }
  if (parsed?.format !== FORMAT || !Number.isInteger(parsed.seq) || typeof parsed.hash !== 'string' || typeof parsed.key_id !== 'string' || typeof parsed.mac !== 'string') {
    return { seq: 0, hash: '', key_id: '', authentic: false };
  }
  const { mac, ...body } = parsed as AnchorFile;
  const authentic = key ? macMatches(anchorMac(key, body), mac) : null;
  return { seq: body.seq, hash: body.hash, key_id: body.key_id, authentic };
}

/**
 * Replaces the anchor (written aside, then renamed over: a reader sees the old or the new one).
 * Called only under the app store's write lock, so one temporary name serves every process and
 * a writer killed half-way leaves nothing the next write does not replace.
 */
export async function writeAnchor(file: string, key: Buffer, head: { seq: number; hash: string }): Promise<void> {
  const body: Omit<AnchorFile, 'mac'> = { format: FORMAT, seq: head.seq, hash: head.hash, key_id: auditKeyId(key) };
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ ...body, mac: anchorMac(key, body) })}\n`, { mode: PRIVATE_FILE_MODE });
  try {
    // A synchronous rename: it is one quick system call, and a call's reply waits for it.
    await replaceFile(temp, file, { file, whatToClose: 'Close any program that has the data folder open (a backup or sync tool) and try again.', rename: async (from, to) => fs.renameSync(from, to) });
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
