import path from 'node:path';
import type { Engine } from '../engine.js';
import { loadInstallKeys } from '../install/install-keys.js';
import { SnapshotStaging, type StagedRow } from '../snapshots/snapshot-staging.js';
import { findSnapshot, sealSnapshots, type SealItem } from '../snapshots/snapshot-store.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { PackageError } from './package-format.js';
import { readQaPackage } from './package-reader.js';

export interface PackageImportResult {
  package_id: string;
  manifest_sha256: string;
  snapshots: { snapshot_id: string; name: string; row_count: number; status: 'imported' | 'already_present' }[];
  /** false when the package was already recorded here (it was exported or imported before). */
  package_recorded: boolean;
}

const FLUSH_ROWS = 2_000;

/**
 * The origin's side: takes back one of its own packages (an archived review, or a store rebuilt
 * since). The package must verify completely (every hash, the manifest's MAC under this install's
 * key, this install's id) before anything is saved, and then all of it is saved in one
 * transaction: snapshots it does not have yet, and the package record. A snapshot that exists
 * here with different content is a conflict and nothing is imported.
 */
export async function importQaPackage(engine: Engine, file: string): Promise<PackageImportResult> {
  const keys = await loadInstallKeys(engine.store, engine.secrets);
  const staged = new Map<string, { item: SealItem; buffer: StagedRow[] }>();
  const present: SnapshotMeta[] = [];
  try {
    const opened = await readQaPackage(file, {
      expectedInstallId: keys.installId,
      expectedOriginKey: keys.packageSigningKey().publicKey,
      macKey: keys.key('qa-package'),
      handlers: {
        onSnapshotBegin: async (meta) => {
          const existing = await findSnapshot(engine.store, meta.snapshot_id);
          if (existing) {
            if (existing.sha256 !== meta.sha256) {
              throw new PackageError(`Snapshot ${meta.snapshot_id} exists here with different content (sha256 ${existing.sha256}, the package has ${meta.sha256}). Nothing was imported.`);
            }
            present.push(existing);
            return;
          }
          if (staged.has(meta.snapshot_id)) throw new PackageError(`The package holds snapshot ${meta.snapshot_id} twice. Nothing was imported.`);
          staged.set(meta.snapshot_id, { item: { staging: await SnapshotStaging.create(engine.dataDir, meta.key_columns), meta }, buffer: [] });
        },
        onSnapshotRow: async (meta, key, rowJson) => {
          const entry = staged.get(meta.snapshot_id);
          if (!entry) return;
          entry.buffer.push({ key, rowJson });
          if (entry.buffer.length >= FLUSH_ROWS) await entry.item.staging.add(entry.buffer.splice(0));
        },
      },
    });
    for (const entry of staged.values()) {
      await entry.item.staging.add(entry.buffer.splice(0));
      const digest = await entry.item.staging.digest(entry.item.meta.columns);
      if (digest.sha256 !== entry.item.meta.sha256) throw new PackageError(`Snapshot ${entry.item.meta.snapshot_id} did not stage to its sha256. Nothing was imported.`);
    }
    const existingPackage = await engine.store.get<{ manifest_sha256: string }>('SELECT manifest_sha256 FROM qa_packages WHERE package_id = ?', [opened.manifest.package_id]);
    if (existingPackage && existingPackage.manifest_sha256 !== opened.manifest_sha256) {
      throw new PackageError(`Package ${opened.manifest.package_id} is recorded here with a different manifest; this file is not the package that was exported. Nothing was imported.`);
    }
    await sealSnapshots(engine.store, [...staged.values()].map((e) => e.item), async (tx) => {
      if (existingPackage) return;
      await tx.run('INSERT INTO qa_packages (package_id, created_at, created_by, file_name, manifest_sha256, contents_json) VALUES (?,?,?,?,?,?)', [
        opened.manifest.package_id,
        opened.manifest.created_at,
        opened.manifest.created_by,
        path.basename(file),
        opened.manifest_sha256,
        JSON.stringify({ subject: opened.manifest.subject, sections: opened.manifest.sections }),
      ]);
    });
    return {
      package_id: opened.manifest.package_id,
      manifest_sha256: opened.manifest_sha256,
      snapshots: [
        ...[...staged.values()].map(({ item }) => ({ snapshot_id: item.meta.snapshot_id, name: item.meta.name, row_count: item.meta.row_count, status: 'imported' as const })),
        ...present.map((m) => ({ snapshot_id: m.snapshot_id, name: m.name, row_count: m.row_count, status: 'already_present' as const })),
      ],
      package_recorded: !existingPackage,
    };
  } finally {
    for (const entry of staged.values()) await entry.item.staging.discard();
  }
}
