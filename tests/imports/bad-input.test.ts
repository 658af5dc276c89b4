import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../mcp/imports/actor.js';
import { ImportFileError } from '../../mcp/imports/import-errors.js';
import type { StageOptions } from '../../mcp/imports/stage-batch.js';
import { IMPORT_KINDS } from '../../mcp/imports/import-kinds.js';
import { openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { CORPUS } from './bad-input-corpus.js';

let t: ImportTestEngine;
let corpusDir: string;
const actor = actorFor('cli');
const names = IMPORT_KINDS.exemptions.fields.map((f) => f.name);

beforeAll(async () => {
  t = await openImportEngine(50);
  corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-corpus-'));
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(corpusDir, { recursive: true, force: true });
});

/** Nothing half-staged: no batch left in `staging`, no row or error without its batch. */
async function expectNothingHalfStaged() {
  expect(await t.store("SELECT batch_id FROM import_batches WHERE status = 'staging'")).toEqual([]);
  expect(await t.store("SELECT COUNT(*) AS n FROM import_rows WHERE batch_key NOT IN (SELECT batch_key FROM import_batches WHERE status <> 'staging')")).toEqual([{ n: 0 }]);
  expect(await t.store("SELECT COUNT(*) AS n FROM import_errors WHERE batch_key NOT IN (SELECT batch_key FROM import_batches WHERE status <> 'staging')")).toEqual([{ n: 0 }]);
}

async function stageFile(file: string, options: StageOptions = {}) {
  return t.engine.imports.stage({ kind: 'exemptions', file_path: file }, actor, options);
}

async function expectFileError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(ImportFileError);
  expect((err as ImportFileError).code).toBe(code);
  if (message) expect((err as Error).message).toMatch(message);
  // Every message says what to do, not just what went wrong.
  expect((err as Error).message.length).toBeGreaterThan(30);
  return err as ImportFileError;
}

describe('bad-input corpus: each file gets a clear error or per-row errors, and nothing is half-staged', () => {
  it('has at least 40 generated bad files (with the file-system cases below)', () => {
    expect(CORPUS.length + 6).toBeGreaterThanOrEqual(40);
  });

  for (const c of CORPUS) {
    it(c.name, async () => {
      const file = path.join(corpusDir, c.name);
      fs.writeFileSync(file, await c.bytes());
      const before = (await t.store<{ n: number }>("SELECT COUNT(*) AS n FROM import_batches")).at(0)!.n;
      if ('fileError' in c.expect) {
        const err = await expectFileError(stageFile(file), c.expect.fileError, c.expect.message);
        if (c.expect.line !== undefined) expect(err.line).toBe(c.expect.line);
        expect((await t.store<{ n: number }>('SELECT COUNT(*) AS n FROM import_batches')).at(0)!.n).toBe(before);
      } else {
        const batch = await stageFile(file);
        expect(batch.status).toBe('staged');
        expect(batch.staged_count).toBe(c.expect.rows);
        const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1_000, rowsLimit: 100 });
        expect(detail.errors.map((e) => [e.line, e.code])).toEqual(c.expect.errors);
        for (const e of detail.errors) expect(e.message.length, JSON.stringify(e)).toBeGreaterThan(15);
        if (c.expect.values) {
          const rows = c.expect.rows > 100 ? (await t.store<{ vals: string }>('SELECT vals FROM import_rows WHERE batch_key = (SELECT batch_key FROM import_batches WHERE batch_id = ?) ORDER BY line', [batch.batch_id])).map((r) => Object.fromEntries(names.map((n, i) => [n, JSON.parse(r.vals)[i]]))) : detail.rows.map((r) => r.values);
          c.expect.values(rows);
        }
        if (c.expect.notes) expect(detail.notes.join(' ')).toMatch(c.expect.notes);
        expect(detail.batch.file_sha256).toBe((await import('node:crypto')).createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
      }
      await expectNothingHalfStaged();
    });
  }

  it('a 200 MB single line is refused after reading about a megabyte, streamed, without filling memory', async () => {
    const file = path.join(corpusDir, 'single-line-200mb.csv');
    const out = fs.createWriteStream(file);
    const block = Buffer.alloc(1024 * 1024, 'a,');
    for (let i = 0; i < 200; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    expect(fs.statSync(file).size).toBe(200 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const started = performance.now();
    try {
      await expectFileError(stageFile(file), 'record_too_large', /^Line 1 of single-line-200mb\.csv is longer than 1,000,000 characters/);
    } finally {
      clearInterval(sampler);
      fs.rmSync(file, { force: true });
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(peak - rssBefore).toBeLessThan(100 * 1024 * 1024);
    await expectNothingHalfStaged();
  });

  it('a file that is truncated while it is read is refused, and the rows read so far are removed', async () => {
    const file = path.join(corpusDir, 'vanishing.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `${10001 + (i % 50)},${i + 1},2026,HS,NAME ${i},2026-01-01,`);
    fs.writeFileSync(file, ['prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd,applicant_nm,effective_dt,exemption_pct', ...rows].join('\n') + '\n');
    let truncated = false;
    await expectFileError(
      stageFile(file, {
        onProgress: () => {
          if (truncated) return;
          truncated = true;
          fs.truncateSync(file, 200);
        },
      }),
      'file_changed',
      /changed while it was being read.*Nothing was staged/,
    );
    expect(truncated).toBe(true);
    await expectNothingHalfStaged();
  });

  it('a file that is deleted while it is read is refused (the name no longer points at what was read)', async () => {
    const file = path.join(corpusDir, 'deleted.csv');
    fs.writeFileSync(file, ['prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd', ...Array.from({ length: 30_000 }, (_, i) => `10001,${i + 1},2026,HS`)].join('\n'));
    await expectFileError(stageFile(file, { onProgress: () => fs.rmSync(file, { force: true }) }), 'file_changed', /disappeared while it was being read/);
    await expectNothingHalfStaged();
  });

  it('a path that does not exist, a directory, a wrong extension, or both path and content are refused up front', async () => {
    await expectFileError(stageFile(path.join(corpusDir, 'nope.csv')), 'file_not_found', /There is no file at/);
    const dir = path.join(corpusDir, 'a-folder.csv');
    fs.mkdirSync(dir);
    await expectFileError(stageFile(dir), 'not_a_file');
    fs.writeFileSync(path.join(corpusDir, 'report.pdf'), '%PDF');
    await expectFileError(stageFile(path.join(corpusDir, 'report.pdf')), 'unsupported_extension', /\.csv, \.tsv, \.txt, \.xlsx/);
    await expectFileError(t.engine.imports.stage({ kind: 'exemptions', file_path: dir, file_content: 'x', file_name: 'x.csv' }, actor), 'ambiguous_input');
    await expectFileError(t.engine.imports.stage({ kind: 'exemptions', file_content: 'prop_id\n1\n' }, actor), 'ambiguous_input', /file_name/);
    await expectFileError(t.engine.imports.stage({ kind: 'exemptions', file_content: '%%%not base64', file_name: 'x.xlsx', content_encoding: 'base64' }, actor), 'invalid_base64');
    await expectNothingHalfStaged();
  });

  it('a cancelled staging keeps nothing', async () => {
    const file = path.join(corpusDir, 'cancelled.csv');
    fs.writeFileSync(file, ['prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd', ...Array.from({ length: 30_000 }, (_, i) => `10001,${i + 1},2026,HS`)].join('\n'));
    const controller = new AbortController();
    await expect(stageFile(file, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toThrow(/cancelled; nothing was kept/);
    await expectNothingHalfStaged();
  });
});
