import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CALLS } from '../../mcp/audit/audit-calls.js';
import { runCli } from '../helpers/cli.js';
import { sqliteAll } from '../helpers/import-fixtures.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { ROOT } from '../helpers/paths.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-imports-e2e-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '300' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
const appStore = path.join(home.dir, 'app.sqlite');
/** The data dir's imports folder: the default place a file named in the chat may be read from. */
const imports = path.join(home.dir, 'imports');
fs.mkdirSync(imports, { recursive: true });
let session: StdioSession;

const demo = <T = Record<string, any>>(sql: string, params: unknown[] = []) => sqliteAll<T>(demoFile, sql, params);
const store = <T = Record<string, any>>(sql: string, params: unknown[] = []) => sqliteAll<T>(appStore, sql, params);

beforeAll(async () => {
  session = await connectStdio(env, 'Claude Desktop');
  await session.ok('list_connections');
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

async function freeOwners(n: number) {
  return demo<{ prop_id: number; owner_id: number; geo_id: string }>(
    `SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R' AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY o.prop_id DESC LIMIT ${n}`,
  );
}

async function expectNothingHalfStaged() {
  expect(await store("SELECT batch_id FROM import_batches WHERE status = 'staging'")).toEqual([]);
  expect(await store("SELECT COUNT(*) AS n FROM import_rows WHERE batch_key NOT IN (SELECT batch_key FROM import_batches WHERE status <> 'staging')")).toEqual([{ n: 0 }]);
}

describe('import and appeal tools over stdio (the built server, as Claude Desktop runs it)', () => {
  it('lists the tools with honest annotations, and offers no way to promote', async () => {
    const { tools } = await session.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const name of ['stage_import', 'validate_import']) {
      expect(byName.get(name)?.annotations, name).toMatchObject({ readOnlyHint: false });
    }
    // It reads the source when asked to validate too.
    expect(byName.get('stage_import')?.annotations).toMatchObject({ destructiveHint: false, openWorldHint: true });
    // What a file must hold is spelled out, never elided.
    const described = byName.get('stage_import')!.description!;
    expect(described).not.toContain('…');
    for (const column of ['prop_id or geo_id', 'owner_id', 'exmpt_tax_yr', 'exmpt_type_cd', 'exmpt_subtype_cd', 'termination_dt', 'action (default ADD)', 'parcel_id', 'value_type', 'value_amount', 'effective_date']) {
      expect(described).toContain(column);
    }
    expect(byName.get('validate_import')?.annotations).toMatchObject({ destructiveHint: true, idempotentHint: true });
    for (const name of ['list_import_batches', 'get_import_batch']) expect(byName.get(name)?.annotations, name).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName.get('route_appeal')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, openWorldHint: true });
    expect(tools.filter((t) => /promot|signoff|sign_off|push/.test(t.name))).toEqual([]);
    // No tool or CLI module can even reach the promotion code.
    for (const dir of ['mcp/tools', 'mcp/cli', 'mcp/server', 'mcp/resources', 'mcp/prompts']) {
      for (const file of fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]) {
        if (!file.endsWith('.ts')) continue;
        const text = fs.readFileSync(path.join(ROOT, dir, file), 'utf8');
        expect(text, `${dir}/${file}`).not.toMatch(/imports\/promotion(-targets)?\.js/);
      }
    }
    // And the connectors' production write is called from the promotion module alone.
    const callers: string[] = [];
    for (const dir of ['mcp', 'electron']) {
      for (const file of fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]) {
        if (file.endsWith('.ts') && /\.promotionTransaction\(/.test(fs.readFileSync(path.join(ROOT, dir, file), 'utf8'))) callers.push(`${dir}/${file}`);
      }
    }
    expect(callers).toEqual(['mcp/imports/promotion.ts']);
  });

  it('stage_import with validate: true takes file content and answers with batch_id, counts and the first errors by line', async () => {
    const [a, b] = await freeOwners(2);
    const content = `prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n${a.prop_id},${a.owner_id},2026,EX\n${b.prop_id},${b.owner_id},2026,EX\n${a.prop_id},${a.owner_id},2026,EX\n99999,1,2024,ZZ\n`;
    const result = await session.ok('stage_import', { kind: 'exemptions', validate: true, file_content: content, file_name: 'first-errors.csv', max_errors: 2 });
    expect(result).toMatchObject({ status: 'validated', staged_count: 4, error_count: 3, error_row_count: 2, valid_count: 2, errors_truncated: true, validated_connection_id: 'demo', file_name: 'first-errors.csv' });
    expect(result.batch_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.errors).toEqual([
      { line: 4, column: 'exmpt_type_cd', code: 'duplicate_in_file', message: expect.stringContaining('repeats line 2') },
      { line: 5, column: 'exmpt_type_cd', code: 'unknown_exemption_code', message: expect.stringContaining('ZZ is not an exemption code') },
    ]);
    const page = await session.ok('get_import_batch', { batch_id: result.batch_id, errors_offset: 2, errors_limit: 10 });
    expect(page.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['5:parcel_not_found']);
    expect(page.errors[0].message).toMatch(/no parcel with prop_id 99999/);
    expect(page).toMatchObject({ errors_total: 3, errors_offset: 2, errors_truncated: false });
    expect(page.history.map((h: { action: string; client_name: string; channel: string }) => [h.action, h.channel, h.client_name])).toEqual([
      ['staged', 'mcp', 'Claude Desktop'],
      ['validated', 'mcp', 'Claude Desktop'],
    ]);
    // The tool call itself is in the audit log, with the file content kept only as its hash when long.
    const audit = await store<{ action: string; outcome: string; client_name: string }>(`SELECT action, outcome, client_name FROM ${AUDIT_CALLS} WHERE action = 'stage_import' AND args_json LIKE '%first-errors.csv%'`);
    expect(audit).toEqual([{ action: 'stage_import', outcome: 'ok', client_name: 'Claude Desktop' }]);
  });

  it('stage_import, validate_import, list_import_batches and get_import_batch work from a file path and from a workbook', async () => {
    const [a] = await freeOwners(1);
    const file = path.join(imports, 'values.csv');
    fs.writeFileSync(file, `parcel_id;value_type;value_amount;effective_date\n${a.prop_id};market;123456;2026-01-01\nR-NOPE;market;1;2026-01-01\n`);
    const staged = await session.ok('stage_import', { kind: 'property_values', file_path: file });
    expect(staged).toMatchObject({ status: 'staged', staged_count: 2, error_count: 0, review_sha256: null });
    expect(staged.notes.join(' ')).toMatch(/semicolon/);
    const validated = await session.ok('validate_import', { batch_id: staged.batch_id });
    expect(validated).toMatchObject({ status: 'validated', signoff_voided: false, error_count: 1, errors: [{ line: 3, code: 'parcel_not_found' }] });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Exemptions');
    ws.addRow(['Prop ID', 'Owner ID', 'Tax Year', 'Exemption Code', 'Effective Date']);
    ws.addRow([a.prop_id, a.owner_id, 2026, 'EX', new Date(Date.UTC(2026, 0, 1))]);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const fromXlsx = await session.ok('stage_import', { validate: true, file_content: base64, content_encoding: 'base64', file_name: 'upload.xlsx' });
    expect(fromXlsx).toMatchObject({ status: 'validated', staged_count: 1, error_count: 0, valid_count: 1 });

    const listed = await session.ok('list_import_batches', { status: 'validated' });
    expect(listed.batches.map((b: { batch_id: string }) => b.batch_id)).toEqual(expect.arrayContaining([staged.batch_id, fromXlsx.batch_id]));
    const detail = await session.ok('get_import_batch', { batch_id: fromXlsx.batch_id, rows_limit: 5 });
    expect(detail.batch).toMatchObject({ file_format: 'xlsx', sheet_name: 'Exemptions', status: 'validated' });
    expect(detail.rows).toEqual([{ line: 2, prop_id: a.prop_id, values: expect.objectContaining({ exmpt_type_cd: 'EX', effective_dt: '2026-01-01', action: 'ADD' }) }]);
  });

  it('bad files get an isError result that says what to do, nothing is half-staged, and the server keeps answering', async () => {
    const bin = path.join(imports, 'scan.csv');
    fs.writeFileSync(path.join(imports, 'notes.docx'), 'PK');
    fs.writeFileSync(bin, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x01, 0x02, 0xff]));
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ file_path: bin }, /is a PDF document, not a CSV or Excel file/],
      [{ file_path: path.join(imports, 'missing.csv') }, /There is no file at/],
      [{ file_path: path.join(imports, 'notes.docx') }, /not an import file/],
      [{ file_content: '', file_name: 'empty.csv' }, /empty/],
      [{ file_content: 'prop_id,exmpt_tax_yr,exmpt_type_cd\n1,2026,HS\n', file_name: 'x.csv' }, /no owner_id column/],
      [{ file_content: 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,"HS\n2,2,2026,HS\n', file_name: 'x.csv' }, /Line 2: a quoted value opens here and is never closed/],
      [{ file_content: 'a,b\n1,2\n' }, /needs file_name/],
      [{}, /Give file_path/],
    ];
    for (const [args, message] of cases) {
      const result = await session.call('stage_import', { validate: true, ...args });
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(errorText(result)).toMatch(message);
      expect((await session.ok('list_connections')).connections.length).toBeGreaterThan(0);
    }
    const ragged = await session.ok('stage_import', { kind: 'exemptions', file_content: 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026\n2,2,2026,HS,EXTRA\n3,3,2026,HS\n', file_name: 'ragged.csv' });
    expect(ragged.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['2:column_count', '3:column_count']);
    await expectNothingHalfStaged();
    const unknown = await session.call('get_import_batch', { batch_id: 'no-such-batch' });
    expect(errorText(unknown)).toMatch(/There is no import batch "no-such-batch".*list_import_batches/);
  });

  it('route_appeal routes on the training connection and refuses production, saying why', async () => {
    const [protest] = await demo<{ prop_id: number; case_id: number }>('SELECT prop_id, case_id FROM _arb_protest WHERE prop_val_yr = 2026 AND prot_complete_dt IS NULL AND docket_id IS NULL ORDER BY prop_id LIMIT 1');
    const added = await runCli(['connections', 'add', '--id', 'oltp', '--kind', 'sqlite', '--role', 'production', '--file', demoFile], env);
    expect(added.code, added.stderr).toBe(0);
    const refused = await session.call('route_appeal', { connection_id: 'oltp', prop_id: protest.prop_id });
    expect(refused.isError).toBe(true);
    expect(errorText(refused)).toMatch(/"oltp" is a production connection and is read-only: routing an appeal .* is refused/);
    expect(await demo('SELECT docket_id FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = ?', [protest.prop_id, protest.case_id])).toEqual([{ docket_id: null }]);
    const [audit] = await store<{ outcome: string; connection_id: string }>(`SELECT outcome, connection_id FROM ${AUDIT_CALLS} WHERE action = 'route_appeal' ORDER BY seq DESC LIMIT 1`);
    expect(audit).toEqual({ outcome: 'refused', connection_id: 'oltp' });

    const routed = await session.ok('route_appeal', { prop_id: protest.prop_id });
    expect(routed).toMatchObject({ connection_id: 'demo', prop_id: protest.prop_id, case_id: protest.case_id, changed: true });
    expect(await demo('SELECT docket_id, prot_hearing_appraisal_staff, prot_status FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = 2026 AND case_id = ?', [protest.prop_id, protest.case_id])).toEqual([
      { docket_id: routed.docket_id, prot_hearing_appraisal_staff: routed.appraiser_id, prot_status: 'S' },
    ]);
    const noDocket = await session.call('route_appeal', { prop_id: 1 });
    expect(errorText(noDocket)).toMatch(/no protest for parcel 1/);
  });

  it('pacs-mcp import stage|validate|signoff|push|list scripts the same lifecycle', async () => {
    const [a, b] = await freeOwners(4).then((rows) => rows.slice(2));
    const file = path.join(home.dir, 'cli-upload.csv');
    fs.writeFileSync(file, `prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n${a.prop_id},${a.owner_id},2026,EX\n${b.prop_id},${b.owner_id},2026,EX\n`);
    const staged = await runCli(['import', 'stage', file, '--kind', 'exemptions', '--json'], env);
    expect(staged.code, staged.stderr).toBe(0);
    const { batch_id: batchId, status } = JSON.parse(staged.stdout);
    expect(status).toBe('staged');
    const validated = await runCli(['import', 'validate', batchId, '--json'], env);
    expect(validated.code, validated.stderr).toBe(0);
    const { review_sha256: sha } = JSON.parse(validated.stdout);
    expect((await runCli(['import', 'signoff', batchId, '--reviewer', 'Pat QA'], env)).code).toBe(2);
    const signed = await runCli(['import', 'signoff', batchId, '--reviewer', 'Pat QA', '--sha256', sha], env);
    expect(signed.code, signed.stderr).toBe(0);
    const production = await runCli(['connections', 'add', '--id', 'oltp_cli', '--kind', 'sqlite', '--role', 'production', '--file', demoFile], env);
    expect(production.code, production.stderr).toBe(0);
    const refused = await runCli(['import', 'push', batchId, '--connection', 'oltp_cli'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/production connection and is read-only/);
    const pushed = await runCli(['import', 'push', batchId, '--json'], env);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ connection_id: 'demo', pushed_rows: 2, already_pushed: false, status: 'pushed_to_training' });
    expect(await demo('SELECT COUNT(*) AS n FROM import_staging_exemptions WHERE batch_id = ?', [batchId])).toEqual([{ n: 2 }]);
    const listed = await runCli(['import', 'list', '--status', 'pushed_to_training', '--json'], env);
    expect(JSON.parse(listed.stdout).batches.map((x: { batch_id: string }) => x.batch_id)).toEqual([batchId]);
    const withErrors = await runCli(['import', 'stage', file.replace('cli-upload', 'missing'), '--kind', 'exemptions'], env);
    expect(withErrors.code).toBe(1);
    expect(withErrors.stderr).toMatch(/There is no file at/);
    const audit = await store<{ action: string; channel: string }>(`SELECT action, channel FROM ${AUDIT_CALLS} WHERE channel = 'cli' AND action LIKE 'import.%' ORDER BY seq`);
    expect(audit.map((r) => r.action)).toEqual(['import.stage', 'import.validate', 'import.signoff', 'import.push', 'import.push', 'import.stage']);
    // The server still sees what the CLI did.
    expect((await session.ok('get_import_batch', { batch_id: batchId })).batch.status).toBe('pushed_to_training');
  });
});

