import type { SourceConnector } from '../connectors/connector.js';
import { isCodingGroup, supGroupStatusSql } from '../pacs/layers.js';
import { forEachByKeys, num, readAll, text } from './source-lookups.js';

export interface YearState {
  certified: boolean;
  certificationDt: string | null;
}

/** Every pacs_year: a year with certification_dt set is certified (changes go through a supplement). */
export async function loadYears(connector: SourceConnector, signal?: AbortSignal): Promise<Map<number, YearState>> {
  const rows = await readAll(connector, 'SELECT tax_yr, certification_dt FROM pacs_year', signal);
  const years = new Map<number, YearState>();
  for (const row of rows) {
    const year = num(row.tax_yr);
    if (year === null) continue;
    const dt = row.certification_dt instanceof Date ? row.certification_dt.toISOString().slice(0, 10) : text(row.certification_dt)?.slice(0, 10);
    years.set(year, { certified: !!dt, certificationDt: dt || null });
  }
  return years;
}

/** The current layer of a parcel in a year (the one prop_supp_assoc names: where PACS writes). */
export interface CurrentLayer {
  supNum: number;
  /** Status of the supplement group the layer belongs to; null for the original roll. */
  groupStatus: string | null;
  udiParent: boolean;
  inactive: boolean;
}

/** The current layer of each parcel asked, per year: `year|prop_id` → layer. */
export async function loadCurrentLayers(connector: SourceConnector, years: Iterable<number>, propIds: number[], signal?: AbortSignal): Promise<Map<string, CurrentLayer>> {
  const layers = new Map<string, CurrentLayer>();
  for (const year of years) {
    await forEachByKeys(
      connector,
      {
        select: `SELECT psa.prop_id, psa.sup_num, pv.udi_parent, pv.prop_inactive_dt, ${supGroupStatusSql('pv')} AS sup_group_status
                   FROM prop_supp_assoc psa JOIN property_val pv ON pv.prop_val_yr = psa.owner_tax_yr AND pv.sup_num = psa.sup_num AND pv.prop_id = psa.prop_id`,
        where: 'psa.owner_tax_yr = ?',
        params: [year],
        keyColumn: 'psa.prop_id',
        keyOf: (r) => num(r.prop_id),
        keys: propIds,
        signal,
      },
      (r) => {
        const udiParent = text(r.udi_parent) === 'T';
        layers.set(`${year}|${num(r.prop_id)}`, {
          supNum: num(r.sup_num) ?? 0,
          groupStatus: text(r.sup_group_status),
          udiParent,
          // PACS counts a parcel as deleted when prop_inactive_dt is set, unless it is a UDI parent.
          inactive: r.prop_inactive_dt !== null && r.prop_inactive_dt !== undefined && !udiParent,
        });
      },
    );
  }
  return layers;
}

export async function loadExemptionCodes(connector: SourceConnector, signal?: AbortSignal): Promise<Set<string>> {
  const rows = await readAll(connector, 'SELECT exmpt_type_cd FROM exmpt_type', signal);
  return new Set(rows.map((r) => text(r.exmpt_type_cd)?.toUpperCase()).filter((c): c is string => !!c));
}

/** Parcels by prop_id (→ prop_type_cd) and by geo_id (→ prop_id, prop_type_cd), for the keys asked. */
export class ParcelLookup {
  readonly typeByProp = new Map<number, string>();
  readonly propByGeo = new Map<string, number>();

  async load(connector: SourceConnector, propIds: Iterable<number>, geoIds: Iterable<string>, signal?: AbortSignal): Promise<void> {
    await forEachByKeys(
      connector,
      { select: 'SELECT prop_id, prop_type_cd FROM property', keyColumn: 'prop_id', keyOf: (r) => num(r.prop_id), keys: propIds, signal },
      (row) => this.typeByProp.set(num(row.prop_id)!, text(row.prop_type_cd) ?? ''),
    );
    await forEachByKeys(
      connector,
      { select: 'SELECT prop_id, geo_id, prop_type_cd FROM property', keyColumn: 'geo_id', keyOf: (r) => text(r.geo_id), keys: geoIds, signal },
      (row) => {
        const propId = num(row.prop_id)!;
        const geo = text(row.geo_id)!;
        // Two parcels with one geo_id: remember that it is ambiguous (-1).
        this.propByGeo.set(geo, this.propByGeo.has(geo) && this.propByGeo.get(geo) !== propId ? -1 : propId);
        this.typeByProp.set(propId, text(row.prop_type_cd) ?? '');
      },
    );
  }
}

/** A year the database does not have: an error. */
export function unknownYear(year: number, years: Map<number, YearState>, field: string): { code: string; message: string } | null {
  if (years.has(year)) return null;
  return { code: 'year_unknown', message: `${field} ${year} is not a year of this PACS database (no pacs_year row). Check the year.` };
}

/**
 * A certified year takes changes only through a supplement group in coding (C, TO or P), as
 * PACS's own procedures require. A row whose parcel's current layer is in such a group goes
 * there; any other row of a certified year is staged all the same, for a coding supplement:
 * the notice (not an error) says so, and the row is pushed.
 */
export function certifiedYearNotice(year: number, years: Map<number, YearState>, layer: CurrentLayer | undefined, field: string): { code: string; message: string } | null {
  const state = years.get(year);
  if (!state?.certified || (layer && isCodingGroup(layer.groupStatus))) return null;
  return {
    code: 'certified_year_supplement',
    message:
      `Notice, not an error: ${field} ${year} is certified (pacs_year.certification_dt ${state.certificationDt}); this row is staged for a supplement ` +
      `in coding and takes effect only once PACS puts the parcel's ${year} layer into one.`,
  };
}
