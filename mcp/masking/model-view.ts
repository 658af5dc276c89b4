import type { Engine } from '../engine.js';
import { loadInstallKeys } from '../install/install-keys.js';
import { CONFIDENTIAL_OWNER_CATEGORIES, MODEL_POLICY, type MaskingPolicy } from './masking-policy.js';
import { modelValuesOf, type ModelValues } from './model-values.js';
import { Pseudonymizer } from './pseudonym.js';
import type { SqlDialect } from '../dialects/index.js';
import { QueryLineage, UnclearLineage } from './lineage/column-lineage.js';
import { columnClassesFromLineage } from './lineage/lineage-classes.js';
import { createRowMasker, MaskingRefusal } from './row-masker.js';
import {
  classifyColumn,
  classifyPacsColumn,
  CONFIDENTIAL_OWNER_COLUMNS,
  CONFIDENTIAL_SALE_COLUMNS,
  type ColumnClass,
  type SensitiveCategory,
} from './sensitive-columns.js';

/** Who reads a tool's answer: the model (MCP over stdio or HTTP) or a person (the app, the CLI). */
export type Viewer = 'model' | 'person';

export interface MaskedColumn {
  column: string;
  /** What the column holds, by its name; `value shape` when values were recognised by their form. */
  category: SensitiveCategory | 'value shape';
}

/** What a result tells the model about its masking. */
export interface MaskingReport {
  values: ModelValues;
  /** Columns with at least one value replaced by a pseudonym. */
  masked_columns: MaskedColumn[];
  note: string | null;
}

export const CLEAR_REPORT: MaskingReport = { values: 'clear', masked_columns: [], note: null };

const pseudonymizers = new WeakMap<Engine, Promise<Pseudonymizer>>();

/** One pseudonymizer per engine: the install's masking key, the same one snapshots and QA packages use. */
function pseudonymizerOf(engine: Engine): Promise<Pseudonymizer> {
  let pending = pseudonymizers.get(engine);
  if (!pending) {
    pending = loadInstallKeys(engine.store, engine.secrets).then((keys) => new Pseudonymizer(keys.key('masking')));
    pending.catch(() => pseudonymizers.delete(engine));
    pseudonymizers.set(engine, pending);
  }
  return pending;
}

/** Personal categories that are kept only on rows known not to belong to a confidential owner. */
const OWNER_DEPENDENT = [...CONFIDENTIAL_OWNER_CATEGORIES].filter((c) => !MODEL_POLICY.always.has(c));

/**
 * What the model sees of values read from one connection: every value a sensitivity rule covers
 * is a deterministic pseudonym (the same value always gives the same one, so grouping and joining
 * on it still work), unless a person allowed this connection's values in clear. A person's own
 * view (the app, the CLI) is never masked. Values are judged by column name and by shape; where a
 * result does not say which owners or sales are confidential, every row is treated as one that is.
 */
export class ModelView {
  private constructor(
    readonly values: ModelValues,
    private readonly pseudonyms: Pseudonymizer | null,
  ) {}

  /** `connectionId` null: values that come from no connection (an import file), which are always masked for the model. */
  static async open(engine: Engine, connectionId: string | null, viewer: Viewer): Promise<ModelView> {
    if (viewer === 'person') return new ModelView('clear', null);
    const values = connectionId === null ? 'masked' : await modelValuesOf(engine.store, connectionId);
    return new ModelView(values, values === 'clear' ? null : await pseudonymizerOf(engine));
  }

  get masking(): boolean {
    return this.pseudonyms !== null;
  }

  /**
   * Rows (objects keyed by `columns`) as the model may see them. `classes` say what each column
   * holds when more is known than its name (the table it is read from, or the columns a query
   * computes it from). `trustFlags` false: the rows come from SQL the model wrote, whose
   * confidentiality flags could be forged (`'F' AS confidential_flag`), so none is believed.
   */
  rows<R extends Record<string, unknown>>(
    columns: readonly string[],
    rows: readonly R[],
    options: { classes?: readonly ColumnClass[]; trustFlags?: boolean } = {},
  ): { rows: R[]; report: MaskingReport } {
    if (!this.pseudonyms) return { rows: [...rows], report: CLEAR_REPORT };
    const known = options.classes ? [...options.classes] : columns.map(classifyColumn);
    const { policy, note } = policyFor(columns, known, options.trustFlags ?? true);
    const mask = createRowMasker([...columns], policy, this.pseudonyms, known);
    const masked = new Set<number>();
    const out = rows.map((row) => {
      const before = columns.map((c) => row[c]);
      const after = mask(before);
      const copy: Record<string, unknown> = { ...row };
      after.forEach((value, i) => {
        if (value !== before[i]) {
          masked.add(i);
          copy[columns[i]] = value;
        }
      });
      return copy as R;
    });
    const maskedColumns = [...masked].sort((a, b) => a - b).map((i) => ({ column: columns[i], category: categoryOf(known[i]) }));
    return { rows: out, report: { values: 'masked', masked_columns: maskedColumns, note: maskedColumns.length ? note : null } };
  }

