import { UserError } from '../util/user-error.js';
import { numberOrNull } from './parcel-queries.js';
import type { PacsReader } from './pacs-reader.js';

export interface AppealFilter {
  year?: number;
  statuses?: string[];
  openOnly: boolean;
  unassignedOnly: boolean;
  propId?: number;
  appraiserId?: number;
  limit: number;
}

/** One of the county's protest status codes (_arb_protest_status). */
export interface AppealStatus {
  status_cd: string;
  status_desc: string | null;
  /** close_case 'T': the county marks the status as closing the case. */
  closes_case: boolean;
}

/** A status code the county's table does not have: the caller should pick one of `known`. */
export class UnknownAppealStatusError extends UserError {
  constructor(readonly unknown: string[], readonly known: AppealStatus[]) {
    super(
      'invalid',
      `${unknown.map((s) => JSON.stringify(s)).join(', ')} ${unknown.length === 1 ? 'is not a status code' : 'are not status codes'} of this PACS database. ` +
        `Its codes (_arb_protest_status) are: ${known.map((s) => `${s.status_cd} (${s.status_desc ?? 'no description'})`).join(', ')}.`,
    );
  }
}

/**
 * Whether a protest is open: PACS's own views treat a protest as open while
 * _arb_protest.prot_complete_dt IS NULL, whatever its status (close_case is a flag of the status
 * code that no PACS view reads). Every appeal tool uses this one definition.
 */
export const OPEN_PROTEST = 'ap.prot_complete_dt IS NULL';

export async function appealStatuses(reader: PacsReader, signal?: AbortSignal): Promise<AppealStatus[]> {
  const { rows } = await reader.rows('appeal_statuses', 'SELECT status_cd, status_desc, close_case FROM _arb_protest_status ORDER BY status_cd', [], 1_000, signal);
  return rows.map((r) => ({ status_cd: String(r.status_cd), status_desc: (r.status_desc as string | null) ?? null, closes_case: r.close_case === 'T' }));
}

export async function listAppeals(reader: PacsReader, filter: AppealFilter, signal?: AbortSignal) {
  const statuses = await appealStatuses(reader, signal);
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.year !== undefined) {
    where.push('ap.prop_val_yr = ?');
    params.push(filter.year);
  }
  if (filter.statuses?.length) {
    const known = new Map(statuses.map((s) => [s.status_cd.toUpperCase(), s.status_cd]));
    const unknown = filter.statuses.filter((s) => !known.has(s.trim().toUpperCase()));
    if (unknown.length) throw new UnknownAppealStatusError(unknown, statuses);
    const codes = [...new Set(filter.statuses.map((s) => known.get(s.trim().toUpperCase())!))];
    where.push(`ap.prot_status IN (${codes.map(() => '?').join(', ')})`);
    params.push(...codes);
  }
  if (filter.openOnly) where.push(OPEN_PROTEST);
  if (filter.unassignedOnly) where.push('ap.docket_id IS NULL');
  if (filter.propId !== undefined) {
    where.push('ap.prop_id = ?');
    params.push(filter.propId);
  }
  if (filter.appraiserId !== undefined) {
    where.push('(ap.prot_hearing_appraisal_staff = ? OR ap.appraiser_meeting_appraiser_id = ?)');
    params.push(filter.appraiserId, filter.appraiserId);
  }
  const { top, limit } = reader.limit(filter.limit + 1);
  const sql = `SELECT ${top} ap.prop_id, ap.prop_val_yr AS year, ap.case_id, ap.prot_type, ap.prot_status, st.status_desc,
      CASE WHEN ${OPEN_PROTEST} THEN 0 ELSE 1 END AS closed, ap.prot_create_dt, ap.prot_complete_dt,
      ap.prot_hearing_appraisal_staff AS hearing_appraiser_id, ha.appraiser_nm AS hearing_appraiser_nm,
      ap.appraiser_meeting_appraiser_id AS meeting_appraiser_id, ma.appraiser_nm AS meeting_appraiser_nm,
      ap.docket_id, d.docket_start_date_time AS docket_start_dt, ap.prot_assigned_panel,
      ap.opinion_of_value, ap.begin_market, ap.begin_appraised_val, ap.final_market, ap.final_appraised_val
    FROM _arb_protest ap
    LEFT JOIN _arb_protest_status st ON st.status_cd = ap.prot_status
    LEFT JOIN appraiser ha ON ha.appraiser_id = ap.prot_hearing_appraisal_staff
    LEFT JOIN appraiser ma ON ma.appraiser_id = ap.appraiser_meeting_appraiser_id
    LEFT JOIN _arb_protest_hearing_docket d ON d.docket_id = ap.docket_id
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
    hearing_appraiser_id: numberOrNull(r.hearing_appraiser_id),
    hearing_appraiser_nm: (r.hearing_appraiser_nm as string | null) ?? null,
    meeting_appraiser_id: numberOrNull(r.meeting_appraiser_id),
    meeting_appraiser_nm: (r.meeting_appraiser_nm as string | null) ?? null,
    docket_id: numberOrNull(r.docket_id),
    docket_start_dt: (r.docket_start_dt as string | null) ?? null,
    panel: (r.prot_assigned_panel as string | null) ?? null,
    opinion_of_value: numberOrNull(r.opinion_of_value),
    begin_market: numberOrNull(r.begin_market),
    final_market: numberOrNull(r.final_market),
  }));
  return { appeals, statuses, truncated: rows.length > filter.limit };
}
