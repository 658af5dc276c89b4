import crypto from 'node:crypto';
import { OutputFile } from '../util/output-file.js';
import {
  manifestMac,
  manifestSha256,
  manifestSignature,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  type PackageHeader,
  type PackageManifest,
  type PackageSubject,
  type SectionEntry,
  type SectionType,
} from './package-format.js';

/**
 * Writes the framing of a QA package (see package-format.ts): header, sections, trailer, with
 * the hashes the manifest lists. The file appears under its name only once the trailer is
 * written; a failure leaves nothing behind.
 */
export class PackageFileWriter {
  private readonly body = crypto.createHash('sha256');
  private bodyBytes = 0;
  private readonly sections: SectionEntry[] = [];
  private current: { entry: Omit<SectionEntry, 'sha256'>; hash: crypto.Hash } | undefined;

  private constructor(private readonly out: OutputFile, readonly header: PackageHeader) {}

  static async open(file: string, packageId: string, originInstallId: string): Promise<PackageFileWriter> {
    const header: PackageHeader = { format: PACKAGE_FORMAT, version: PACKAGE_VERSION, package_id: packageId, origin_install_id: originInstallId };
    const writer = new PackageFileWriter(OutputFile.create(file, { gzip: true }), header);
    await writer.line(JSON.stringify(header));
    return writer;
  }

  private async line(text: string): Promise<void> {
    const withNewline = `${text}\n`;
    this.body.update(withNewline);
    this.bodyBytes += Buffer.byteLength(withNewline);
    this.current?.hash.update(withNewline);
    await this.out.write(withNewline);
  }

  async beginSection(type: SectionType, label: string, begin: Record<string, unknown>): Promise<void> {
    if (this.current) throw new Error('package writer: a section is still open');
    this.current = { entry: { index: this.sections.length, type, label, lines: 0 }, hash: crypto.createHash('sha256') };
    await this.line(JSON.stringify({ section: type, label, ...begin }));
  }

  /** One body line: JSON text without a newline (raw newlines cannot occur in JSON.stringify output). */
  async bodyLine(json: string): Promise<void> {
    if (!this.current) throw new Error('package writer: no section is open');
    this.current.entry.lines++;
    await this.line(json);
  }

  endSection(summary?: Record<string, unknown>): void {
    if (!this.current) throw new Error('package writer: no section is open');
    this.sections.push({ ...this.current.entry, sha256: this.current.hash.digest('hex'), ...(summary ? { summary } : {}) });
    this.current = undefined;
  }

  /** Writes the signed trailer and completes the file. */
  async finish(
    details: { created_at: string; created_by: string; subject: PackageSubject },
    keys: { mac: Buffer; signing: { privateKey: crypto.KeyObject; publicKey: string } },
  ): Promise<{ manifest: PackageManifest; manifest_sha256: string; mac: string }> {
    if (this.current) throw new Error('package writer: a section is still open');
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      version: PACKAGE_VERSION,
      package_id: this.header.package_id,
      created_at: details.created_at,
      created_by: details.created_by,
      origin_install_id: this.header.origin_install_id,
      origin_key: keys.signing.publicKey,
      subject: details.subject,
      sections: this.sections,
      body_bytes: this.bodyBytes,
      body_sha256: this.body.digest('hex'),
    };
    const mac = manifestMac(manifest, keys.mac);
    const signature = manifestSignature(manifest, keys.signing.privateKey);
    await this.out.write(`${JSON.stringify({ manifest, mac, signature })}\n`);
    await this.out.close();
    return { manifest, manifest_sha256: manifestSha256(manifest), mac };
  }

  async abort(): Promise<void> {
    await this.out.abort();
  }
}
