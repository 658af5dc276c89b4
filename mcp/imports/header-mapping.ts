import type { FieldSpec } from './field-types.js';
import { ImportFileError, quoteValue } from './import-errors.js';
import { cellText, type CellValue } from './source-record.js';

/** How the file's columns map to the layout's fields. */
export interface ColumnMapping {
  /** Per column of the file (0-based): the field index it fills, or null when ignored. */
  fieldOfColumn: (number | null)[];
  /** Per field index: the column that fills it, or null when the file has none. */
  columnOfField: (number | null)[];
  /** The header text of each column, as the file writes it (for error messages). */
  headers: string[];
  /** What the batch reports: each mapped column and the field it fills. */
  mapped: { column: number; header: string; field: string }[];
  ignored: string[];
}

/**
 * "Prop ID", "PROP_ID", "prop-id " → prop_id; "Exemption %" → exemption_pct; "Parcel #" → parcel_num.
 * A byte-order mark or non-breaking space left in a header is dropped too.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\ufeff\u00a0]/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/%/g, ' pct ')
    .replace(/#/g, ' num ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Maps the header row to the layout. File-level errors: a header with no known column (the file
 * has no header, or uses another delimiter), the same field named twice, and missing required
 * columns (`requiredGroups`: each group needs one of its fields).
 */
export function mapHeader(
  cells: CellValue[],
  fields: readonly FieldSpec[],
  requiredGroups: readonly (readonly string[])[],
  line: number,
  kindTitle: string,
): ColumnMapping {
  const byAlias = new Map<string, number>();
  fields.forEach((field, index) => {
    byAlias.set(normalizeHeader(field.name), index);
    for (const alias of field.aliases) byAlias.set(alias, index);
  });
  const headers = cells.map((cell) => cellText(cell).replace(/^\ufeff/, '').trim());
  const fieldOfColumn: (number | null)[] = [];
  const columnOfField: (number | null)[] = fields.map(() => null);
  const mapped: ColumnMapping['mapped'] = [];
  const ignored: string[] = [];
  const duplicates: string[] = [];
  headers.forEach((header, column) => {
    const index = header === '' ? undefined : byAlias.get(normalizeHeader(header));
    if (index === undefined) {
      fieldOfColumn.push(null);
      if (header !== '') ignored.push(header);
      return;
    }
    const previous = columnOfField[index];
    if (previous !== null) {
      duplicates.push(`${quoteValue(headers[previous])} and ${quoteValue(header)} both mean ${fields[index].name}`);
      fieldOfColumn.push(null);
      return;
    }
    columnOfField[index] = column;
    fieldOfColumn.push(index);
    mapped.push({ column, header, field: fields[index].name });
  });

  const expected = fields.map((f) => f.name).join(', ');
  if (mapped.length === 0) {
    const shown = headers.filter((h) => h !== '').slice(0, 6).map((h) => quoteValue(h)).join(', ');
    const oneCell = headers.length === 1 && /[;|\t:]/.test(headers[0]);
    throw new ImportFileError(
      'no_header',
      `Line ${line} is not a header row of the ${kindTitle} layout: none of its ${headers.length} cell(s) names a known column` +
        (shown ? ` (found ${shown})` : '') +
        (oneCell ? '. It looks like the file uses a delimiter other than comma, semicolon, tab or pipe' : '') +
        `. Put a header row first with columns such as: ${expected}.`,
      line,
    );
  }
  if (duplicates.length > 0) {
    throw new ImportFileError('duplicate_columns', `Line ${line}: the header names the same column more than once: ${duplicates.join('; ')}. Keep one of each and stage the file again.`, line);
  }
  const fieldIndex = new Map(fields.map((f, i) => [f.name, i]));
  const missing = requiredGroups.filter((group) => group.every((name) => columnOfField[fieldIndex.get(name)!] === null));
  if (missing.length > 0) {
    const names = missing.map((group) => group.join(' or ')).join(', ');
    throw new ImportFileError(
      'missing_columns',
      `Line ${line}: the header has no ${names} column. The ${kindTitle} layout needs it; found columns: ${headers.filter((h) => h).map((h) => quoteValue(h)).join(', ') || 'none'}.`,
      line,
    );
  }
  return { fieldOfColumn, columnOfField, headers, mapped, ignored };
}
