import type { Jurisdiction } from '../pacs/jurisdiction.js';
import { makeOrganisation, randomMailingAddress, writeAccount, type DemoAccount, type RowSink } from './demo-accounts.js';
import { addDays, dateTime, isoDate, isWeekend } from './demo-calendar.js';
import { placeOf, type DemoPlace } from './demo-place.js';
import {
  ADDRESS_TYPES,
  DECISION_REASONS,
  DEED_TYPES,
  EVENT_TYPES,
  EXEMPTION_SUB_TYPES,
  EXEMPTION_TYPES,
  IMPRV_TYPES,
  incomeTiers,
  LAND_TYPES,
  PANELS,
  PHONE_TYPES,
  PROPERTY_TYPES,
  PROTEST_BY,
  PROTEST_STATUSES,
  PROTEST_TYPES,
  STATE_CODES,
  SUPP_STATUSES,
  SUPPLEMENT_REASONS,
  type StateCodes,
} from './demo-reference-data.js';
import { APPRAISER_NAMES, BUSINESS_SUFFIXES, BUSINESS_WORDS, INVESTOR_NAMES, NEIGHBORHOOD_NAMES, STREET_NAMES, STREET_PREFIXES, STREET_SUFFIXES } from './demo-vocabulary.js';
import { Prng } from './prng.js';

/** The appraisal year the demo database is "in": not yet certified, protests under way. */
export const DEMO_APPRAISAL_YEAR = 2026;
/** prop_val_yr of the future-year layer: PACS keeps it under year 0, never its calendar year. */
export const FUTURE_LAYER_YEAR = 0;
/** The supplement number of the year that has a supplement group still in coding. */
export const CODING_SUP_NUM = 2;
/** _arb_protest_options.pro_lNumDaysAutoSchedule: hearings at least this many days after scheduling. */
export const AUTO_SCHEDULE_DAYS = 15;
/**
 * The day the demo's data stands at, the protest deadline of its appraisal year: its protests
 * are filed and its hearings planned as of then (the demo connection's appeal_calendar_date).
 */
export const DEMO_CALENDAR_DATE = isoDate(DEMO_APPRAISAL_YEAR, 5, 15);

/** Stream ids for Prng.derive, so each kind of entity draws from its own sequence. */
export const STREAM = { parcel: 1, mapGroup: 2, hood: 3, docket: 5, marketYear: 6, pool: 7 } as const;

export interface Street {
  prefix: string | null;
  name: string;
  suffix: string;
}

export interface Neighborhood {
  code: string;
  name: string;
  appraiserId: number;
  rural: boolean;
  cityIndex: number;
  streets: Street[];
  subdivisions: { code: string; name: string }[];
  lotBase: number;
  acreValue: number;
  imprvRate: number;
  agUsePerAcre: number;
  /** Market growth of this neighborhood per year (fraction). */
  growth: Map<number, number>;
}

export interface Appraiser {
  id: number;
  name: string;
  /** appraiser.inactive as PACS keeps it: 'T' inactive; 'F' or NULL active. */
  inactive: 'T' | 'F' | null;
  pacsUserId: number;
  login: string;
}

/** A hearing day (_arb_protest_hearing) of one panel. */
export interface Hearing {
  id: number;
  day: string;
  /** 'P' protest hearing, 'AP' appraiser meeting, 'A' agent hearing. */
  type: string;
  /** 'T' commercial, 'F' not, null either. */
  accountType: 'T' | 'F' | null;
  propTypes: readonly string[];
}

/** A time slot of a hearing (_arb_protest_hearing_docket). */
export interface Docket {
  id: number;
  hearing: Hearing;
  start: string;
  end: string;
  /** null: no limit (never picked by auto-scheduling). */
  maxHearings: number | null;
  panel: string;
  booked: number;
}

export interface DemoWorldOptions {
  size: number;
  seed: number;
  years: number;
  jurisdiction: Jurisdiction;
}

