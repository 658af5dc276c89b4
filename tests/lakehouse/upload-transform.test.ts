import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { compileTransform } from '../../mcp/lakehouse/silver/compile-transform.js';
import { startTransform } from '../../mcp/lakehouse/silver/transform-to-silver.js';
import { resolveTransformations, transformationsSchema } from '../../mcp/lakehouse/silver/transform-spec.js';
import { startUpload } from '../../mcp/lakehouse/upload/upload-file.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import type { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { readParquet } from '../helpers/parquet.js';
import { makeTempHome } from '../helpers/temp-home.js';

// Every test on an engine and a lakehouse of its own.
let home: ReturnType<typeof makeTempHome>;
let engine: Engine;

beforeEach(async () => {
  home = makeTempHome('pacs-upload-');
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
});
afterEach(async () => {
  await engine?.close();
  home.cleanup();
});

async function lake() {
  return (await resolveWarehouse(engine)).connector as unknown as LocalLakehouse;
}

async function upload(request: Parameters<typeof startUpload>[1]) {
  const { job } = await startUpload(engine, request);
  return engine.jobs.waitFor(job.job_id, 30_000);
}

async function rows(sql: string) {
  return (await (await lake()).query(sql, [], { maxRows: 1_000, timeoutMs: 10_000 })).rows;
}

const EXEMPTIONS_CSV =
  '\uFEFFprop_id,Exempt Type,effective date,Amount,Applicant Name,Note\n' +
  '10001,HS,2024-01-01,"1,000.00",  Ana Ruiz  ,plain\n' +
  '10002,OV65,2024-02-15,2500.50,"O\'Neil, Pat","quoted ""word"" and, comma"\n' +
  '10002,OV65,2024-03-01,2600.00,"O\'Neil, Pat",later duplicate\n' +
  '10003,DV1,not a date,N/A,,\n' +
  '10004,EX,2024-05-31, 12.5 ,Kim Lee,"two\nlines"\n';

/** EXEMPTIONS_CSV uploaded as bronze.exemptions_2024. */
async function uploadedExemptions() {
  const job = await upload({ source: { kind: 'content', fileName: 'Exemptions 2024.csv', content: Buffer.from(EXEMPTIONS_CSV) } });
  expect(job.status, job.error ?? '').toBe('succeeded');
}