  /**
   * Values of one column gathered across rows (a profile's min, max and top values): no row says
   * whose they are, so they are masked as an unknown owner's would be.
   */
  columnValues(column: string, values: readonly unknown[], cls: ColumnClass = classifyColumn(column)): { values: unknown[]; masked: MaskedColumn | null } {
    if (!this.pseudonyms) return { values: [...values], masked: null };
    const mask = createRowMasker([column], failClosed(MODEL_POLICY, { owners: true, sales: true }), this.pseudonyms, [cls]);
    const out = values.map((v) => mask([v])[0]);
    return { values: out, masked: out.some((v, i) => v !== values[i]) ? { column, category: categoryOf(cls) } : null };
  }
}

function categoryOf(cls: ColumnClass): MaskedColumn['category'] {
  return cls.kind === 'sensitive' ? cls.category : 'value shape';
}

/**
 * The model policy, made stricter when the result cannot tell a confidential owner's row (or a
 * confidential sale) from another: then every row's names, addresses and free text (or prices)
 * are masked, and the note says what to select to see the rest.
 */
function policyFor(columns: readonly string[], classes: readonly ColumnClass[], trustFlags: boolean): { policy: MaskingPolicy; note: string | null } {
  const lower = columns.map((c) => c.toLowerCase());
  const has = (category: SensitiveCategory) => classes.some((c) => c.kind === 'sensitive' && c.category === category);
  const flagged = (flags: readonly string[]) => trustFlags && flags.some((c) => lower.includes(c));
  const owners = OWNER_DEPENDENT.some(has) && !flagged(CONFIDENTIAL_OWNER_COLUMNS);
  const sales = has('sale_price') && !flagged(CONFIDENTIAL_SALE_COLUMNS);
  const notes = ['SSN, licence numbers, birth dates, income, phones and e-mails are pseudonyms: the same value always gives the same pseudonym.'];
  if (owners) {
    notes.push(
      trustFlags
        ? 'The result does not say which owners are confidential, so every name, address and free text in it is a pseudonym: ' +
            'select account.confidential_flag (named confidential_flag) with them to see those of owners who are not confidential.'
        : 'Names, addresses and free text are pseudonyms in results of your own SQL (a confidentiality flag there could be anything): ' +
            'search_parcels and get_parcel show the names of owners who are not confidential.',
    );
  }
  if (sales) {
    notes.push(
      trustFlags
        ? 'The result does not say which sales are confidential, so every sale price is a pseudonym: select sale.confidential_sale with them.'
        : 'Sale prices are pseudonyms in results of your own SQL, since some sales are confidential.',
    );
  }
  return { policy: failClosed(MODEL_POLICY, { owners, sales }), note: notes.join(' ') };
}

function failClosed(policy: MaskingPolicy, unknown: { owners: boolean; sales: boolean }): MaskingPolicy {
  if (!unknown.owners && !unknown.sales) return policy;
  const always = new Set(policy.always);
  if (unknown.owners) for (const c of OWNER_DEPENDENT) always.add(c);
  if (unknown.sales) always.add('sale_price');
  return { ...policy, always };
}

/**
 * The column lineage of SQL the model wrote, read before it runs: what each result column is
 * computed from (CAST, substr, date formatting, arithmetic, subqueries and CTEs included). A query
 * the parser cannot follow is refused, since a value computed from a personal column must be
 * masked like that column.
 */
export async function queryLineage(sql: string, dialect: SqlDialect): Promise<QueryLineage> {
  try {
    return await QueryLineage.of(sql, dialect);
  } catch (err) {
    throw unclear(err);
  }
}

/** What each result column holds, judged by every table column it comes from. */
export function lineageColumnClasses(lineage: QueryLineage, columns: readonly string[]): ColumnClass[] {
  try {
    return columnClassesFromLineage(columns, lineage.sourcesOf(columns), MODEL_POLICY);
  } catch (err) {
    throw unclear(err);
  }
}

function unclear(err: unknown): unknown {
  if (!(err instanceof UnclearLineage)) return err;
  return new MaskingRefusal(
    `The masking cannot tell which table columns the query's columns come from (${err.message}), so its rows are not shown: a value computed from a personal column ` +
      "is masked like that column. Write it as a plain SELECT … FROM … JOIN … and give every computed column a name with AS; or the user allows this connection's values in clear.",
  );
}

/** What the columns of a table hold: a PACS table's as the catalog lists them, else by name. */
export function tableColumnClasses(table: string, columns: readonly string[]): ColumnClass[] {
  return columns.map((column) => classifyPacsColumn(table, column));
}

/** The columns of a table that hold sensitive values (some rows of theirs may be masked). */
export function sensitiveColumnNames(table: string, columns: readonly string[]): Set<string> {
  const classes = tableColumnClasses(table, columns);
  return new Set(columns.filter((_, i) => classes[i].kind === 'sensitive'));
}