const APPRAISER_COUNT = 14;
/** Appraisers 13 and 14 left; older values still name them, routing must not. */
const INACTIVE_APPRAISERS = new Set([13, 14]);
/** Appraisers whose record leaves inactive NULL (active, as PACS reads it). */
const INACTIVE_UNSET = new Set([3, 6, 9]);
/** Business personal property specialists. */
export const BPP_APPRAISERS = [11, 12] as const;
/** PACS users who key protests in (prot_appraisal_staff is the operator). */
export const CLERK_USER_IDS = [201, 202, 203] as const;
export const SYSTEM_USER_ID = 1;
const PUBLIC_OWNER_FIRST_ID = 1;
const INVESTOR_FIRST_ID = 101;
/** Tax agents who file protests for owners (prot_by_type 'AG'). */
const AGENT_FIRST_ID = 901;
/** The chance a parcel is protested in a protest year, by property type. */
export const PROTEST_RATE: Readonly<Record<string, number>> = { R: 0.045, MH: 0.045, P: 0.045, MN: 0.012, A: 0.012 };
/** Property-type sets of protest hearings, in rotation. */
const HEARING_PROPERTY_TYPES = [['R', 'MH', 'P', 'MN', 'A'], ['R', 'MH'], ['R'], ['P'], ['R', 'MH']] as const;

/**
 * The county the demo parcels live in: years, neighborhoods, staff, hearing dockets, and the
 * owners shared by many parcels. Holds the little state that runs across parcels (case
 * numbers, event ids, docket bookings), so parcels must be built in prop_id order.
 */
export class DemoWorld {
  readonly seed: number;
  readonly size: number;
  readonly jurisdiction: Jurisdiction;
  readonly place: DemoPlace;
  readonly stateCodes: StateCodes;
  readonly lastYear = DEMO_APPRAISAL_YEAR;
  readonly futureYear = DEMO_APPRAISAL_YEAR + 1;
  readonly firstYear: number;
  readonly years: number[];
  /** The recent years that have protests. */
  readonly protestYears: ReadonlySet<number>;
  readonly hoods: Neighborhood[];
  readonly appraisers: Appraiser[];
  readonly publicOwners: DemoAccount[];
  readonly investors: DemoAccount[];
  readonly agents: DemoAccount[];
  private readonly hearings: Hearing[] = [];
  private readonly dockets = new Map<number, Docket[]>();
  private readonly caseIds = new Map<number, number>();
  private eventId = 0;

  constructor(options: DemoWorldOptions) {
    this.seed = options.seed;
    this.size = options.size;
    this.jurisdiction = options.jurisdiction;
    this.place = placeOf(options.jurisdiction);
    this.stateCodes = STATE_CODES[options.jurisdiction];
    this.firstYear = this.lastYear - options.years + 1;
    this.years = Array.from({ length: options.years }, (_, i) => this.firstYear + i);
    this.protestYears = new Set(this.years.slice(-3));
    this.appraisers = Array.from({ length: APPRAISER_COUNT }, (_, i) => {
      const id = i + 1;
      const name = APPRAISER_NAMES[i];
      const [last, first] = name.split(', ');
      const inactive = INACTIVE_APPRAISERS.has(id) ? 'T' : INACTIVE_UNSET.has(id) ? null : 'F';
      return { id, name, inactive, pacsUserId: 100 + id, login: (first[0] + last).toLowerCase() };
    });
    this.hoods = NEIGHBORHOOD_NAMES.map((name, i) => this.makeNeighborhood(name, i));
    this.publicOwners = this.place.publicOwners.map((name, i) =>
      makeOrganisation(PUBLIC_OWNER_FIRST_ID + i, /CHURCH|IGLESIA|FOUNDATION|HABITAT|SOCIETY|ASSN|FIRE/.test(name) ? 'charity' : 'public', name),
    );
    const poolRng = Prng.derive(this.seed, STREAM.pool);
    this.investors = Array.from({ length: Math.max(5, Math.ceil(this.size / 250)) }, (_, i) =>
      makeOrganisation(
        INVESTOR_FIRST_ID + i,
        'investor',
        `${poolRng.pick(BUSINESS_WORDS)} ${poolRng.pick(INVESTOR_NAMES)} ${poolRng.pick(BUSINESS_SUFFIXES)}`,
      ),
    );
    this.agents = ['PROPERTY TAX ADVOCATES LLC', 'VALUE APPEAL PARTNERS INC', 'FAIR ASSESSMENT CONSULTING'].map((name, i) => makeOrganisation(AGENT_FIRST_ID + i, 'business', name));
    for (const year of this.protestYears) this.dockets.set(year, this.planHearings(year));
  }

