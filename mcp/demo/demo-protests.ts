import type { RowSink } from './demo-accounts.js';
import { addDays, dateBetween, officeTime } from './demo-calendar.js';
import {
  CLOSING_STATUSES,
  CURRENT_YEAR_STATUS_WEIGHTS,
  DOCKETED_STATUSES,
  PAST_YEAR_STATUS_WEIGHTS,
  PROTEST_TYPES,
} from './demo-reference-data.js';
import { hearingTime, type DemoWorld, type Docket } from './demo-world.js';
import type { Prng } from './prng.js';

export interface ProtestInput {
  propId: number;
  propType: string;
  year: number;
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
  appraisalStaff: number | null;
  hearingStaff: number | null;
  docket: Docket | undefined;
  protType: string;
  opinionOfValue: number | null;
  decisionReason: string | null;
}

const UNASSIGNED_STATUSES = new Set(['OPEN', 'O']);
const AWAITING_HEARING = new Set(['S', 'HEARING_SCHEDULED', 'RESCHEDULED']);

/**
 * Decides one protest: status (mid-season for the current year, finished for earlier ones),
 * staff, docket (booked first-fit; a case that finds no room stays unscheduled) and outcome.
 */
export function planProtest(world: DemoWorld, rng: Prng, input: ProtestInput): ProtestPlan {
  const current = input.year === world.lastYear;
  let status = rng.weighted(current ? CURRENT_YEAR_STATUS_WEIGHTS : PAST_YEAR_STATUS_WEIGHTS);
  let docket: Docket | undefined;
  if (DOCKETED_STATUSES.has(status) || (status === 'WITHDRAWN' && rng.chance(0.4))) {
    docket = world.bookDocket(input.year, input.propType);
    if (!docket && DOCKETED_STATUSES.has(status)) status = current ? 'OPEN' : 'SETTLED';
  }

  const filed =
    status === 'DISMISSED_UNTIMELY'
      ? dateBetween(rng, addDays(world.protestDeadline(input.year), 1), addDays(world.protestDeadline(input.year), 50))
      : dateBetween(rng, addDays(world.noticeDate(input.year), 1), world.protestDeadline(input.year));

  const active = world.activeAppraiserIds();
  const staff = rng.chance(0.85) ? input.preferredAppraiserId : rng.pick(active);
  const unassigned = (UNASSIGNED_STATUSES.has(status) && rng.chance(0.8)) || status === 'DISMISSED_UNTIMELY';
  const heard = docket !== undefined && !AWAITING_HEARING.has(status);
  const hearingStaff = heard || (docket && rng.chance(0.4)) ? (rng.chance(0.7) ? staff : rng.pick(active)) : null;

  const hasFinalValue = CLOSING_STATUSES.has(status) || status === 'APPEALED' || (!current && (status === 'NO_SHOW' || status === 'NS'));
  let reduction = 1;
  if (status === 'SETTLED' && rng.chance(0.75)) reduction = rng.real(0.85, 0.98);
  if ((status === 'FINAL_ORDER' || status === 'F' || status === 'FR') && rng.chance(0.45)) reduction = rng.real(0.88, 0.99);
  if (status === 'APPEALED' && rng.chance(0.3)) reduction = rng.real(0.92, 0.99);

  let completeDt: string | null = null;
  if (hasFinalValue) {
    if (docket) completeDt = hearingTime(rng, docket);
    else if (status === 'DISMISSED_UNTIMELY') completeDt = officeTime(rng, addDays(filed, rng.int(2, 20)));
    else completeDt = officeTime(rng, addDays(filed, rng.int(5, 45)));
  }

  let protType = rng.weighted(PROTEST_TYPES);
  if (protType === 'AG' && !input.agParcel) protType = 'MKT';

  return {
    input,
    caseId: world.nextCaseId(input.year),
    status,
    reduction,
    hasFinalValue,
    createDt: officeTime(rng, filed),
    completeDt,
    appraisalStaff: unassigned ? null : staff,
    hearingStaff,
    docket,
    protType,
    opinionOfValue: rng.chance(0.7) ? Math.round((input.beginMarket * rng.real(0.6, 0.93)) / 100) * 100 : null,
    decisionReason: hasFinalValue ? decisionReason(status, reduction < 1) : null,
  };
}

export function writeProtest(world: DemoWorld, sink: RowSink, plan: ProtestPlan, final: { market: number; appraised: number }): void {
  const { input } = plan;
  sink('_arb_protest', {
    prop_id: input.propId,
    prop_val_yr: input.year,
    case_id: plan.caseId,
    prot_type: plan.protType,
    prot_status: plan.status,
    prot_create_dt: plan.createDt,
    prot_complete_dt: plan.completeDt,
    prot_appraisal_staff: plan.appraisalStaff,
    prot_hearing_appraisal_staff: plan.hearingStaff,
    docket_id: plan.docket?.id ?? null,
    prot_assigned_panel: plan.docket?.panel ?? null,
    opinion_of_value: plan.opinionOfValue,
    begin_market: input.beginMarket,
    begin_appraised_val: input.beginAppraised,
    final_market: plan.hasFinalValue ? final.market : null,
    final_appraised_val: plan.hasFinalValue ? final.appraised : null,
    decision_reason_cd: plan.decisionReason,
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
      appraiserId: plan.hearingStaff ?? plan.appraisalStaff,
      year: input.year,
      refNum: plan.caseId,
    });
  }
}

/** Modeled codes: RD reduced, NC no change, AGR agreement, WD withdrawn, DU untimely, NS no show. */
function decisionReason(status: string, reduced: boolean): string {
  switch (status) {
    case 'WITHDRAWN':
      return 'WD';
    case 'DISMISSED_UNTIMELY':
      return 'DU';
    case 'NO_SHOW':
    case 'NS':
      return 'NS';
    case 'SETTLED':
      return reduced ? 'AGR' : 'NC';
    default:
      return reduced ? 'RD' : 'NC';
  }
}
