import { makeOrganisation, randomMailingAddress, writeAccount, type DemoAccount, type RowSink } from './demo-accounts.js';
import { addDays, isoDate, isWeekend, pad } from './demo-calendar.js';
import { DOCKET_PROPERTY_TYPE_SETS, EXEMPTION_TYPES, PROTEST_STATUSES } from './demo-reference-data.js';
import {
  APPRAISER_NAMES,
  BUSINESS_SUFFIXES,
  BUSINESS_WORDS,
  COUNTY_CITIES,
  INVESTOR_NAMES,
  NEIGHBORHOOD_NAMES,
  PUBLIC_OWNERS,
  STREET_NAMES,
  STREET_PREFIXES,
  STREET_SUFFIXES,
  type DemoCity,
} from './demo-vocabulary.js';
import { Prng } from './prng.js';

/** The appraisal year the demo database is "in": not yet certified, protests under way. */
export const DEMO_APPRAISAL_YEAR = 2026;

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
  city: DemoCity;
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
  inactive: boolean;
  pacsUserId: number;
  login: string;
}

export interface Docket {
  id: number;
  year: number;
  date: string;
  start: string;
  end: string;
  maxHearings: number;
  propTypes: readonly string[];
  panel: string;
  booked: number;
}

export interface DemoWorldOptions {
  size: number;
  seed: number;
  years: number;
}

const APPRAISER_COUNT = 14;
/** Appraisers 13 and 14 left; older values still name them, routing must not. */
const INACTIVE_APPRAISERS = new Set([13, 14]);
/** Business personal property specialists. */
export const BPP_APPRAISERS = [11, 12] as const;
const PUBLIC_OWNER_FIRST_ID = 1;
const INVESTOR_FIRST_ID = 101;
const PANELS = 'ABCDEFGHJK';
/** The chance a parcel is protested in a protest year, by property type. */
export const PROTEST_RATE: Readonly<Record<string, number>> = { R: 0.045, MH: 0.045, P: 0.045, MN: 0.012, A: 0.012 };

/**
 * The county the demo parcels live in: years, neighborhoods, staff, hearing dockets, and the
 * owners shared by many parcels. Holds the little state that runs across parcels (case
 * numbers, event ids, docket bookings), so parcels must be built in prop_id order.
 */
export class DemoWorld {
  readonly seed: number;
  readonly size: number;
  readonly lastYear = DEMO_APPRAISAL_YEAR;
  readonly firstYear: number;
  readonly years: number[];
  /** The recent years that have protests. */
  readonly protestYears: ReadonlySet<number>;
  readonly hoods: Neighborhood[];
  readonly appraisers: Appraiser[];
  readonly publicOwners: DemoAccount[];
  readonly investors: DemoAccount[];
  private readonly dockets = new Map<number, Docket[]>();
  /** First docket index per (year, type) that may still have room: booking is first-fit by date. */
  private readonly docketCursor = new Map<string, number>();
  private readonly caseIds = new Map<number, number>();
  private eventId = 0;

  constructor(options: DemoWorldOptions) {
    this.seed = options.seed;
    this.size = options.size;
    this.firstYear = this.lastYear - options.years + 1;
    this.years = Array.from({ length: options.years }, (_, i) => this.firstYear + i);
    this.protestYears = new Set(this.years.slice(-3));
    this.appraisers = Array.from({ length: APPRAISER_COUNT }, (_, i) => {
      const id = i + 1;
      const name = APPRAISER_NAMES[i];
      const [last, first] = name.split(', ');
      return { id, name, inactive: INACTIVE_APPRAISERS.has(id), pacsUserId: 100 + id, login: (first[0] + last).toLowerCase() };
    });
    this.hoods = NEIGHBORHOOD_NAMES.map((name, i) => this.makeNeighborhood(name, i));
    this.publicOwners = PUBLIC_OWNERS.map((name, i) =>
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
    for (const year of this.protestYears) this.dockets.set(year, this.planDockets(year));
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

  activeAppraiserIds(): number[] {
    return this.appraisers.filter((a) => !a.inactive).map((a) => a.id);
  }

  nextCaseId(year: number): number {
    const next = (this.caseIds.get(year) ?? 0) + 1;
    this.caseIds.set(year, next);
    return next;
  }

  /** First docket of `year`, by date, that takes `propType` and is not full. */
  bookDocket(year: number, propType: string): Docket | undefined {
    const dockets = this.dockets.get(year) ?? [];
    const key = `${year}:${propType}`;
    // Everything before the cursor is full or refuses this type, and stays so.
    let i = this.docketCursor.get(key) ?? 0;
    while (i < dockets.length && (dockets[i].booked >= dockets[i].maxHearings || !dockets[i].propTypes.includes(propType))) i++;
    this.docketCursor.set(key, i);
    if (i === dockets.length) return undefined;
    dockets[i].booked++;
    return dockets[i];
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
      pacs_user_id: appraiser?.pacsUserId ?? 1,
      event_desc: event.desc,
      ref_evt_type: event.type,
      ref_year: event.year,
      ref_num: event.refNum ?? null,
      ref_id1: propId,
      ref_id2: event.refId2 ?? null,
    });
    sink('prop_event_assoc', { prop_id: propId, event_id: eventId });
  }