  isCertified(year: number): boolean {
    return year < this.lastYear;
  }

  noticeDate(year: number): string {
    return isoDate(year, 4, 15);
  }

  protestDeadline(year: number): string {
    return isoDate(year, 5, 15);
  }

  certificationDate(year: number): string {
    return isoDate(year, 7, 20 + (year % 5));
  }

  appraiser(id: number): Appraiser {
    return this.appraisers[id - 1];
  }

  isActive(id: number): boolean {
    return this.appraiser(id).inactive !== 'T';
  }

  activeAppraiserIds(): number[] {
    return this.appraisers.filter((a) => a.inactive !== 'T').map((a) => a.id);
  }

  nextCaseId(year: number): number {
    const next = (this.caseIds.get(year) ?? 0) + 1;
    this.caseIds.set(year, next);
    return next;
  }

  /**
   * What PACS's auto-scheduling would pick: the earliest docket of a hearing of `type` that
   * starts on or after `from`, takes the property type, matches the commercial flag (real
   * property only) and has room under a set maximum. Books it.
   */
  bookDocket(year: number, type: 'P' | 'AP', propType: string, commercial: boolean, from: string): Docket | undefined {
    for (const docket of this.dockets.get(year) ?? []) {
      const h = docket.hearing;
      if (h.type !== type || docket.start < from || docket.maxHearings === null || docket.booked >= docket.maxHearings) continue;
      if (!h.propTypes.includes(propType)) continue;
      if (propType === 'R' && h.accountType !== null && h.accountType !== (commercial ? 'T' : 'F')) continue;
      docket.booked++;
      return docket;
    }
    return undefined;
  }

  /** Writes an audit event about one parcel. */
  writeEvent(
    sink: RowSink,
    propId: number,
    event: { type: string; date: string; desc: string; appraiserId?: number | null; year: number; refNum?: number | null; refId2?: number | null },
  ): void {
    const eventId = ++this.eventId;
    const appraiser = event.appraiserId ? this.appraiser(event.appraiserId) : undefined;
    sink('event', {
      event_id: eventId,
      system_type: 'A',
      event_type: event.type,
      event_date: event.date,
      pacs_user: appraiser?.login ?? 'system',
      pacs_user_id: appraiser?.pacsUserId ?? SYSTEM_USER_ID,
      event_desc: event.desc,
      ref_evt_type: event.type,
      ref_year: event.year,
      ref_num: event.refNum ?? null,
      ref_id1: propId,
      ref_id2: event.refId2 ?? null,
    });
    sink('prop_event_assoc', { prop_id: propId, event_id: eventId });
  }

