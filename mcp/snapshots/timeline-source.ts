import type { Row } from '../connectors/connector.js';
import { FUTURE_LAYER_YEAR } from '../pacs/layers.js';
import { OFFICIAL_LAYER, situsLine, type PacsReader } from '../pacs/pacs-reader.js';
import { numberOrNull } from '../pacs/parcel-queries.js';
import { TIMELINE_VALUE_COLUMNS } from './timeline-columns.js';

export interface YearRange {
  from_year?: number;
  to_year?: number;
}

/** Parcels per source round trip: small enough for SQL Server's 2,100-parameter limit. */
export const TIMELINE_CHUNK = 500;
const ROWS_PER_CHUNK = 200_000;

function inList(ids: readonly number[]): string {
  return ids.map(() => '?').join(', ');
}

function yearFilter(column: string, range: YearRange, params: unknown[]): string {
  let sql = '';
  if (range.from_year !== undefined) {
    sql += ` AND ${column} >= ?`;
    params.push(range.from_year);
  }
  if (range.to_year !== undefined) {
    sql += ` AND ${column} <= ?`;
    params.push(range.to_year);
  }
  return sql;
}

const text = (v: unknown): string | null => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim());
const isConfidential = (v: unknown) => typeof v === 'string' && v.trim().toUpperCase() === 'T';
const key = (propId: unknown, year: unknown) => `${Number(propId)}|${Number(year)}`;

async function rows(reader: PacsReader, name: string, sql: string, params: unknown[], signal?: AbortSignal): Promise<Row[]> {
  const result = await reader.rows(name, sql, params, ROWS_PER_CHUNK, signal);
  if (result.truncated) throw new Error(`The ${name} query returned more than ${ROWS_PER_CHUNK} rows for ${TIMELINE_CHUNK} parcels; check the PACS query override for it.`);
  return result.rows;
}

/**
 * The timeline rows of up to TIMELINE_CHUNK parcels, unmasked, keyed by TIMELINE_COLUMNS.
 * Five portable queries (values, owners, addresses, phones, exemptions), each overridable per
 * connection like the other PACS queries, joined here.
 */
