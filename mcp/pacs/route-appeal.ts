import { assertWritable, type ConnectionRecord } from '../connections/connection-types.js';
import type { Row, WriteTx } from '../connectors/connector.js';
import type { Connector } from '../connectors/connector-factory.js';
import { UserError, type UserErrorKind } from '../util/user-error.js';

export interface RouteAppealRequest {
  prop_id: number;
  year: number;
  case_id?: number;
  /** No hearing before this date (YYYY-MM-DD). Default: 15 days after today and after the filing (the notice minimum). */
  earliest_date?: string;
  /** Route again even when the protest already has an appraiser and a docket. */
  reassign: boolean;
}

export interface RouteAppealResult {
  prop_id: number;
  year: number;
  case_id: number;
  prop_type_cd: string;
  previous_status: string;
  prot_status: string;
  appraiser_id: number;
  appraiser_nm: string | null;
  appraiser_source: 'last_appraiser' | 'neighborhood' | 'already_assigned';
  docket_id: number;
  docket_start_dt: string;
  docket_end_dt: string;
  hearings_on_docket: number;
  max_hearings: number;
  changed: boolean;
}

/** A user-correctable reason the protest cannot be routed (no open case, no docket with room …). */
export class RoutingError extends UserError {
  constructor(message: string, kind: UserErrorKind = 'conflict') {
    super(kind, message);
  }
}

/** Texas Tax Code §41.46: the hearing notice goes out at least 15 days before the hearing. */
const NOTICE_DAYS = 15;
/** Opening a case's status when it gets a hearing: the vendor code and the proposed workflow's. */
const SCHEDULED_STATUS: Readonly<Record<string, string>> = { O: 'S', OPEN: 'HEARING_SCHEDULED' };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v).trim());
const isoDateTime = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 19) : str(v) ?? '');
const truthyBit = (v: unknown) => v === true || v === 1 || v === '1' || v === 'T' || v === 'Y';

/**
 * Assigns an open protest to an appraiser — the parcel's last appraiser, else the neighborhood's,
 * when active — and to the first hearing docket of its year that takes the property type and has
 * room. Writes only on a training connection, in one transaction, parameterized; the docket's
 * room is checked again in the UPDATE itself so two routers never overfill it.
 */
export async function routeAppeal(record: ConnectionRecord, connector: Connector, request: RouteAppealRequest): Promise<RouteAppealResult> {
  assertWritable(record, 'routing an appeal (it writes the assignment into _arb_protest)');
  if (connector.family !== 'database') throw new RoutingError(`Connection "${record.id}" (${record.kind}) is a warehouse; appeals are routed in a PACS training database.`, 'invalid');
  return connector.writeTransaction((tx) => route(tx, request));
}

