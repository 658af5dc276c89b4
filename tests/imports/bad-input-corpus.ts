import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * The bad-input corpus: files a county clerk's tools really produce when something goes wrong, each
 * with what staging must answer — a file-level error (nothing staged) or per-row errors at the
 * right lines (everything else staged). Generated here so the corpus is reviewable as code.
 */
export type Expectation =
  | { fileError: string; message?: RegExp; line?: number }
  | { rows: number; errors: [line: number, code: string][]; values?: (rows: Record<string, unknown>[]) => void; notes?: RegExp };

export interface CorpusCase {
  name: string;
  bytes: () => Buffer | Promise<Buffer>;
  expect: Expectation;
}

const H = 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd,applicant_nm,effective_dt,exemption_pct';
const GOOD = (n: number) => `${10000 + n},${(10000 + n) * 10 + 1},2026,HS,OWNER ${n},2026-01-01,`;
const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');

async function xlsx(rows: unknown[][], tweak?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Upload');
  for (const row of rows) ws.addRow(row);
  tweak?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function zipWithOneFile(): Buffer {
  // A stored (uncompressed) ZIP holding readme.txt: a real archive, but no workbook.
  const name = Buffer.from('readme.txt');
  const data = Buffer.from('not a workbook');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Deterministic pseudo-random bytes (with NULs): a binary file. */
function noise(n: number, seed = 7): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 0xff;
  }
  return out;
}

/** Enough plain-ASCII rows to push a byte past the 64 KB the encoding sniffer looks at. */
const ASCII_PADDING = Array.from({ length: 2_000 }, (_, i) => GOOD(i + 1));

