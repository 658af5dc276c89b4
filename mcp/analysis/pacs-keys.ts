import { PACS_CATALOG } from '../pacs/pacs-catalog.js';

/**
 * How PACS tables join, from the PACS catalog (resources/pacs-catalog): its declared foreign
 * keys, its primary and unique keys, and the layer joins PACS's own views and procedures make
 * without a foreign key. Keys are composite in full: a value layer is (year, sup_num, prop_id).
 */

export interface PacsJoin {
  from: string;
  fromColumns: string[];
  to: string;
  toColumns: string[];
  /** A foreign key the catalog declares, a layer join, or a join PACS's views make without a foreign key. */
  kind: 'foreign_key' | 'layer' | 'view';
  /** Why the join holds, for the evidence. */
  note: string;
}

/**
 * property_val, owner, property_exemption, imprv and land_detail keep one row set per (year,
 * sup_num, prop_id); prop_supp_assoc names the one current sup_num of each parcel and year
 * (unique on owner_tax_yr, prop_id). A protest belongs to a parcel and year, not a layer: it
 * reaches values through the current layer of its year.
 */
const LAYER_JOINS: PacsJoin[] = [
  { from: 'owner', fromColumns: ['owner_tax_yr', 'sup_num', 'prop_id'], to: 'property_val', toColumns: ['prop_val_yr', 'sup_num', 'prop_id'], kind: 'layer', note: 'owners and values of the same layer' },
  { from: 'property_exemption', fromColumns: ['owner_tax_yr', 'sup_num', 'prop_id', 'owner_id'], to: 'owner', toColumns: ['owner_tax_yr', 'sup_num', 'prop_id', 'owner_id'], kind: 'layer', note: "an owner's exemptions on a layer" },
  { from: '_arb_protest', fromColumns: ['prop_id', 'prop_val_yr'], to: 'prop_supp_assoc', toColumns: ['prop_id', 'owner_tax_yr'], kind: 'layer', note: "the current layer of the protest's parcel and year (then property_val on year, sup_num, prop_id)" },
  { from: '_arb_protest', fromColumns: ['prop_id'], to: 'property', toColumns: ['prop_id'], kind: 'layer', note: 'the protested parcel' },
  { from: '_arb_protest', fromColumns: ['prot_hearing_appraisal_staff'], to: 'appraiser', toColumns: ['appraiser_id'], kind: 'view', note: 'the appraiser who represents the district at the hearing (every PACS view joins it so)' },
  { from: 'sale', fromColumns: ['chg_of_owner_id'], to: 'chg_of_owner', toColumns: ['chg_of_owner_id'], kind: 'view', note: 'the sale of a deed' },
];

/** The year column of a layer table's key: the layer's year (an exemption's owner_tax_yr, not its exmpt_tax_yr). */
const LAYER_YEARS = ['owner_tax_yr', 'prop_val_yr', 'year'];

/** A table keyed by a layer (year, sup_num, prop_id …): its year column, else null. */
function layerYear(name: string): string | null {
  if (name === 'prop_supp_assoc') return null;
  const key = (PACS_CATALOG.tables[name]?.primary_key?.columns ?? []).map((c) => c.toLowerCase());
  if (!key.includes('sup_num') || !key.includes('prop_id')) return null;
  return LAYER_YEARS.find((y) => key.includes(y)) ?? null;
}

/** Every layer table reaches the current layer of its year through prop_supp_assoc. */
function currentLayerJoins(): PacsJoin[] {
  return Object.keys(PACS_CATALOG.tables).flatMap((name): PacsJoin[] => {
    const year = layerYear(name);
    if (!year) return [];
    return [{ from: name, fromColumns: [year, 'sup_num', 'prop_id'], to: 'prop_supp_assoc', toColumns: ['owner_tax_yr', 'sup_num', 'prop_id'], kind: 'layer', note: `the current layer of the year (the sup_num prop_supp_assoc names) of ${name}` }];
  });
}

/** A PACS table that keeps one row set per year and supplement layer. */
export function isLayerTable(name: string): boolean {
  return layerYear(name.toLowerCase()) !== null;
}

function catalogJoins(): PacsJoin[] {
  const joins: PacsJoin[] = [];
  for (const [name, table] of Object.entries(PACS_CATALOG.tables)) {
    for (const fk of table.foreign_keys ?? []) {
      if (!fk.target_in_catalog) continue;
      joins.push({ from: name, fromColumns: fk.columns, to: fk.references.table, toColumns: fk.references.columns, kind: 'foreign_key', note: `foreign key of ${name} in the PACS catalog` });
    }
  }
  return joins;
}

export const PACS_JOINS: readonly PacsJoin[] = [...catalogJoins(), ...currentLayerJoins(), ...LAYER_JOINS];

const byLowerName = new Map(Object.entries(PACS_CATALOG.tables).map(([name, table]) => [name.toLowerCase(), table]));

/** The catalog's primary and unique keys of a PACS table (none for other names). */
export function pacsUniqueKeys(table: string): string[][] {
  const entry = byLowerName.get(table.toLowerCase());
  if (!entry) return [];
  return [...(entry.primary_key ? [entry.primary_key.columns] : []), ...(entry.unique ?? []).map((u) => u.columns)];
}
