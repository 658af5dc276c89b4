import crypto from 'node:crypto';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type { DiffChange } from '../diff/diff-types.js';
import { SnapshotHasher } from '../snapshots/snapshot-hash.js';
import { canonicalRowLine, compareKeys, type RowKey } from '../snapshots/snapshot-key.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { keyFingerprint, namesKey } from '../util/ed25519.js';
import {
  manifestMac,
  manifestSha256,
  manifestSignatureHolds,
  PackageError,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  type Finding,
  type PackageHeader,
  type PackageManifest,
  type PackageTrailer,
  type SectionEntry,
  TRAILER_KEYS,
} from './package-format.js';

const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface PackageHandlers {
  onSnapshotBegin?(meta: SnapshotMeta, role: string): void | Promise<void>;
  onSnapshotRow?(meta: SnapshotMeta, key: RowKey, rowJson: string): void | Promise<void>;
  onDiffBegin?(begin: DiffSectionBegin): void | Promise<void>;
  onDiffChange?(change: DiffChange): void | Promise<void>;
  onFinding?(finding: Finding): void | Promise<void>;
  /** Every section's begin line (its fields beside `section` and `label`), after the specific handlers above. */
  onSectionBegin?(sectionType: string, begin: Record<string, unknown>): void | Promise<void>;
  /** Body lines of sections other than snapshot, diff and validations (import batches, and types from newer builds). */
  onOtherLine?(sectionType: string, json: unknown): void | Promise<void>;
}

export interface DiffSectionBegin {
  base_snapshot_id: string;
  target_snapshot_id: string;
  columns: string[];
  key_columns: string[];
  filters: Record<string, unknown>;
}

export interface OpenedPackage {
  file: string;
  header: PackageHeader;
  manifest: PackageManifest;
  manifest_sha256: string;
  /** true: checked against the origin's key; null: not checked (no key here, e.g. a reviewer's workstation). */
  mac_verified: boolean | null;
  /** The origin's package-signing public key; the manifest's signature under it was checked. */
  origin_key: string;
  /** Its fingerprint, which the office that sent the package can confirm. */
  origin_key_fingerprint: string;
  /** true when the key is the one the reader expected (ReadOptions.expectedOriginKey, or the origin's own). */
  origin_confirmed: boolean;
  snapshots: { role: string; meta: SnapshotMeta }[];
  sections: SectionEntry[];
}

export interface ReadOptions {
  handlers?: PackageHandlers;
  /** The origin's package key: when given, the manifest's MAC must match. */
  macKey?: Buffer;
  /** When given, a package from any other install is refused before anything else is read. */
  expectedInstallId?: string;
  /** The origin's public key or its fingerprint, as the office gave it: a package signed under any other key is refused. */
  expectedOriginKey?: string;
}

interface OpenSection {
  type: string;
  label: string;
  lines: number;
  hash: crypto.Hash;
  snapshot?: { meta: SnapshotMeta; hasher: SnapshotHasher; last?: RowKey };
}

const damaged = (where: string) => new PackageError(`The package is damaged or was altered (${where}). Nothing was imported; ask the sender for the package again.`);

/**
 * Reads and verifies a QA review package in one streaming pass, with no connection and no data
 * store: every line is hashed, snapshot rows are re-hashed against their snapshot's sha256 and
 * must be in key order, and the trailer's manifest must account for every section and byte.
 * Handlers see the content as it is verified; the caller must not keep anything unless this
 * function returns (it throws PackageError for anything altered, truncated or foreign).
 */