describe('upload_file', () => {
  it('loads a CSV into bronze as text, exactly as the file holds it (quotes, commas, line breaks, BOM)', async () => {
    const job = await upload({ source: { kind: 'content', fileName: 'Exemptions 2024.csv', content: Buffer.from(EXEMPTIONS_CSV) } });
    expect(job.error).toBeNull();
    expect(job.status).toBe('succeeded');
    expect(job.target_table).toBe('tenant_default.bronze.exemptions_2024');
    expect(job.rows).toBe(5);
    expect(job.result).toMatchObject({
      dataset_name: 'exemptions_2024',
      format: 'csv',
      columns: [
        { name: 'prop_id', original: 'prop_id' },
        { name: 'Exempt_Type', original: 'Exempt Type' },
        { name: 'effective_date', original: 'effective date' },
        { name: 'Amount', original: 'Amount' },
        { name: 'Applicant_Name', original: 'Applicant Name' },
        { name: 'Note', original: 'Note' },
      ],
    });
    const read = await rows('SELECT * FROM bronze.exemptions_2024');
    expect(read).toEqual([
      { prop_id: '10001', Exempt_Type: 'HS', effective_date: '2024-01-01', Amount: '1,000.00', Applicant_Name: '  Ana Ruiz  ', Note: 'plain' },
      { prop_id: '10002', Exempt_Type: 'OV65', effective_date: '2024-02-15', Amount: '2500.50', Applicant_Name: "O'Neil, Pat", Note: 'quoted "word" and, comma' },
      { prop_id: '10002', Exempt_Type: 'OV65', effective_date: '2024-03-01', Amount: '2600.00', Applicant_Name: "O'Neil, Pat", Note: 'later duplicate' },
      { prop_id: '10003', Exempt_Type: 'DV1', effective_date: 'not a date', Amount: 'N/A', Applicant_Name: '', Note: '' },
      { prop_id: '10004', Exempt_Type: 'EX', effective_date: '2024-05-31', Amount: ' 12.5 ', Applicant_Name: 'Kim Lee', Note: 'two\nlines' },
    ]);
    const runs = await engine.store.all<{ kind: string; source_name: string; rows: number }>("SELECT kind, source_name, rows FROM lakehouse_runs WHERE kind = 'upload'");
    expect(runs).toEqual([{ kind: 'upload', source_name: 'Exemptions 2024.csv', rows: 5 }]);
  });

  it('reads semicolon CSV in windows-1252 from a file path', async () => {
    const file = path.join(home.dir, 'appeals.csv');
    fs.writeFileSync(file, iconv.encode('case_id;owner;city\n1;Peña;Español\n2;Zoë;Orléans\n', 'windows-1252'));
    const job = await upload({ source: { kind: 'path', filePath: file }, encoding: 'windows-1252', datasetName: 'appeals' });
    expect(job.status).toBe('succeeded');
    expect(await rows('SELECT owner, city FROM bronze.appeals ORDER BY case_id')).toEqual([
      { owner: 'Peña', city: 'Español' },
      { owner: 'Zoë', city: 'Orléans' },
    ]);
  });

  it('loads the chosen sheet of an XLSX workbook, dates and numbers as plain text', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['ignore me']);
    const sheet = workbook.addWorksheet('Values');
    sheet.addRow(['prop_id', 'Year', 'Market', 'Certified', 'Flag']);
    sheet.addRow([10001, 2024, 501430.5, new Date(Date.UTC(2024, 6, 21)), true]);
    sheet.addRow([10002, 2024, { formula: 'C2*2', result: 1002861 }, new Date(Date.UTC(2024, 6, 21, 13, 30)), false]);
    sheet.addRow([]);
    sheet.addRow([10003, null, null, null, null]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const job = await upload({ source: { kind: 'content', fileName: 'values.xlsx', content }, sheet: 'values' });
    expect(job.error).toBeNull();
    expect(await rows('SELECT * FROM bronze."values" ORDER BY prop_id')).toEqual([
      { prop_id: '10001', Year: '2024', Market: '501430.5', Certified: '2024-07-21', Flag: 'true' },
      { prop_id: '10002', Year: '2024', Market: '1002861', Certified: '2024-07-21 13:30:00', Flag: 'false' },
      { prop_id: '10003', Year: '', Market: '', Certified: '', Flag: '' },
    ]);
    const missing = await upload({ source: { kind: 'content', fileName: 'values.xlsx', content }, sheet: 'nope', datasetName: 'other' });
    expect(missing.status).toBe('failed');
    expect(missing.error).toMatch(/no sheet "nope".*Notes, Values/);
  });

  it('fails a ragged CSV with the line number and leaves no table behind', async () => {
    const job = await upload({ source: { kind: 'content', fileName: 'bad.csv', content: Buffer.from('a,b\n1,2\n3\n') } });
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/Line 3 has 1 values but the header \(line 1\) has 2 columns/);
    expect((await (await lake()).listLayerTables('bronze')).map((t) => t.name)).not.toContain('bad');
    await expect(startUpload(engine, { source: { kind: 'content', fileName: 'x.pdf', content: Buffer.from('x') } })).rejects.toThrow(/not a CSV.*or Excel/);
    await expect(startUpload(engine, { source: { kind: 'path', filePath: path.join(home.dir, 'missing.csv') } })).rejects.toThrow(/no file at/);
  });
});

