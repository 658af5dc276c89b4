import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * search_parcels finds what a person types, matched from the start, through the MCP SDK client
 * over stdio against the built server, checked against the demo database: street addresses with
 * number and suffix in any case and spelling, owner names as "first last" and "last, first" (the
 * owner that matched is the one shown), geo ids with or without separators; confidential owners are not found by their
 * real name; results page.
 */
const home = makeTempHome('pacs-search-typed-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '150' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
let session: StdioSession;

function demo<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, sqlite3.OPEN_READONLY);
    db.all(sql, params, (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as T[]))));
  });
}

/** Parcels of the current year that have a layer (what the search reads is narrowed to the official one by `universe`). */
const CURRENT = `SELECT p.prop_id FROM property p JOIN prop_supp_assoc psa ON psa.prop_id = p.prop_id AND psa.owner_tax_yr = (SELECT appr_yr FROM pacs_system)`;
/** Every parcel search_parcels lists for the year without a text. */
let universe: Set<number>;
const listed = (ids: { prop_id: number }[]) => ids.map((r) => r.prop_id).filter((id) => universe.has(id));

const title = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();

async function search(query: string, extra: Record<string, unknown> = {}) {
  const { structured } = expectTextCarriesStructured(await session.call('search_parcels', { query, limit: 500, ...extra }));
  return structured as { parcels: { prop_id: number; owner_name: string | null; matched: string; geo_id: string }[]; next: unknown };
}

beforeAll(async () => {
  session = await connectStdio(env);
  universe = new Set((await session.ok('search_parcels', { limit: 500 })).parcels.map((p: { prop_id: number }) => p.prop_id));
  expect(universe.size).toBeGreaterThan(100);
}, 120_000);
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('street addresses', () => {
  it('finds "1185 Mockingbird Ave" in any case, with the suffix spelled out or not', async () => {
    const sites = await demo<{ prop_id: number; situs_num: string; situs_street: string; situs_street_sufix: string }>(
      `SELECT s.prop_id, s.situs_num, s.situs_street, s.situs_street_sufix FROM situs s WHERE s.primary_situs = 'Y' AND s.situs_street_sufix = 'AVE' AND s.prop_id IN (${CURRENT}) ORDER BY s.prop_id`,
    );
    const site = sites.find((x) => universe.has(x.prop_id))!;
    const street = site.situs_street.split(' ').map(title).join(' ');
    for (const typed of [`${site.situs_num} ${street} Ave`, `${site.situs_num} ${street.toLowerCase()} avenue`, `${site.situs_num} ${site.situs_street} AVE.`.replace('.', '')]) {
      const found = await search(typed);
      expect(found.parcels.map((p) => p.prop_id), typed).toEqual([site.prop_id]);
      expect(found.parcels[0].matched).toBe('situs');
    }
    // Without the number: every parcel on a street whose name starts so, with that suffix.
    const onStreet = await demo<{ prop_id: number }>(
      `SELECT DISTINCT s.prop_id FROM situs s WHERE UPPER(s.situs_street) LIKE ? AND s.situs_street_sufix IN ('AVE', 'AVENUE') AND s.prop_id IN (${CURRENT}) ORDER BY s.prop_id`,
      [`${site.situs_street}%`],
    );
    const found = await search(`${street.toLowerCase()} ave`);
    expect(found.parcels.map((p) => p.prop_id)).toEqual(listed(onStreet));
    // Another suffix is another street.
    expect((await search(`${site.situs_num} ${street} Loop`)).parcels.map((p) => p.prop_id)).not.toContain(site.prop_id);
  });
});

