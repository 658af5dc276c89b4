import type { Row } from '../connectors/connector.js';
import { dialectOf } from '../dialects/index.js';
import { FUTURE_LAYER_YEAR, isAcceptedLayer, layerStatus, supGroupStatusSql, type LayerStatus } from './layers.js';
import { OFFICIAL_LAYER, OWNER_DISPLAY_NAME, PacsReader, situsLine } from './pacs-reader.js';
import { searchTerms } from './search-terms.js';

export interface ParcelSearch {
  query?: string;
  hood_cd?: string;
  prop_type_cd?: string;
  year?: number;
  limit: number;
}

/** How a parcel matched the search text: the reading that found it. */
export type SearchMatch = 'prop_id' | 'geo_id' | 'owner' | 'situs';

/** A geo id with its separators taken out, as searchTerms writes the one typed (the dialect's LIKE ignores case). */
const GEO_COMPACT = "REPLACE(REPLACE(REPLACE(REPLACE(p.geo_id, '-', ''), '.', ''), ' ', ''), '/', '')";
const OWNER_ON_LAYER = 'o.owner_tax_yr = pv.prop_val_yr AND o.sup_num = pv.sup_num AND o.prop_id = pv.prop_id';

/**
 * Parcels of a year with the values of their official layer. The text is read every way a person
 * may mean it (searchTerms): parcel id, geo id with or without separators, street address, owner
 * name in any order; a parcel matches any reading. Text is matched from its start, ignoring case,
 * with LIKE's wildcards taken literally; street and owner names are compared as bare columns
 * (situs.situs_street, account.file_as_name / confidential_file_as_name), so their indexes can
 * serve the prefix and SQL Server's parameters take the columns' types. The owner shown is the
 * one whose name matched.
 */
export async function searchParcels(reader: PacsReader, search: ParcelSearch, signal?: AbortSignal) {
  const year = search.year ?? (await reader.currentYear());
  const terms = searchTerms(search.query ?? '');
  const where: string[] = ['pv.prop_val_yr = ?', OFFICIAL_LAYER];
  const params: unknown[] = [year];
  const dialect = dialectOf(reader.dialect);
  const like = (column: string) => dialect.caseInsensitiveLike(column);
  const readings: string[] = [];
  if (terms.propId !== null) {
    readings.push('p.prop_id = ?');
    params.push(terms.propId);
  }
  if (terms.geoId) {
    readings.push(like(GEO_COMPACT));
    params.push(dialect.likePrefix(terms.geoId));
  }
  if (terms.address) {
    const a = terms.address;
    // A county that keeps the direction inside the street name ("N 5TH") finds it that way too.
    const streets = a.direction ? [a.street, `${a.direction} ${a.street}`] : [a.street];
    const parts = ['sa.prop_id = p.prop_id', streets.length > 1 ? `(${streets.map(() => like('sa.situs_street')).join(' OR ')})` : like('sa.situs_street')];
    params.push(...streets.map((street) => dialect.likePrefix(street)));
    if (a.number) {
      parts.push('LTRIM(RTRIM(sa.situs_num)) = ?');
      params.push(a.number);
    }
    // A county that keeps the suffix or direction inside the street name leaves these columns empty.
    if (a.suffixes) {
      parts.push(`UPPER(COALESCE(sa.situs_street_sufix, '')) IN ('', ${a.suffixes.map(() => '?').join(', ')})`);
      params.push(...a.suffixes);
    }
    if (a.direction) {
      parts.push("UPPER(COALESCE(sa.situs_street_prefx, '')) IN ('', ?)");
      params.push(a.direction);
    }
    readings.push(`EXISTS (SELECT 1 FROM situs sa WHERE ${parts.join(' AND ')})`);
  }
  const names = ownerNameMatch(terms.nameWords, like, (text) => dialect.likePrefix(text));
  if (names) {
    readings.push(`EXISTS (SELECT 1 FROM owner o JOIN account a ON a.acct_id = o.owner_id WHERE ${OWNER_ON_LAYER} AND ${names.sql})`);
    params.push(...names.params);
  }
  if (search.query?.trim()) where.push(readings.length ? `(${readings.join(' OR ')})` : '1 = 0');
  if (search.hood_cd) {
    where.push('pv.hood_cd = ?');
    params.push(search.hood_cd);
  }
  if (search.prop_type_cd) {
    where.push('p.prop_type_cd = ?');
    params.push(search.prop_type_cd);
  }
  const { top, limit } = reader.limit(search.limit + 1);
  const ownerName = (condition: string) => `(SELECT MIN(${OWNER_DISPLAY_NAME}) FROM owner o JOIN account a ON a.acct_id = o.owner_id WHERE ${OWNER_ON_LAYER}${condition})`;
  const sql = `SELECT ${top} p.prop_id, p.geo_id, p.prop_type_cd, pv.prop_val_yr AS year, pv.sup_num, pv.hood_cd, pv.market, pv.appraised_val, pv.assessed_val,
      ${names ? ownerName(` AND ${names.sql}`) : 'NULL'} AS matched_owner, ${ownerName('')} AS first_owner,
      s.situs_num, s.situs_street_prefx, s.situs_street, s.situs_street_sufix, s.situs_unit, s.situs_city
    FROM property p
    JOIN property_val pv ON pv.prop_id = p.prop_id
    LEFT JOIN situs s ON s.prop_id = p.prop_id AND s.primary_situs = 'Y'
    WHERE ${where.join(' AND ')}
    ORDER BY p.prop_id ${limit}`;
  const { rows } = await reader.rows('search_parcels', sql, [...(names?.params ?? []), ...params], search.limit + 1, signal);
  const truncated = rows.length > search.limit;
  const parcels = rows.slice(0, search.limit).map((r) => {
    const geoId = (r.geo_id as string | null) ?? null;
    const matchedOwner = (r.matched_owner as string | null) ?? null;
    const matched: SearchMatch | null = !search.query?.trim()
      ? null
      : terms.propId !== null && Number(r.prop_id) === terms.propId
        ? 'prop_id'
        : terms.geoId && geoId?.toUpperCase().replace(/[-. /]/g, '').startsWith(terms.geoId)
          ? 'geo_id'
          : matchedOwner !== null
            ? 'owner'
            : 'situs';
    return {
      prop_id: Number(r.prop_id),
      geo_id: geoId,
      prop_type_cd: String(r.prop_type_cd ?? ''),
      year: Number(r.year),
      hood_cd: (r.hood_cd as string | null) ?? null,
      owner_name: matchedOwner ?? (r.first_owner as string | null) ?? null,
      matched,
      situs: situsLine(r),
      market: numberOrNull(r.market),
      appraised_val: numberOrNull(r.appraised_val),
      assessed_val: numberOrNull(r.assessed_val),
    };
  });
  return { year, parcels, truncated };
}

