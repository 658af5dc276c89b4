/**
 * What a person may mean by the text they type into a parcel search: a parcel id, a geo id
 * written with or without its separators, a street address (house number, direction, street
 * name and suffix, in any case and any common spelling of the suffix), or an owner's name as
 * "first last" or "last, first". The search tries every reading that fits.
 */

export interface StreetAddress {
  /** The house number as written ("1185", "12B"), or null. */
  number: string | null;
  /** N, S, E, W, NE, NW, SE or SW, or null. */
  direction: string | null;
  /** The street name in capitals ("MOCKINGBIRD"). */
  street: string;
  /** Every spelling of the suffix PACS may hold ("AVE", "AVENUE", "AV"), or null. */
  suffixes: string[] | null;
}

export interface SearchTerms {
  /** All digits: a parcel id. */
  propId: number | null;
  /** Letters and digits only, in capitals: compared with geo ids stripped the same way. */
  geoId: string | null;
  address: StreetAddress | null;
  /** Words of a name in capitals; a parcel matches an owner whose name holds every one of them. */
  nameWords: string[];
}

/** Street suffixes (USPS abbreviations and their spellings); the first is the standard one. */
const SUFFIXES: string[][] = [
  ['AVE', 'AVENUE', 'AV'],
  ['ST', 'STREET', 'STR'],
  ['RD', 'ROAD'],
  ['DR', 'DRIVE'],
  ['LN', 'LANE'],
  ['CT', 'COURT'],
  ['BLVD', 'BOULEVARD'],
  ['WAY', 'WY'],
  ['PL', 'PLACE'],
  ['CIR', 'CIRCLE'],
  ['TER', 'TERRACE'],
  ['PKWY', 'PARKWAY'],
  ['HWY', 'HIGHWAY'],
  ['TRL', 'TRAIL'],
  ['LOOP', 'LP'],
  ['SQ', 'SQUARE'],
  ['CV', 'COVE'],
  ['PT', 'POINT'],
  ['XING', 'CROSSING'],
  ['RUN'],
];

const DIRECTIONS: Record<string, string> = {
  N: 'N', NORTH: 'N', S: 'S', SOUTH: 'S', E: 'E', EAST: 'E', W: 'W', WEST: 'W',
  NE: 'NE', NORTHEAST: 'NE', NW: 'NW', NORTHWEST: 'NW', SE: 'SE', SOUTHEAST: 'SE', SW: 'SW', SOUTHWEST: 'SW',
};

function suffixSpellings(word: string): string[] | null {
  return SUFFIXES.find((group) => group.includes(word)) ?? null;
}

/** The readings of a search text; an empty text has none. */
export function searchTerms(text: string): SearchTerms {
  const upper = text.trim().toUpperCase().replace(/\s+/g, ' ');
  const terms: SearchTerms = { propId: null, geoId: null, address: null, nameWords: [] };
  if (!upper) return terms;
  if (/^\d{1,10}$/.test(upper)) terms.propId = Number(upper);
  const compact = upper.replace(/[^A-Z0-9]/g, '');
  if (/\d/.test(compact) && /^[A-Z0-9]+([-. /][A-Z0-9]+)*$/.test(upper)) terms.geoId = compact;
  terms.address = streetAddress(upper);
  terms.nameWords = /\d/.test(upper) ? [] : upper.split(/[\s,]+/).filter((w) => /^[A-Z][A-Z'.-]*$/.test(w)).map((w) => w.replace(/\.$/, ''));
  return terms;
}

/** "1185 Mockingbird Ave", "n 5th st", "mockingbird avenue": number, direction, street and suffix. */
function streetAddress(upper: string): StreetAddress | null {
  const words = upper.replace(/,/g, ' ').split(' ').filter(Boolean);
  let number: string | null = null;
  if (words.length > 1 && /^\d+[A-Z]?$/.test(words[0])) number = words.shift()!;
  let direction: string | null = null;
  if (words.length > 1 && DIRECTIONS[words[0]]) direction = DIRECTIONS[words.shift()!];
  let suffixes: string[] | null = null;
  if (words.length > 1 && suffixSpellings(words[words.length - 1])) suffixes = suffixSpellings(words.pop()!);
  const street = words.join(' ');
  if (!street || (!number && !suffixes && !direction && /\d/.test(street))) return null;
  return { number, direction, street, suffixes };
}