  /** Code tables, years, staff, supplements, dockets and the shared owners. */
  writeReferenceRows(sink: RowSink): void {
    sink('pacs_system', { id: 1, appr_yr: this.lastYear, tax_yr: this.lastYear - 1, future_yr: this.lastYear + 1 });
    for (const year of this.years) {
      sink('pacs_year', {
        tax_yr: year,
        certification_dt: this.isCertified(year) ? this.certificationDate(year) : null,
        notice_dt: this.noticeDate(year),
      });
    }
    for (const row of EXEMPTION_TYPES) sink('exmpt_type', { ...row });
    for (const row of PROTEST_STATUSES) sink('_arb_protest_status', { ...row });
    for (const a of this.appraisers) {
      sink('appraiser', { appraiser_id: a.id, appraiser_nm: a.name, inactive: a.inactive ? 1 : 0, pacs_user_id: a.pacsUserId });
    }
    for (const year of this.years) {
      for (const hood of this.hoods) {
        sink('neighborhood', { hood_cd: hood.code, hood_yr: year, hood_name: hood.name, appraiser_id: hood.appraiserId });
      }
    }
    this.writeSupplements(sink);
    for (const dockets of this.dockets.values()) {
      for (const d of dockets) {
        sink('arb_docket', {
          docket_id: d.id,
          docket_start_dt: d.start,
          docket_end_dt: d.end,
          max_hearings: d.maxHearings,
          prop_type_cds: d.propTypes.join(','),
        });
      }
    }
    const poolRng = Prng.derive(this.seed, STREAM.pool, 1);
    for (const account of this.publicOwners) writeAccount(sink, poolRng, account, randomMailingAddress(poolRng, 0.1));
    for (const account of this.investors) writeAccount(sink, poolRng, account, randomMailingAddress(poolRng, 0.6));
  }

  /**
   * Each year has its original roll (sup_num 0). Certified years also have supplement 1,
   * accepted; the latest certified year has supplement 2 open, because a certified year
   * takes changes only through an open supplement.
   */
  private writeSupplements(sink: RowSink): void {
    let groupId = 0;
    const group = (year: number, supNum: number, desc: string, created: string, accepted: string | null, status: string) => {
      groupId++;
      sink('sup_group', {
        sup_group_id: groupId,
        sup_group_desc: desc,
        sup_create_dt: `${created}T08:00:00`,
        sup_accept_dt: accepted ? `${accepted}T16:30:00` : null,
        sup_accept_by_id: accepted ? this.appraiser(1).pacsUserId : null,
        status_cd: status,
      });
      sink('supplement', { sup_tax_yr: year, sup_num: supNum, sup_group_id: groupId });
    };
    for (const year of this.years) {
      const certified = this.isCertified(year);
      group(year, 0, `${year} appraisal roll`, isoDate(year, 1, 2), certified ? this.certificationDate(year) : null, certified ? 'A' : 'C');
      if (!certified) continue;
      group(year, 1, `${year} supplement 1`, addDays(this.certificationDate(year), 7), isoDate(year, 12, 18), 'A');
      if (year === this.lastYear - 1) group(year, 2, `${year} supplement 2`, isoDate(year + 1, 1, 12), null, 'C');
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
      city: COUNTY_CITIES[index % COUNTY_CITIES.length],
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
   * Hearing dockets of a protest year: weekday sessions from June, morning and afternoon, on
   * as many panels as the expected caseload needs (about 1.4x, so some dockets fill, some don't).
   */
  private planDockets(year: number): Docket[] {
    const docketedShare = year === this.lastYear ? 0.3 : 0.57;
    const expected = this.size * 0.043 * docketedShare;
    const count = Math.max(4, Math.ceil((expected * 1.4) / 16));
    const perDay = Math.min(PANELS.length * 2, 2 * Math.ceil(count / 80));
    const firstId = [...this.dockets.values()].reduce((n, list) => n + list.length, 0) + 1;
    const rng = Prng.derive(this.seed, STREAM.docket, year);
    const dockets: Docket[] = [];
    let date = isoDate(year, 6, 1);
    for (let d = 0; d < count; d++) {
      const slot = d % perDay;
      if (d > 0 && slot === 0) date = addDays(date, 1);
      while (isWeekend(date)) date = addDays(date, 1);
      const morning = slot % 2 === 0;
      dockets.push({
        id: firstId + d,
        year,
        date,
        start: `${date}T${morning ? '08:30' : '13:00'}:00`,
        end: `${date}T${morning ? '12:00' : '16:30'}:00`,
        maxHearings: rng.pick([8, 12, 16, 20, 24]),
        propTypes: DOCKET_PROPERTY_TYPE_SETS[d % DOCKET_PROPERTY_TYPE_SETS.length].split(','),
        panel: PANELS[Math.floor(slot / 2)],
        booked: 0,
      });
    }
    return dockets;
  }
}

/** A time on the docket's day, inside its session. */
export function hearingTime(rng: Prng, docket: Docket): string {
  const startHour = Number(docket.start.slice(11, 13));
  return `${docket.date}T${pad(startHour + rng.int(0, 2), 2)}:${pad(rng.int(0, 3) * 15, 2)}:00`;
}

