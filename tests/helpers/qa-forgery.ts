import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { manifestSignature, type PackageTrailer } from '../../mcp/qa/package-format.js';
import { publicKeyText } from '../../mcp/util/ed25519.js';

/** A package's lines (gunzipped, without the final newline) and back. */
export const packageLines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(0, -1);
export const writePackageLines = (file: string, content: string[]) => fs.writeFileSync(file, zlib.gzipSync(`${content.join('\n')}\n`));

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * What someone holding a package in transit can do without the origin's keys: recompute every
 * section hash, the body hash and size, and (with a key of their own) sign the manifest again.
 * The MAC and, without `signer`, the origin's signature are kept as they were.
 */
export function forgePackage(content: string[], options: { signer?: crypto.KeyObject; editManifest?: (trailer: PackageTrailer) => void } = {}): string[] {
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
  options.editManifest?.(trailer);
  if (options.signer) {
    trailer.manifest.origin_key = publicKeyText(options.signer);
    trailer.signature = manifestSignature(trailer.manifest, options.signer);
  }
  return [...body, JSON.stringify(trailer)];
}
