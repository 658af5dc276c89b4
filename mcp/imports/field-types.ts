import { quoteValue } from './import-errors.js';
import { isErrorCell, isFormulaCell, type CellValue } from './source-record.js';

/** A converted value as stored in a staged row: dates are 'YYYY-MM-DD' text. */
export type StoredValue = string | number | null;

export type FieldType =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'year' }
  | { kind: 'decimal'; min: number; max: number; scale: number; unit?: 'percent' | 'currency' }
  | { kind: 'date' }
  | { kind: 'text'; maxLength: number }
  | { kind: 'code'; maxLength: number }
  | { kind: 'enum'; values: Readonly<Record<string, string>> };

/** One field of an import layout: the data the field rules (required, types, ranges) are driven by. */
export interface FieldSpec {
  name: string;
  /** Header spellings that map to this field, already normalized (see normalizeHeader). */
  aliases: readonly string[];
  /**
   * Aliases that may mean another field too ("parcel" may hold prop_ids or geo_ids): a file whose
   * header maps through one is staged with a note saying how it was read and how to say otherwise.
   */
  ambiguous?: { aliases: readonly string[]; otherwise: string };
  type: FieldType;
  required?: boolean;
  /** Used when the column is absent or the cell is blank. */
  defaultValue?: string;
  description: string;
}

/** Why a cell could not be converted. A class, so that a converted value needs no wrapper object. */
export class ConversionFailure {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/** The converted value, or why not: a million-row file converts millions of cells. */
export type Conversion = StoredValue | ConversionFailure;

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for (serials from 61 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const ok = (value: StoredValue): Conversion => value;
const fail = (code: string, message: string): Conversion => new ConversionFailure(code, message);

/**
 * Converts one cell to the field's type. `label` names the column in messages. Blank cells give
 * null (or the default); `required` is checked by the caller so that it can say which column.
 */
export function convertCell(field: FieldSpec, cell: CellValue | undefined, label: string): Conversion {
  if (cell === undefined || cell === null) return ok(field.defaultValue ?? null);
  if (isFormulaCell(cell)) return fail('formula', `${label} holds a formula (${quoteValue(`=${cell.formula}`)}); imports take values only: paste the column as values and save again.`);
  if (isErrorCell(cell)) return fail('cell_error', `${label} holds the spreadsheet error ${cell.cellError}; fix the cell or leave it empty.`);
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (text === '') return ok(field.defaultValue ?? null);
    if (looksLikeFormula(text, field.type)) {
      return fail('formula', `${label} starts like a spreadsheet formula (${quoteValue(text)}); imports take values only, and a cell starting with = + - @ is refused so it can never run as a formula when the file is opened again.`);
    }
    return convertText(field.type, text, label);
  }
  return convertNative(field.type, cell, label);
}

/** Formula injection: `=` and `@` start a formula anywhere; `+` and `-` also do in text columns. */
function looksLikeFormula(text: string, type: FieldType): boolean {
  const first = text[0];
  if (first === '=' || first === '@') return true;
  if ((first === '+' || first === '-') && (type.kind === 'text' || type.kind === 'code' || type.kind === 'enum')) return true;
  return false;
}

function convertText(type: FieldType, text: string, label: string): Conversion {
  switch (type.kind) {
    case 'int':
      return integer(text, type.min, type.max, label);
    case 'year':
      return year(text, label);
    case 'decimal':
      return decimal(text, type, label);
    case 'date':
      return dateFromText(text, label);
    case 'text':
      return textValue(text, type.maxLength, label);
    case 'code':
      return code(text, type.maxLength, label);
    case 'enum':
      return enumValue(text, type.values, label);
  }
}

function convertNative(type: FieldType, cell: number | boolean | Date, label: string): Conversion {
  if (cell instanceof Date) {
    if (type.kind === 'date') return dateFromParts(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), label, cell.toISOString().slice(0, 10));
    return convertText(type, cell.toISOString().slice(0, 10), label);
  }
  if (typeof cell === 'boolean') return convertText(type, cell ? 'TRUE' : 'FALSE', label);
  if (!Number.isFinite(cell)) return fail('invalid_number', `${label} is not a number.`);
  switch (type.kind) {
    case 'int':
      return Number.isInteger(cell) ? range(cell, type.min, type.max, label) : fail('invalid_integer', `${label} must be a whole number, not ${cell}.`);
    case 'year':
      return Number.isInteger(cell) ? yearRange(cell, label) : fail('invalid_year', `${label} must be a four-digit year, not ${cell}.`);
    case 'decimal':
      return decimal(String(cell), type, label);
    case 'date':
      return excelSerialDate(cell, label);
    default:
      // An id or name typed as a number in a workbook: use its digits as text.
      return convertText(type, String(cell), label);
  }
}

function integer(text: string, min: number, max: number, label: string): Conversion {
  if (!/^[+-]?\d+(\.0+)?$/.test(text)) return fail('invalid_integer', `${label} must be a whole number, not ${quoteValue(text)}.`);
  return range(Number.parseInt(text, 10), min, max, label);
}

