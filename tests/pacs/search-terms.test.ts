import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../mcp/pacs/search-terms.js';

describe('what a typed parcel search may mean', () => {
  it('reads a street address: number, direction, street and every spelling of the suffix', () => {
    expect(searchTerms('1185 Mockingbird Ave').address).toEqual({ number: '1185', direction: null, street: 'MOCKINGBIRD', suffixes: ['AVE', 'AVENUE', 'AV'] });
    expect(searchTerms('  mockingbird   avenue ').address).toEqual({ number: null, direction: null, street: 'MOCKINGBIRD', suffixes: ['AVE', 'AVENUE', 'AV'] });
    expect(searchTerms('12B north 5th street').address).toEqual({ number: '12B', direction: 'N', street: '5TH', suffixes: ['ST', 'STREET', 'STR'] });
    expect(searchTerms('Oak Hollow').address).toEqual({ number: null, direction: null, street: 'OAK HOLLOW', suffixes: null });
    // A lone word that is a suffix is a street name ("Loop"), not an empty street.
    expect(searchTerms('loop').address).toEqual({ number: null, direction: null, street: 'LOOP', suffixes: null });
  });

  it('reads names in either order, and never a number as a name', () => {
    expect(searchTerms('Jessica Hall').nameWords).toEqual(['JESSICA', 'HALL']);
    expect(searchTerms('hall, jessica m.').nameWords).toEqual(['HALL', 'JESSICA', 'M']);
    expect(searchTerms("O'Neil").nameWords).toEqual(["O'NEIL"]);
    expect(searchTerms('455 Mockingbird').nameWords).toEqual([]);
  });

  it('reads parcel ids and geo ids with or without separators', () => {
    expect(searchTerms('10001')).toMatchObject({ propId: 10001, geoId: '10001', address: null, nameWords: [] });
    expect(searchTerms('R000001-0001').geoId).toBe('R0000010001');
    expect(searchTerms('r000001 0001').geoId).toBe('R0000010001');
    expect(searchTerms('1-0289-100-0003-000')).toMatchObject({ propId: null, geoId: '102891000003000', address: null });
    expect(searchTerms('Mockingbird').geoId).toBeNull();
    expect(searchTerms('')).toEqual({ propId: null, geoId: null, address: null, nameWords: [] });
  });
});
