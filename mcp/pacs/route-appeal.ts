import { assertWritable, type ConnectionRecord } from '../connections/connection-types.js';
import type { Row, WriteTx } from '../connectors/connector.js';
import type { Connector } from '../connectors/connector-factory.js';
import { dialectOf, type Dialect } from '../dialects/index.js';
import { errorMessage, UserError, type UserErrorKind } from '../util/user-error.js';
import { OPEN_PROTEST } from './appeal-queries.js';

export interface RouteAppealRequest {
  propId: number;
  year: number;
  caseId?: number;
  /**
   * No hearing before this date (YYYY-MM-DD), for callers that know the calendar (tests, PACS's
   * own tools); the MCP tool never takes one from the model. Default: the rules' first day.
   */
  earliestDate?: string;
  /** Route again even when the protest already has a hearing appraiser and a docket. */
  reassign: boolean;
  /** The status the case gets (one of the county's codes that does not close a case); default: the connection's setting, else unchanged. */
  setStatus?: string;
}

/** Per-connection settings (connection config): how the county schedules. */
export interface RoutingSettings {
  /** The status code a case gets when it is put on a docket (appeal_scheduled_status). */
  scheduledStatus?: string | null;
  /** PACS's own scheduling procedure to call instead of picking the docket here (appeal_scheduling_procedure), e.g. dbo.ARBAutoSchedule. */
  procedure?: string | null;
  /** The day a training copy stands at (appeal_calendar_date): the rules count from it instead of today. */
  calendarDate?: string | null;
}

export type DocketSource = 'already_assigned' | 'same_property' | 'auto_schedule' | 'procedure';

export interface RouteAppealResult {
  prop_id: number;
  year: number;
  case_id: number;
  prop_type_cd: string;
  commercial: boolean;
  previous_status: string;
  prot_status: string;
  appraiser_id: number;
  appraiser_nm: string | null;
  appraiser_source: 'last_appraiser' | 'neighborhood' | 'already_assigned';
  docket_id: number;
  docket_source: DocketSource;
  hearing_id: number | null;
  docket_start_dt: string;
  docket_end_dt: string;
  hearings_on_docket: number;
  max_hearings: number | null;
  changed: boolean;
}

/** A user-correctable reason the protest cannot be routed (no open case, no docket with room …). */
export class RoutingError extends UserError {
  constructor(message: string, kind: UserErrorKind = 'conflict') {
    super(kind, message);
  }
}

/** PACS's auto-scheduling looks this many days ahead when its options leave the number unset. */
const DEFAULT_DAYS_AHEAD = 15;
/** Dockets tried in order before routing gives up (each refusal means another router filled it). */
const MAX_CANDIDATES = 200;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v).trim());
const isoDateTime = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 19) : str(v) ?? '');
/** appraiser.inactive: PACS treats NULL, 'F' and '0' as active. */
const isActive = (inactive: unknown) => {
  const flag = str(inactive);
  return flag === null || flag === '' || flag === 'F' || flag === '0';
};

/**
 * Puts an open protest on a hearing docket the way PACS's own auto-scheduling (ARBAutoSchedule)
 * does, and names the appraiser who represents the assessor at the hearing
 * (prot_hearing_appraisal_staff): the parcel's last appraiser, else its neighborhood's, when active.
 *
 * The docket: one another protest of the same parcel and year already has, else the earliest
 * docket of a protest hearing (szHearingType 'P') starting on or after the earliest date, that
 * lists the property type, whose hearing takes the parcel's commercial flag (real property only)
 * and whose scheduled_protest_count is below its maximum_hearing_count. The slot is taken with a
 * conditional UPDATE of that count, which locks the docket row, so concurrent routers never put
 * more cases on a docket than its maximum. Where the county prefers, PACS's own procedure picks
 * the docket instead. Writes only on a training connection, in one transaction.
 */
