import type { RowValues } from './batch-inserter.js';
import { isoDate, pad } from './demo-calendar.js';
import type { DemoPlace } from './demo-place.js';
import { BUSINESS_KINDS, BUSINESS_SUFFIXES, BUSINESS_WORDS, FIRST_NAMES, LAST_NAMES, MIDDLE_INITIALS, STREET_NAMES, STREET_PREFIXES, STREET_SUFFIXES } from './demo-vocabulary.js';
import type { Prng } from './prng.js';

export type RowSink = (table: string, row: RowValues) => void;

export type AccountKind = 'person' | 'business' | 'public' | 'charity' | 'investor';

/** Personal facts that decide which exemptions an owner claims. */
export interface ExemptionTraits {
  claimsOv65: boolean;
  /** Surviving spouse of an over-65 owner: OV65S until 65, then OV65 replaces it. */
  survivingSpouse: boolean;
  deceasedSpouseBirthDt: string | null;
  disabled: boolean;
  /** 0: not a disabled veteran; 1-4: DV1-DV4 rating band. */
  dvRating: number;
  dvSurvivor: boolean;
  dvTotal: boolean;
  /** Washington senior/disabled program (RCW 84.36.381): applies once eligible. */
  waApplies: boolean;
  /** Qualifies by disability (DSBL) or as a disabled veteran (DAV) rather than by age. */
  waDisability: 'DSBL' | 'DAV' | null;
  /** Combined disposable income in the first demo year. */
  waIncome: number;
  solar: boolean;
}

export interface DemoAccount {
  acctId: number;
  kind: AccountKind;
  firstName: string | null;
  lastName: string | null;
  fileAsName: string;
  /** The name as written on an application form. */
  applicantName: string;
  birthDt: string | null;
  birthYear: number;
  dlNum: string | null;
  ssn: string | null;
  traits: ExemptionTraits;
}

export interface MailingAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

const NO_TRAITS: ExemptionTraits = {
  claimsOv65: false,
  survivingSpouse: false,
  deceasedSpouseBirthDt: null,
  disabled: false,
  dvRating: 0,
  dvSurvivor: false,
  dvTotal: false,
  waApplies: false,
  waDisability: null,
  waIncome: 0,
  solar: false,
};

export function makePerson(rng: Prng, acctId: number, options: { lastName?: string; bornFrom: number; bornTo: number }): DemoAccount {
  const first = rng.pick(FIRST_NAMES);
  const last = options.lastName ?? rng.pick(LAST_NAMES);
  const middle = rng.chance(0.7) ? MIDDLE_INITIALS[rng.int(0, MIDDLE_INITIALS.length - 1)] : null;
  const birthYear = rng.int(options.bornFrom, options.bornTo);
  const birthDt = isoDate(birthYear, rng.int(1, 12), rng.int(1, 28));
  const dvRating = rng.chance(0.05) ? rng.weighted([[1, 30], [2, 25], [3, 20], [4, 25]] as const) : 0;
  const survivingSpouse = rng.chance(0.03);
  const traits: ExemptionTraits = {
    claimsOv65: rng.chance(0.85),
    survivingSpouse,
    deceasedSpouseBirthDt: survivingSpouse ? isoDate(birthYear - rng.int(0, 6), rng.int(1, 12), rng.int(1, 28)) : null,
    disabled: rng.chance(0.03),
    dvRating,
    dvSurvivor: dvRating > 0 && rng.chance(0.08),
    dvTotal: dvRating === 4 && rng.chance(0.35),
    waApplies: rng.chance(0.45),
    waDisability: rng.chance(0.04) ? rng.weighted([['DSBL', 75], ['DAV', 25]] as const) : null,
    waIncome: rng.int(14, 70) * 1000 + rng.int(0, 999),
    solar: rng.chance(0.015),
  };
  return {
    acctId,
    kind: 'person',
    firstName: first,
    lastName: last,
    fileAsName: `${last} ${first}${middle ? ' ' + middle : ''}`.toUpperCase(),
    applicantName: `${first}${middle ? ' ' + middle + '.' : ''} ${last}`,
    birthDt,
    birthYear,
    dlNum: rng.chance(0.65) ? `${rng.int(1, 4)}${rng.digits(7)}` : null,
    // The 9xx area numbers are never issued, so these can't be anyone's SSN.
    ssn: `9${rng.digits(2)}-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`,
    traits,
  };
}

