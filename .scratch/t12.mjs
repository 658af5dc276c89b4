import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('Exemptions');
ws.addRow(['prop_id', 'Exempt Code', 'Effective Date', 'Amount', 'Flag', 'Note']);
ws.addRow([10001, 'HS', new Date(Date.UTC(2024, 0, 1)), 1234.5, true, { richText: [{ text: 'rich ' }, { text: 'text' }] }]);
ws.addRow([10002, 'OV65', new Date(Date.UTC(2024, 0, 2, 13, 5, 0)), { formula: 'D2*2', result: 2469 }, false, null]);
ws.addRow([]);
ws.addRow([10003, null, null, 0.1, null, 'x']);
const ws2 = wb.addWorksheet('Other'); ws2.addRow(['a']); ws2.addRow([1]);
const buf = await wb.xlsx.writeBuffer();
const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(buf)), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
for await (const sheet of reader) {
  console.log('sheet', sheet.name, sheet.id);
  for await (const row of sheet) {
    console.log(Array.isArray(row) ? 'ARRAY' : 'row', row.number, JSON.stringify(row.values));
  }
}
