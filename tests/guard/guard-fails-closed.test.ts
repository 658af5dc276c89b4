import { describe, expect, it, vi } from 'vitest';

/**
 * A parser pass that crashes must not let SQL through: the guard answers with a refusal that
 * says what went wrong, and assertReadOnly throws it.
 */
vi.mock('../../mcp/guard/postgres-guard.js', () => ({
  classifyPostgres: vi.fn(async () => {
    throw new Error('the parser crashed');
  }),
}));
vi.mock('../../mcp/guard/node-sql-parser-guard.js', () => ({
  classifyWithNodeSqlParser: vi.fn(async () => {
    // Not an Error: the guard must still say what it got.
    throw 'the grammar failed to load';
  }),
}));

const { assertReadOnly, classifyReadOnly, ReadOnlyViolation } = await import('../../mcp/guard/read-only-guard.js');

describe('when a parser pass fails unexpectedly', () => {
  it('refuses a PostgreSQL read the token pass found clean, naming the failure', async () => {
    expect(await classifyReadOnly('SELECT parcel_id FROM parcels WHERE 1 = 1', 'postgres')).toEqual({
      allowed: false,
      reason: 'This SQL could not be parsed as PostgreSQL, so it is not run (parser: internal error: the parser crashed). Check the syntax; query_sql accepts one plain SELECT.',
      statementCount: 0,
    });
  });

  it('refuses a SQL Server read too, also when what was thrown is not an Error', async () => {
    const verdict = await classifyReadOnly('SELECT parcel_id FROM parcels WHERE 2 = 2', 'tsql');
    expect(verdict).toMatchObject({ allowed: false, statementCount: 0 });
    expect(verdict.reason).toContain('(parser: internal error: the grammar failed to load)');
  });

  it('makes assertReadOnly throw the refusal', async () => {
    const error = await assertReadOnly('SELECT parcel_id FROM parcels WHERE 3 = 3', 'sqlite').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ReadOnlyViolation);
    expect((error as InstanceType<typeof ReadOnlyViolation>).message).toContain('internal error: the grammar failed to load');
  });
});