async function route(tx: WriteTx, request: RouteAppealRequest): Promise<RouteAppealResult> {
  const { prop_id: propId, year } = request;
  const protest = await findProtest(tx, request);
  const caseKey = [propId, year, protest.case_id] as const;
  const status = str(protest.prot_status) ?? '';

  const parcel = (
    await tx.query(
      `SELECT p.prop_type_cd, pv.last_appraiser_id, pv.hood_cd FROM property p
         LEFT JOIN prop_supp_assoc psa ON psa.prop_id = p.prop_id AND psa.owner_tax_yr = ?
         LEFT JOIN property_val pv ON pv.prop_val_yr = psa.owner_tax_yr AND pv.sup_num = psa.sup_num AND pv.prop_id = psa.prop_id
        WHERE p.prop_id = ?`,
      [year, propId],
    )
  )[0];
  const propType = str(parcel?.prop_type_cd) ?? '';

  const assignedAppraiser = num(protest.prot_appraisal_staff);
  const assignedDocket = num(protest.docket_id);
  if (assignedAppraiser !== null && assignedDocket !== null && !request.reassign) {
    const docket = await docketById(tx, assignedDocket);
    const appraiser = await appraiserById(tx, assignedAppraiser);
    return result(request, protest, propType, status, status, { id: assignedAppraiser, name: str(appraiser?.appraiser_nm), source: 'already_assigned' }, docket, false);
  }

  const appraiser = assignedAppraiser !== null && !request.reassign ? { id: assignedAppraiser, name: str((await appraiserById(tx, assignedAppraiser))?.appraiser_nm), source: 'already_assigned' as const } : await pickAppraiser(tx, parcel, propId, year);

  const earliest = earliestHearing(request.earliest_date, protest.prot_create_dt);
  const from = `${earliest > `${year}-01-01` ? earliest : `${year}-01-01`}T00:00:00`;
  const to = `${year + 1}-01-01T00:00:00`;
  const dockets = await tx.query(
    `SELECT d.docket_id, d.docket_start_dt, d.docket_end_dt, d.max_hearings, d.prop_type_cds,
            (SELECT COUNT(*) FROM _arb_protest x WHERE x.docket_id = d.docket_id AND NOT (x.prop_id = ? AND x.prop_val_yr = ? AND x.case_id = ?)) AS booked
       FROM arb_docket d WHERE d.docket_start_dt >= ? AND d.docket_start_dt < ? ORDER BY d.docket_start_dt, d.docket_id`,
    [...caseKey, from, to],
  );
  const takesType = dockets.filter((d) => (str(d.prop_type_cds) ?? '').split(',').map((t) => t.trim()).includes(propType));
  const candidates = takesType.filter((d) => Number(d.booked) < Number(d.max_hearings));
  const newStatus = SCHEDULED_STATUS[status] ?? status;
  for (const docket of candidates) {
    // The room check is repeated inside the UPDATE: a concurrent router cannot overfill the docket.
    const { rowsAffected } = await tx.execute(
      `UPDATE _arb_protest SET prot_appraisal_staff = ?, docket_id = ?, prot_status = ?
        WHERE prop_id = ? AND prop_val_yr = ? AND case_id = ?
          AND (SELECT COUNT(*) FROM _arb_protest x WHERE x.docket_id = ? AND NOT (x.prop_id = ? AND x.prop_val_yr = ? AND x.case_id = ?)) < ?`,
      [appraiser.id, docket.docket_id, newStatus, ...caseKey, docket.docket_id, ...caseKey, docket.max_hearings],
    );
    if (rowsAffected === 1) {
      const booked = await docketById(tx, num(docket.docket_id)!);
      return result(request, protest, propType, status, newStatus, appraiser, booked, true);
    }
  }
  const full = takesType.length - candidates.length;
  throw new RoutingError(
    `No hearing docket of ${year} from ${from.slice(0, 10)} takes property type ${propType || '(unknown)'} and has room: ` +
      `${dockets.length} docket(s) in that window, ${dockets.length - takesType.length} for other property types, ${full} full. ` +
      (dockets.length === 0 ? `Pass earliest_date to look at earlier dockets of ${year}, or add dockets in PACS.` : 'Add hearing capacity (a docket) in PACS, or pass a different earliest_date.'),
  );
}

async function findProtest(tx: WriteTx, request: RouteAppealRequest): Promise<Row> {
  const params: unknown[] = [request.prop_id, request.year];
  let sql = `SELECT ap.case_id, ap.prot_status, ap.prot_create_dt, ap.prot_complete_dt, ap.prot_appraisal_staff, ap.docket_id, st.close_case, st.status_cd
               FROM _arb_protest ap LEFT JOIN _arb_protest_status st ON st.status_cd = ap.prot_status
              WHERE ap.prop_id = ? AND ap.prop_val_yr = ?`;
  if (request.case_id !== undefined) {
    sql += ' AND ap.case_id = ?';
    params.push(request.case_id);
  }
  const cases = await tx.query(`${sql} ORDER BY ap.case_id`, params);
  const where = `parcel ${request.prop_id} in ${request.year}${request.case_id !== undefined ? ` (case ${request.case_id})` : ''}`;
  if (cases.length === 0) throw new RoutingError(`There is no protest for ${where}. list_appeals shows the protests there are.`, 'not_found');
  const open = cases.filter((c) => c.status_cd !== null && c.status_cd !== undefined && !truthyBit(c.close_case) && (c.prot_complete_dt === null || c.prot_complete_dt === undefined));
  if (open.length === 0) {
    const states = cases.map((c) => `case ${c.case_id}: ${str(c.prot_status)}${c.status_cd === null || c.status_cd === undefined ? ' (not a status in _arb_protest_status)' : ' (closed)'}`).join('; ');
    throw new RoutingError(`The protest for ${where} is not open, so it is not routed (${states}).`);
  }
  if (open.length > 1) throw new RoutingError(`Parcel ${request.prop_id} has ${open.length} open protests in ${request.year} (cases ${open.map((c) => c.case_id).join(', ')}); pass case_id.`, 'invalid');
  return open[0];
}