  /** Code tables, years, staff, supplements, schedules and the shared owners: everything parcels refer to. */
  writeReferenceRows(sink: RowSink): void {
    sink('pacs_system', {
      id: 1,
      system_type: 'A',
      appr_yr: this.lastYear,
      tax_yr: this.lastYear - 1,
      future_yr: this.futureYear,
      lease_flag: 0,
      pp_rendition_penalty_cad_fee_pct: 0,
      confidential_file_as_name: 'CONFIDENTIAL OWNER',
      client_name: this.place.countyName.slice(0, 20),
    });
    for (const year of this.years) {
      sink('pacs_year', {
        tax_yr: year,
        certification_dt: this.isCertified(year) ? this.certificationDate(year) : null,
        notice_dt: this.noticeDate(year),
      });
    }
    const code = (table: string, columns: [string, string], rows: readonly (readonly [string, string])[]) => {
      for (const [cd, desc] of rows) sink(table, { [columns[0]]: cd, [columns[1]]: desc });
    };
    code('property_type', ['prop_type_cd', 'prop_type_desc'], PROPERTY_TYPES);
    for (const row of this.stateCodes.rows) sink('state_code', { ...row });
    code('supp_status', ['status_cd', 'status_desc'], SUPP_STATUSES);
    code('supplement_type', ['sup_type_cd', 'sup_type_desc'], SUPPLEMENT_REASONS.map(([r]) => [r.sup_cd, r.sup_desc] as const));
    code('imprv_type', ['imprv_type_cd', 'imprv_type_desc'], IMPRV_TYPES);
    code('land_type', ['land_type_cd', 'land_type_desc'], LAND_TYPES);
    code('address_type', ['addr_type_cd', 'addr_type_desc'], ADDRESS_TYPES);
    code('phone_type', ['phone_type_cd', 'phone_type_desc'], PHONE_TYPES);
    code('event_type', ['event_type_cd', 'event_type_desc'], EVENT_TYPES);
    code('deed_type', ['deed_type_cd', 'deed_type_desc'], DEED_TYPES);
    code('_arb_protest_type', ['protest_type_cd', 'protest_type_desc'], PROTEST_TYPES.map(([cd, desc]) => [cd, desc] as const));
    code('_arb_protest_by', ['protest_by_cd', 'protest_by_desc'], PROTEST_BY);
    code('_arb_protest_decision', ['decision_cd', 'decision_desc'], [['SUS', 'Sustained'], ['RED', 'Reduced'], ['INC', 'Increased']]);
    for (const [cd, desc] of DECISION_REASONS) sink('_arb_protest_decision_reason', { decision_reason_cd: cd, decision_reason_desc: desc, qualify_for_arbitration: cd === 'RD' || cd === 'NC' ? 1 : 0, sys_flag: 0 });
    for (const panel of PANELS) sink('_arb_protest_panel', { panel_cd: panel, panel_desc: `Board panel ${panel}` });
    for (const row of PROTEST_STATUSES) sink('_arb_protest_status', { ...row, sys_flag: 'F' });
    sink('_arb_protest_options', {
      machine_name: '',
      pro_auto_sch: 1,
      pro_gen_comp_grid: 0,
      pro_type: 'MKT',
      pro_status: 'O',
      pro_by_type: 'OW',
      pro_bAssignAgentDocket: 'F',
      pro_lNumDaysAutoSchedule: AUTO_SCHEDULE_DAYS,
      ignore_default_arb_protest_year_fields: 0,
    });
    for (const row of EXEMPTION_TYPES[this.jurisdiction]) sink('exmpt_type', { ...row });
    for (const row of EXEMPTION_SUB_TYPES[this.jurisdiction]) sink('exmpt_sub_type', { ...row });
    if (this.jurisdiction === 'WA') {
      for (const year of this.years) for (const row of incomeTiers(year)) sink('exmpt_qualify_code', { ...row });
      for (const row of incomeTiers(this.futureYear, FUTURE_LAYER_YEAR)) sink('exmpt_qualify_code', { ...row });
    }

    sink('pacs_user', { pacs_user_id: SYSTEM_USER_ID, pacs_user_name: 'system', full_name: 'System', description: 'Batch processes' });
    for (const a of this.appraisers) {
      sink('pacs_user', { pacs_user_id: a.pacsUserId, pacs_user_name: a.login, full_name: a.name.slice(0, 30), description: 'Appraiser' });
      sink('appraiser', { appraiser_id: a.id, appraiser_nm: a.name, appraiser_full_name: a.name, inactive: a.inactive, pacs_user_id: a.pacsUserId });
    }
    CLERK_USER_IDS.forEach((id, i) => sink('pacs_user', { pacs_user_id: id, pacs_user_name: `clerk${i + 1}`, full_name: `Appeals clerk ${i + 1}`, description: 'Board of equalization clerk' }));

    for (const year of [...this.years, FUTURE_LAYER_YEAR]) {
      for (const hood of this.hoods) {
        sink('neighborhood', { hood_cd: hood.code, hood_yr: year, hood_name: hood.name, hood_land_pct: 100, hood_imprv_pct: 100, appraiser_id: hood.appraiserId });
        for (const s of hood.subdivisions) sink('abs_subdv', { abs_subdv_cd: s.code, abs_subdv_yr: year, abs_subdv_desc: s.name, abs_land_pct: 100, abs_imprv_pct: 100 });
      }
    }
    this.writeSupplements(sink);
    const poolRng = Prng.derive(this.seed, STREAM.pool, 1);
    for (const account of [...this.publicOwners, ...this.investors, ...this.agents]) writeAccount(sink, poolRng, this.place, account, randomMailingAddress(poolRng, this.place, 0.3));
  }

