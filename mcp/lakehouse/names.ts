import { UserError } from '../util/user-error.js';
/** Lakehouse layers and the names of tables and columns in them. */

export const LAYERS = ['bronze', 'silver', 'gold'] as const;
export type Layer = (typeof LAYERS)[number];

export function isLayer(value: unknown): value is Layer {
  return typeof value === 'string' && (LAYERS as readonly string[]).includes(value);
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,127}$/;

export class InvalidNameError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/**
 * A lakehouse table name from anything a user or source calls it: lower case, letters, digits and
 * "_" only (Databricks folds names to lower case anyway), so the same name works everywhere.
 */
export function lakeTableName(raw: string): string {
  const trimmed = raw.trim();
  let name = trimmed.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_{2,}/g, '_').replace(/_+$/, '');
  // PACS has tables that start with "_" (_arb_protest): keep that, drop any other leading "_".
  if (!trimmed.startsWith('_')) name = name.replace(/^_+/, '');
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  if (!TABLE_NAME.test(name)) {
    throw new InvalidNameError(`"${raw}" cannot be made into a table name: use letters, digits and "_" (for example "exemptions_2024").`);
  }
  return name;
}

/** A table name given exactly: it must already be a valid lakehouse name. */
export function assertLakeTableName(name: string): string {
  if (!TABLE_NAME.test(name)) {
    throw new InvalidNameError(`"${name}" is not a lakehouse table name: use lower-case letters, digits and "_", starting with a letter or "_".`);
  }
  return name;
}

/**
 * Column names for a lakehouse table: letters, digits and "_" (Delta tables refuse spaces and
 * punctuation), case kept, blanks named column_N, duplicates (ignoring case) numbered.
 */
export function lakeColumnNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((original, index) => {
    const trimmed = String(original ?? '').trim();
    let name = trimmed.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_{2,}/g, '_').replace(/_+$/, '');
    if (!trimmed.startsWith('_')) name = name.replace(/^_+/, '');
    if (name === '' || name === '_') name = `column_${index + 1}`;
    if (/^[0-9]/.test(name)) name = `c_${name}`;
    name = name.slice(0, 120);
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n += 1) candidate = `${name}_${n}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** "bronze.property", "tenant_a.bronze.property" or "property" → layer (default bronze) and name. */
export function parseLayerTable(qualified: string, defaultLayer: Layer = 'bronze'): { layer: Layer; name: string } {
  const parts = qualified.split('.').map((p) => p.trim().replace(/^[`"[]|[`"\]]$/g, ''));
  const name = parts[parts.length - 1] ?? '';
  const layerPart = parts.length >= 2 ? parts[parts.length - 2].toLowerCase() : defaultLayer;
  if (!isLayer(layerPart)) {
    throw new InvalidNameError(`"${qualified}" does not name a lakehouse layer: write bronze.<table>, silver.<table> or gold.<table>.`);
  }
  return { layer: layerPart, name: assertLakeTableName(name.toLowerCase()) };
}