describe('transform_to_silver', () => {
  const spec = transformationsSchema.parse({
    trim: true,
    normalize_nulls: { values: ['', 'N/A'] },
    cast: [
      { column: 'prop_id', to: 'integer' },
      { column: 'Amount', to: 'decimal(14,2)' },
      { column: 'effective_date', to: 'date' },
    ],
    filter: [{ column: 'Exempt_Type', op: 'ne', value: 'EX' }],
    dedupe: { keys: ['prop_id'], order_by: [{ column: 'effective_date', direction: 'desc' }] },
    columns: ['prop_id', 'Exempt_Type', 'effective_date', 'Amount', 'Applicant_Name'],
    rename: { Exempt_Type: 'exmpt_type_cd', Applicant_Name: 'applicant_nm', effective_date: 'effective_dt' },
  });

  it('cleans, casts with error counting, filters, dedupes and renames, and reports what it did', async () => {
    await uploadedExemptions();
    const { job } = await startTransform(engine, { bronzeTable: 'bronze.exemptions_2024', transformations: spec });
    const done = await engine.jobs.waitFor(job.job_id, 30_000);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.target_table).toBe('tenant_default.silver.exemptions_2024');
    expect(done.result).toMatchObject({
      rows_in: 5,
      rows_out: 3,
      rows_filtered_out: 1,
      duplicates_removed: 1,
      cast_errors: [
        { column: 'prop_id', to: 'INTEGER', count: 0, examples: [] },
        { column: 'Amount', to: 'DECIMAL(14,2)', count: 1, examples: ['1,000.00'] },
        { column: 'effective_date', to: 'DATE', count: 1, examples: ['not a date'] },
      ],
      columns: [
        { name: 'prop_id', from: 'prop_id', type: 'INTEGER' },
        { name: 'exmpt_type_cd', from: 'Exempt_Type', type: 'VARCHAR' },
        { name: 'effective_dt', from: 'effective_date', type: 'DATE' },
        { name: 'Amount', from: 'Amount', type: 'DECIMAL(14,2)' },
        { name: 'applicant_nm', from: 'Applicant_Name', type: 'VARCHAR' },
      ],
    });
    expect(await rows('SELECT * FROM silver.exemptions_2024 ORDER BY prop_id')).toEqual([
      { prop_id: 10001, exmpt_type_cd: 'HS', effective_dt: '2024-01-01', Amount: null, applicant_nm: 'Ana Ruiz' },
      { prop_id: 10002, exmpt_type_cd: 'OV65', effective_dt: '2024-03-01', Amount: 2600, applicant_nm: "O'Neil, Pat" },
      { prop_id: 10003, exmpt_type_cd: 'DV1', effective_dt: null, Amount: null, applicant_nm: null },
    ]);
    const { files } = await silverFiles();
    const parquet = await readParquet(files[0]);
    expect(parquet.schema.Amount).toMatchObject({ converted_type: 'DECIMAL', precision: 14, scale: 2 });
    expect(parquet.schema.effective_dt).toMatchObject({ converted_type: 'DATE' });
  });

  it('on_error fail stops before writing; drop_row drops the rows that do not convert', async () => {
    await uploadedExemptions();
    const failing = transformationsSchema.parse({ cast: [{ column: 'Amount', to: 'decimal(14,2)', on_error: 'fail' }] });
    const { job } = await startTransform(engine, { bronzeTable: 'exemptions_2024', transformations: failing, silverTable: 'strict' });
    const done = await engine.jobs.waitFor(job.job_id, 30_000);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/2 values of "Amount" do not convert to DECIMAL\(14,2\).*"1,000.00".*nothing was written/);
    expect((await (await lake()).listLayerTables('silver')).map((t) => t.name)).not.toContain('strict');

    const dropping = transformationsSchema.parse({ trim: ['Amount'], cast: [{ column: 'Amount', to: 'double', on_error: 'drop_row' }], columns: ['prop_id', 'Amount'] });
    const second = await startTransform(engine, { bronzeTable: 'exemptions_2024', transformations: dropping, silverTable: 'amounts' });
    const ok = await engine.jobs.waitFor(second.job.job_id, 30_000);
    expect(ok.result).toMatchObject({ rows_in: 5, rows_out: 3, rows_filtered_out: 2 });
    expect(await rows('SELECT prop_id, Amount FROM silver.amounts ORDER BY Amount')).toEqual([
      { prop_id: '10004', Amount: 12.5 },
      { prop_id: '10002', Amount: 2500.5 },
      { prop_id: '10002', Amount: 2600 },
    ]);
  });

  it('rejects a bad spec before any SQL is built, listing every problem', async () => {
    await uploadedExemptions();
    const silver = await startTransform(engine, { bronzeTable: 'exemptions_2024', transformations: transformationsSchema.parse({}), silverTable: 'amounts' });
    expect((await engine.jobs.waitFor(silver.job.job_id, 30_000)).status).toBe('succeeded');
    const bad = transformationsSchema.parse({
      trim: ['nope'],
      cast: [{ column: 'Amount', to: 'decimal(40,2)' }],
      filter: [{ column: 'prop_id', op: 'in', value: 1 }, { column: 'Amount', op: 'gt', value: 'lots' }],
      rename: { Note: 'Applicant_Name', prop_id: '1bad' },
    });
    const before = await engine.store.get<{ n: number }>('SELECT count(*) AS n FROM jobs');
    await expect(startTransform(engine, { bronzeTable: 'exemptions_2024', transformations: bad })).rejects.toThrow(
      /trim: there is no column "nope".*cast: decimal\(40,2\).*filter in on "prop_id" needs "values".*"lots" is not a number.*"1bad" is not a column name/,
    );
    expect(await engine.store.get<{ n: number }>('SELECT count(*) AS n FROM jobs')).toEqual(before);
    expect(() => transformationsSchema.parse({ drop_everything: true })).toThrow();
    expect(() => transformationsSchema.parse({ cast: [{ column: 'a', to: 'varchar; DROP TABLE x' }] })).toThrow(/decimal\(p,s\)/);
    await expect(startTransform(engine, { bronzeTable: 'bronze.nope', transformations: {} })).rejects.toThrow(/no table tenant_default.bronze.nope/);
    await expect(startTransform(engine, { bronzeTable: 'silver.amounts', transformations: {} })).rejects.toThrow(/must be a bronze table/);
  });

  it('compiles the same spec for Databricks: backticks, try_cast, TIMESTAMP_NTZ, Spark string escapes', async () => {
    await uploadedExemptions();
    const columns = (await (await lake()).tableColumns('bronze', 'exemptions_2024'))!;
    const resolved = resolveTransformations(
      transformationsSchema.parse({
        normalize_nulls: { values: ["it's", 'back\\slash'] },
        cast: [{ column: 'effective_date', to: 'timestamp' }, { column: 'Amount', to: 'decimal(14,2)', on_error: 'drop_row' }],
        filter: [{ column: 'Note', op: 'like', value: "%O'Neil\\%" }],
        dedupe: { keys: ['prop_id'] },
        rename: { Note: 'note_text' },
      }),
      columns,
    );
    const compiled = compileTransform(resolved, 'databricks', '`tenant_a`.`bronze`.`exemptions_2024`');
    expect(compiled.select).toContain("IN ('it\\'s', 'back\\\\slash')");
    expect(compiled.select).toContain("try_cast(CASE WHEN trim(`effective_date`) IN ('it\\'s', 'back\\\\slash') THEN NULL ELSE `effective_date` END AS TIMESTAMP_NTZ) AS `effective_date`");
    expect(compiled.select).toContain('END AS DECIMAL(14,2)) AS `Amount`');
    expect(compiled.select).toContain("`Note` LIKE '%O\\'Neil\\\\%'");
    expect(compiled.select).toContain('`Note` AS `note_text`');
    expect(compiled.select).toContain('QUALIFY row_number() OVER (PARTITION BY `prop_id` ORDER BY');
    expect(compiled.select).toContain('NOT (`__pacs_raw_Amount` IS NOT NULL AND `Amount` IS NULL)');
    expect(compiled.select).not.toContain('"');
    const duck = compileTransform(resolved, 'duckdb', '"bronze"."exemptions_2024"');
    expect(duck.select).toContain("IN ('it''s', 'back\\slash')");
    expect(duck.select).toContain('TRY_CAST(CASE WHEN trim("effective_date")');
    expect(duck.select).toContain('END AS TIMESTAMP) AS "effective_date"');
  });
});

async function silverFiles() {
  const lakehouse = await lake();
  const row = await engine.store.get<{ files_json: string }>("SELECT files_json FROM lakehouse_tables WHERE layer = 'silver' AND name = 'exemptions_2024'");
  return { files: (JSON.parse(row!.files_json) as { path: string }[]).map((f) => lakehouse.resolveFile(f.path)) };
}
