import fs from 'node:fs';
import path from 'node:path';
import type { SqliteDb } from '../store/sqlite-db.js';
import { csvLine } from '../util/csv-format.js';
import { OutputFile } from '../util/output-file.js';
import { createPrivateFile } from '../util/private-files.js';
import { spreadsheetCell } from '../util/spreadsheet-safe.js';
import { UserError } from '../util/user-error.js';
import { getSnapshot, openSnapshotReader } from './snapshot-store.js';
import type { SnapshotMeta } from './snapshot-types.js';

export const SNAPSHOT_FILE_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type SnapshotFileFormat = (typeof SNAPSHOT_FILE_FORMATS)[number];

/** Excel's sheet limit, minus the header row. */
const XLSX_MAX_ROWS = 1_048_575;

export function snapshotFileFormat(file: string): SnapshotFileFormat {
  const ext = path.extname(file).toLowerCase().replace('.', '');
  if (!SNAPSHOT_FILE_FORMATS.includes(ext as SnapshotFileFormat)) throw new UserError('invalid', `Cannot tell the file format of "${file}": name it .csv, .xlsx or .json.`);
  return ext as SnapshotFileFormat;
}

/**
 * Writes a stored snapshot's rows (already masked as its policy says) to CSV, XLSX or JSON
 * ({snapshot, rows}), streamed page by page. CSV and XLSX cells are spreadsheet-safe.
 */
export async function writeSnapshotFile(store: SqliteDb, snapshotId: string, file: string): Promise<{ snapshot: SnapshotMeta; rows: number; file: string; format: SnapshotFileFormat }> {
  const meta = await getSnapshot(store, snapshotId);
  const format = snapshotFileFormat(file);
  if (format === 'xlsx' && meta.row_count > XLSX_MAX_ROWS) throw new UserError('invalid', `The snapshot has ${meta.row_count} rows, more than an Excel sheet holds; export it as .csv instead.`);
  const reader = await openSnapshotReader(store, snapshotId);
  let rows = 0;
  try {
    if (format === 'xlsx') {
      rows = await writeXlsx(meta, reader.pager.pages(), file);
    } else {
      const out = OutputFile.create(file);
      try {
        if (format === 'csv') await out.write(csvLine(meta.columns));
        else await out.write(`{"snapshot":${JSON.stringify(meta)},"rows":[\n`);
        for await (const page of reader.pager.pages()) {
          let text = '';
          for (const row of page) {
            const values = JSON.parse(row.row_json) as unknown[];
            if (format === 'csv') text += csvLine(values);
            else text += `${rows === 0 ? '' : ',\n'}${JSON.stringify(Object.fromEntries(meta.columns.map((c, i) => [c, values[i] ?? null])))}`;
            rows++;
          }
          await out.write(text);
        }
        if (format === 'json') await out.write('\n]}\n');
        await out.close();
      } catch (err) {
        await out.abort();
        throw err;
      }
    }
  } finally {
    await reader.close();
  }
  return { snapshot: meta, rows, file: path.resolve(file), format };
}

async function writeXlsx(meta: SnapshotMeta, pages: AsyncIterable<{ row_json: string }[]>, file: string): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  // ExcelJS opens the file with the default mode; one that exists keeps its owner-only mode.
  createPrivateFile(partial);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('snapshot');
  sheet.addRow(meta.columns.map((c) => spreadsheetCell(c))).commit();
  let rows = 0;
  try {
    for await (const page of pages) {
      for (const row of page) {
        sheet.addRow((JSON.parse(row.row_json) as unknown[]).map((v) => spreadsheetCell(v))).commit();
        rows++;
      }
    }
    sheet.commit();
    await workbook.commit();
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return rows;
}
