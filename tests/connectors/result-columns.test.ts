import { describe, expect, it } from 'vitest';
import { uniqueColumnNames } from '../../mcp/connectors/result-columns.js';
import { orderedColumns, sqlServerRowFromValues } from '../../mcp/connectors/sqlserver/sqlserver-catalog.js';

describe('result columns keep every column a SELECT returns', () => {
  it('renames repeats after the first and names unnamed columns by position', () => {
    expect(uniqueColumnNames(['prop_id', 'market', 'market', 'market'])).toEqual(['prop_id', 'market', 'market_2', 'market_3']);
    expect(uniqueColumnNames(['', 'a', ''])).toEqual(['column_1', 'a', 'column_3']);
    // A repeat never takes a name the result already has.
    expect(uniqueColumnNames(['a', 'a', 'a_2'])).toEqual(['a', 'a_3', 'a_2']);
    expect(uniqueColumnNames(['?column?', '?column?'])).toEqual(['?column?', '?column?_2']);
  });

  it('keys SQL Server rows read as arrays by those names, values converted by column type', () => {
    // mssql in arrayRowMode: the columns in select order, each with its index and type.
    const meta = orderedColumns([
      { index: 1, name: 'market', type: { declaration: 'bigint' } },
      { index: 0, name: 'prop_id', type: { declaration: 'int' } },
      { index: 2, name: 'market', type: { declaration: 'bigint' } },
      { index: 3, name: '', type: { declaration: 'date' } },
    ]);
    const names = uniqueColumnNames(meta.map((c) => c.name));
    expect(names).toEqual(['prop_id', 'market', 'market_2', 'column_4']);
    expect(sqlServerRowFromValues([10001, '532690', '501430', new Date(Date.UTC(2026, 0, 2))], meta, names)).toEqual({ prop_id: 10001, market: 532690, market_2: 501430, column_4: '2026-01-02' });
  });
});
