import { z } from 'zod';
import { UserError } from '../../util/user-error.js';
import { duckdbType, type LakeColumn, type LakeType } from '../lake-types.js';

/**
 * The declared bronze → silver transform. Everything in it is data (column names, type names,
 * operators, literal values): it is validated here, against the bronze table's real columns,
 * before a line of SQL is built, and the compiler quotes every name and literal it emits.
 *
 * Steps always run in this order, whatever order the spec lists them in:
 *   trim → normalize_nulls → cast → filter → dedupe → columns / rename.
 * Every column reference uses the bronze column name.
 */

const columnName = z.string().min(1).max(128);
const scalar = z.union([z.string().max(1_000), z.number(), z.boolean()]);

export const CAST_TARGETS = ['string', 'integer', 'bigint', 'double', 'boolean', 'date', 'timestamp'] as const;

export const castTarget = z.union([
  z.enum(CAST_TARGETS),
  z.string().regex(/^decimal\(\s*\d{1,2}\s*,\s*\d{1,2}\s*\)$/i, 'decimal(p,s) with p and s whole numbers, e.g. decimal(14,2)'),
]);

export const FILTER_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'not_in', 'is_null', 'not_null', 'like'] as const;

export const transformationsSchema = z
  .object({
    trim: z.union([z.literal(true), z.array(columnName).min(1)]).optional().describe('Trim spaces: true for every text column, or a list of columns.'),
    normalize_nulls: z
      .object({
        columns: z.array(columnName).min(1).optional().describe('Default: every text column.'),
        values: z.array(z.string().max(64)).min(1).max(50).default(['', 'NULL', 'null', 'N/A', 'n/a', 'NA', '#N/A', '-']),
      })
      .strict()
      .optional()
      .describe('Values (compared after trimming) that mean "no value" and become NULL.'),
    cast: z
      .array(
        z
          .object({
            column: columnName,
            to: castTarget,
            on_error: z.enum(['null', 'fail', 'drop_row']).default('null').describe('What to do with a value that does not convert: make it NULL (counted), fail the transform, or drop the row.'),
          })
          .strict(),
      )
      .optional(),
    filter: z
      .array(
        z
          .object({
            column: columnName,
            op: z.enum(FILTER_OPS),
            value: scalar.optional(),
            values: z.array(scalar).min(1).max(1_000).optional(),
          })
          .strict(),
      )
      .optional()
      .describe('Rows kept: all conditions must hold (compared after casting).'),
    dedupe: z
      .object({
        keys: z.array(columnName).min(1),
        order_by: z.array(z.object({ column: columnName, direction: z.enum(['asc', 'desc']).default('desc') }).strict()).optional().describe('Which row of each key to keep: the first in this order (e.g. the latest updated_at, desc).'),
      })
      .strict()
      .optional(),
    columns: z.array(columnName).min(1).optional().describe('Keep only these columns, in this order (default: all).'),
    rename: z.record(columnName, columnName).optional().describe('Bronze name → silver name.'),
  })
  .strict();

export type Transformations = z.output<typeof transformationsSchema>;

export class TransformSpecError extends UserError {
  constructor(problems: string[]) {
    super('invalid', `The transformations are not valid: ${problems.join(' ')} Fix them and call transform_to_silver again.`);
  }
}

export type CastTo = { kind: Exclude<LakeType['kind'], 'timestamptz' | 'time' | 'blob'> } | { kind: 'decimal'; precision: number; scale: number };

export interface ResolvedColumn {
  /** Bronze name. */
  source: string;
  /** Silver name. */
  target: string;
  bronzeType: LakeType;
  trim: boolean;
  nullValues: string[] | null;
  cast: { to: LakeType; onError: 'null' | 'fail' | 'drop_row' } | null;
  /** The type after the transform. */
  finalType: LakeType;
  keep: boolean;
}

export interface ResolvedFilter {
  column: ResolvedColumn;
  op: (typeof FILTER_OPS)[number];
  values: (string | number | boolean)[];
}

export interface ResolvedSpec {
  columns: ResolvedColumn[];
  /** Kept columns in output order. */
  output: ResolvedColumn[];
  filters: ResolvedFilter[];
  /** Cast columns in the order the spec lists them. */
  casts: ResolvedColumn[];
  dedupe: { keys: ResolvedColumn[]; orderBy: { column: ResolvedColumn; direction: 'asc' | 'desc' }[] } | null;
}