export async function readQaPackage(file: string, options: ReadOptions = {}): Promise<OpenedPackage> {
  if (!fs.existsSync(file)) throw new PackageError(`There is no file ${file}.`);
  const h = options.handlers ?? {};
  const body = crypto.createHash('sha256');
  let bodyBytes = 0;
  let lineNo = 0;
  let header: PackageHeader | undefined;
  let trailer: PackageTrailer | undefined;
  let section: OpenSection | undefined;
  const sections: Omit<SectionEntry, 'summary'>[] = [];
  const snapshots: { role: string; meta: SnapshotMeta }[] = [];

  const closeSection = () => {
    if (!section) return;
    if (section.snapshot) {
      const { sha256, row_count } = section.snapshot.hasher.digest();
      if (sha256 !== section.snapshot.meta.sha256 || row_count !== section.snapshot.meta.row_count) {
        throw damaged(`the rows of snapshot ${section.snapshot.meta.snapshot_id} do not match its sha256`);
      }
    }
    sections.push({ index: sections.length, type: section.type, label: section.label, lines: section.lines, sha256: section.hash.digest('hex') });
    section = undefined;
  };

  const onLine = async (line: string) => {
    lineNo++;
    if (trailer) throw damaged(`there is data after the manifest, at line ${lineNo}`);
    const withNewline = `${line}\n`;
    if (line.startsWith('{"manifest":')) {
      closeSection();
      trailer = parseJson(line, lineNo) as PackageTrailer;
      return;
    }
    body.update(withNewline);
    bodyBytes += Buffer.byteLength(withNewline);
    if (!header) {
      const parsed = parseJson(line, 1) as Partial<PackageHeader>;
      if (parsed?.format !== PACKAGE_FORMAT) throw new PackageError(`${file} is not a PACS MCP QA package.`);
      if (typeof parsed.version === 'number' && parsed.version < PACKAGE_VERSION) {
        throw new PackageError(`The package is format version ${parsed.version}, from an earlier PACS MCP, and carries no origin signature a reviewer can check. Ask the office to export it again.`);
      }
      if (parsed.version !== PACKAGE_VERSION) throw new PackageError(`The package is format version ${parsed.version}; this PACS MCP reads version ${PACKAGE_VERSION}. Update PACS MCP.`);
      header = parsed as PackageHeader;
      if (options.expectedInstallId && header.origin_install_id !== options.expectedInstallId) throw foreign(header.origin_install_id, options.expectedInstallId);
      return;
    }
    if (line.startsWith('{"section":')) {
      closeSection();
      const begin = parseJson(line, lineNo) as Record<string, unknown> & { section: string; label: string };
      section = { type: String(begin.section), label: String(begin.label), lines: 0, hash: crypto.createHash('sha256') };
      section.hash.update(withNewline);
      if (begin.section === 'snapshot') {
        const meta = begin.meta as SnapshotMeta;
        if (!meta || !Array.isArray(meta.columns) || !Array.isArray(meta.key_columns) || typeof meta.sha256 !== 'string') throw damaged(`line ${lineNo}: a snapshot without its description`);
        section.snapshot = { meta, hasher: new SnapshotHasher(meta.columns, meta.key_columns) };
        snapshots.push({ role: section.label, meta });
        await h.onSnapshotBegin?.(meta, section.label);
      } else if (begin.section === 'diff') {
        await h.onDiffBegin?.(begin as unknown as DiffSectionBegin);
      }
      await h.onSectionBegin?.(section.type, begin);
      return;
    }
    if (!section) throw damaged(`line ${lineNo} is outside any section`);
    section.lines++;
    section.hash.update(withNewline);
    if (section.snapshot) {
      const s = section.snapshot;
      const row = parseJson(line, lineNo);
      if (!Array.isArray(row) || row.length !== 4 || !Array.isArray(row[3]) || row[3].length !== s.meta.columns.length) throw damaged(`line ${lineNo} is not a row of snapshot ${s.meta.snapshot_id}`);
      const key: RowKey = { prop_id: row[0] as number, year: row[1] as number, key_extra: row[2] as string };
      const rowJson = JSON.stringify(row[3]);
      if (canonicalRowLine(key, rowJson) !== withNewline) throw damaged(`line ${lineNo} is not in canonical form`);
      if (s.last && compareKeys(s.last, key) >= 0) throw damaged(`the rows of snapshot ${s.meta.snapshot_id} are out of order at line ${lineNo}`);
      s.last = key;
      s.hasher.addLine(withNewline);
      await h.onSnapshotRow?.(s.meta, key, rowJson);
      return;
    }
    const value = parseJson(line, lineNo);
    if (section.type === 'diff') await h.onDiffChange?.(value as DiffChange);
    else if (section.type === 'validations') await h.onFinding?.(value as Finding);
    else await h.onOtherLine?.(section.type, value);
  };

  await readLines(file, onLine);
  if (!header) throw new PackageError(`${file} is empty or not a PACS MCP QA package.`);
  if (!trailer) throw new PackageError('The package is truncated: it ends before its manifest. Nothing was imported; ask the sender for the complete file.');
  const manifest = trailer.manifest;
  if (!manifest || manifest.format !== PACKAGE_FORMAT || typeof trailer.mac !== 'string' || Object.keys(trailer).sort().join() !== TRAILER_KEYS.join()) throw damaged('the manifest is malformed');
  if (manifest.package_id !== header.package_id || manifest.origin_install_id !== header.origin_install_id) throw damaged('the manifest does not belong to this package');
  if (manifest.body_bytes !== bodyBytes || manifest.body_sha256 !== body.digest('hex')) throw damaged('its content does not match the manifest');
  if (!Array.isArray(manifest.sections) || manifest.sections.length !== sections.length) throw damaged('its sections do not match the manifest');
  sections.forEach((s, i) => {
    const m = manifest.sections[i];
    if (m.type !== s.type || m.label !== s.label || m.lines !== s.lines || m.sha256 !== s.sha256) throw damaged(`section ${i + 1} (${s.type}) does not match the manifest`);
  });
  if (options.expectedInstallId && manifest.origin_install_id !== options.expectedInstallId) throw foreign(manifest.origin_install_id, options.expectedInstallId);
  // Anyone can recompute the hashes above; only the origin's private key makes this signature.
  if (!manifestSignatureHolds(manifest, trailer.signature)) throw damaged('its signature does not match its content');
  const fingerprint = keyFingerprint(manifest.origin_key);
  if (options.expectedOriginKey && !namesKey(options.expectedOriginKey, manifest.origin_key)) {
    throw new PackageError(
      `The package is signed by origin key ${fingerprint}, not the key you expected (${options.expectedOriginKey.trim().slice(0, 80)}): it was not made by that office, or was altered and signed again. Do not use it; ask the office for the package again.`,
    );
  }
  let macVerified: boolean | null = null;
  if (options.macKey) {
    const expected = Buffer.from(manifestMac(manifest, options.macKey), 'hex');
    const given = Buffer.from(trailer.mac, 'hex');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      throw new PackageError('The package was altered: its manifest signature does not match this install\'s key. Nothing was imported; export the package again.');
    }
    macVerified = true;
  }
  return {
    file,
    header,
    manifest,
    manifest_sha256: manifestSha256(manifest),
    mac_verified: macVerified,
    origin_key: manifest.origin_key,
    origin_key_fingerprint: fingerprint,
    origin_confirmed: options.expectedOriginKey !== undefined,
    snapshots,
    sections: manifest.sections,
  };
}