describe('owner names', () => {
  it('finds "first last" and "last, first", and shows the owner that matched, not a co-owner', async () => {
    // A parcel with two owners where the owner searched for is not the first by name.
    const [pair] = await demo<{ prop_id: number; first_name: string; last_name: string; file_as_name: string }>(
      `SELECT o.prop_id, a.first_name, a.last_name, a.file_as_name FROM owner o JOIN account a ON a.acct_id = o.owner_id
         JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
        WHERE o.owner_tax_yr = (SELECT appr_yr FROM pacs_system) AND a.confidential_flag <> 'T' AND a.first_name IS NOT NULL
          AND a.file_as_name > (SELECT MIN(a2.file_as_name) FROM owner o2 JOIN account a2 ON a2.acct_id = o2.owner_id
                                 WHERE o2.owner_tax_yr = o.owner_tax_yr AND o2.sup_num = o.sup_num AND o2.prop_id = o.prop_id)
        ORDER BY o.prop_id LIMIT 1`,
    );
    expect(pair).toBeDefined();
    const byName = await demo<{ prop_id: number }>(
      `SELECT DISTINCT o.prop_id FROM owner o JOIN account a ON a.acct_id = o.owner_id
         JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
        WHERE o.owner_tax_yr = (SELECT appr_yr FROM pacs_system) AND a.confidential_flag <> 'T' AND UPPER(a.file_as_name) LIKE ? AND UPPER(a.file_as_name) LIKE ?
          AND (UPPER(a.file_as_name) LIKE ? OR UPPER(a.file_as_name) LIKE ?) ORDER BY o.prop_id`,
      // Every word typed, and the name starts with one of them.
      [`%${pair.first_name.toUpperCase()}%`, `%${pair.last_name.toUpperCase()}%`, `${pair.first_name.toUpperCase()}%`, `${pair.last_name.toUpperCase()}%`],
    );
    for (const typed of [`${pair.first_name} ${pair.last_name}`, `${pair.last_name.toLowerCase()}, ${pair.first_name.toLowerCase()}`]) {
      const found = await search(typed);
      expect(found.parcels.map((p) => p.prop_id), typed).toEqual(listed(byName));
      const parcel = found.parcels.find((p) => p.prop_id === pair.prop_id)!;
      expect(parcel).toMatchObject({ owner_name: pair.file_as_name, matched: 'owner' });
    }
  });

  it('never finds a confidential owner by the real name', async () => {
    const [hidden] = await demo<{ first_name: string; last_name: string; prop_id: number }>(
      `SELECT a.first_name, a.last_name, o.prop_id FROM account a JOIN owner o ON o.owner_id = a.acct_id
        WHERE a.confidential_flag = 'T' AND a.first_name IS NOT NULL AND o.owner_tax_yr = (SELECT appr_yr FROM pacs_system) ORDER BY a.acct_id LIMIT 1`,
    );
    expect(hidden).toBeDefined();
    const found = await search(`${hidden.first_name} ${hidden.last_name}`);
    expect(found.parcels.filter((p) => p.matched === 'owner' && p.prop_id === hidden.prop_id)).toEqual([]);
  });
});

describe('geo ids and paging', () => {
  it('finds a geo id typed with or without its separators, and pages the results with the next call', async () => {
    const [parcel] = await demo<{ prop_id: number; geo_id: string }>(`SELECT prop_id, geo_id FROM property WHERE geo_id LIKE '%-%' AND prop_id IN (${CURRENT}) ORDER BY prop_id LIMIT 1`);
    for (const typed of [parcel.geo_id, parcel.geo_id.replace(/-/g, ''), parcel.geo_id.replace(/-/g, ' ').toLowerCase()]) {
      const found = await search(typed);
      expect(found.parcels.map((p) => p.prop_id), typed).toContain(parcel.prop_id);
      expect(found.parcels.find((p) => p.prop_id === parcel.prop_id)!.matched).toBe('geo_id');
    }
    const [{ street }] = await demo<{ street: string }>(`SELECT situs_street AS street FROM situs GROUP BY situs_street ORDER BY count(*) DESC LIMIT 1`);
    const all = (await search(street.toLowerCase())).parcels.map((p) => p.prop_id);
    expect(all.length).toBeGreaterThan(3);
    const pages: number[] = [];
    let call: { tool: string; arguments: Record<string, unknown> } | null = { tool: 'search_parcels', arguments: { query: street.toLowerCase(), limit: 2 } };
    while (call) {
      const { structured, text } = expectTextCarriesStructured(await session.call(call.tool, call.arguments));
      pages.push(...structured.parcels.map((p: { prop_id: number }) => p.prop_id));
      if (structured.next) expect(text.split('\n')[0]).toContain(`offset ${structured.next.arguments.offset}`);
      call = structured.next;
    }
    expect(pages).toEqual(all);
  });
});
