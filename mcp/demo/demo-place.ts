import type { Jurisdiction } from '../pacs/jurisdiction.js';
import { COUNTY_CITIES, OTHER_CITIES, PUBLIC_OWNERS, type DemoCity } from './demo-vocabulary.js';

/** Where the demo county is: its state, towns, ZIP codes, phone area codes and public owners. */
export interface DemoPlace {
  state: Jurisdiction;
  countyName: string;
  cities: readonly DemoCity[];
  otherCities: readonly (DemoCity & { state: string })[];
  areaCodes: readonly string[];
  publicOwners: readonly string[];
  /** States that issue out-of-state driver licences of owners here. */
  neighbourStates: readonly string[];
}

/** The same fictional towns, numbered in the state's ZIP range (no real address is meant). */
const WA_ZIP = (zip: string) => `99${zip.slice(2)}`;

const PLACES: Record<Jurisdiction, DemoPlace> = {
  TX: {
    state: 'TX',
    countyName: 'DEMO COUNTY TX',
    cities: COUNTY_CITIES,
    otherCities: OTHER_CITIES,
    areaCodes: ['512', '737', '254', '830', '361'],
    publicOwners: PUBLIC_OWNERS.map((n) => n.replace('STATE OF WASHINGTON', 'STATE OF TEXAS')),
    neighbourStates: ['OK', 'LA', 'NM', 'CO', 'WA'],
  },
  WA: {
    state: 'WA',
    countyName: 'DEMO COUNTY WA',
    cities: COUNTY_CITIES.map((c) => ({ name: c.name, zips: c.zips.map(WA_ZIP) })),
    otherCities: OTHER_CITIES,
    areaCodes: ['509'],
    publicOwners: PUBLIC_OWNERS.map((n) => n.replace(/ ISD$/, ' SCHOOL DIST').replace('CONSOLIDATED ISD', 'SCHOOL DIST')),
    neighbourStates: ['OR', 'ID', 'CA', 'MT', 'TX'],
  },
};

export function placeOf(jurisdiction: Jurisdiction): DemoPlace {
  return PLACES[jurisdiction];
}
