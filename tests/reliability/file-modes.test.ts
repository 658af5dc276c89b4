import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAnchorFile } from '../../mcp/audit/audit-anchor.js';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { reportSinkFor } from '../../mcp/diff/report-sinks.js';
import { diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { Engine } from '../../mcp/engine.js';
import { INSTALL_SECRET_ACCOUNT } from '../../mcp/install/install-keys.js';
import type { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { startSync } from '../../mcp/lakehouse/sync/sync-table.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { exportQaPackage } from '../../mcp/qa/export-package.js';
import { openQaPackage } from '../../mcp/qa/open-package.js';
import { signOffPackage } from '../../mcp/qa/signoff.js';
import { exportSnapshot } from '../../mcp/snapshots/export-snapshot.js';
import { writeSnapshotFile } from '../../mcp/snapshots/snapshot-file-export.js';
import { runCli } from '../helpers/cli.js';
import { filesUnder, openTestEngine, type TestEngine } from '../helpers/test-engine.js';
import { makeTempHome, serverEnv, sharedMemorySecrets } from '../helpers/temp-home.js';

/**
 * Every file the app writes is readable by its OS user only (0600; lakehouse Parquet files,
 * never rewritten, 0400) and the data dir is 0700, whatever the umask. This test process runs
 * under the usual 022 umask, so each writer must set the mode itself.
 */
const posix = process.platform !== 'win32';
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const loose = (files: string[]) => files.filter((f) => (fs.statSync(f).mode & 0o077) !== 0).map((f) => `${f} ${mode(f).toString(8)}`);

let t: TestEngine;
let out: string;

beforeAll(async () => {
  expect(process.umask() & 0o077).not.toBe(0o077);
  t = await openTestEngine({ size: 120, prefix: 'pacs-modes-' });
  out = fs.mkdtempSync(path.join(t.dir, 'out-'));
});
afterAll(() => t?.close());

describe.runIf(posix)('file modes of what the app writes', () => {
  it('the data dir, the app store with its WAL, the demo database and the audit anchor', async () => {
    await t.engine.audit.record({ channel: 'cli', action: 'modes', args: {}, outcome: 'ok', durationMs: 0 });
    expect(mode(t.dir)).toBe(0o700);
    for (const file of ['app.sqlite', 'app.sqlite-wal', 'app.sqlite-shm', 'demo-pacs.sqlite'].map((f) => path.join(t.dir, f))) expect(mode(file), file).toBe(0o600);
    expect(mode(auditAnchorFile(t.dir))).toBe(0o600);
    await t.engine.rebuildDemo({ size: 60 });
    expect(mode(path.join(t.dir, 'demo-pacs.sqlite'))).toBe(0o600);
  });

  it('snapshot files (XLSX, CSV, JSON), diff reports (HTML, CSV, JSON), the QA package, its review report and the sign-off', async () => {
    const take = async (name: string) => (await exportSnapshot(t.engine, { name, content: 'parcel_timeline', maskingPolicy: 'qa', selection: { query: 'SELECT prop_id FROM property WHERE prop_id % 5 = 0' } })).snapshot;
    const before = await take('before');
    await t.demo('UPDATE property_val SET market = market + 1000 WHERE prop_id % 10 = 0');
    const after = await take('after');
    const written: string[] = [];
    for (const ext of ['xlsx', 'csv', 'json']) {
      const file = path.join(out, `snapshot.${ext}`);
      await writeSnapshotFile(t.engine.store, after.snapshot_id, file);
      written.push(file);
    }
    const reports = ['html', 'csv', 'json'].map((ext) => path.join(out, `diff.${ext}`));
    await diffSnapshots(t.engine.store, before.snapshot_id, after.snapshot_id, {}, reports.map((r) => reportSinkFor(r)));
    written.push(...reports);
    const pkg = await exportQaPackage(t.engine, { baseSnapshotId: before.snapshot_id, targetSnapshotId: after.snapshot_id, out });
    const review = path.join(out, 'review.html');
    await openQaPackage(pkg.file, { htmlReport: review });
    const { file: signoff } = await signOffPackage(pkg.file, { reviewer: 'R', decision: 'approved' }, createSecretStore({ PACS_MCP_SECRETS: 'memory' }));
    written.push(pkg.file, review, signoff);
    for (const file of written) expect(mode(file), file).toBe(0o600);
    expect(loose(filesUnder(out))).toEqual([]);
  });

  it('lakehouse Parquet files (owner read-only) and everything else under the data dir', async () => {
    const { job } = await startSync(t.engine, { tableName: 'pacs_system', syncMode: 'full' });
    expect((await t.engine.jobs.waitFor(job.job_id, 60_000)).status).toBe('succeeded');
    const lake = (await resolveWarehouse(t.engine)).connector as unknown as LocalLakehouse;
    await lake.query('SELECT count(*) AS n FROM bronze.pacs_system', [], { maxRows: 10, timeoutMs: 10_000 });
    const parquet = filesUnder(t.dir).filter((f) => f.endsWith('.parquet'));
    expect(parquet.length).toBeGreaterThan(0);
    for (const file of parquet) expect(mode(file), file).toBe(0o400);
    expect(loose(filesUnder(t.dir))).toEqual([]);
  });

  it('an app store an earlier version left world-readable is made owner-only when opened', async () => {
    const home = makeTempHome('pacs-modes-old-');
    try {
      const first = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
      await first.close();
      fs.chmodSync(path.join(home.dir, 'app.sqlite'), 0o644);
      const again = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
      await again.close();
      expect(mode(path.join(home.dir, 'app.sqlite'))).toBe(0o600);
    } finally {
      home.cleanup();
    }
  });

  it('through the CLI: the data dir, the demo, an XLSX export and a diff report in a folder the user named', async () => {
    const home = makeTempHome('pacs-modes-cli-');
    try {
      // One install secret for the processes, as the keychain gives them, so their snapshots diff.
      const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '80', PACS_MCP_MEMORY_SECRETS: sharedMemorySecrets({ [INSTALL_SECRET_ACCOUNT]: crypto.randomBytes(32).toString('base64') }) });
      const exports = path.join(home.dir, `exports-${crypto.randomUUID().slice(0, 8)}`);
      fs.mkdirSync(exports);
      const snap = JSON.parse((await runCli(['snapshot', 'export', '--name', 'a', '--prop-ids', '10001,10002', '--out', path.join(exports, 'a.xlsx'), '--json'], env)).stdout).snapshot;
      const other = JSON.parse((await runCli(['snapshot', 'export', '--name', 'b', '--prop-ids', '10001,10002', '--json'], env)).stdout).snapshot;
      const diff = await runCli(['snapshot', 'diff', snap.snapshot_id, other.snapshot_id, '--out', path.join(exports, 'd.html')], env);
      expect(diff.code, diff.stderr).toBe(0);
      expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
      expect(filesUnder(exports).length).toBeGreaterThanOrEqual(2);
      expect(loose(filesUnder(home.dir))).toEqual([]);
      expect(mode(home.dir)).toBe(0o700);
    } finally {
      home.cleanup();
    }
  });
});