export async function routeAppeal(record: ConnectionRecord, connector: Connector, request: RouteAppealRequest, settings: RoutingSettings = {}): Promise<RouteAppealResult> {
  assertWritable(record, 'routing an appeal (it writes the assignment into _arb_protest)');
  if (connector.family !== 'database') throw new RoutingError(`Connection "${record.id}" (${record.kind}) is a warehouse; appeals are routed in a PACS training database.`, 'invalid');
  const dialect = dialectOf(connector.dialect);
  const procedureCall = settings.procedure ? schedulingProcedureCall(record, dialect, settings.procedure) : null;
  return connector.writeTransaction((tx) => route(tx, dialect, request, settings, procedureCall));
}

/** The call of the county's scheduling procedure with the arguments PACS's own takes, in this database's words. */
function schedulingProcedureCall(record: ConnectionRecord, dialect: Dialect, procedure: string): string {
  try {
    return dialect.procedureCall(procedure, ['lYear', 'lCaseID', 'lPropID', 'lSupNum']);
  } catch (err) {
    throw new RoutingError(`Connection "${record.id}" names the scheduling procedure ${procedure}, which cannot be called: ${errorMessage(err)} Remove appeal_scheduling_procedure from its settings.`, 'invalid');
  }
}

async function route(tx: WriteTx, dialect: Dialect, request: RouteAppealRequest, settings: RoutingSettings, procedureCall: string | null): Promise<RouteAppealResult> {
  const { propId, year } = request;
  const protest = await lockOpenProtest(tx, dialect, request);
  const caseId = Number(protest.case_id);
  const status = str(protest.prot_status) ?? '';
  const parcel = await parcelFacts(tx, propId, year);
  const base = { prop_id: propId, year, case_id: caseId, prop_type_cd: parcel.propType, commercial: parcel.commercial, previous_status: status };

  const key = [propId, year, caseId];
  // The caller's status is checked first, so a wrong code is an error whatever else the call would do.
  const askedStatus = await targetStatus(tx, request.setStatus ?? null, status);

  const assignedAppraiser = num(protest.prot_hearing_appraisal_staff);
  const assignedDocket = num(protest.docket_id);
  if (assignedAppraiser !== null && assignedDocket !== null && !request.reassign) {
    // Already routed: the assignment stays; only a status the caller asked for is applied.
    const statusChanged = askedStatus !== status;
    if (statusChanged) await tx.execute('UPDATE _arb_protest SET prot_status = ?, status_date_changed = ? WHERE prop_id = ? AND prop_val_yr = ? AND case_id = ?', [askedStatus, statusChangeTime(), ...key]);
    const appraiser = await appraiserById(tx, assignedAppraiser);
    return result(base, askedStatus, { id: assignedAppraiser, name: str(appraiser?.appraiser_nm), source: 'already_assigned' }, await docketById(tx, dialect, assignedDocket), 'already_assigned', statusChanged);
  }
  const appraiser =
    assignedAppraiser !== null && !request.reassign
      ? { id: assignedAppraiser, name: str((await appraiserById(tx, assignedAppraiser))?.appraiser_nm), source: 'already_assigned' as const }
      : await pickAppraiser(tx, parcel, propId, year);
  const newStatus = request.setStatus?.trim() ? askedStatus : await targetStatus(tx, settings.scheduledStatus ?? null, status);

  let docketId: number;
  let source: DocketSource;
  if (assignedDocket !== null && !request.reassign) {
    docketId = assignedDocket;
    source = 'already_assigned';
  } else if (procedureCall) {
    if (assignedDocket !== null) {
      // A fresh pick: the procedure reuses a docket the parcel already has, this case's own included.
      await releaseSlot(tx, dialect, assignedDocket);
      await tx.execute('UPDATE _arb_protest SET docket_id = NULL WHERE prop_id = ? AND prop_val_yr = ? AND case_id = ?', key);
    }
    await tx.execute(procedureCall, [year, caseId, propId, parcel.supNum]);
    const [after] = await tx.query('SELECT docket_id FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = ? AND case_id = ?', key);
    const picked = num(after?.docket_id);
    if (picked === null) throw new RoutingError(`PACS's scheduling procedure ${settings.procedure} found no docket for protest ${year}-${caseId} of parcel ${propId}. Add hearing capacity in PACS and route again.`);
    docketId = picked;
    source = 'procedure';
  } else {
    const earliest = await earliestStart(tx, dialect, request.earliestDate, settings.calendarDate ?? null, protest.prot_create_dt);
    const claimed = await claimSlot(tx, dialect, { propId, year, caseId, propType: parcel.propType, commercial: parcel.commercial, earliest, current: request.reassign ? assignedDocket : null });
    docketId = claimed.docketId;
    source = claimed.source;
    if (assignedDocket !== null && assignedDocket !== docketId) await releaseSlot(tx, dialect, assignedDocket);
  }

  const statusChange = newStatus !== status ? ', prot_status = ?, status_date_changed = ?' : '';
  await tx.execute(
    `UPDATE _arb_protest SET docket_id = ?, prot_hearing_appraisal_staff = ?${statusChange} WHERE prop_id = ? AND prop_val_yr = ? AND case_id = ?`,
    [docketId, appraiser.id, ...(statusChange ? [newStatus, statusChangeTime()] : []), ...key],
  );
  return result(base, newStatus, appraiser, await docketById(tx, dialect, docketId), source, true);
}

