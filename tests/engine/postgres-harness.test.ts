import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

describe.runIf(postgresAvailable('postgres harness'))('PostgreSQL test harness', () => {
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(() => pg?.stop());

  it('starts a throwaway cluster on loopback that answers queries', () => {
    expect(pg.psql('SELECT 1 + 1').trim()).toBe('2');
    expect(pg.psql("SELECT current_setting('listen_addresses')").trim()).toBe('127.0.0.1');
  });
});
