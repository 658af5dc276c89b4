import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { AUDIT_KEY_ACCOUNT } from '../../mcp/audit/audit-key.js';
import { INSTALL_SECRET_ACCOUNT } from '../../mcp/install/install-keys.js';
import { REVIEWER_KEY_ACCOUNT } from '../../mcp/qa/reviewer-key.js';
import { runCli } from '../helpers/cli.js';
import { keychainAvailable } from '../helpers/system.js';
import { runOn } from '../helpers/test-engine.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const homes: { cleanup: () => void }[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));
function home(prefix: string) {
  const h = makeTempHome(prefix);
  homes.push(h);
  return h.dir;
}

const json = (stdout: string) => JSON.parse(stdout);

describe('pacs-mcp snapshot (in-memory secrets: one process per command)', () => {
  /** A data dir of the test's own. */
  const snapshotHome = () => {
    const dir = home('pacs-cli-snap-');
    return { dir, env: serverEnv(dir, { PACS_MCP_DEMO_SIZE: '120' }) };
  };

  it('exports, lists and shows snapshots, and writes files', async () => {
    const { dir, env } = snapshotHome();
    const out = path.join(dir, 'first.xlsx');
    const exported = await runCli(['snapshot', 'export', '--name', 'first', '--prop-ids', '10001,10002,10003', '--out', out, '--json'], env);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const result = json(exported.stdout);
    expect(result.snapshot).toMatchObject({ name: 'first', row_count: 18, masking_policy: 'qa', source_connection_id: 'demo' });
    expect(result.file).toBe(out);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);

    const listed = await runCli(['snapshot', 'list', '--json'], env);
    expect(json(listed.stdout).snapshots.map((s: { snapshot_id: string }) => s.snapshot_id)).toEqual([result.snapshot.snapshot_id]);
    const csv = path.join(dir, 'first.csv');
    const shown = await runCli(['snapshot', 'show', result.snapshot.snapshot_id, '--out', csv], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(result.snapshot.sha256);
    expect(fs.readFileSync(csv, 'utf8').trimEnd().split('\r\n')).toHaveLength(19);

    const byHood = await runCli(['snapshot', 'export', '--name', 'hood', '--type', 'R', '--from-year', '2025', '--to-year', '2026', '--masking', 'internal'], env);
    expect(byHood.code).toBe(0);
    expect(byHood.stdout).toMatch(/masking\s+internal/);

    const audit = json((await runCli(['audit', 'list', '--json'], env)).stdout) as { action: string; channel: string }[];
    expect(audit.filter((r) => r.action === 'snapshot.export' && r.channel === 'cli')).toHaveLength(2);
    expect(audit.some((r) => r.action === 'snapshot.write-file')).toBe(true);
  });

  it('says what is wrong with a command line, and diffs only snapshots masked with the same key', async () => {
    const { env } = snapshotHome();
    const noName = await runCli(['snapshot', 'export', '--prop-ids', '10001'], env);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--name is required/);
    const twoWays = await runCli(['snapshot', 'export', '--name', 'x', '--prop-ids', '10001', '--query', 'SELECT prop_id FROM property'], env);
    expect(twoWays.code).toBe(2);
    expect(twoWays.stderr).toMatch(/one way/);
    const refused = await runCli(['snapshot', 'export', '--name', 'x', '--query', 'DELETE FROM property'], env);
    expect(refused.code).toBe(1);
    const diffArgs = await runCli(['snapshot', 'diff', 'only-one'], env);
    expect(diffArgs.code).toBe(2);
    const unknown = await runCli(['snapshot', 'diff', 'a', 'b'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no snapshot "a"/);
    // In-memory secrets live and die with one process: each CLI run masks with a key of its own,
    // and the diff refuses to compare pseudonyms that cannot line up (the keychain keeps one key).
    const first = await runCli(['snapshot', 'export', '--name', 'first', '--prop-ids', '10001,10002,10003', '--json'], env);
    const other = await runCli(['snapshot', 'export', '--name', 'again', '--prop-ids', '10001,10002,10003', '--json'], env);
    const mismatch = await runCli(['snapshot', 'diff', json(first.stdout).snapshot.snapshot_id, json(other.stdout).snapshot.snapshot_id], env);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/different install keys/);
  });

  it('the reviewer commands need no data dir: a missing package is a clear error', async () => {
    const { dir } = snapshotHome();
    const reviewerHome = path.join(dir, 'reviewer-never-created');
    const missing = await runCli(['qa', 'open-package', path.join(dir, 'nope.pacsqa')], serverEnv(reviewerHome));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/There is no file/);
    expect(fs.existsSync(reviewerHome)).toBe(false);
    const badDecision = await runCli(['qa', 'signoff', 'x.pacsqa', '--decision', 'maybe'], serverEnv(reviewerHome));
    expect(badDecision.code).toBe(2);
  });
});

