import type { LakeType } from '../lake-types.js';

/**
 * The high-water mark of an incremental sync: the largest watermark-column value already loaded.
 * Kept exactly as the source driver returned it (number, bigint, text or Date) so that the next
 * sync binds it back and the source compares it with its own values.
 */
export interface Watermark {
  kind: 'number' | 'bigint' | 'text' | 'date';
  value: string;
}

export function watermarkFromValue(value: unknown): Watermark | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value: String(value) } : null;
  if (typeof value === 'bigint') return { kind: 'bigint', value: value.toString() };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { kind: 'date', value: value.toISOString() };
  if (typeof value === 'string') return { kind: 'text', value };
  return null;
}

/** The value to bind as the `> ?` parameter of the next sync. */
export function watermarkParameter(mark: Watermark): unknown {
  switch (mark.kind) {
    case 'number':
      return Number(mark.value);
    case 'bigint': {
      const n = Number(mark.value);
      return Number.isSafeInteger(n) ? n : mark.value;
    }
    case 'date':
      return new Date(mark.value);
    case 'text':
      return mark.value;
  }
}

/** Compares decimal numbers written as text ("-12.50", "3"), exactly. */
function compareDecimalText(a: string, b: string): number {
  const parse = (s: string) => {
    const t = s.trim();
    const negative = t.startsWith('-');
    const [int = '0', frac = ''] = t.replace(/^[-+]/, '').split('.');
    return { negative, int: int.replace(/^0+(?=\d)/, ''), frac: frac.replace(/0+$/, '') };
  };
  const x = parse(a);
  const y = parse(b);
  const zero = (p: ReturnType<typeof parse>) => /^0*$/.test(p.int) && p.frac === '';
  if (zero(x) && zero(y)) return 0;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  let magnitude = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0);
  if (magnitude === 0) {
    const width = Math.max(x.frac.length, y.frac.length);
    const fx = x.frac.padEnd(width, '0');
    const fy = y.frac.padEnd(width, '0');
    magnitude = fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  return x.negative ? -magnitude : magnitude;
}

/** Sortable form of a date/time value: text as written (ISO sorts), Dates as ISO. */
function temporalKey(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  const text = String(value).trim().replace('T', ' ');
  const [date, time = ''] = text.split(' ');
  return `${date} ${time.padEnd(15, '0')}`;
}

/** Compares two values of a watermark column of `type`; both non-null. */
export function compareWatermarkValues(type: LakeType, a: unknown, b: unknown): number {
  if (type.kind === 'date' || type.kind === 'timestamp' || type.kind === 'timestamptz') {
    if (type.kind === 'timestamptz' && (a instanceof Date || b instanceof Date || /[+-]\d\d(:?\d\d)?$|Z$/.test(String(a)))) {
      const da = a instanceof Date ? a.getTime() : Date.parse(String(a));
      const db = b instanceof Date ? b.getTime() : Date.parse(String(b));
      return da - db;
    }
    const ka = temporalKey(a);
    const kb = temporalKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareDecimalText(numberText(a), numberText(b));
}

function numberText(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(20);
  return String(value);
}

/** The column types a watermark may have: ordered values only, never free text. */
export function canBeWatermark(type: LakeType): boolean {
  return ['integer', 'bigint', 'decimal', 'double', 'date', 'timestamp', 'timestamptz'].includes(type.kind);
}
