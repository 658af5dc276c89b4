import { describe, expect, it, vi } from 'vitest';

/**
 * A parser that cannot start (its WebAssembly or grammar fails to load) refuses everything with a
 * reason that says so; it is loaded again on the next query rather than failing for good.
 * Here each parser fails the first time it is loaded and works afterwards.
 */
vi.mock('libpg-query', async (importOriginal) => {
  const real = await importOriginal<typeof import('libpg-query')>();
  let loads = 0;
  return {
    ...real,
    loadModule: async () => {
      loads += 1;
      if (loads === 1) throw new Error('the WebAssembly module did not load');
      return real.loadModule();
    },
  };
});
vi.mock('node-sql-parser/build/sqlite.js', async (importOriginal) => {
  const real = await importOriginal<{ default: { Parser: new () => object } }>();
  let starts = 0;
  class Parser {
    constructor() {
      starts += 1;
      if (starts === 1) throw new Error('the grammar did not load');
      return new real.default.Parser();
    }
  }
  return { default: { Parser } };
});

const { classifyPostgres } = await import('../../mcp/guard/postgres-guard.js');
const { classifyWithNodeSqlParser } = await import('../../mcp/guard/node-sql-parser-guard.js');

describe('a parser that cannot start', () => {
  it('PostgreSQL: refuses, saying the checker could not start, then works on the next query', async () => {
    expect(await classifyPostgres('SELECT 1')).toEqual({
      allowed: false,
      reason: 'The PostgreSQL SQL checker could not start, so nothing is run. Try again; if it keeps failing, report it to the app administrator.',
      statementCount: 0,
    });
    expect(await classifyPostgres('SELECT 1')).toEqual({ allowed: true, statementCount: 1 });
  });

  it('SQLite (node-sql-parser): refuses, saying the checker could not start, then works on the next query', async () => {
    expect(await classifyWithNodeSqlParser('SELECT 1', 'sqlite')).toEqual({
      outcome: 'refused',
      reason: 'The SQLite SQL checker could not start, so nothing is run. Try again; if it keeps failing, report it to the app administrator.',
      statementCount: 0,
    });
    expect(await classifyWithNodeSqlParser('SELECT 1', 'sqlite')).toEqual({ outcome: 'allowed', statementCount: 1 });
  });
});
