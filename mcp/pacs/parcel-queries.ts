import type { Row } from '../connectors/connector.js';
import { OFFICIAL_LAYER_JOIN, OWNER_DISPLAY_NAME, PacsReader, situsLine } from './pacs-reader.js';

export interface ParcelSearch {
  query?: string;
  hood_cd?: string;
  prop_type_cd?: string;
  year?: number;
  limit: number;
}

export async function searchParcels(reader: PacsReader, search: ParcelSearch, signal?: AbortSignal) {
  const year = search.year ?? (await reader.currentYear());
  const where: string[] = ['pv.prop_val_yr = ?'];
  const params: unknown[] = [year];
  const text = search.query?.trim();
  if (text) {
    if (/^\d{1,10}$/.test(text)) {
      where.push('(p.prop_id = ? OR p.geo_id LIKE ?)');
      params.push(Number(text), `%${text}%`);
    } else {
      const like = `%${text.toUpperCase()}%`;
      where.push(`(UPPER(p.geo_id) LIKE ? OR UPPER(s.situs_street) LIKE ? OR EXISTS (
        SELECT 1 FROM owner o JOIN account a ON a.acct_id = o.owner_id
        WHERE o.owner_tax_yr = pv.prop_val_yr AND o.sup_num = pv.sup_num AND o.prop_id = pv.prop_id AND UPPER(${OWNER_DISPLAY_NAME}) LIKE ?))`);
      params.push(like, like, like);
    }
  }
  if (search.hood_cd) {
    where.push('pv.hood_cd = ?');
    params.push(search.hood_cd);
  }
  if (search.prop_type_cd) {
    where.push('p.prop_type_cd = ?');
    params.push(search.prop_type_cd);
  }
  const { top, limit } = reader.limit(search.limit + 1);
  const sql = `SELECT ${top} p.prop_id, p.geo_id, p.prop_type_cd, pv.prop_val_yr AS year, pv.hood_cd, pv.market, pv.appraised_val, pv.assessed_val,
      (SELECT MIN(${OWNER_DISPLAY_NAME}) FROM owner o JOIN account a ON a.acct_id = o.owner_id
        WHERE o.owner_tax_yr = pv.prop_val_yr AND o.sup_num = pv.sup_num AND o.prop_id = pv.prop_id) AS owner_name,
      s.situs_num, s.situs_street_prefx, s.situs_street, s.situs_street_sufix, s.situs_unit, s.situs_city
    FROM property p
    JOIN property_val pv ON pv.prop_id = p.prop_id
    ${OFFICIAL_LAYER_JOIN}
    LEFT JOIN situs s ON s.prop_id = p.prop_id AND s.primary_situs = 'Y'
    WHERE ${where.join(' AND ')}
    ORDER BY p.prop_id ${limit}`;
  const { rows } = await reader.rows('search_parcels', sql, params, search.limit + 1, signal);
  const truncated = rows.length > search.limit;
  const parcels = rows.slice(0, search.limit).map((r) => ({
    prop_id: Number(r.prop_id),
    geo_id: (r.geo_id as string | null) ?? null,
    prop_type_cd: String(r.prop_type_cd ?? '').trim(),
    year: Number(r.year),
    hood_cd: (r.hood_cd as string | null) ?? null,
    owner_name: (r.owner_name as string | null) ?? null,
    situs: situsLine(r),
    market: numberOrNull(r.market),
    appraised_val: numberOrNull(r.appraised_val),
    assessed_val: numberOrNull(r.assessed_val),
  }));
  return { year, parcels, truncated };
}