export function makeOrganisation(acctId: number, kind: Exclude<AccountKind, 'person'>, name: string): DemoAccount {
  return {
    acctId,
    kind,
    firstName: null,
    lastName: null,
    fileAsName: name.toUpperCase().slice(0, 70),
    applicantName: name.slice(0, 70),
    birthDt: null,
    birthYear: 0,
    dlNum: null,
    ssn: null,
    traits: NO_TRAITS,
  };
}

export function businessName(rng: Prng): string {
  return `${rng.pick(BUSINESS_WORDS)} ${rng.pick(BUSINESS_KINDS)} ${rng.pick(BUSINESS_SUFFIXES)}`;
}

export function randomStreetLine(rng: Prng): string {
  const prefix = rng.chance(0.15) ? rng.pick(STREET_PREFIXES) + ' ' : '';
  return `${rng.int(100, 9899)} ${prefix}${rng.pick(STREET_NAMES).toUpperCase()} ${rng.pick(STREET_SUFFIXES)}`;
}

/** A mailing address away from the parcel: elsewhere in the county, or out of it. */
export function randomMailingAddress(rng: Prng, place: DemoPlace, outOfCountyShare: number): MailingAddress {
  const line1 = rng.chance(0.08) ? `PO BOX ${rng.int(1, 9999)}` : randomStreetLine(rng);
  const line2 = rng.chance(0.07) ? rng.pick(['APT ', 'STE ', 'UNIT ']) + rng.int(1, 420) : null;
  if (rng.chance(outOfCountyShare)) {
    const city = rng.pick(place.otherCities);
    return { line1, line2, city: city.name, state: city.state, zip: rng.pick(city.zips) };
  }
  const city = rng.pick(place.cities);
  return { line1, line2, city: city.name, state: place.state, zip: rng.pick(city.zips) };
}

/** Writes `account`, its mailing address and phones. About 2% of people are confidential. */
export function writeAccount(sink: RowSink, rng: Prng, place: DemoPlace, account: DemoAccount, mailing: MailingAddress): void {
  const confidential = account.kind === 'person' && rng.chance(0.02);
  const email =
    account.kind !== 'public' && rng.chance(account.kind === 'person' ? 0.45 : 0.6)
      ? emailFor(rng, account)
      : null;
  sink('account', {
    acct_id: account.acctId,
    first_name: account.firstName,
    last_name: account.lastName,
    file_as_name: account.fileAsName,
    confidential_flag: confidential ? 'T' : 'F',
    confidential_file_as_name: confidential ? 'CONFIDENTIAL OWNER' : null,
    dl_num: account.dlNum,
    dl_state: account.dlNum ? (rng.chance(0.92) ? place.state : rng.pick(place.neighbourStates)) : null,
    email_addr: email,
  });
  sink('address', {
    acct_id: account.acctId,
    addr_type_cd: 'M',
    primary_addr: 'Y',
    addr_line1: mailing.line1,
    addr_line2: mailing.line2,
    addr_line3: null,
    addr_city: mailing.city,
    addr_state: mailing.state,
    zip: mailing.zip,
    cass: rng.chance(0.6) ? rng.digits(4) : null,
    country_cd: 'US',
  });
  if (rng.chance(0.04)) {
    const other = randomMailingAddress(rng, place, 0.5);
    sink('address', {
      acct_id: account.acctId,
      addr_type_cd: 'W',
      primary_addr: 'N',
      addr_line1: other.line1,
      addr_line2: other.line2,
      addr_city: other.city,
      addr_state: other.state,
      zip: other.zip,
      country_cd: 'US',
    });
  }
  const phones = rng.chance(0.75) ? (rng.chance(0.25) ? 2 : 1) : 0;
  for (let i = 0; i < phones; i++) {
    sink('phone', {
      acct_id: account.acctId,
      phone_id: account.acctId * 2 + i,
      phone_type_cd: account.kind === 'person' ? (i === 0 ? rng.pick(['H', 'C']) : 'C') : 'B',
      phone_num: `(${rng.pick(place.areaCodes)}) 555-${rng.digits(4)}`,
    });
  }
}

function emailFor(rng: Prng, account: DemoAccount): string {
  const local =
    account.firstName && account.lastName
      ? `${account.firstName}.${account.lastName}${rng.int(1, 99)}`
      : account.fileAsName.replace(/[^A-Za-z]+/g, '').slice(0, 20);
  // example.com/.net/.org are reserved for documentation (RFC 2606): mail can't reach anyone.
  return `${local.toLowerCase()}@${rng.pick(['example.com', 'example.net', 'example.org'])}`;
}
