import { numberOrNull } from './parcel-queries.js';
import type { PacsReader } from './pacs-reader.js';

export interface AppealFilter {
  year?: number;
  statuses?: string[];
  open_only: boolean;
  unassigned_only: boolean;
  prop_id?: number;
  appraiser_id?: number;
  limit: number;
}

export async function listAppeals(reader: PacsReader, filter: AppealFilter, signal?: AbortSignal) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.year !== undefined) {
    where.push('ap.prop_val_yr = ?');
    params.push(filter.year);
  }
  if (filter.statuses?.length) {
    where.push(`ap.prot_status IN (${filter.statuses.map(() => '?').join(', ')})`);
    params.push(...filter.statuses);
  }
  // close_case is a BIT flag (1 closes the case): compare with 1, which SQLite, PostgreSQL (smallint) and SQL Server read alike.
  if (filter.open_only) where.push('(st.close_case IS NULL OR st.close_case <> 1)');
  if (filter.unassigned_only) where.push('ap.prot_appraisal_staff IS NULL');
  if (filter.prop_id !== undefined) {
    where.push('ap.prop_id = ?');
    params.push(filter.prop_id);
  }
  if (filter.appraiser_id !== undefined) {
    where.push('ap.prot_appraisal_staff = ?');
    params.push(filter.appraiser_id);
  }
  const { top, limit } = reader.limit(filter.limit + 1);
  const sql = `SELECT ${top} ap.prop_id, ap.prop_val_yr AS year, ap.case_id, ap.prot_type, ap.prot_status, st.status_desc,
      CASE WHEN st.close_case = 1 THEN 1 ELSE 0 END AS closed, ap.prot_create_dt, ap.prot_complete_dt,
      ap.prot_appraisal_staff AS appraiser_id, apr.appraiser_nm, ap.docket_id, ap.prot_assigned_panel,
      ap.opinion_of_value, ap.begin_market, ap.begin_appraised_val, ap.final_market, ap.final_appraised_val
    FROM _arb_protest ap
    LEFT JOIN _arb_protest_status st ON st.status_cd = ap.prot_status
    LEFT JOIN appraiser apr ON apr.appraiser_id = ap.prot_appraisal_staff
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ap.prop_val_yr DESC, ap.prot_create_dt, ap.prop_id, ap.case_id ${limit}`;
  const { rows } = await reader.rows('list_appeals', sql, params, filter.limit + 1, signal);
  const appeals = rows.slice(0, filter.limit).map((r) => ({
    prop_id: Number(r.prop_id),
    year: Number(r.year),
    case_id: Number(r.case_id),
    prot_type: (r.prot_type as string | null) ?? null,
    prot_status: (r.prot_status as string | null) ?? null,
    status_desc: (r.status_desc as string | null) ?? null,
    closed: Number(r.closed) === 1,
    prot_create_dt: (r.prot_create_dt as string | null) ?? null,
    prot_complete_dt: (r.prot_complete_dt as string | null) ?? null,
    appraiser_id: numberOrNull(r.appraiser_id),
    appraiser_nm: (r.appraiser_nm as string | null) ?? null,
    docket_id: numberOrNull(r.docket_id),
    opinion_of_value: numberOrNull(r.opinion_of_value),
    begin_market: numberOrNull(r.begin_market),
    final_market: numberOrNull(r.final_market),
  }));
  return { appeals, truncated: rows.length > filter.limit };
}