export async function readTimelineChunk(reader: PacsReader, propIds: readonly number[], range: YearRange, signal?: AbortSignal): Promise<Row[]> {
  if (propIds.length === 0) return [];
  const futureYear = await reader.futureYear();
  const withFuture = futureYear !== null && (range.from_year === undefined || futureYear >= range.from_year) && (range.to_year === undefined || futureYear <= range.to_year);
  const yearParams: unknown[] = [];
  const years = `(${withFuture ? `pv.prop_val_yr = ${FUTURE_LAYER_YEAR} OR ` : ''}(pv.prop_val_yr <> ${FUTURE_LAYER_YEAR}${yearFilter('pv.prop_val_yr', range, yearParams)}))`;
  const values = await rows(
    reader,
    'snapshot.values',
    `SELECT pv.prop_id, pv.prop_val_yr AS year, pv.sup_num, p.prop_type_cd, p.geo_id, pv.hood_cd, pv.legal_desc, pv.legal_acreage,
        ${TIMELINE_VALUE_COLUMNS.map((c) => `pv.${c}`).join(', ')},
        s.situs_id, s.situs_num, s.situs_street_prefx, s.situs_street, s.situs_street_sufix, s.situs_unit, s.situs_city
      FROM property_val pv
      JOIN property p ON p.prop_id = pv.prop_id
      LEFT JOIN situs s ON s.prop_id = pv.prop_id AND s.primary_situs = 'Y'
      WHERE pv.prop_id IN (${inList(propIds)}) AND ${years} AND ${OFFICIAL_LAYER}
      ORDER BY pv.prop_id, pv.prop_val_yr, s.situs_id`,
    [...propIds, ...yearParams],
    signal,
  );
  if (values.length === 0) return [];
  // The official layer of each parcel and year: owners and exemptions are read from it.
  const officialSupNum = new Map(values.map((v) => [key(v.prop_id, v.year), Number(v.sup_num)]));
  const ofOfficialLayer = (r: Row) => officialSupNum.get(key(r.prop_id, r.year)) === Number(r.sup_num);
  const layerYears = [...new Set(values.map((v) => Number(v.year)))];

  const owners = (
    await rows(
      reader,
      'snapshot.owners',
      `SELECT o.prop_id, o.owner_tax_yr AS year, o.sup_num, o.owner_id, o.pct_ownership, o.birth_dt,
          a.file_as_name, a.confidential_flag, a.confidential_file_as_name, a.dl_num, a.email_addr
        FROM owner o
        JOIN account a ON a.acct_id = o.owner_id
        WHERE o.prop_id IN (${inList(propIds)}) AND o.owner_tax_yr IN (${inList(layerYears)})`,
      [...propIds, ...layerYears],
      signal,
    )
  ).filter(ofOfficialLayer);
  const ownersByKey = groupBy(owners, (o) => key(o.prop_id, o.year));
  const primaryOwners = new Map<string, Row>();
  for (const [k, list] of ownersByKey) {
    list.sort((a, b) => (numberOrNull(b.pct_ownership) ?? 0) - (numberOrNull(a.pct_ownership) ?? 0) || Number(a.owner_id) - Number(b.owner_id));
    primaryOwners.set(k, list[0]);
  }
  const accountIds = [...new Set([...primaryOwners.values()].map((o) => Number(o.owner_id)))].sort((a, b) => a - b);

  const addresses = new Map<number, Row>();
  const phones = new Map<number, string>();
  for (let i = 0; i < accountIds.length; i += TIMELINE_CHUNK) {
    const ids = accountIds.slice(i, i + TIMELINE_CHUNK);
    const addressRows = await rows(
      reader,
      'snapshot.addresses',
      `SELECT acct_id, addr_type_cd, primary_addr, addr_line1, addr_line2, addr_line3, addr_city, addr_state, zip
        FROM address WHERE acct_id IN (${inList(ids)}) ORDER BY acct_id, addr_type_cd`,
      ids,
      signal,
    );
    for (const [acct, list] of groupBy(addressRows, (a) => Number(a.acct_id))) {
      addresses.set(acct, list.find((a) => text(a.primary_addr) === 'Y') ?? list.find((a) => text(a.addr_type_cd) === 'M') ?? list[0]);
    }
    const phoneRows = await rows(reader, 'snapshot.phones', `SELECT acct_id, phone_id, phone_num FROM phone WHERE acct_id IN (${inList(ids)}) ORDER BY acct_id, phone_id`, ids, signal);
    for (const p of phoneRows) if (!phones.has(Number(p.acct_id)) && text(p.phone_num)) phones.set(Number(p.acct_id), text(p.phone_num)!);
  }

  const exemptions = (
    await rows(
      reader,
      'snapshot.exemptions',
      `SELECT pe.prop_id, pe.owner_tax_yr AS year, pe.sup_num, pe.owner_id, pe.exmpt_type_cd, pe.applicant_nm, pe.birth_dt, pe.spouse_birth_dt,
          pe.prop_exmpt_ss_num, pe.prop_exmpt_dl_num, pe.combined_disp_income
        FROM property_exemption pe
        WHERE pe.prop_id IN (${inList(propIds)}) AND pe.owner_tax_yr IN (${inList(layerYears)}) AND pe.exmpt_tax_yr = pe.owner_tax_yr
        ORDER BY pe.prop_id, pe.owner_tax_yr, pe.exmpt_type_cd, pe.owner_id`,
      [...propIds, ...layerYears],
      signal,
    )
  ).filter(ofOfficialLayer);
  const exemptionsByKey = groupBy(exemptions, (e) => key(e.prop_id, e.year));

  const result: Row[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const k = key(v.prop_id, v.year);
    if (seen.has(k)) continue; // a second primary situs: the first (lowest situs_id) wins
    seen.add(k);
    const owner = primaryOwners.get(k);
    const allOwners = ownersByKey.get(k) ?? [];
    const confidential = allOwners.some((o) => isConfidential(o.confidential_flag));
    const acct = owner ? Number(owner.owner_id) : undefined;
    const address = acct !== undefined ? addresses.get(acct) : undefined;
    const ex = exemptionsByKey.get(k) ?? [];
    const incomes = ex.map((e) => numberOrNull(e.combined_disp_income)).filter((n): n is number => n !== null);
    const future = Number(v.year) === FUTURE_LAYER_YEAR;
    const row: Row = {
      prop_id: Number(v.prop_id),
      year: Number(v.year),
      sup_num: Number(v.sup_num),
      layer: future ? 'future' : 'official',
      stands_for_year: future ? futureYear : Number(v.year),
      value: numberOrNull(v.market),
      prop_type_cd: text(v.prop_type_cd),
      geo_id: text(v.geo_id),
      hood_cd: text(v.hood_cd),
      legal_desc: text(v.legal_desc),
      legal_acreage: numberOrNull(v.legal_acreage),
      situs: situsLine(v) || null,
      owner_id: acct ?? null,
      owner_name: owner ? text(isConfidential(owner.confidential_flag) ? owner.confidential_file_as_name : owner.file_as_name) : null,
      owner_count: allOwners.length,
      owner_confidential: confidential,
      owner_mail_address: address ? mailingLine(address) : null,
      owner_phone: acct !== undefined ? (phones.get(acct) ?? null) : null,
      owner_email: owner ? text(owner.email_addr) : null,
      owner_birth_dt: owner ? dateText(owner.birth_dt) : null,
      owner_dl_num: owner ? text(owner.dl_num) : null,
      exemption_codes: distinct(ex.map((e) => text(e.exmpt_type_cd))),
      exemption_applicants: distinct(ex.map((e) => text(e.applicant_nm))),
      exemption_birth_dts: distinct(ex.map((e) => dateText(e.birth_dt))),
      exemption_spouse_birth_dts: distinct(ex.map((e) => dateText(e.spouse_birth_dt))),
      exemption_ss_nums: distinct(ex.map((e) => text(e.prop_exmpt_ss_num))),
      exemption_dl_nums: distinct(ex.map((e) => text(e.prop_exmpt_dl_num))),
      exemption_income: incomes.length ? incomes.reduce((a, b) => a + b, 0) : null,
    };
    // The value columns come last, so the row's keys are in TIMELINE_COLUMNS order.
    for (const c of TIMELINE_VALUE_COLUMNS) row[c] = numberOrNull(v[c]);
    result.push(row);
  }
  return result;
}

function mailingLine(a: Row): string | null {
  const cityLine = [text(a.addr_city), [text(a.addr_state), text(a.zip)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const parts = [text(a.addr_line1), text(a.addr_line2), text(a.addr_line3), cityLine || null].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : null;
}

/** Dates as ISO day text whatever the driver returned (SQL Server: Date objects, others: text). */
function dateText(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim().slice(0, 10) || null;
}

function distinct(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

function groupBy<K>(items: Row[], keyOf: (r: Row) => K): Map<K, Row[]> {
  const map = new Map<K, Row[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
