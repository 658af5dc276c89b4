import fs from 'node:fs';
import path from 'node:path';

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
 * including SQLite WAL files) and the given texts (logs, tool results, CLI output).
 */
export function sweepForSecret(secret: string, places: { paths?: string[]; texts?: Record<string, string> }): SecretHit[] {
  const forms = secretForms(secret);
  const hits: SecretHit[] = [];
  const scanBuffer = (where: string, data: Buffer) => {
    for (const form of forms) if (data.includes(Buffer.from(form))) hits.push({ where, form });
  };
  for (const root of places.paths ?? []) {
    if (!fs.existsSync(root)) continue;
    const stat = fs.statSync(root);
    if (stat.isFile()) scanBuffer(root, fs.readFileSync(root));
    else
      for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) scanBuffer(path.join(entry.parentPath, entry.name), fs.readFileSync(path.join(entry.parentPath, entry.name)));
      }
  }
  for (const [where, text] of Object.entries(places.texts ?? {})) scanBuffer(where, Buffer.from(text));
  return hits;
}
