import type { RowSink } from './demo-accounts.js';
import { addDays, dateBetween, officeTime } from './demo-calendar.js';
import { CLOSING_STATUSES, CURRENT_YEAR_STATUS_WEIGHTS, DOCKETED_STATUSES, MEETING_STATUSES, PAST_YEAR_STATUS_WEIGHTS, PROTEST_TYPES } from './demo-reference-data.js';
import { AUTO_SCHEDULE_DAYS, CLERK_USER_IDS, hearingTime, type DemoWorld, type Docket } from './demo-world.js';
import type { Prng } from './prng.js';

export interface ProtestInput {
  propId: number;
  propType: string;
  /** The parcel's state code is a commercial one (state_code.commercial_acct_flag). */
  commercial: boolean;
  year: number;
  /** The first owner, who files unless an agent does. */
  ownerId: number;
  /** Who would normally take the case: the parcel's appraiser, else the neighborhood's. */
  preferredAppraiserId: number;
  agParcel: boolean;
  beginMarket: number;
  beginAppraised: number;
}

export interface ProtestPlan {
  input: ProtestInput;
  caseId: number;
  status: string;
  /** Final value / begin value; applied to the year's roll layer by the caller. */
  reduction: number;
  hasFinalValue: boolean;
  createDt: string;
  completeDt: string | null;
  operatorId: number | null;
  hearingStaff: number | null;
  docket: Docket | undefined;
  meetingDocket: Docket | undefined;
  meetingStaff: number | null;
  protType: string;
  opinionOfValue: number | null;
  decisionReason: string | null;
  filedByAgent: number | null;
}

const AWAITING_HEARING = new Set(['S', 'RS', 'LN']);

/**
 * Decides one protest: status (mid-season for the current year, finished for earlier ones),
 * dockets (booked as PACS's auto-scheduling would, from the filing date on; a case that finds no
 * room stays open and unscheduled), staff and outcome. A case is closed exactly when its status
 * closes it, and then it has prot_complete_dt.
 */
export function planProtest(world: DemoWorld, rng: Prng, input: ProtestInput): ProtestPlan {
  const current = input.year === world.lastYear;
  let status = rng.weighted(current ? CURRENT_YEAR_STATUS_WEIGHTS : PAST_YEAR_STATUS_WEIGHTS);
  const filed =
    status === 'DU'
      ? dateBetween(rng, addDays(world.protestDeadline(input.year), 1), addDays(world.protestDeadline(input.year), 50))
      : dateBetween(rng, addDays(world.noticeDate(input.year), 1), world.protestDeadline(input.year));
  const schedulable = addDays(filed, AUTO_SCHEDULE_DAYS);

  let docket: Docket | undefined;
  if (DOCKETED_STATUSES.has(status) || (status === 'W' && rng.chance(0.4))) {
    docket = world.bookDocket(input.year, 'P', input.propType, input.commercial, schedulable);
    if (!docket && DOCKETED_STATUSES.has(status)) status = current ? 'O' : 'SET';
  }
  let meetingDocket: Docket | undefined;
  if (MEETING_STATUSES.has(status) && (status === 'INF' || rng.chance(0.5))) {
    meetingDocket = world.bookDocket(input.year, 'AP', input.propType, input.commercial, addDays(filed, 3));
    if (!meetingDocket && status === 'INF') status = 'O';
  }

  const active = world.activeAppraiserIds();
  const staff = rng.chance(0.85) ? input.preferredAppraiserId : rng.pick(active);
  const heard = docket !== undefined && !AWAITING_HEARING.has(status);
  const hearingStaff = heard || (docket && rng.chance(0.4)) ? (rng.chance(0.7) ? staff : rng.pick(active)) : null;

  const hasFinalValue = CLOSING_STATUSES.has(status);
  let reduction = 1;
  if (status === 'SET' && rng.chance(0.75)) reduction = rng.real(0.85, 0.98);
  if (status === 'FR') reduction = rng.real(0.85, 0.97);
  if ((status === 'F' || status === 'APL') && rng.chance(0.35)) reduction = rng.real(0.9, 0.99);

  let completeDt: string | null = null;
  if (hasFinalValue) {
    if (docket) completeDt = hearingTime(rng, docket);
    else if (meetingDocket) completeDt = hearingTime(rng, meetingDocket);
    else if (status === 'DU') completeDt = officeTime(rng, addDays(filed, rng.int(2, 20)));
    else completeDt = officeTime(rng, addDays(filed, rng.int(5, 45)));
  }

  let protType = rng.weighted(PROTEST_TYPES.map(([code, , weight]) => [code, weight] as const));
  if (protType === 'CU' && !input.agParcel) protType = 'MKT';

  return {
    input,
    caseId: world.nextCaseId(input.year),
    status,
    reduction,
    hasFinalValue,
    createDt: officeTime(rng, filed),
    completeDt,
    operatorId: status === 'O' && rng.chance(0.3) ? null : rng.pick(CLERK_USER_IDS),
    hearingStaff,
    docket,
    meetingDocket,
    meetingStaff: meetingDocket ? staff : null,
    protType,
    opinionOfValue: rng.chance(0.7) ? Math.round((input.beginMarket * rng.real(0.6, 0.93)) / 100) * 100 : null,
    decisionReason: hasFinalValue ? decisionReason(status, reduction < 1) : null,
    filedByAgent: rng.chance(0.1) ? rng.pick(world.agents).acctId : null,
  };
}

