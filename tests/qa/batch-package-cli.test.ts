import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, sqliteAll } from '../helpers/import-fixtures.js';
import { REVIEWER_KEY_ACCOUNT } from '../../mcp/qa/reviewer-key.js';
import { makeTempHome, serverEnv, sharedMemorySecrets } from '../helpers/temp-home.js';

const homes: { cleanup: () => void }[] = [];
afterAll(() => homes.forEach((h) => h.cleanup()));
const json = (stdout: string) => JSON.parse(stdout);

describe('an import batch through the offline QA package, with the built CLI', () => {
  const h = makeTempHome('pacs-cli-qa-batch-');
  homes.push(h);
  const origin = serverEnv(h.dir, { PACS_MCP_DEMO_SIZE: '150' });
  // The reviewer's workstation: no PACS MCP data dir, no connection.
  const reviewerHome = path.join(h.dir, 'reviewer-never-created');
  // Its keychain (in memory, shared by the reviewer's commands) holds the reviewer key.
  const reviewer = serverEnv(reviewerHome, { PACS_MCP_SECRETS: 'memory', PACS_MCP_MEMORY_SECRETS: sharedMemorySecrets({ [REVIEWER_KEY_ACCOUNT]: crypto.randomBytes(32).toString('base64') }) });

  it('stage → validate → export --batch → open/sign off elsewhere → import-signoff → qa_signed → push', async () => {
    expect((await runCli(['demo', '--size', '150'], origin)).code).toBe(0);
    const owners = await sqliteAll<{ prop_id: number; owner_id: number }>(
      path.join(h.dir, 'demo-pacs.sqlite'),
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN property p ON p.prop_id = o.prop_id
        WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
          AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
        ORDER BY o.prop_id LIMIT 2`,
    );
    const file = path.join(h.dir, 'upload.csv');
    fs.writeFileSync(file, csvText(EXEMPTION_HEADER, [...owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX', name: 'HORTENSE APPLICANT' })), exemptionRow({ prop: 99_999, owner: 1, code: 'EX' })]));
    const staged = await runCli(['import', 'stage', file, '--kind', 'exemptions', '--json'], origin);
    const batchId = json(staged.stdout).batch_id as string;
    const early = await runCli(['qa', 'export-package', '--batch', batchId, '--out', h.dir], origin);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/is staged; a QA package holds a validated batch/);
    expect((await runCli(['import', 'validate', batchId], origin)).code).toBe(3);

    const exported = await runCli(['qa', 'export-package', '--batch', batchId, '--out', h.dir, '--json'], origin);
    expect(exported.stderr).toBe('');
    const pkg = json(exported.stdout);
    expect(pkg).toMatchObject({ rows: 3, batch: { batch_id: batchId, status: 'validated', valid_count: 2 } });

    const opened = await runCli(['qa', 'open-package', pkg.file], reviewer);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/NOT verified as the office's until you compare that fingerprint/);
    expect(opened.stdout).toContain(`batch  ${batchId} (exemptions)`);
    expect(opened.stdout).toContain(`review sha256 ${pkg.review_sha256}`);
    expect(opened.stdout).toMatch(/errors \(line, column, code, message\):\n    line 4  \S+  \w+  \S/);
    expect(opened.stdout).not.toContain('HORTENSE');
    const signed = await runCli(['qa', 'signoff', pkg.file, '--decision', 'approved', '--reviewer', 'Pat Reviewer', '--out', path.join(h.dir, 'pat.signoff.json')], reviewer);
    expect(signed.code).toBe(0);
    expect(fs.existsSync(reviewerHome)).toBe(false);

    const key = JSON.parse((await runCli(['qa', 'reviewer-key', '--json'], reviewer)).stdout) as { public_key: string };
    expect((await runCli(['qa', 'reviewers', 'add', '--name', 'Pat Reviewer', '--key', key.public_key], origin)).code).toBe(0);
    const imported = await runCli(['qa', 'import-signoff', path.join(h.dir, 'pat.signoff.json')], origin);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Recorded: package .* approved by Pat Reviewer[\s\S]*is qa_signed/);
    const shown = json((await runCli(['import', 'show', batchId, '--json'], origin)).stdout);
    expect(shown.batch).toMatchObject({ status: 'qa_signed', signoff: { reviewer: 'Pat Reviewer', sha256: pkg.review_sha256 } });
    const pushed = await runCli(['import', 'push', batchId, '--json'], origin);
    expect(pushed.code).toBe(0);
    expect(json((await runCli(['import', 'show', batchId, '--json'], origin)).stdout).batch.status).toBe('pushed_to_training');
    const audit = json((await runCli(['audit', 'list', '--json'], origin)).stdout) as { action: string; outcome: string }[];
    expect(audit.filter((r) => r.action.startsWith('qa.')).map((r) => `${r.action}:${r.outcome}`)).toEqual(expect.arrayContaining(['qa.export-package:error', 'qa.export-package:ok', 'qa.import-signoff:ok']));
  });
});
