/**
 * The value layers of a PACS year (catalog: "current layer", "accepted layer", "year 0").
 * property_val keeps one layer per (year, sup_num, prop_id). prop_supp_assoc names the layer
 * that is *current*, which may belong to a supplement group still being coded; the *accepted*
 * (official) layer is the highest sup_num whose supplement group is accepted, as PACS's
 * prop_accepted_supp_assoc_vw computes it. Year 0 is the future-year layer, standing for
 * pacs_system.future_yr: never a year of the past.
 */

export const FUTURE_LAYER_YEAR = 0;

/**
 * The layer rule as the model reads it, the same words in the generate_query prompt, the glossary
 * and suggest_query's notes: which layer is current, which is official, and year 0.
 */
export const LAYER_RULE =
  'PACS keeps one row set per year and supplement layer (year, sup_num, prop_id) in property_val, owner, property_exemption, imprv, land_detail and the other layer tables, ' +
  'so a query over them picks one layer per parcel and year or counts a parcel once per layer. ' +
  'The current layer is the sup_num prop_supp_assoc names (join on owner_tax_yr = the year, sup_num and prop_id); it may be a supplement still being coded. ' +
  "The official (accepted) layer is the highest sup_num whose supplement group is accepted (no supplement row, sup_group.status_cd 'A' or 'BC', or property_val.accept_create_id above 0), " +
  'as prop_accepted_supp_assoc_vw computes it. Year 0 is the future-year layer (pacs_system.future_yr), not a year.';
/** sup_group.status_cd of an accepted supplement group (accepted, bills created). */
export const ACCEPTED_GROUP_STATUSES = ['A', 'BC'] as const;
/** sup_group.status_cd of a group still in coding: a certified year takes changes through one. */
export const CODING_GROUP_STATUSES = ['C', 'TO', 'P'] as const;

const inList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/** The status of the supplement group a layer belongs to (NULL: the layer has no supplement row). */
export function supGroupStatusSql(alias: string): string {
  return `(SELECT MAX(sg.status_cd) FROM supplement s JOIN sup_group sg ON sg.sup_group_id = s.sup_group_id WHERE s.sup_tax_yr = ${alias}.prop_val_yr AND s.sup_num = ${alias}.sup_num)`;
}

/** True (as SQL) when the property_val row `alias` is the accepted layer of its year and parcel. */
export function acceptedLayerSql(alias: string): string {
  return `${alias}.sup_num = (SELECT MAX(lay.sup_num) FROM property_val lay
      LEFT JOIN supplement lays ON lays.sup_tax_yr = lay.prop_val_yr AND lays.sup_num = lay.sup_num
      LEFT JOIN sup_group laysg ON laysg.sup_group_id = lays.sup_group_id
      WHERE lay.prop_val_yr = ${alias}.prop_val_yr AND lay.prop_id = ${alias}.prop_id
        AND (laysg.status_cd IS NULL OR laysg.status_cd IN (${inList(ACCEPTED_GROUP_STATUSES)}) OR COALESCE(lay.accept_create_id, 0) > 0))`;
}

/** The same rule for one layer already read: its group status and accept_create_id. */
export function isAcceptedLayer(groupStatus: unknown, acceptCreateId: unknown): boolean {
  const status = typeof groupStatus === 'string' ? groupStatus.trim() : null;
  return !status || (ACCEPTED_GROUP_STATUSES as readonly string[]).includes(status) || Number(acceptCreateId ?? 0) > 0;
}

export function isCodingGroup(groupStatus: unknown): boolean {
  return typeof groupStatus === 'string' && (CODING_GROUP_STATUSES as readonly string[]).includes(groupStatus.trim());
}

/**
 * How a layer stands: `official` (the accepted layer of its year), `in_coding` (current in
 * prop_supp_assoc but its supplement group is not accepted yet), `superseded` (an accepted
 * layer a later one replaced), `pending` (neither current nor accepted).
 */
export type LayerStatus = 'official' | 'in_coding' | 'superseded' | 'pending';

export function layerStatus(layer: { official: boolean; current: boolean; accepted: boolean }): LayerStatus {
  if (layer.official) return 'official';
  if (layer.current && !layer.accepted) return 'in_coding';
  return layer.accepted ? 'superseded' : 'pending';
}