describe.runIf(keychainAvailable('QA round trip with the keychain'))('the offline QA round trip through the CLI, with the OS keychain', () => {
  const service = `PACS MCP qa cli ${crypto.randomUUID()}`;
  const originDir = home('pacs-cli-origin-');
  const origin = serverEnv(originDir, { PACS_MCP_DEMO_SIZE: '150', PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: service });
  const reviewerHome = path.join(home('pacs-cli-reviewer-'), 'no-data-dir');
  // The reviewer's workstation: no PACS MCP data, no connection, a keychain of its own (its reviewer key).
  const reviewerService = `PACS MCP qa reviewer ${crypto.randomUUID()}`;
  const reviewer = serverEnv(reviewerHome, { PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: reviewerService });
  afterAll(async () => {
    const originKeychain = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    for (const account of [INSTALL_SECRET_ACCOUNT, AUDIT_KEY_ACCOUNT]) await originKeychain.delete(account);
    await createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: reviewerService }).delete(REVIEWER_KEY_ACCOUNT);
  });

  it('snapshot → change → snapshot → diff reports → package → review elsewhere → sign-off back', async () => {
    const before = json((await runCli(['snapshot', 'export', '--name', 'before', '--query', 'SELECT prop_id FROM property', '--json'], origin)).stdout).snapshot;
    await runOn(path.join(originDir, 'demo-pacs.sqlite'), 'UPDATE property_val SET market = market * 2 WHERE prop_id % 10 = 0');
    const after = json((await runCli(['snapshot', 'export', '--name', 'after', '--query', 'SELECT prop_id FROM property', '--json'], origin)).stdout).snapshot;
    expect(after.masking_key_id).toBe(before.masking_key_id);

    const reports = ['d.html', 'd.csv', 'd.json'].map((f) => path.join(originDir, f));
    const diff = await runCli(['snapshot', 'diff', before.snapshot_id, after.snapshot_id, ...reports.flatMap((r) => ['--out', r]), '--json'], origin);
    expect(diff.code).toBe(0);
    const summary = json(diff.stdout).summary;
    expect(summary.changed).toBeGreaterThan(10);
    for (const r of reports) expect(fs.existsSync(r)).toBe(true);

    const exported = await runCli(['qa', 'export-package', before.snapshot_id, after.snapshot_id, '--out', originDir, '--json'], origin);
    expect(exported.code).toBe(0);
    const pkg = json(exported.stdout);

    // The office tells the reviewer its origin key's fingerprint; the reviewer checks the package against it.
    const originKey = json((await runCli(['qa', 'origin-key', '--json'], origin)).stdout);
    expect(originKey.public_key).toBe(pkg.manifest.origin_key);
    const unconfirmed = await runCli(['qa', 'open-package', pkg.file], reviewer);
    expect(unconfirmed.stdout).toContain(`signed by origin key ${originKey.fingerprint}`);
    expect(unconfirmed.stdout).toMatch(/NOT verified as the office's/);
    const opened = await runCli(['qa', 'open-package', pkg.file, '--origin-key', originKey.fingerprint, '--html', path.join(originDir, 'review.html')], reviewer);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/: verified, signed by origin key .* as expected/);
    expect(opened.stdout).toContain(`${summary.changed} changed`);
    const reviewerKey = json((await runCli(['qa', 'reviewer-key', '--json'], reviewer)).stdout);
    const signed = await runCli(['qa', 'signoff', pkg.file, '--origin-key', originKey.fingerprint, '--decision', 'approved', '--reviewer', 'Pat Reviewer', '--comment', 'ok', '--out', path.join(originDir, 'pat.signoff.json')], reviewer);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(`with reviewer key ${reviewerKey.fingerprint}`);
    expect(fs.existsSync(reviewerHome)).toBe(false);

    // Refused until the office registers the reviewer's key (read from the reviewer, not from the sign-off).
    const unregistered = await runCli(['qa', 'import-signoff', path.join(originDir, 'pat.signoff.json')], origin);
    expect(unregistered.code).toBe(1);
    expect(unregistered.stderr).toContain(`reviewer key ${reviewerKey.fingerprint}, which is not registered here`);
    const added = await runCli(['qa', 'reviewers', 'add', '--name', 'Pat Reviewer', '--key', reviewerKey.public_key], origin);
    expect(added.stdout).toContain(`Registered reviewer Pat Reviewer with key fingerprint ${reviewerKey.fingerprint}`);
    expect((await runCli(['qa', 'reviewers', 'list'], origin)).stdout).toContain(reviewerKey.fingerprint);
    const imported = await runCli(['qa', 'import-signoff', path.join(originDir, 'pat.signoff.json')], origin);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Recorded: package .* approved by Pat Reviewer/);
    expect((await runCli(['qa', 'import-signoff', path.join(originDir, 'pat.signoff.json')], origin)).stdout).toMatch(/^Already recorded/);
    const again = await runCli(['qa', 'import-package', pkg.file, '--json'], origin);
    expect(again.code).toBe(0);
    expect(json(again.stdout).snapshots.map((s: { status: string }) => s.status)).toEqual(['already_present', 'already_present']);
    expect((await runCli(['qa', 'list'], origin)).stdout).toMatch(/approved by Pat Reviewer/);

    const flipped = path.join(originDir, 'flipped.signoff.json');
    fs.writeFileSync(flipped, fs.readFileSync(path.join(originDir, 'pat.signoff.json'), 'utf8').replace('"approved"', '"rejected"'));
    const refused = await runCli(['qa', 'import-signoff', flipped], origin);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/altered/);
    const audit = json((await runCli(['audit', 'list', '--json'], origin)).stdout) as { action: string; outcome: string }[];
    expect(audit.filter((r) => r.action === 'qa.import-signoff').map((r) => r.outcome).sort()).toEqual(['error', 'error', 'ok', 'ok']);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['qa.reviewers.add', 'qa.reviewer_key.add']));
    expect((await runCli(['audit', 'verify'], origin)).code).toBe(0);
  });
});
