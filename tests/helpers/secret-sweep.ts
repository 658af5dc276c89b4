import fs from 'node:fs';
import path from 'node:path';
import { readableText } from './readable-text.js';

/** The ways a secret could be written down: as is, URL-encoded (connection strings), JSON-escaped, base64, hex. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), Buffer.from(secret).toString('hex')]);
  return [...forms].filter((f) => f.length >= 8);
}

export interface SecretHit {
  where: string;
  form: string;
}

/**
 * Every place a secret shows up: files under the given paths (recursively, binary files too,
 * including SQLite WAL files; XLSX and gzip files also unpacked) and the given texts (logs,
 * tool results, CLI output).
 */
export async function sweepForSecret(secret: string, places: { paths?: string[]; texts?: Record<string, string> }): Promise<SecretHit[]> {
  const forms = secretForms(secret);
  const hits: SecretHit[] = [];
  const scanBuffer = (where: string, data: Buffer) => {
    for (const form of forms) if (data.includes(Buffer.from(form))) hits.push({ where, form });
  };
  const scanFile = async (file: string) => {
    scanBuffer(file, fs.readFileSync(file));
    if (/\.(xlsx|pacsqa|gz)$/.test(file)) scanBuffer(`${file} (unpacked)`, Buffer.from(await readableText(file)));
  };
  for (const root of places.paths ?? []) {
    if (!fs.existsSync(root)) continue;
    if (fs.statSync(root).isFile()) await scanFile(root);
    else for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) if (entry.isFile()) await scanFile(path.join(entry.parentPath, entry.name));
  }
  for (const [where, text] of Object.entries(places.texts ?? {})) scanBuffer(where, Buffer.from(text));
  return hits;
}