/**
 * An owner whose name holds every word typed and begins with one of them: "jessica hall" and
 * "hall, jessica" both find HALL JESSICA, and one word is a prefix of the name. The name searched
 * is the one PACS shows, the confidential name of a confidential account: its other name is never
 * searched. The columns stay bare, so their indexes can serve the prefix.
 */
function ownerNameMatch(words: readonly string[], like: (column: string) => string, prefix: (text: string) => string): { sql: string; params: string[] } | null {
  if (words.length === 0) return null;
  const params: string[] = [];
  const holds = (column: string) => {
    const starts = words.map(() => like(column));
    params.push(...words.map(prefix));
    if (words.length === 1) return starts[0];
    params.push(...words.map((word) => `%${prefix(word)}`));
    return `(${starts.join(' OR ')}) AND ${words.map(() => like(column)).join(' AND ')}`;
  };
  const confidential = holds('a.confidential_file_as_name');
  const plain = holds('a.file_as_name');
  return { sql: `((a.confidential_flag = 'T' AND ${confidential}) OR ((a.confidential_flag IS NULL OR a.confidential_flag <> 'T') AND ${plain}))`, params };
}

const VALUE_COLUMNS = `pv.land_hstd_val, pv.land_non_hstd_val, pv.imprv_hstd_val, pv.imprv_non_hstd_val, pv.ag_use_val, pv.ag_market,
        pv.market, pv.appraised_val, pv.ten_percent_cap, pv.assessed_val`;

/**
 * One parcel for a year: the official (accepted) layer's values, owners and exemptions; the
 * current layer too when it is a supplement still in coding; the future-year layer, labelled
 * with the year it stands for; situs and protests (open while prot_complete_dt is NULL).
 */