describe('kill -9 of the server in the middle of staging', () => {
  // A 400,000-row file staged twice and a server started cold: minutes on a loaded machine.
  it('leaves nothing half-staged once a server starts again', async () => {
    const file = path.join(imports, 'big-upload.csv');
    const lines = ['prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd,applicant_nm'];
    for (let i = 0; i < 400_000; i++) lines.push(`${10001 + (i % 300)},${i + 1},2026,HS,APPLICANT NUMBER ${i}`);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const victim = await connectStdio(env, 'doomed-client');
    const pending = victim.call('stage_import', { kind: 'exemptions', file_path: file }).catch((err: Error) => err);
    // Wait until the batch is part-way in the store, then kill the process outright.
    const deadline = Date.now() + 60_000;
    let partial = 0;
    while (Date.now() < deadline) {
      const [row] = await store<{ n: number }>("SELECT COUNT(*) AS n FROM import_rows r JOIN import_batches b ON b.batch_key = r.batch_key WHERE b.status = 'staging'");
      partial = row?.n ?? 0;
      if (partial > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(partial).toBeGreaterThan(0);
    process.kill(victim.pid!, 'SIGKILL');
    expect(await pending).toBeInstanceOf(Error);
    await victim.close().catch(() => undefined);
    expect(await store("SELECT status FROM import_batches WHERE file_name = 'big-upload.csv'")).toEqual([{ status: 'staging' }]);

    const restarted = await connectStdio(env, 'next-client');
    try {
      const { batches } = await restarted.ok('list_import_batches', { limit: 200 });
      expect(batches.filter((b: { file_name: string }) => b.file_name === 'big-upload.csv')).toEqual([]);
      expect(await store("SELECT batch_id FROM import_batches WHERE file_name = 'big-upload.csv'")).toEqual([]);
      await expectNothingHalfStaged();
      expect(await store("SELECT COUNT(*) AS n FROM import_errors WHERE batch_key NOT IN (SELECT batch_key FROM import_batches)")).toEqual([{ n: 0 }]);
      const [recovered] = await store<{ args_json: string }>(`SELECT args_json FROM ${AUDIT_CALLS} WHERE action = 'import.recover'`);
      expect(JSON.parse(recovered.args_json)).toMatchObject({ file_name: 'big-upload.csv', interrupted_task: 'stage' });
      // The same file stages fine afterwards.
      const again = await restarted.ok('stage_import', { kind: 'exemptions', file_path: file, max_errors: 0 });
      expect(again).toMatchObject({ status: 'staged', staged_count: 400_000 });
      const audit = await runCli(['audit', 'verify'], env);
      expect(audit.code, audit.stderr + audit.stdout).toBe(0);
    } finally {
      await restarted.close();
    }
  }, 180_000);
});