export async function getParcel(reader: PacsReader, propId: number, year: number | undefined, signal?: AbortSignal) {
  // The reads that need nothing from each other run together, each on its own pooled connection:
  // the property and the year, then the year's value layer, addresses, exemptions and protests,
  // then the owners of that layer.
  const [{ rows: props }, yearRead] = await Promise.all([
    reader.rows('get_parcel.property', 'SELECT prop_id, prop_type_cd, geo_id, simple_geo_id, ref_id1, ref_id2, dba_name FROM property WHERE prop_id = ?', [propId], 1, signal),
    year !== undefined ? { year } : reader.currentYear().then((y) => ({ year: y }), (error: unknown) => ({ error })),
  ]);
  if (props.length === 0) return undefined;
  if ('error' in yearRead) throw yearRead.error;
  const taxYear = yearRead.year;
  const [{ rows: values }, { rows: situs }, { rows: exemptions }, { rows: protests }] = await Promise.all([
    reader.rows(
      'get_parcel.value',
      `SELECT pv.prop_val_yr AS year, pv.sup_num, pv.land_hstd_val, pv.land_non_hstd_val, pv.imprv_hstd_val, pv.imprv_non_hstd_val, pv.ag_use_val, pv.ag_market,
          pv.market, pv.appraised_val, pv.ten_percent_cap, pv.assessed_val, pv.legal_desc, pv.legal_acreage, pv.hood_cd, pv.abs_subdv_cd,
          pv.last_appraiser_id, ap.appraiser_nm AS last_appraiser_nm
        FROM property_val pv ${OFFICIAL_LAYER_JOIN}
        LEFT JOIN appraiser ap ON ap.appraiser_id = pv.last_appraiser_id
        WHERE pv.prop_id = ? AND pv.prop_val_yr = ?`,
      [propId, taxYear],
      1,
      signal,
    ),
    reader.rows(
      'get_parcel.situs',
      'SELECT situs_id, primary_situs, situs_num, situs_street_prefx, situs_street, situs_street_sufix, situs_unit, situs_city, situs_zip FROM situs WHERE prop_id = ? ORDER BY situs_id',
      [propId],
      50,
      signal,
    ),
    reader.rows(
      'get_parcel.exemptions',
      `SELECT pe.owner_id, pe.exmpt_type_cd, et.exmpt_desc, pe.exmpt_subtype_cd, pe.effective_dt, pe.termination_dt, pe.qualify_yr, pe.exemption_pct
        FROM property_exemption pe JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.sup_num = pe.sup_num AND psa.prop_id = pe.prop_id
        LEFT JOIN exmpt_type et ON et.exmpt_type_cd = pe.exmpt_type_cd
        WHERE pe.prop_id = ? AND pe.exmpt_tax_yr = ? ORDER BY pe.owner_id, pe.exmpt_type_cd`,
      [propId, taxYear],
      100,
      signal,
    ),
    reader.rows(
      'get_parcel.protests',
      `SELECT ap.prop_val_yr AS year, ap.case_id, ap.prot_status, st.status_desc, st.close_case, ap.prot_create_dt, ap.prot_complete_dt, ap.docket_id
        FROM _arb_protest ap LEFT JOIN _arb_protest_status st ON st.status_cd = ap.prot_status
        WHERE ap.prop_id = ? ORDER BY ap.prop_val_yr DESC, ap.case_id`,
      [propId],
      100,
      signal,
    ),
  ]);
  const value = values[0];
  const { rows: owners } = value
    ? await reader.rows(
        'get_parcel.owners',
        `SELECT o.owner_id, ${OWNER_DISPLAY_NAME} AS owner_name, o.pct_ownership, o.hs_prop,
            CASE WHEN a.confidential_flag = 'T' THEN 1 ELSE 0 END AS confidential
          FROM owner o JOIN account a ON a.acct_id = o.owner_id
          WHERE o.owner_tax_yr = ? AND o.sup_num = ? AND o.prop_id = ? ORDER BY o.owner_id`,
        [taxYear, value.sup_num, propId],
        100,
        signal,
      )
    : { rows: [] };
  const p = props[0];
  return {
    prop_id: Number(p.prop_id),
    prop_type_cd: String(p.prop_type_cd ?? '').trim(),
    geo_id: (p.geo_id as string | null) ?? null,
    simple_geo_id: (p.simple_geo_id as string | null) ?? null,
    dba_name: (p.dba_name as string | null) ?? null,
    year: taxYear,
    value: value ?? null,
    owners: owners.map((o): Row => ({ ...o, confidential: Number(o.confidential) === 1 })),
    situs: situs.map((s): Row => ({ ...s, line: situsLine(s) })),
    exemptions,
    protests: protests.map((pr): Row => ({ ...pr, close_case: pr.close_case === 'T' || pr.close_case === 1 || pr.close_case === true })),
  };
}

export async function getParcelTimeline(
  reader: PacsReader,
  propId: number,
  range: { from_year?: number; to_year?: number; include_supplements: boolean },
  signal?: AbortSignal,
) {
  const where = ['pv.prop_id = ?'];
  const params: unknown[] = [propId];
  if (range.from_year !== undefined) {
    where.push('pv.prop_val_yr >= ?');
    params.push(range.from_year);
  }
  if (range.to_year !== undefined) {
    where.push('pv.prop_val_yr <= ?');
    params.push(range.to_year);
  }
  const { rows } = await reader.rows(
    'get_parcel_timeline.values',
    `SELECT pv.prop_val_yr AS year, pv.sup_num, CASE WHEN psa.prop_id IS NULL THEN 0 ELSE 1 END AS official,
        pv.sup_action, pv.sup_cd, pv.sup_desc, pv.sup_dt, pv.land_hstd_val, pv.land_non_hstd_val, pv.imprv_hstd_val, pv.imprv_non_hstd_val,
        pv.ag_use_val, pv.ag_market, pv.market, pv.appraised_val, pv.ten_percent_cap, pv.assessed_val
      FROM property_val pv
      LEFT JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
      WHERE ${where.join(' AND ')}
      ORDER BY pv.prop_val_yr, pv.sup_num`,
    params,
    10_000,
    signal,
  );
  const { rows: protests } = await reader.rows(
    'get_parcel_timeline.protests',
    `SELECT prop_val_yr AS year, case_id, prot_status, prot_create_dt, prot_complete_dt, begin_market, begin_appraised_val, final_market, final_appraised_val
      FROM _arb_protest WHERE prop_id = ? ORDER BY prop_val_yr, case_id`,
    [propId],
    1_000,
    signal,
  );
  const values = rows
    .map((r) => ({ ...r, year: Number(r.year), sup_num: Number(r.sup_num), official: Number(r.official) === 1 }))
    .filter((r) => range.include_supplements || r.official);
  const inRange = (y: number) => (range.from_year === undefined || y >= range.from_year) && (range.to_year === undefined || y <= range.to_year);
  return { values, protests: protests.filter((p) => inRange(Number(p.year))) };
}

export function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