export function writeProtest(world: DemoWorld, sink: RowSink, plan: ProtestPlan, final: { market: number; appraised: number }): void {
  const { input } = plan;
  sink('_arb_protest', {
    prop_id: input.propId,
    prop_val_yr: input.year,
    case_id: plan.caseId,
    prot_create_dt: plan.createDt,
    prot_complete_dt: plan.completeDt,
    prot_type: plan.protType,
    prot_status: plan.status,
    prot_appraisal_staff: plan.operatorId,
    docket_id: plan.docket?.id ?? null,
    prot_assigned_panel: plan.docket?.panel ?? null,
    prot_hearing_appraisal_staff: plan.hearingStaff,
    begin_market: input.beginMarket,
    begin_appraised_val: input.beginAppraised,
    final_market: plan.hasFinalValue ? final.market : null,
    final_appraised_val: plan.hasFinalValue ? final.appraised : null,
    status_date_changed: plan.completeDt ?? plan.createDt,
    appraiser_meeting_appraiser_id: plan.meetingStaff,
    appraiser_meeting_date_time: plan.meetingDocket ? plan.meetingDocket.start : null,
    prot_appr_docket_id: plan.meetingDocket?.id ?? null,
    case_prepared: plan.docket || plan.hasFinalValue ? 1 : 0,
    opinion_of_value: plan.opinionOfValue,
    decision_reason_cd: plan.decisionReason,
  });
  sink('_arb_protest_protest_by_assoc', {
    case_id: plan.caseId,
    prop_val_yr: input.year,
    prop_id: input.propId,
    prot_by_id: plan.filedByAgent ?? input.ownerId,
    prot_by_type: plan.filedByAgent ? 'AG' : 'OW',
    primary_protester: 1,
    prot_by_create_dt: plan.createDt,
  });
  world.writeEvent(sink, input.propId, {
    type: 'ARBPROT',
    date: plan.createDt,
    desc: `Protest filed, case ${input.year}-${plan.caseId}`,
    year: input.year,
    refNum: plan.caseId,
  });
  if (plan.completeDt) {
    world.writeEvent(sink, input.propId, {
      type: 'ARBCLOSE',
      date: plan.completeDt,
      desc: `Protest ${input.year}-${plan.caseId}: ${plan.status}, final market ${final.market}`,
      appraiserId: plan.hearingStaff ?? plan.meetingStaff,
      year: input.year,
      refNum: plan.caseId,
    });
  }
}

/** RD reduced, NC no change, AGR agreement, WD withdrawn, DU untimely. */
function decisionReason(status: string, reduced: boolean): string {
  switch (status) {
    case 'W':
      return 'WD';
    case 'DU':
      return 'DU';
    case 'SET':
      return reduced ? 'AGR' : 'NC';
    default:
      return reduced ? 'RD' : 'NC';
  }
}