const SILVER_COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function parseCastTarget(to: string): LakeType {
  const t = to.toLowerCase();
  if (t === 'string') return { kind: 'varchar' };
  const decimal = /^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(t);
  if (decimal) return { kind: 'decimal', precision: Number(decimal[1]), scale: Number(decimal[2]) };
  return { kind: t as 'integer' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamp' };
}

/** Checks the spec against the bronze columns; every problem is reported at once. */
export function resolveTransformations(spec: Transformations, bronze: LakeColumn[]): ResolvedSpec {
  const problems: string[] = [];
  const byName = new Map(bronze.map((c) => [c.name.toLowerCase(), c]));
  const known = bronze.map((c) => c.name).join(', ');
  const find = (name: string, where: string): LakeColumn | undefined => {
    const column = byName.get(name.toLowerCase());
    if (!column) problems.push(`${where}: there is no column "${name}" (columns: ${known}).`);
    return column;
  };

  const columns = new Map<string, ResolvedColumn>(
    bronze.map((c) => [c.name, { source: c.name, target: c.name, bronzeType: c.type, trim: false, nullValues: null, cast: null, finalType: c.type, keep: !spec.columns }]),
  );
  const resolved = (c: LakeColumn) => columns.get(c.name)!;
  const textOnly = (c: LakeColumn, step: string) => {
    if (c.type.kind !== 'varchar') problems.push(`${step}: "${c.name}" is ${duckdbType(c.type)}, not text.`);
  };

  if (spec.trim === true) for (const c of bronze) if (c.type.kind === 'varchar') resolved(c).trim = true;
  if (Array.isArray(spec.trim)) {
    for (const name of spec.trim) {
      const c = find(name, 'trim');
      if (c) {
        textOnly(c, 'trim');
        resolved(c).trim = true;
      }
    }
  }
  if (spec.normalize_nulls) {
    const targets = spec.normalize_nulls.columns ? spec.normalize_nulls.columns.map((n) => find(n, 'normalize_nulls')) : bronze.filter((c) => c.type.kind === 'varchar');
    for (const c of targets) {
      if (!c) continue;
      textOnly(c, 'normalize_nulls');
      resolved(c).nullValues = spec.normalize_nulls.values;
    }
  }
  const casts: ResolvedColumn[] = [];
  for (const cast of spec.cast ?? []) {
    const c = find(cast.column, 'cast');
    if (!c) continue;
    const r = resolved(c);
    if (r.cast) problems.push(`cast: "${c.name}" is cast twice.`);
    else casts.push(r);
    const to = parseCastTarget(cast.to);
    if (to.kind === 'decimal' && (to.precision < 1 || to.precision > 38 || to.scale > to.precision)) {
      problems.push(`cast: ${cast.to} needs 1 <= precision <= 38 and scale <= precision.`);
    }
    r.cast = { to, onError: cast.on_error };
    r.finalType = to;
  }
  const filters: ResolvedFilter[] = [];
  for (const f of spec.filter ?? []) {
    const c = find(f.column, 'filter');
    if (!c) continue;
    const column = resolved(c);
    const values = f.values ?? (f.value !== undefined ? [f.value] : []);
    if (f.op === 'is_null' || f.op === 'not_null') {
      if (values.length > 0) problems.push(`filter ${f.op} on "${c.name}" takes no value.`);
    } else if (f.op === 'in' || f.op === 'not_in') {
      if (!f.values) problems.push(`filter ${f.op} on "${c.name}" needs "values": a list.`);
    } else if (f.value === undefined || f.values !== undefined) {
      problems.push(`filter ${f.op} on "${c.name}" needs one "value".`);
    }
    if (f.op === 'like' && (typeof f.value !== 'string' || column.finalType.kind !== 'varchar')) problems.push(`filter like on "${c.name}" needs a text column and a text pattern (% and _ are wildcards).`);
    for (const v of values) {
      const kind = column.finalType.kind;
      const numeric = kind === 'integer' || kind === 'bigint' || kind === 'double' || kind === 'decimal';
      if (numeric && !(typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())))) {
        problems.push(`filter on "${c.name}" (${duckdbType(column.finalType)}): ${JSON.stringify(v)} is not a number.`);
      }
      if (typeof v === 'number' && !Number.isFinite(v)) problems.push(`filter on "${c.name}": ${v} is not a finite number.`);
      if ((kind === 'date' || kind === 'timestamp') && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/.test(v))) {
        problems.push(`filter on "${c.name}" (${kind}): write the value as "YYYY-MM-DD"${kind === 'timestamp' ? ' or "YYYY-MM-DD HH:MM:SS"' : ''}.`);
      }
      if (kind === 'boolean' && typeof v !== 'boolean') problems.push(`filter on "${c.name}" (boolean): use true or false.`);
    }
    filters.push({ column, op: f.op, values });
  }
  let dedupe: ResolvedSpec['dedupe'] = null;
  if (spec.dedupe) {
    const keys = spec.dedupe.keys.map((k) => find(k, 'dedupe keys')).filter((c): c is LakeColumn => !!c).map(resolved);
    const orderBy = (spec.dedupe.order_by ?? []).map((o) => ({ c: find(o.column, 'dedupe order_by'), direction: o.direction })).filter((o) => !!o.c).map((o) => ({ column: resolved(o.c!), direction: o.direction }));
    dedupe = { keys, orderBy };
  }
  if (spec.columns) {
    const seen = new Set<string>();
    for (const name of spec.columns) {
      const c = find(name, 'columns');
      if (!c) continue;
      if (seen.has(c.name)) problems.push(`columns: "${c.name}" is listed twice.`);
      seen.add(c.name);
      resolved(c).keep = true;
    }
  }
  for (const [from, to] of Object.entries(spec.rename ?? {})) {
    const c = find(from, 'rename');
    if (!c) continue;
    if (!SILVER_COLUMN.test(to)) problems.push(`rename: "${to}" is not a column name (letters, digits and "_", not starting with a digit).`);
    resolved(c).target = to;
  }
  const order = spec.columns ? spec.columns.map((n) => byName.get(n.toLowerCase())).filter((c): c is LakeColumn => !!c).map(resolved) : [...columns.values()];
  const output = order.filter((c) => c.keep);
  const names = new Map<string, string>();
  for (const c of output) {
    const key = c.target.toLowerCase();
    if (names.has(key)) problems.push(`rename: "${names.get(key)}" and "${c.source}" would both be called "${c.target}".`);
    names.set(key, c.source);
  }
  if (output.length === 0) problems.push('columns: the silver table would have no columns.');
  if (problems.length > 0) throw new TransformSpecError(problems);
  return { columns: [...columns.values()], output, filters, casts, dedupe };
}
