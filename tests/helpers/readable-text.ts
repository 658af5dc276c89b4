import fs from 'node:fs';
import zlib from 'node:zlib';

/**
 * What a person opening the file would read: XLSX cells (the zip unpacked by exceljs), gzip
 * content (QA packages) unpacked, anything else as is. Compressed bytes hide what they hold
 * from a plain byte search.
 */
export async function readableText(file: string): Promise<string> {
  const data = fs.readFileSync(file);
  if (file.endsWith('.xlsx')) {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(data as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
    return cells.join('\n');
  }
  if (data[0] === 0x1f && data[1] === 0x8b) return zlib.gunzipSync(data).toString('utf8');
  return data.toString('utf8');
}