  /** The hearings and their dockets, with the counts the bookings reached: written after the parcels. */
  writeHearingRows(sink: RowSink): void {
    for (const h of this.hearings) {
      sink('_arb_protest_hearing', { lHearingID: h.id, dtDay: h.day, szHearingType: h.type, cAccountType: h.accountType });
      for (const propType of h.propTypes) sink('_arb_protest_hearing_property_type', { lHearingID: h.id, szPropertyType: propType });
    }
    for (const dockets of this.dockets.values()) {
      for (const d of dockets) {
        sink('_arb_protest_hearing_docket', {
          lHearingID: d.hearing.id,
          docket_id: d.id,
          docket_start_date_time: d.start,
          docket_end_date_time: d.end,
          maximum_hearing_count: d.maxHearings,
          scheduled_protest_count: d.booked,
        });
      }
    }
  }

  /**
   * Each certified year has supplement 1, accepted (its group 'A', or 'BC' once bills were made);
   * the latest certified year also has a supplement group still in coding ('C'), whose layers
   * are current in prop_supp_assoc but not accepted. The original roll (sup_num 0) has no
   * supplement row.
   */
  private writeSupplements(sink: RowSink): void {
    let groupId = 0;
    const group = (year: number, supNum: number, desc: string, created: string, accepted: string | null, status: string) => {
      groupId++;
      sink('sup_group', {
        sup_group_id: groupId,
        sup_group_desc: desc,
        sup_create_dt: dateTime(created, '08:00:00'),
        sup_accept_dt: accepted ? dateTime(accepted, '16:30:00') : null,
        sup_accept_by_id: accepted ? this.appraiser(1).pacsUserId : null,
        status_cd: status,
      });
      sink('supplement', { sup_tax_yr: year, sup_num: supNum, sup_group_id: groupId });
    };
    for (const year of this.years) {
      if (!this.isCertified(year)) continue;
      group(year, 1, `${year} supplement 1`, addDays(this.certificationDate(year), 7), isoDate(year, 12, 18), year < this.lastYear - 2 ? 'BC' : 'A');
      if (year === this.lastYear - 1) group(year, CODING_SUP_NUM, `${year} supplement ${CODING_SUP_NUM}`, isoDate(year + 1, 1, 12), null, 'C');
    }
  }

  private makeNeighborhood(name: string, index: number): Neighborhood {
    const rng = Prng.derive(this.seed, STREAM.hood, index);
    const rural = /Rural|Ranches|Farms|Acres/.test(name);
    const streetNames = new Set<string>();
    while (streetNames.size < rng.int(4, 7)) streetNames.add(rng.pick(STREET_NAMES).toUpperCase());
    const growth = new Map<number, number>();
    const baseGrowth = rng.real(0.03, 0.08);
    for (const year of this.years) {
      const market = Prng.derive(this.seed, STREAM.marketYear, year).normal(0, 0.025);
      growth.set(year, baseGrowth + market + rng.normal(0, 0.012));
    }
    const code = String(1000 + (index + 1) * 10);
    const subdivisionCount = rural ? 1 : rng.int(1, 3);
    return {
      code,
      name,
      appraiserId: (index % 10) + 1,
      rural,
      cityIndex: index,
      streets: [...streetNames].map((streetName) => ({
        prefix: rng.chance(0.15) ? rng.pick(STREET_PREFIXES) : null,
        name: streetName,
        suffix: rng.pick(STREET_SUFFIXES),
      })),
      subdivisions: Array.from({ length: subdivisionCount }, (_, s) => ({
        code: `S${code}${'ABC'[s]}`,
        name: rural ? `${name.toUpperCase()} SURVEY` : `${name.toUpperCase()} ${rng.pick(['ADDN', 'SUBD', 'ESTATES', 'PHASE ' + (s + 1)])}`,
      })),
      lotBase: Math.round(rng.real(25_000, 160_000)),
      acreValue: Math.round(rng.real(3_500, 14_000)),
      imprvRate: rng.real(85, 210),
      agUsePerAcre: Math.round(rng.real(90, 260)),
      growth,
    };
  }