export async function getParcel(reader: PacsReader, propId: number, year: number | undefined, signal?: AbortSignal) {
  // Reads that need nothing from each other run together, each on its own pooled connection: the
  // property and the year; then the year's layers, situs and protests; then what the official
  // layer names (owners, exemptions) and the future layer's year.
  const [{ rows: props }, yearRead] = await Promise.all([
    reader.rows(
      'get_parcel.property',
      'SELECT prop_id, prop_type_cd, geo_id, simple_geo_id, ref_id1, ref_id2, dba_name, state_cd FROM property WHERE prop_id = ?',
      [propId],
      1,
      signal,
    ),
    year !== undefined ? { year } : reader.currentYear().then((y) => ({ year: y }), (error: unknown) => ({ error })),
  ]);
  if (props.length === 0) return undefined;
  if ('error' in yearRead) throw yearRead.error;
  const taxYear = yearRead.year;
  const [{ rows: layers }, { rows: situs }, { rows: protests }] = await Promise.all([
    reader.rows(
      'get_parcel.layers',
      `SELECT pv.prop_val_yr AS year, pv.sup_num, ${VALUE_COLUMNS}, pv.legal_desc, pv.legal_acreage, pv.hood_cd, pv.abs_subdv_cd,
          pv.last_appraiser_id, ap.appraiser_nm AS last_appraiser_nm, pv.prop_inactive_dt, pv.udi_parent, pv.udi_parent_prop_id, pv.accept_create_id,
          ${supGroupStatusSql('pv')} AS sup_group_status,
          CASE WHEN psa.prop_id IS NULL THEN 0 ELSE 1 END AS is_current
        FROM property_val pv
        LEFT JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
        LEFT JOIN appraiser ap ON ap.appraiser_id = pv.last_appraiser_id
        WHERE pv.prop_id = ? AND pv.prop_val_yr IN (?, ?)
        ORDER BY pv.prop_val_yr, pv.sup_num`,
      [propId, taxYear, FUTURE_LAYER_YEAR],
      100,
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
      'get_parcel.protests',
      `SELECT ap.prop_val_yr AS year, ap.case_id, ap.prot_status, st.status_desc, st.close_case, ap.prot_create_dt, ap.prot_complete_dt, ap.docket_id
        FROM _arb_protest ap LEFT JOIN _arb_protest_status st ON st.status_cd = ap.prot_status
        WHERE ap.prop_id = ? ORDER BY ap.prop_val_yr DESC, ap.case_id`,
      [propId],
      100,
      signal,
    ),
  ]);
  const ofYear = markLayers(layers.filter((l) => Number(l.year) === taxYear));
  const official = ofYear.find((l) => l.official);
  const current = ofYear.find((l) => l.current);
  const futureRow = markLayers(layers.filter((l) => Number(l.year) === FUTURE_LAYER_YEAR)).find((l) => l.official || l.current);
  const supNum = official?.sup_num ?? null;
  const [futureYear, { rows: owners }, { rows: exemptions }] = await Promise.all([
    futureRow ? reader.futureYear() : null,
    supNum !== null
      ? reader.rows(
          'get_parcel.owners',
          `SELECT o.owner_id, ${OWNER_DISPLAY_NAME} AS owner_name, o.pct_ownership, o.hs_prop,
              CASE WHEN a.confidential_flag = 'T' THEN 1 ELSE 0 END AS confidential
            FROM owner o JOIN account a ON a.acct_id = o.owner_id
            WHERE o.owner_tax_yr = ? AND o.sup_num = ? AND o.prop_id = ? ORDER BY o.owner_id`,
          [taxYear, supNum, propId],
          100,
          signal,
        )
      : { rows: [] },
    supNum !== null
      ? reader.rows(
          'get_parcel.exemptions',
          `SELECT pe.owner_id, pe.exmpt_type_cd, et.exmpt_desc, pe.exmpt_subtype_cd, pe.effective_dt, pe.termination_dt, pe.qualify_yr, pe.exemption_pct
            FROM property_exemption pe LEFT JOIN exmpt_type et ON et.exmpt_type_cd = pe.exmpt_type_cd
            WHERE pe.prop_id = ? AND pe.exmpt_tax_yr = ? AND pe.owner_tax_yr = ? AND pe.sup_num = ? ORDER BY pe.owner_id, pe.exmpt_type_cd`,
          [propId, taxYear, taxYear, supNum],
          100,
          signal,
        )
      : { rows: [] },
  ]);
  const p = props[0];
  return {
    prop_id: Number(p.prop_id),
    prop_type_cd: String(p.prop_type_cd ?? ''),
    geo_id: (p.geo_id as string | null) ?? null,
    simple_geo_id: (p.simple_geo_id as string | null) ?? null,
    dba_name: (p.dba_name as string | null) ?? null,
    state_cd: (p.state_cd as string | null) ?? null,
    year: taxYear,
    value: official ? layerOut(official) : null,
    /** The layer prop_supp_assoc names, when it is not the official one (a supplement still in coding). */
    current_layer: current && current !== official ? layerOut(current) : null,
    future_layer: futureRow ? ({ ...layerOut(futureRow), year: null, stands_for_year: futureYear, prop_val_yr: FUTURE_LAYER_YEAR } as Row) : null,
    owners: owners.map((o): Row => ({ ...o, confidential: Number(o.confidential) === 1 })),
    situs: situs.map((s): Row => ({ ...s, line: situsLine(s) })),
    exemptions,
    protests: protests.map(({ close_case, ...pr }): Row => ({ ...pr, open: pr.prot_complete_dt === null || pr.prot_complete_dt === undefined, status_closes_case: close_case === 'T' })),
  };
}