function foreign(origin: string, ours: string): PackageError {
  return new PackageError(`This package was exported by another PACS MCP install (${origin}); this install is ${ours}. Only the install that exported a package can import it or its sign-off. Nothing was imported.`);
}

function parseJson(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw damaged(`line ${lineNo} is not valid`);
  }
}

/** Splits the gunzipped file into lines; a last line without its newline means the file was cut. */
async function readLines(file: string, onLine: (line: string) => Promise<void>): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const stream = fs.createReadStream(file).pipe(zlib.createGunzip());
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      carry += decoder.write(chunk);
      let start = 0;
      for (let nl = carry.indexOf('\n'); nl >= 0; nl = carry.indexOf('\n', start)) {
        await onLine(carry.slice(start, nl));
        start = nl + 1;
      }
      carry = carry.slice(start);
      if (carry.length > MAX_LINE_BYTES) throw damaged('a line is far too long');
    }
  } catch (err) {
    stream.destroy();
    // zlib says how the gzip stream broke by its error code: cut short, or not (valid) gzip.
    const zlibCode = (err as { code?: unknown }).code;
    if (zlibCode === 'Z_BUF_ERROR') throw new PackageError('The package is truncated (the file ends early). Nothing was imported; ask the sender for the complete file.');
    if (zlibCode === 'Z_DATA_ERROR') throw new PackageError(`${file} is not a PACS MCP QA package (not a gzip file), or it is damaged.`);
    throw err;
  }
  carry += decoder.end();
  if (carry.length > 0) throw new PackageError('The package is truncated (its last line is incomplete). Nothing was imported; ask the sender for the complete file.');
}
