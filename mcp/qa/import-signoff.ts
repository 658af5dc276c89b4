import type { Engine } from '../engine.js';
import { installId } from '../install/install-keys.js';
import { osUser } from '../util/os-user.js';
import { PackageError } from './package-format.js';
import { readSignoff, type Signoff } from './signoff.js';

export interface SignoffImportResult {
  signoff: Signoff;
  /** false when this very sign-off was imported before (nothing changed). */
  recorded: boolean;
}

/**
 * The origin's side of a sign-off: the file's own hash must hold, it must come back to the
 * install that exported the package, and name a package this install recorded, with the same
 * manifest hash. Then it is saved (immutable), once.
 */
export async function importSignoff(engine: Engine, file: string): Promise<SignoffImportResult> {
  const signoff = readSignoff(file);
  const ours = await installId(engine.store);
  if (signoff.origin_install_id !== ours) {
    throw new PackageError(`This sign-off is for a package exported by another PACS MCP install (${signoff.origin_install_id}); this install is ${ours}. Import it where the package was exported. Nothing was imported.`);
  }
  const pkg = await engine.store.get<{ manifest_sha256: string }>('SELECT manifest_sha256 FROM qa_packages WHERE package_id = ?', [signoff.package_id]);
  if (!pkg) throw new PackageError(`This install has no record of package ${signoff.package_id}, so the sign-off cannot be matched to it. Nothing was imported.`);
  if (pkg.manifest_sha256 !== signoff.manifest_sha256) {
    throw new PackageError(`The sign-off is for a package whose manifest differs from the one exported here as ${signoff.package_id} (the package was altered before review). Nothing was imported.`);
  }
  const { changes } = await engine.store.run(
    `INSERT OR IGNORE INTO qa_signoffs (signoff_sha256, package_id, reviewer, decision, comment, signed_at, imported_at, imported_by, signoff_json)
     VALUES (?,?,?,?,?,?,?,?,?)`,
    [signoff.sha256, signoff.package_id, signoff.reviewer, signoff.decision, signoff.comment, signoff.signed_at, new Date().toISOString(), osUser(), JSON.stringify(signoff)],
  );
  return { signoff, recorded: changes > 0 };
}

export interface SignoffRecord {
  package_id: string;
  reviewer: string;
  decision: string;
  comment: string;
  signed_at: string;
  imported_at: string;
}

export async function signoffsFor(engine: Engine, packageId: string): Promise<SignoffRecord[]> {
  return engine.store.all<SignoffRecord>('SELECT package_id, reviewer, decision, comment, signed_at, imported_at FROM qa_signoffs WHERE package_id = ? ORDER BY signed_at', [packageId]);
}