export const CORPUS: CorpusCase[] = [
  // ── not a data file at all: nothing staged ──
  { name: 'empty.csv', bytes: () => Buffer.alloc(0), expect: { fileError: 'empty_file' } },
  { name: 'only-blank-lines.csv', bytes: () => Buffer.from('\n\n   \n\t\n'), expect: { fileError: 'empty_file', message: /only blank lines/ } },
  { name: 'header-only.csv', bytes: () => csv(H), expect: { fileError: 'no_rows', message: /header \(line 1\) but no data rows/ } },
  { name: 'header-then-blank-lines.csv', bytes: () => csv(H, '', ' ', ''), expect: { fileError: 'no_rows' } },
  { name: 'no-header.csv', bytes: () => csv(GOOD(1), GOOD(2)), expect: { fileError: 'no_header', message: /Line 1 is not a header row/, line: 1 } },
  { name: 'colon-delimited.csv', bytes: () => csv(H.replace(/,/g, ':'), GOOD(1).replace(/,/g, ':')), expect: { fileError: 'no_header', message: /delimiter other than comma/ } },
  { name: 'missing-owner-column.csv', bytes: () => csv('prop_id,exmpt_tax_yr,exmpt_type_cd', '10001,2026,HS'), expect: { fileError: 'missing_columns', message: /no owner_id column/ } },
  { name: 'missing-parcel-columns.csv', bytes: () => csv('owner_id,exmpt_tax_yr,exmpt_type_cd', '100011,2026,HS'), expect: { fileError: 'missing_columns', message: /no prop_id or geo_id column/ } },
  { name: 'duplicate-header.csv', bytes: () => csv('prop_id,Prop ID,owner_id,exmpt_tax_yr,exmpt_type_cd', '1,1,1,2026,HS'), expect: { fileError: 'duplicate_columns', message: /"prop_id" and "Prop ID" both mean prop_id/ } },
  { name: 'duplicate-alias-header.csv', bytes: () => csv('prop_id,owner_id,exmpt_tax_yr,tax_year,exmpt_type_cd', '1,1,2026,2026,HS'), expect: { fileError: 'duplicate_columns', message: /exmpt_tax_yr/ } },
  { name: 'unterminated-quote.csv', bytes: () => csv(H, GOOD(1), `10002,100021,2026,HS,"NEVER CLOSED,2026-01-01,`, GOOD(3), GOOD(4)), expect: { fileError: 'unterminated_quote', message: /^Line 3: a quoted value opens here and is never closed/, line: 3 } },
  { name: 'random-binary.csv', bytes: () => noise(20_000), expect: { fileError: 'binary_file' } },
  { name: 'pdf-renamed.csv', bytes: () => Buffer.concat([Buffer.from('%PDF-1.7\n'), noise(2_000)]), expect: { fileError: 'binary_file', message: /a PDF document/ } },
  { name: 'png-renamed.csv', bytes: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(500)]), expect: { fileError: 'binary_file', message: /a PNG image/ } },
  { name: 'gzipped.csv', bytes: () => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), noise(500)]), expect: { fileError: 'binary_file', message: /gzip/ } },
  { name: 'sqlite-renamed.csv', bytes: () => Buffer.concat([Buffer.from('SQLite format 3\0'), noise(500)]), expect: { fileError: 'binary_file', message: /SQLite database/ } },
  { name: 'control-characters.csv', bytes: () => Buffer.from('prop_id,owner_id\n' + '\x01\x02\x03\x04abc\x05\x06'.repeat(200)), expect: { fileError: 'binary_file', message: /control characters/ } },
  { name: 'legacy-excel.xlsx', bytes: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), noise(4_000)]), expect: { fileError: 'legacy_xls', message: /save it as \.xlsx/ } },
  { name: 'csv-named.xlsx', bytes: () => csv(H, GOOD(1)), expect: { fileError: 'invalid_xlsx', message: /name it \.csv/ } },
  { name: 'truncated.xlsx', bytes: async () => (await xlsx([H.split(','), GOOD(1).split(','), GOOD(2).split(',')])).subarray(0, 900), expect: { fileError: 'invalid_xlsx', message: /could not be read as an Excel workbook|has no worksheet/ } },
  { name: 'zip-without-workbook.xlsx', bytes: () => zipWithOneFile(), expect: { fileError: 'invalid_xlsx' } },
  { name: 'empty-zip.xlsx', bytes: () => Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), expect: { fileError: 'invalid_xlsx', message: /empty ZIP/ } },
  { name: 'empty-sheet.xlsx', bytes: () => xlsx([]), expect: { fileError: 'empty_file' } },
  { name: 'utf32.csv', bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from(H, 'utf16le')]), expect: { fileError: 'unsupported_encoding', message: /UTF-32/ } },
  {
    name: 'mixed-encoding.csv',
    bytes: () => Buffer.concat([csv(H, `10001,100011,2026,HS,JOSÉ GARCÍA,2026-01-01,`, ...ASCII_PADDING), Buffer.from([0x52, 0xc9, 0x0a])]),
    expect: { fileError: 'mixed_encoding', message: /^Line 2003 of mixed-encoding\.csv is not valid UTF-8/ },
  },
  { name: 'one-huge-row.csv', bytes: () => Buffer.concat([csv(H, GOOD(1)), Buffer.from(`10002,100021,2026,HS,"${'X'.repeat(1_100_000)}",2026-01-01,\n`)]), expect: { fileError: 'record_too_large', message: /^Line 3 of one-huge-row\.csv is longer than 1,000,000 characters/ } },

  // ── broken rows: the rest is staged, each bad row carries its errors ──
  {
    name: 'ragged-rows.csv',
    bytes: () => csv(H, GOOD(1), `${GOOD(2)},EXTRA,MORE`, '10003,100031,2026', GOOD(4), `${GOOD(5)},,`),
    expect: { rows: 5, errors: [[3, 'column_count'], [4, 'column_count']] },
  },
  {
    name: 'embedded-newlines.csv',
    bytes: () => csv(H, GOOD(1), '10002,100021,2026,HS,"SMITH\nJOHN",2026-01-01,', '10003,100031,2026,HS,"A\n\nB",2026-01-01,', '10004,100041,2026,HS,OK,2026-02-30,'),
    expect: { rows: 4, errors: [[3, 'invalid_text'], [5, 'invalid_text'], [8, 'invalid_date']] },
  },
  { name: 'semicolon-data-under-comma-header.csv', bytes: () => csv(H, GOOD(1).replace(/,/g, ';'), GOOD(2)), expect: { rows: 2, errors: [[2, 'column_count']] } },
  {
    name: 'formulas.csv',
    bytes: () => csv(H, '10001,100011,2026,HS,"=HYPERLINK(""http://evil"",""x"")",2026-01-01,', '10002,100021,2026,HS,+cmd|calc,2026-01-01,', '10003,100031,2026,HS,@SUM(A1),2026-01-01,', '=1+1,100041,2026,HS,OK,2026-01-01,', '10005,100051,2026,HS,-2+3,2026-01-01,'),
    expect: { rows: 5, errors: [[2, 'formula'], [3, 'formula'], [4, 'formula'], [5, 'formula'], [6, 'formula']] },
  },
  {
    name: 'formulas.xlsx',
    bytes: () => xlsx([H.split(','), [10001, 100011, 2026, 'HS', { formula: 'CONCAT("A","B")', result: 'AB' }, '2026-01-01'], [10002, 100021, 2026, 'HS', 'PLAIN', '2026-01-01', { formula: '10*5', result: 50 }]]),
    expect: { rows: 2, errors: [[2, 'formula'], [3, 'formula']] },
  },
  {
    name: 'error-cells.xlsx',
    bytes: () => xlsx([H.split(','), [10001, { error: '#N/A' }, 2026, 'HS', 'X', '2026-01-01'], [10002, 100021, { error: '#REF!' }, 'HS', 'Y', '2026-01-01']]),
    expect: { rows: 2, errors: [[2, 'cell_error'], [3, 'cell_error']] },
  },
  {
    name: 'bad-types.csv',
    bytes: () => csv(H, 'abc,100011,2026,HS,A,2026-01-01,', '10002,100021,2026.5,HS,B,2026-01-01,', '10003,100031,2026,HS,C,13/45/2026,', '10004,100041,2026,AB,D,2026-01-01,ten', '10005,100051,26,HS,E,2026-01-01,', '10006,100061,2026,H S,F,2026-01-01,'),
    expect: { rows: 6, errors: [[2, 'invalid_integer'], [3, 'invalid_year'], [4, 'invalid_date'], [5, 'invalid_number'], [6, 'invalid_year'], [7, 'invalid_code']] },
  },
  {
    name: 'ranges.csv',
    bytes: () => csv(H, '0,100011,2026,HS,A,2026-01-01,', '10002,100021,1850,HS,B,2026-01-01,', '10003,100031,2026,AB,C,2026-01-01,100.001', '10004,100041,2026,AB,D,2026-01-01,-1', '10005,100051,2026,HS,E,1899-12-31,'),
    expect: { rows: 5, errors: [[2, 'out_of_range'], [3, 'out_of_range'], [4, 'too_many_decimals'], [5, 'out_of_range'], [6, 'out_of_range']] },
  },
  {
    name: 'required-empty.csv',
    bytes: () => csv(H, ',100011,2026,HS,A,2026-01-01,', '10002,,2026,HS,B,2026-01-01,', '10003,100031,,HS,C,2026-01-01,', '10004,100041,2026,,D,2026-01-01,'),
    expect: { rows: 4, errors: [[2, 'parcel_ref_required'], [3, 'required'], [4, 'required'], [5, 'required']] },
  },
  { name: 'too-long-name.csv', bytes: () => csv(H, `10001,100011,2026,HS,${'N'.repeat(71)},2026-01-01,`), expect: { rows: 1, errors: [[2, 'too_long']] } },
  { name: 'bell-in-name.csv', bytes: () => csv(H, '10001,100011,2026,HS,AB\x07C,2026-01-01,', GOOD(2)), expect: { rows: 2, errors: [[2, 'invalid_text']] } },
  { name: 'stray-quote-in-value.csv', bytes: () => csv(H, '10001,100011,2026,HS,O"BRIEN,2026-01-01,'), expect: { rows: 1, errors: [], values: (r) => expectValue(r[0].applicant_nm, 'O"BRIEN') } },

  // ── unusual but valid: read correctly ──
  { name: 'semicolon-delimited.csv', bytes: () => csv(H.replace(/,/g, ';'), GOOD(1).replace(/,/g, ';'), GOOD(2).replace(/,/g, ';')), expect: { rows: 2, errors: [], notes: /semicolon-delimited/ } },
  { name: 'tab-delimited.tsv', bytes: () => csv(H.replace(/,/g, '\t'), GOOD(1).replace(/,/g, '\t')), expect: { rows: 1, errors: [], notes: /tab-delimited/ } },
  { name: 'utf8-bom.csv', bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(H, 'x,100011,2026,HS,ZOË,2026-01-01,')]), expect: { rows: 1, errors: [[2, 'invalid_integer']], values: (r) => expectValue(r[0].applicant_nm, 'ZOË') } },
  { name: 'utf16le-bom.csv', bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${H}\r\n10001,100011,2026,HS,MUÑOZ,2026-01-01,\r\n`, 'utf16le')]), expect: { rows: 1, errors: [], values: (r) => expectValue(r[0].applicant_nm, 'MUÑOZ') } },
  { name: 'utf16be-bom.csv', bytes: () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(`${H}\n10001,100011,2026,HS,NGUYỄN,2026-01-01,\n`, 'utf-16be')]), expect: { rows: 1, errors: [], values: (r) => expectValue(r[0].applicant_nm, 'NGUYỄN') } },
  { name: 'utf16le-no-bom.csv', bytes: () => Buffer.from(`${H}\n10001,100011,2026,HS,PLAIN,2026-01-01,\n`, 'utf16le'), expect: { rows: 1, errors: [], notes: /read as UTF-16LE/ } },
  { name: 'windows-1252.csv', bytes: () => iconv.encode(`${H}\r\n10001,100011,2026,HS,JOSÉ “PEPE” PEÑA,2026-01-01,\r\n`, 'windows-1252'), expect: { rows: 1, errors: [], values: (r) => expectValue(r[0].applicant_nm, 'JOSÉ “PEPE” PEÑA'), notes: /Windows-1252/ } },
  {
    name: 'windows-1252-late.csv',
    bytes: () => iconv.encode([H, ...ASCII_PADDING, '11600,116001,2026,HS,RENÉE,2026-01-01,'].join('\n') + '\n', 'windows-1252'),
    expect: { rows: 2_001, errors: [], values: (r) => expectValue(r.at(-1)!.applicant_nm, 'RENÉE'), notes: /Line 2002 is not UTF-8, so the file was read as Windows-1252/ },
  },
  { name: 'old-mac-line-endings.csv', bytes: () => Buffer.from([H, GOOD(1), '10002,100021,2026,HS,B,2026-13-01,'].join('\r') + '\r'), expect: { rows: 2, errors: [[3, 'invalid_date']] } },
  { name: 'crlf-with-quoted-crlf.csv', bytes: () => Buffer.from([H, '10001,100011,2026,HS,"A\r\nB",2026-01-01,', '10002,100021,2026,HS,B,2026-02-30,'].join('\r\n') + '\r\n'), expect: { rows: 2, errors: [[2, 'invalid_text'], [4, 'invalid_date']] } },
  {
    name: 'dates-and-serials.xlsx',
    bytes: () => xlsx([H.split(','), [10001, 100011, 2026, 'HS', 'A', new Date(Date.UTC(2026, 0, 15))], [10002, 100021, 2026, 'HS', 'B', 46_037], [10003, 100031, 2026, 'HS', 'C', '3/1/2026']]),
    expect: { rows: 3, errors: [], values: (r) => expect3(r.map((x) => x.effective_dt), ['2026-01-15', '2026-01-15', '2026-03-01']) },
  },
  {
    name: 'title-rows-and-aliases.xlsx',
    bytes: () => xlsx([[], ['Prop ID', 'Owner', 'Tax Year', 'Exemption Code', 'Exemption %', 'Notes'], [10001, 100011, 2026, 'ab', '50%', 'ignored'], [null, null, null, null, null]]),
    expect: { rows: 1, errors: [], values: (r) => expect3([r[0].exmpt_type_cd, r[0].exemption_pct, r[0].action], ['AB', 50, 'ADD']), notes: /Notes/ },
  },
];

function expectValue(actual: unknown, wanted: unknown): void {
  if (actual !== wanted) throw new Error(`expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`);
}

function expect3(actual: unknown[], wanted: unknown[]): void {
  if (JSON.stringify(actual) !== JSON.stringify(wanted)) throw new Error(`expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`);
}