/** The open protest to route, its row locked for the rest of the transaction. */
async function lockOpenProtest(tx: WriteTx, dialect: Dialect, request: RouteAppealRequest): Promise<Row> {
  const lock = dialect.lockRowsRead('ap');
  const params: unknown[] = [request.propId, request.year];
  let sql = `SELECT ap.case_id, ap.prot_status, ap.prot_create_dt, ap.prot_complete_dt, ap.prot_hearing_appraisal_staff, ap.docket_id,
                    CASE WHEN ${OPEN_PROTEST} THEN 1 ELSE 0 END AS is_open
               FROM _arb_protest ap${lock.tableHint}
              WHERE ap.prop_id = ? AND ap.prop_val_yr = ?`;
  if (request.caseId !== undefined) {
    sql += ' AND ap.case_id = ?';
    params.push(request.caseId);
  }
  const cases = await tx.query(`${sql} ORDER BY ap.case_id${lock.suffix}`, params);
  const where = `parcel ${request.propId} in ${request.year}${request.caseId !== undefined ? ` (case ${request.caseId})` : ''}`;
  if (cases.length === 0) throw new RoutingError(`There is no protest for ${where}. list_appeals shows the protests there are.`, 'not_found');
  const open = cases.filter((c) => Number(c.is_open) === 1);
  if (open.length === 0) {
    const states = cases.map((c) => `case ${c.case_id}: ${str(c.prot_status)}, completed ${isoDateTime(c.prot_complete_dt).slice(0, 10)}`).join('; ');
    throw new RoutingError(`The protest for ${where} is closed (prot_complete_dt is set), so it is not routed (${states}).`);
  }
  if (open.length > 1) throw new RoutingError(`Parcel ${request.propId} has ${open.length} open protests in ${request.year} (cases ${open.map((c) => c.case_id).join(', ')}); pass case_id.`, 'invalid');
  return open[0];
}

interface ParcelFacts {
  propType: string;
  commercial: boolean;
  supNum: number;
  lastAppraiserId: number | null;
  hoodCd: string | null;
}

/**
 * The parcel's type (trimmed, as PACS's procedure does), whether its state code of the year is
 * commercial (property_profile → state_code, 'F' when unknown), and its current layer's appraiser
 * and neighborhood.
 */