interface MarkedLayer extends Row {
  year: number;
  sup_num: number;
  current: boolean;
  accepted: boolean;
  official: boolean;
  layer_status: LayerStatus;
}

/** Marks the layers of one year: current (prop_supp_assoc), accepted, official (the highest accepted). */
function markLayers(rows: Row[]): MarkedLayer[] {
  const marked = rows.map((r) => ({
    ...r,
    year: Number(r.year),
    sup_num: Number(r.sup_num),
    current: Number(r.is_current) === 1,
    accepted: isAcceptedLayer(r.sup_group_status, r.accept_create_id),
    official: false,
    layer_status: 'pending' as LayerStatus,
  }));
  const officialSupNum = Math.max(-1, ...marked.filter((l) => l.accepted).map((l) => l.sup_num));
  for (const l of marked) {
    l.official = l.sup_num === officialSupNum;
    l.layer_status = layerStatus(l);
  }
  return marked;
}

function layerOut(layer: MarkedLayer): Row {
  const { is_current: _current, accept_create_id: _accept, current: _c, accepted: _a, official: _o, ...rest } = layer;
  return { ...rest, udi_parent: rest.udi_parent === 'T' };
}

/**
 * Every layer of a parcel, year by year, labelled: `official` (the accepted layer of the year),
 * `in_coding` (current but its supplement group is not accepted), `superseded`, `pending`. The
 * future-year layer (year 0) comes apart, as `future`, with the calendar year it stands for.
 * Protest begin and final values are further events.
 */
export async function getParcelTimeline(
  reader: PacsReader,
  propId: number,
  range: { from_year?: number; to_year?: number; include_supplements: boolean },
  signal?: AbortSignal,
) {
  const { rows } = await reader.rows(
    'get_parcel_timeline.values',
    `SELECT pv.prop_val_yr AS year, pv.sup_num, CASE WHEN psa.prop_id IS NULL THEN 0 ELSE 1 END AS is_current, pv.accept_create_id,
        ${supGroupStatusSql('pv')} AS sup_group_status,
        pv.sup_action, pv.sup_cd, pv.sup_desc, pv.sup_dt, ${VALUE_COLUMNS}
      FROM property_val pv
      LEFT JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
      WHERE pv.prop_id = ?
      ORDER BY pv.prop_val_yr, pv.sup_num`,
    [propId],
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
  const inRange = (y: number) => (range.from_year === undefined || y >= range.from_year) && (range.to_year === undefined || y <= range.to_year);
  const byYear = new Map<number, Row[]>();
  for (const r of rows) {
    const y = Number(r.year);
    const list = byYear.get(y);
    if (list) list.push(r);
    else byYear.set(y, [r]);
  }
  const shown = (l: MarkedLayer) => range.include_supplements || l.official || l.layer_status === 'in_coding';
  const values: Row[] = [];
  let future: Row[] = [];
  for (const [y, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const marked = markLayers(list).filter(shown);
    if (y === FUTURE_LAYER_YEAR) {
      future = marked.map(timelineRow);
      continue;
    }
    if (inRange(y)) values.push(...marked.map(timelineRow));
  }
  const futureYear = future.length > 0 ? await reader.futureYear() : null;
  const futureLayer: Row[] = future.length > 0 && (futureYear === null || inRange(futureYear)) ? future.map((f) => ({ ...f, year: null, prop_val_yr: FUTURE_LAYER_YEAR, stands_for_year: futureYear })) : [];
  return { values, future_layer: futureLayer, future_year: futureYear, protests: protests.filter((p) => inRange(Number(p.year))) };
}

function timelineRow(layer: MarkedLayer): Row {
  const { is_current: _current, accept_create_id: _accept, accepted: _a, ...rest } = layer;
  return rest;
}

export function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
