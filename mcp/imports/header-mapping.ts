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
  /** How headers that could mean more than one field were read (for the batch's notes). */
  notes: string[];
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
  const notes: string[] = [];
  headers.forEach((header, column) => {
    const normalized = normalizeHeader(header);
    const index = header === '' ? undefined : byAlias.get(normalized);
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
    const ambiguous = fields[index].ambiguous;
    if (ambiguous?.aliases.includes(normalized)) {
      notes.push(`Column ${quoteValue(header)} could mean more than one field: it was read as ${fields[index].name}; ${ambiguous.otherwise}.`);
    }
  });

  const expected = fields.map((f) => f.name).join(', ');
  if (mapped.length === 0) {
    // The cells are not quoted back: a file that is not an import at all must not be echoed.
    const oneCell = headers.length === 1 && /[;|\t:]/.test(headers[0]);
    throw new ImportFileError(
      'no_header',
      `Line ${line} is not a header row of the ${kindTitle} layout: none of its ${headers.length} cell(s) names a known column` +
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
      `Line ${line}: the header has no ${names} column. The ${kindTitle} layout needs it; the columns it recognised: ${mapped.map((m) => m.field).join(', ')}` +
        (ignored.length ? ` (${ignored.length} other column(s) not recognised)` : '') +
        '.',
      line,
    );
  }
  return { fieldOfColumn, columnOfField, headers, mapped, ignored, notes };
}

/**
 * The mapping a person chose (field → the header text that feeds it, null: not in the file), as
 * the desktop app's column-mapping step sends it. Checked like an automatic one: every chosen
 * header must exist, no column feeds two fields, the required fields are there.
 */
export function mapChosenHeader(
  cells: CellValue[],
  fields: readonly FieldSpec[],
  requiredGroups: readonly (readonly string[])[],
  choice: Readonly<Record<string, string | null>>,
  line: number,
  kindTitle: string,
): ColumnMapping {
  const headers = cells.map((cell) => cellText(cell).replace(/^\ufeff/, '').trim());
  const fieldIndex = new Map(fields.map((f, i) => [f.name, i]));
  const unknown = Object.keys(choice).filter((name) => !fieldIndex.has(name));
  if (unknown.length) throw new ImportFileError('invalid_mapping', `The column mapping names ${unknown.map((n) => quoteValue(n)).join(', ')}, which the ${kindTitle} layout does not have. Fields: ${fields.map((f) => f.name).join(', ')}.`);
  const fieldOfColumn: (number | null)[] = headers.map(() => null);
  const columnOfField: (number | null)[] = fields.map(() => null);
  const mapped: ColumnMapping['mapped'] = [];
  for (const [name, header] of Object.entries(choice)) {
    if (header === null || header === '') continue;
    const column = headers.indexOf(header.trim());
    if (column < 0) throw new ImportFileError('missing_columns', `Line ${line}: the header has no column ${quoteValue(header)} (chosen for ${name}). Found: ${headers.filter((h) => h).map((h) => quoteValue(h)).join(', ')}.`, line);
    if (fieldOfColumn[column] !== null) throw new ImportFileError('duplicate_columns', `Column ${quoteValue(header)} is chosen for both ${fields[fieldOfColumn[column]!].name} and ${name}; one column feeds one field.`, line);
    const index = fieldIndex.get(name)!;
    fieldOfColumn[column] = index;
    columnOfField[index] = column;
    mapped.push({ column, header: headers[column], field: name });
  }
  const missing = requiredGroups.filter((group) => group.every((name) => columnOfField[fieldIndex.get(name)!] === null));
  if (missing.length) throw new ImportFileError('missing_columns', `The column mapping gives no column for ${missing.map((g) => g.join(' or ')).join(', ')}; the ${kindTitle} layout needs it.`, line);
  mapped.sort((a, b) => a.column - b.column);
  const ignored = headers.filter((h, column) => h !== '' && fieldOfColumn[column] === null);
  // A person chose every column here: nothing was guessed.
  return { fieldOfColumn, columnOfField, headers, mapped, ignored, notes: [] };
}

/** The header each field would take by its aliases (what the mapping step proposes). */
export function suggestMapping(headers: readonly string[], fields: readonly FieldSpec[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const used = new Set<number>();
  for (const field of fields) {
    const names = new Set([normalizeHeader(field.name), ...field.aliases]);
    const column = headers.findIndex((h, i) => !used.has(i) && names.has(normalizeHeader(h)));
    if (column >= 0) used.add(column);
    out[field.name] = column >= 0 ? headers[column] : null;
  }
  return out;
}