async function parcelFacts(tx: WriteTx, propId: number, year: number): Promise<ParcelFacts> {
  const [row] = await tx.query(
    `SELECT p.prop_type_cd, psa.sup_num, pv.last_appraiser_id, pv.hood_cd, COALESCE(sc.commercial_acct_flag, 'F') AS commercial
       FROM property p
       LEFT JOIN prop_supp_assoc psa ON psa.prop_id = p.prop_id AND psa.owner_tax_yr = ?
       LEFT JOIN property_val pv ON pv.prop_val_yr = psa.owner_tax_yr AND pv.sup_num = psa.sup_num AND pv.prop_id = psa.prop_id
       LEFT JOIN property_profile pp ON pp.prop_id = p.prop_id AND pp.prop_val_yr = ?
       LEFT JOIN state_code sc ON sc.state_cd = pp.state_cd
      WHERE p.prop_id = ?`,
    [year, year, propId],
  );
  return {
    propType: str(row?.prop_type_cd) ?? '',
    commercial: str(row?.commercial) === 'T',
    supNum: num(row?.sup_num) ?? 0,
    lastAppraiserId: num(row?.last_appraiser_id),
    hoodCd: str(row?.hood_cd),
  };
}

/** The parcel's last appraiser when active, else the active appraiser of its neighborhood for the year. */
async function pickAppraiser(tx: WriteTx, parcel: ParcelFacts, propId: number, year: number): Promise<{ id: number; name: string | null; source: 'last_appraiser' | 'neighborhood' }> {
  const lastId = parcel.lastAppraiserId;
  const last = lastId !== null ? await appraiserById(tx, lastId) : undefined;
  if (last && isActive(last.inactive)) return { id: lastId!, name: str(last.appraiser_nm), source: 'last_appraiser' };
  const hood = parcel.hoodCd;
  if (hood) {
    const [row] = await tx.query('SELECT a.appraiser_id, a.appraiser_nm, a.inactive FROM neighborhood n JOIN appraiser a ON a.appraiser_id = n.appraiser_id WHERE n.hood_cd = ? AND n.hood_yr = ?', [hood, year]);
    if (row && isActive(row.inactive)) return { id: num(row.appraiser_id)!, name: str(row.appraiser_nm), source: 'neighborhood' };
  }
  const why = [lastId === null ? 'it has no last appraiser' : last ? `its last appraiser ${lastId} is inactive` : `its last appraiser ${lastId} is not in the appraiser table`, hood ? `neighborhood ${hood} has no active appraiser for ${year}` : 'it has no neighborhood'].join(' and ');
  throw new RoutingError(`No appraiser can be chosen for parcel ${propId}: ${why}. Assign one in PACS, or set the neighborhood's appraiser.`);
}

/** status_date_changed of a status change: now, to the second. */
function statusChangeTime(): string {
  return new Date().toISOString().slice(0, 19);
}

/** The status the routed case gets: one of the county's codes that does not close a case. */
async function targetStatus(tx: WriteTx, wanted: string | null, current: string): Promise<string> {
  if (wanted === null || wanted.trim() === '') return current;
  const statuses = await tx.query('SELECT status_cd, close_case FROM _arb_protest_status', []);
  const match = statuses.find((s) => str(s.status_cd)?.toUpperCase() === wanted.trim().toUpperCase());
  if (!match) {
    throw new RoutingError(`${JSON.stringify(wanted)} is not a status code of this PACS database. Its codes (_arb_protest_status): ${statuses.map((s) => str(s.status_cd)).join(', ')}.`, 'invalid');
  }
  if (str(match.close_case) === 'T') throw new RoutingError(`Status ${str(match.status_cd)} closes a case (close_case 'T'); a case put on a hearing docket stays open. Pick a scheduling status.`, 'invalid');
  return str(match.status_cd)!;
}

/**
 * The first day a hearing may start, as the rules give it: the county's auto-scheduling days
 * (_arb_protest_options.pro_lNumDaysAutoSchedule, 15 when unset) after today, or after the day a
 * training copy stands at, and never before that many days after the protest was filed.
 */