  /**
   * Hearings of a protest year: weekday protest hearings from June on panels, morning and
   * afternoon dockets, about 1.4 times the expected caseload (some dockets fill, some don't);
   * every fourth protest hearing takes only commercial accounts or only the others; a few
   * dockets have no set maximum. Informal appraiser meetings run in May.
   */
  private planHearings(year: number): Docket[] {
    const rng = Prng.derive(this.seed, STREAM.docket, year);
    const docketedShare = year === this.lastYear ? 0.3 : 0.57;
    const expected = this.size * 0.043 * docketedShare;
    const protestDockets = Math.max(10, Math.ceil((expected * 1.4) / 16));
    const meetingDockets = Math.max(2, Math.ceil((this.size * 0.043 * 0.2 * 1.3) / 16));
    const dockets: Docket[] = [];
    let docketId = [...this.dockets.values()].reduce((n, list) => n + list.length, 0);
    const addHearing = (day: string, type: string, accountType: Hearing['accountType'], propTypes: readonly string[], panel: string, slots: number) => {
      const hearing: Hearing = { id: this.hearings.length + 1, day: dateTime(day, '00:00:00'), type, accountType, propTypes };
      this.hearings.push(hearing);
      for (let s = 0; s < slots; s++) {
        const morning = s === 0;
        dockets.push({
          id: ++docketId,
          hearing,
          start: dateTime(day, morning ? '08:30:00' : '13:00:00'),
          end: dateTime(day, morning ? '12:00:00' : '16:30:00'),
          maxHearings: rng.chance(0.04) ? null : rng.pick([8, 12, 16, 20, 24]),
          panel,
          booked: 0,
        });
      }
    };
    let day = isoDate(year, 5, 18);
    for (let made = 0; made < meetingDockets; made += 2) {
      while (isWeekend(day)) day = addDays(day, 1);
      addHearing(day, 'AP', null, ['R', 'MH', 'P', 'MN', 'A'], PANELS[0], 2);
      day = addDays(day, 1);
    }
    day = isoDate(year, 6, 1);
    const panelsPerDay = Math.min(PANELS.length, Math.max(1, Math.ceil(protestDockets / 60)));
    let hearingIndex = 0;
    for (let made = 0; made < protestDockets; ) {
      while (isWeekend(day)) day = addDays(day, 1);
      for (let p = 0; p < panelsPerDay && made < protestDockets; p++, hearingIndex++) {
        const propTypes = HEARING_PROPERTY_TYPES[hearingIndex % HEARING_PROPERTY_TYPES.length];
        const accountType = hearingIndex % 4 === 2 ? 'T' : hearingIndex % 8 === 5 ? 'F' : null;
        addHearing(day, hearingIndex % 11 === 10 ? 'A' : 'P', accountType, propTypes, PANELS[p], 2);
        made += 2;
      }
      day = addDays(day, 1);
    }
    return dockets.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id));
  }
}

/** A time on the docket's day, inside its session. */
export function hearingTime(rng: Prng, docket: Docket): string {
  const startHour = Number(docket.start.slice(11, 13));
  return `${docket.start.slice(0, 10)}T${String(startHour + rng.int(0, 2)).padStart(2, '0')}:${String(rng.int(0, 3) * 15).padStart(2, '0')}:00`;
}