/** The parcel's last appraiser when active, else the active appraiser of its neighborhood. */
async function pickAppraiser(tx: WriteTx, parcel: Row | undefined, propId: number, year: number): Promise<{ id: number; name: string | null; source: 'last_appraiser' | 'neighborhood' }> {
  const lastId = num(parcel?.last_appraiser_id);
  const last = lastId !== null ? await appraiserById(tx, lastId) : undefined;
  if (last && !truthyBit(last.inactive)) return { id: lastId!, name: str(last.appraiser_nm), source: 'last_appraiser' };
  const hood = str(parcel?.hood_cd);
  if (hood) {
    const [row] = await tx.query('SELECT a.appraiser_id, a.appraiser_nm, a.inactive FROM neighborhood n JOIN appraiser a ON a.appraiser_id = n.appraiser_id WHERE n.hood_cd = ? AND n.hood_yr = ?', [hood, year]);
    if (row && !truthyBit(row.inactive)) return { id: num(row.appraiser_id)!, name: str(row.appraiser_nm), source: 'neighborhood' };
  }
  const why = [lastId === null ? 'it has no last appraiser' : last ? `its last appraiser ${lastId} is inactive` : `its last appraiser ${lastId} is not in the appraiser table`, hood ? `neighborhood ${hood} has no active appraiser for ${year}` : 'it has no neighborhood'].join(' and ');
  throw new RoutingError(`No appraiser can be chosen for parcel ${propId}: ${why}. Assign one in PACS, or set the neighborhood's appraiser.`);
}

async function appraiserById(tx: WriteTx, id: number): Promise<Row | undefined> {
  return (await tx.query('SELECT appraiser_id, appraiser_nm, inactive FROM appraiser WHERE appraiser_id = ?', [id]))[0];
}

async function docketById(tx: WriteTx, id: number): Promise<Row> {
  const [docket] = await tx.query(
    `SELECT d.docket_id, d.docket_start_dt, d.docket_end_dt, d.max_hearings,
            (SELECT COUNT(*) FROM _arb_protest x WHERE x.docket_id = d.docket_id) AS booked
       FROM arb_docket d WHERE d.docket_id = ?`,
    [id],
  );
  return docket ?? { docket_id: id, docket_start_dt: '', docket_end_dt: '', max_hearings: 0, booked: 0 };
}

/** The later of the requested date (default today) + notice, and the filing date + notice. */
function earliestHearing(requested: string | undefined, filed: unknown): string {
  const plus = (iso: string, days: number) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const fromRequest = requested ?? plus(new Date().toISOString(), NOTICE_DAYS);
  const filedDate = isoDateTime(filed).slice(0, 10);
  const fromFiling = /^\d{4}-\d{2}-\d{2}$/.test(filedDate) ? plus(filedDate, NOTICE_DAYS) : fromRequest;
  return fromRequest > fromFiling ? fromRequest : fromFiling;
}

function result(
  request: RouteAppealRequest,
  protest: Row,
  propType: string,
  previousStatus: string,
  status: string,
  appraiser: { id: number; name: string | null; source: RouteAppealResult['appraiser_source'] },
  docket: Row,
  changed: boolean,
): RouteAppealResult {
  return {
    prop_id: request.prop_id,
    year: request.year,
    case_id: Number(protest.case_id),
    prop_type_cd: propType,
    previous_status: previousStatus,
    prot_status: status,
    appraiser_id: appraiser.id,
    appraiser_nm: appraiser.name,
    appraiser_source: appraiser.source,
    docket_id: Number(docket.docket_id),
    docket_start_dt: isoDateTime(docket.docket_start_dt),
    docket_end_dt: isoDateTime(docket.docket_end_dt),
    hearings_on_docket: Number(docket.booked),
    max_hearings: Number(docket.max_hearings),
    changed,
  };
}
