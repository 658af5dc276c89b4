import type { SourceConnector, WriteTx } from '../connectors/connector.js';
import type { Jurisdiction } from '../pacs/jurisdiction.js';
import type { FieldSpec, StoredValue } from './field-types.js';

export type ImportKindName = 'exemptions' | 'property_values';

/** A staged row: converted values in the order of the kind's fields. */
export type RowValues = StoredValue[];

export type ReportIssue = (field: string, code: string, message: string) => void;

/** A row as validation sees it: its values, line and the parcel it resolved to (if any). */
export interface StagedRow {
  line: number;
  values: RowValues;
  propId: number | null;
  /** The row already failed a field rule at staging (it will not be pushed). */
  hasStageErrors: boolean;
}

/**
 * Validation of one batch against a source, in set-based steps: `collect` sees every row once
 * (while the file is staged; the result is kept with the batch),
 * `load` queries the source for everything collected at once (never per row), `resolve` names the
 * parcel of rows whose file did not give a prop_id, and `check` reports each row's errors.
 */
export interface SourceChecker {
  collect(row: StagedRow): void;
  /** What `collect` gathered, as JSON-able data: staging collects once and stores it with the batch. */
  exportCollected(): unknown;
  importCollected(data: unknown): void;
  load(connector: SourceConnector, signal?: AbortSignal): Promise<void>;
  resolve(row: StagedRow): number | null;
  /** Second round of lookups that needs resolved parcels (owners, existing exemptions). */
  loadResolved(connector: SourceConnector, signal?: AbortSignal): Promise<void>;
  /** `firstLine`: the earlier line of the file with the same key, when this row repeats one. */
  check(row: StagedRow, firstLine: number | undefined, report: ReportIssue): void;
}

/** What a checker needs to know about the source it validates against. */
export interface CheckerContext {
  /** Whose state rules apply (the connection's setting); default Washington. */
  jurisdiction?: Jurisdiction;
}

/** One row as pushed into the training connection's staging table. */
export interface PushSpec {
  table: string;
  columns: readonly string[];
  params(row: StagedRow, batchId: string): unknown[];
}

/** What a built-in (SQLite/PostgreSQL) promotion statement does with one signed row. */
export interface PromotionSpec {
  /** The allowlisted statement-set name an admin configures for this kind on a target. */
  builtinName: string;
  /** Applies one row on the target; returns 1 when it changed something, 0 when it was already so. */
  apply(tx: WriteTx, row: StagedRow): Promise<number>;
}

export interface ImportKind {
  name: ImportKindName;
  title: string;
  fields: readonly FieldSpec[];
  /** Header rule: each group needs at least one of its fields as a column. */
  requiredColumns: readonly (readonly string[])[];
  /** Cross-field rules of one row that need no database (dates in order, code-specific fields …). */
  checkRow(values: RowValues, failed: ReadonlySet<string>, report: ReportIssue): void;
  /** The prop_id when the file itself names it unambiguously; otherwise validation resolves it. */
  filePropId(values: RowValues): number | null;
  /** The row's natural key (duplicates share it); null when a key field is missing. */
  rowKey(values: RowValues, propId: number | null): string | null;
  createChecker(context?: CheckerContext): SourceChecker;
  push: PushSpec;
  promotion: PromotionSpec;
}

/** Index of each field by name, for reading a RowValues array. */
export function fieldIndex<const Names extends string>(fields: readonly { name: string }[], names: readonly Names[]): Record<Names, number> {
  const out = {} as Record<Names, number>;
  for (const name of names) {
    const i = fields.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`import layout has no field ${name}`);
    out[name] = i;
  }
  return out;
}
