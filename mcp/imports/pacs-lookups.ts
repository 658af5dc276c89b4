import type { SourceConnector } from '../connectors/connector.js';
import { forEachByKeys, num, readAll, text } from './source-lookups.js';

export interface YearState {
  certified: boolean;
  certificationDt: string | null;
}

/** Every pacs_year: a year with certification_dt set is certified (closed to mass changes). */
export async function loadYears(connector: SourceConnector, signal?: AbortSignal): Promise<Map<number, YearState>> {
  const rows = await readAll(connector, 'SELECT tax_yr, certification_dt FROM pacs_year', signal);
  const years = new Map<number, YearState>();
  for (const row of rows) {
    const year = num(row.tax_yr);
    if (year === null) continue;
    const dt = row.certification_dt instanceof Date ? row.certification_dt.toISOString().slice(0, 10) : text(row.certification_dt);
    years.set(year, { certified: dt !== null && dt !== '', certificationDt: dt || null });
  }
  return years;
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

export function yearIssue(year: number, years: Map<number, YearState>, field: string): { code: string; message: string } | null {
  const state = years.get(year);
  if (!state) return { code: 'year_unknown', message: `${field} ${year} is not a year of this PACS database (no pacs_year row). Check the year.` };
  if (state.certified) {
    return {
      code: 'year_not_open',
      message: `${field} ${year} is certified (pacs_year.certification_dt ${state.certificationDt}), so it is closed to mass uploads; PACS changes a certified roll only through a supplement.`,
    };
  }
  return null;
}
