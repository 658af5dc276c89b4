import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { uniqueColumnNames } from '../../mcp/connectors/result-columns.js';
import { renamedByPosition, resultColumnNames, resultRow, type DriverColumn } from '../../mcp/lakehouse/databricks/result-rows.js';

// The driver's own row builder for columnar (Thrift) results, loaded as the driver loads it.
const require = createRequire(import.meta.url);
const { default: JsonResultHandler } = require('@databricks/sql/dist/result/JsonResultHandler.js') as typeof import('@databricks/sql/dist/result/JsonResultHandler.js');
const { TTypeId } = require('@databricks/sql/thrift/TCLIService_types.js') as typeof import('@databricks/sql/thrift/TCLIService_types.js');

/** A result column as the driver describes it (TColumnDesc). */
const column = (columnName: string, position: number, type: number) => ({ columnName, position, typeDesc: { types: [{ primitiveEntry: { type } }] } });
const noNulls = Buffer.alloc(0);

/** The rows the driver gives for a columnar result: one object per row, keyed by column name. */
async function driverRows(schema: ReturnType<typeof column>[], columns: object[]): Promise<Record<string, unknown>[]> {
  let served = false;
  const source = {
    hasMore: async () => !served,
    fetchNext: async () => {
      served = true;
      return { startRowOffset: 0, rows: [], columns } as never;
    },
  };
  const handler = new JsonResultHandler({} as never, source as never, { schema: { columns: schema } } as never);
  return (await handler.fetchNext({ limit: 100 })) as Record<string, unknown>[];
}

// SELECT a.prop_id, a.market, b.market FROM property_val a JOIN property_val b … : the 2026 and the 2025 value of two parcels.
const joined = [column('prop_id', 1, TTypeId.INT_TYPE), column('market', 2, TTypeId.BIGINT_TYPE), column('market', 3, TTypeId.BIGINT_TYPE)];
const values = [
  { i32Val: { values: [10001, 10002], nulls: noNulls } },
  { i64Val: { values: [532_690, 287_300], nulls: noNulls } },
  { i64Val: { values: [501_430, 279_900], nulls: noNulls } },
];

describe('Databricks result rows keep repeated columns as every connector does', () => {
  it('the driver keys rows by name, so of two columns called market it keeps one value', async () => {
    expect(await driverRows(joined, values)).toEqual([
      { prop_id: 10001, market: 501_430 },
      { prop_id: 10002, market: 279_900 },
    ]);
  });

  it('names the columns market, market_2 like the other connectors, and runs the statement again with them by position', async () => {
    const columns = resultColumnNames(joined);
    expect(columns).toEqual(uniqueColumnNames(['prop_id', 'market', 'market']));
    expect(columns).toEqual(['prop_id', 'market', 'market_2']);

    const statement = 'SELECT a.prop_id, a.market, b.market FROM silver.property_val a JOIN silver.property_val b ON b.prop_id = a.prop_id AND b.prop_val_yr = a.prop_val_yr - 1 -- last year;\n';
    const renamed = renamedByPosition(statement, joined, columns);
    expect(renamed).toBe(
      'SELECT * FROM (\nSELECT a.prop_id, a.market, b.market FROM silver.property_val a JOIN silver.property_val b ON b.prop_id = a.prop_id AND b.prop_val_yr = a.prop_val_yr - 1 -- last year\n) AS pacs_result(`prop_id`, `market`, `market_2`)',
    );

    // The warehouse answers the renamed statement with those names: every value reaches the result.
    const renamedSchema = columns.map((name, i) => column(name, i + 1, joined[i].typeDesc.types[0].primitiveEntry.type));
    expect(renamedByPosition(renamed!, renamedSchema, resultColumnNames(renamedSchema))).toBeNull();
    const rows = (await driverRows(renamedSchema, values)).map((row) => resultRow(columns, row));
    expect(rows).toEqual([
      { prop_id: 10001, market: 532_690, market_2: 501_430 },
      { prop_id: 10002, market: 287_300, market_2: 279_900 },
    ]);
  });

  it('leaves a result whose names are unique as it is, in the order of its positions, values made JSON-safe', async () => {
    const schema: DriverColumn[] = [
      { columnName: 'prop_val_yr', position: 2 },
      { columnName: 'prop_id', position: 1 },
    ];
    expect(resultColumnNames(schema)).toEqual(['prop_id', 'prop_val_yr']);
    expect(renamedByPosition('SELECT prop_id, prop_val_yr FROM bronze.property_val', schema, resultColumnNames(schema))).toBeNull();
    expect(resultRow(['prop_id', 'market', 'missing'], { market: 9_007_199_254_740_993n, prop_id: 1 })).toEqual({ prop_id: 1, market: '9007199254740993', missing: null });
  });

  it('names a column the statement left unnamed by its position, as the others do', () => {
    const schema: DriverColumn[] = [
      { columnName: 'prop_id', position: 1 },
      { columnName: '', position: 2 },
    ];
    expect(resultColumnNames(schema)).toEqual(['prop_id', 'column_2']);
    expect(renamedByPosition('SELECT prop_id, 1 FROM bronze.property', schema, resultColumnNames(schema))).toBe('SELECT * FROM (\nSELECT prop_id, 1 FROM bronze.property\n) AS pacs_result(`prop_id`, `column_2`)');
  });
});