function range(value: number, min: number, max: number, label: string): Conversion {
  if (!Number.isSafeInteger(value) || value < min || value > max) return fail('out_of_range', `${label} ${value} is out of range (${min}–${max}).`);
  return ok(value);
}

function year(text: string, label: string): Conversion {
  if (!/^\d{4}(\.0+)?$/.test(text)) return fail('invalid_year', `${label} must be a four-digit year, not ${quoteValue(text)}.`);
  return yearRange(Number.parseInt(text, 10), label);
}

function yearRange(value: number, label: string): Conversion {
  if (value < MIN_YEAR || value > MAX_YEAR) return fail('out_of_range', `${label} ${value} is not a plausible year (${MIN_YEAR}–${MAX_YEAR}).`);
  return ok(value);
}

function decimal(raw: string, type: Extract<FieldType, { kind: 'decimal' }>, label: string): Conversion {
  let text = raw.replace(/\s+/g, '');
  if (type.unit === 'percent') text = text.replace(/%$/, '');
  if (type.unit === 'currency') text = text.replace(/^([+-]?)\$/, '$1').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    const what = type.unit === 'percent' ? 'a percentage (0–100)' : type.unit === 'currency' ? 'an amount in dollars' : 'a number';
    return fail('invalid_number', `${label} must be ${what}, not ${quoteValue(raw)}.`);
  }
  const decimals = text.includes('.') ? text.split('.')[1].replace(/0+$/, '').length : 0;
  if (decimals > type.scale) {
    return fail('too_many_decimals', type.scale === 0 ? `${label} must be whole dollars, not ${quoteValue(raw)}.` : `${label} has more than ${type.scale} decimal places (${quoteValue(raw)}).`);
  }
  const value = Number(text);
  if (value < type.min || value > type.max) {
    const unit = type.unit === 'percent' ? '%' : '';
    return fail('out_of_range', `${label} ${value}${unit} is out of range (${type.min}${unit}–${type.max.toLocaleString('en-US')}${unit}).`);
  }
  return ok(value);
}

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const US_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** ISO (2026-01-31, with or without a time), US month/day/year (1/31/2026), or 20260131. */
function dateFromText(text: string, label: string): Conversion {
  const fast = canonicalIsoDate(text);
  if (fast) return ok(fast);
  let m = ISO_DATE.exec(text);
  if (m) return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]), label, text);
  m = US_DATE.exec(text);
  if (m) return dateFromParts(Number(m[3]), Number(m[1]), Number(m[2]), label, text);
  m = COMPACT_DATE.exec(text);
  if (m) return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3]), label, text);
  return fail('invalid_date', `${label} is not a date (${quoteValue(text)}); use YYYY-MM-DD or M/D/YYYY with a four-digit year.`);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The common case without a Date object: text that already is a valid YYYY-MM-DD in range. */
function canonicalIsoDate(text: string): string | null {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]) ? text : null;
}

function dateFromParts(y: number, m: number, d: number, label: string, raw: string): Conversion {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return fail('invalid_date', `${label} ${quoteValue(raw)} is not a real calendar date.`);
  }
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('out_of_range', `${label} ${quoteValue(raw)} is out of range (${MIN_YEAR}–${MAX_YEAR}).`);
  return ok(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

function excelSerialDate(serial: number, label: string): Conversion {
  if (!Number.isInteger(serial) || serial < 61 || serial > 73_415) return fail('invalid_date', `${label} is the number ${serial}, not a date; format the column as a date.`);
  const date = new Date(EXCEL_EPOCH_MS + serial * DAY_MS);
  return dateFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), label, String(serial));
}

// Control characters (including line breaks) never belong in a PACS name or code.
const CONTROL = /[\u0000-\u001f\u007f]/;

function textValue(text: string, maxLength: number, label: string): Conversion {
  if (CONTROL.test(text)) return fail('invalid_text', `${label} contains a line break or control character (${quoteValue(text)}); PACS names are one line of text.`);
  if (text.length > maxLength) return fail('too_long', `${label} is ${text.length} characters; PACS allows at most ${maxLength}.`);
  return ok(text);
}

function code(text: string, maxLength: number, label: string): Conversion {
  const upper = text.toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9/_.-]*$/.test(upper)) return fail('invalid_code', `${label} ${quoteValue(text)} is not a code (letters, digits and / _ . - only).`);
  if (upper.length > maxLength) return fail('too_long', `${label} ${quoteValue(text)} is longer than ${maxLength} characters.`);
  return ok(upper);
}

/** Upper case with runs of spaces, dashes and dots as one underscore: "Market Value" → MARKET_VALUE. */
export function normalizeEnumText(text: string): string {
  return text.trim().toUpperCase().replace(/[^A-Z0-9/]+/g, '_').replace(/^_+|_+$/g, '');
}

function enumValue(text: string, values: Readonly<Record<string, string>>, label: string): Conversion {
  const found = Object.hasOwn(values, text) ? values[text] : values[normalizeEnumText(text)];
  if (found !== undefined) return ok(found);
  const allowed = [...new Set(Object.values(values))].join(', ');
  return fail('invalid_value', `${label} ${quoteValue(text)} is not one of: ${allowed}.`);
}
