import { UserError, type UserErrorKind } from '../util/user-error.js';

/** One problem in one row of an import file. `line` is the 1-based file line (the header is line 1). */
export interface RowError {
  line: number;
  /** The column as the file names it (its header text), or the layout's field name. */
  column: string | null;
  code: string;
  message: string;
}

/**
 * The file as a whole cannot be staged (not a CSV/XLSX, no header, broken quoting, changed while
 * read …). Nothing is kept of it; the message says what to do.
 */
export class ImportFileError extends UserError {
  constructor(
    readonly code: string,
    message: string,
    readonly line: number | null = null,
  ) {
    super('invalid', message);
  }
}

/**
 * A lifecycle step that is not allowed now (wrong status, stale sign-off …): a conflict unless the
 * thrower says otherwise (a missing batch, a malformed sign-off, a refused target).
 */
export class ImportStateError extends UserError {
  constructor(message: string, kind: UserErrorKind = 'conflict') {
    super(kind, message);
  }
}

/** Quotes a value from the file in a message, short enough that a message never carries much of it. */
export function quoteValue(value: unknown, max = 40): string {
  const text = value instanceof Date ? value.toISOString() : String(value);
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