async function earliestStart(tx: WriteTx, dialect: Dialect, requested: string | undefined, calendarDate: string | null, filed: unknown): Promise<string> {
  if (requested) return `${requested}T00:00:00`;
  const [options] = await tx.query(`SELECT ${dialect.quoteIdent('pro_lNumDaysAutoSchedule')} AS days FROM _arb_protest_options WHERE machine_name = ''`, []);
  const days = num(options?.days) ?? DEFAULT_DAYS_AHEAD;
  const filedDay = isoDateTime(filed).slice(0, 10);
  const from = [calendarDate ?? new Date().toISOString().slice(0, 10), filedDay].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort().pop()!;
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00';
}

/** Takes a slot on a docket: the same parcel's docket of the year, else the first eligible docket with room. */
async function claimSlot(
  tx: WriteTx,
  dialect: Dialect,
  c: { propId: number; year: number; caseId: number; propType: string; commercial: boolean; earliest: string; current: number | null },
): Promise<{ docketId: number; source: DocketSource }> {
  const [sibling] = await tx.query(
    'SELECT MIN(docket_id) AS docket_id FROM _arb_protest WHERE prop_id = ? AND prop_val_yr = ? AND case_id <> ? AND docket_id IS NOT NULL',
    [c.propId, c.year, c.caseId],
  );
  const siblingDocket = num(sibling?.docket_id);
  if (siblingDocket !== null && (siblingDocket === c.current || (await takeSlot(tx, dialect, siblingDocket)))) return { docketId: siblingDocket, source: 'same_property' };

  const h = (name: string) => `h.${dialect.quoteIdent(name)}`;
  const { top, limit } = dialect.rowLimit(MAX_CANDIDATES);
  const candidates = await tx.query(
    `SELECT ${top} d.docket_id FROM _arb_protest_hearing_docket d
       JOIN _arb_protest_hearing h ON ${h('lHearingID')} = d.${dialect.quoteIdent('lHearingID')}
      WHERE d.docket_start_date_time >= ? AND d.scheduled_protest_count < d.maximum_hearing_count AND ${h('szHearingType')} = 'P'
        AND EXISTS (SELECT 1 FROM _arb_protest_hearing_property_type t WHERE t.${dialect.quoteIdent('lHearingID')} = ${h('lHearingID')} AND t.${dialect.quoteIdent('szPropertyType')} = ?)
        AND (${h('cAccountType')} = ? OR COALESCE(${h('cAccountType')}, '') = '' OR ? <> 'R')
      ORDER BY d.docket_start_date_time, d.docket_id ${limit}`,
    [c.earliest, c.propType, c.commercial ? 'T' : 'F', c.propType],
  );
  for (const candidate of candidates) {
    const docketId = Number(candidate.docket_id);
    if (docketId === c.current || (await takeSlot(tx, dialect, docketId))) return { docketId, source: 'auto_schedule' };
  }
  throw new RoutingError(await noRoomReason(tx, dialect, c));
}

/**
 * One more case on the docket if it still has room: the condition is checked by the UPDATE
 * itself, on the row it locks, so a router that waited for another sees the count that one left.
 */
async function takeSlot(tx: WriteTx, dialect: Dialect, docketId: number): Promise<boolean> {
  const { rowsAffected } = await tx.execute(
    `UPDATE _arb_protest_hearing_docket${dialect.rowLockedUpdate} SET scheduled_protest_count = scheduled_protest_count + 1
      WHERE docket_id = ? AND scheduled_protest_count < maximum_hearing_count`,
    [docketId],
  );
  return rowsAffected === 1;
}

/** A reassigned case leaves its old docket: one case fewer there. */
async function releaseSlot(tx: WriteTx, dialect: Dialect, docketId: number): Promise<void> {
  await tx.execute(`UPDATE _arb_protest_hearing_docket${dialect.rowLockedUpdate} SET scheduled_protest_count = scheduled_protest_count - 1 WHERE docket_id = ? AND scheduled_protest_count > 0`, [docketId]);
}

