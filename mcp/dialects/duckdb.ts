import { bangEscapedLike, bangEscapedPrefix, finiteNumber, limitAtEnd, noProcedures, noRowLocks, orderByRandom, quoteWith, splitQualified, standardString, wholeRows, type WarehouseDialect } from './dialect.js';

const quoteIdent = quoteWith('"', '"');

/** DuckDB, the local lakehouse's engine: PostgreSQL-style SQL over bronze/silver/gold Parquet tables. */
export const duckdb: WarehouseDialect = {
  name: 'duckdb',
  connectionKind: 'lakehouse',
  label: 'DuckDB',
  hint: 'DuckDB on the local lakehouse (PostgreSQL-style SELECT, LIMIT n, tables bronze.*, silver.*, gold.*)',
  cautions: ['Name tables with their layer: bronze.property, silver.…, gold.….', 'Only the lakehouse tables can be read, not files.'],
  // Warehouses name their schemas after the layers; bronze is where data lands.
  defaultSchema: 'bronze',
  identifierQuoting: '"double quotes"',
  quoteIdent,
  qualifiedTable: (schema, name) => `${quoteIdent(schema)}.${quoteIdent(name)}`,
  tableLabel: (schema, name) => `${schema}.${name}`,
  splitTableName: (qualified) => splitQualified(qualified, 'bronze'),
  stringLiteral: standardString,
  numberLiteral: finiteNumber,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  selectWithLimit: limitAtEnd,
  parameterMarker: () => '?',
  rowLimit: (rows) => ({ top: '', limit: `LIMIT ${wholeRows(rows)}` }),
  uniformSample: orderByRandom('random()'),
  textLength: (expression) => `length(${expression})`,
  caseInsensitiveLike: bangEscapedLike('ILIKE'),
  likePrefix: bangEscapedPrefix,
  ...noRowLocks,
  procedureCall: () => noProcedures('The local lakehouse'),
  syntax: {
    nestedBlockComments: true,
    backslashEscapes: 'never',
    commentNestingVaries: false,
    postgresStrings: true,
    sparkStrings: false,
    bracketNames: null,
    backtickNames: false,
    sqliteParameters: false,
    atAndHashInWords: false,
    nonAsciiInNames: true,
    sparkNamesAndComments: false,
    unicodeSpaces: { characters: /[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/, readAs: 'either' },
  },
  declaredTypes: { unconstrainedNumeric: 'decimal', integerBits: 32, timestamp: 'timestamp' },
  comparable: { legacyText: true, booleanMinMax: true },
  driverTimestampZone: 'local',
  tryCast: (expression, typeName) => `TRY_CAST(${expression} AS ${typeName})`,
};