async function noRoomReason(tx: WriteTx, dialect: Dialect, c: { propType: string; commercial: boolean; earliest: string }): Promise<string> {
  const h = (name: string) => `h.${dialect.quoteIdent(name)}`;
  const [counts] = await tx.query(
    `SELECT COUNT(*) AS total,
            SUM(CASE WHEN ${h('szHearingType')} = 'P' THEN 1 ELSE 0 END) AS protest_hearings,
            SUM(CASE WHEN ${h('szHearingType')} = 'P' AND EXISTS (SELECT 1 FROM _arb_protest_hearing_property_type t WHERE t.${dialect.quoteIdent('lHearingID')} = ${h('lHearingID')} AND t.${dialect.quoteIdent('szPropertyType')} = ?) THEN 1 ELSE 0 END) AS for_type,
            SUM(CASE WHEN d.maximum_hearing_count IS NULL THEN 1 ELSE 0 END) AS no_maximum
       FROM _arb_protest_hearing_docket d JOIN _arb_protest_hearing h ON ${h('lHearingID')} = d.${dialect.quoteIdent('lHearingID')}
      WHERE d.docket_start_date_time >= ?`,
    [c.propType, c.earliest],
  );
  const total = Number(counts?.total ?? 0);
  return (
    `No hearing docket from ${c.earliest.slice(0, 10)} takes property type ${c.propType || '(unknown)'}${c.propType === 'R' ? ` (${c.commercial ? 'commercial' : 'not commercial'})` : ''} and has room: ` +
    `${total} docket(s) start then, ${Number(counts?.protest_hearings ?? 0)} of them protest hearings, ${Number(counts?.for_type ?? 0)} for this property type; ` +
    `the others are full, take the other account type, or have no maximum set (${Number(counts?.no_maximum ?? 0)}). ` +
    (total === 0
      ? 'The county has no hearing docket that late: add hearing dockets in PACS. On a training copy, a person sets the day the copy stands at in the connection\'s settings (appeal_calendar_date).'
      : 'Add hearing capacity (a docket) in PACS.')
  );
}

async function appraiserById(tx: WriteTx, id: number): Promise<Row | undefined> {
  return (await tx.query('SELECT appraiser_id, appraiser_nm, inactive FROM appraiser WHERE appraiser_id = ?', [id]))[0];
}

async function docketById(tx: WriteTx, dialect: Dialect, id: number): Promise<Row> {
  const [docket] = await tx.query(
    `SELECT d.docket_id, d.${dialect.quoteIdent('lHearingID')} AS hearing_id, d.docket_start_date_time, d.docket_end_date_time, d.maximum_hearing_count, d.scheduled_protest_count
       FROM _arb_protest_hearing_docket d WHERE d.docket_id = ?`,
    [id],
  );
  return docket ?? { docket_id: id, hearing_id: null, docket_start_date_time: '', docket_end_date_time: '', maximum_hearing_count: null, scheduled_protest_count: 0 };
}

function result(
  base: Pick<RouteAppealResult, 'prop_id' | 'year' | 'case_id' | 'prop_type_cd' | 'commercial' | 'previous_status'>,
  status: string,
  appraiser: { id: number; name: string | null; source: RouteAppealResult['appraiser_source'] },
  docket: Row,
  source: DocketSource,
  changed: boolean,
): RouteAppealResult {
  return {
    ...base,
    prot_status: status,
    appraiser_id: appraiser.id,
    appraiser_nm: appraiser.name,
    appraiser_source: appraiser.source,
    docket_id: Number(docket.docket_id),
    docket_source: source,
    hearing_id: num(docket.hearing_id),
    docket_start_dt: isoDateTime(docket.docket_start_date_time),
    docket_end_dt: isoDateTime(docket.docket_end_date_time),
    hearings_on_docket: Number(docket.scheduled_protest_count ?? 0),
    max_hearings: num(docket.maximum_hearing_count),
    changed,
  };
}
