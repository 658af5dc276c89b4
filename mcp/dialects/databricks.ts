import { bangEscapedLike, bangEscapedPrefix, finiteNumber, limitAtEnd, noProcedures, noRowLocks, orderByRandom, quoteWith, refuseNul, splitQualified, wholeRows, type WarehouseDialect } from './dialect.js';

const quoteIdent = quoteWith('`', '`');

/**
 * Databricks SQL (Spark SQL) over a tenant's Unity Catalog. Spark reads backslashes in '…' as
 * escapes (spark.sql.parser.escapedStringLiterals off, the default), so literals escape both.
 */
export const databricks: WarehouseDialect = {
  name: 'databricks',
  connectionKind: 'databricks',
  label: 'Databricks SQL',
  hint: 'Databricks SQL (LIMIT n, `backticks`, tables bronze.*, silver.*, gold.* of the tenant catalog)',
  cautions: ["Double quotes make a string, not a name: quote names with `backticks`.", 'A backslash inside a string literal escapes the next character.'],
  defaultSchema: 'bronze',
  identifierQuoting: '`backticks`',
  quoteIdent,
  qualifiedTable: (schema, name) => `${quoteIdent(schema)}.${quoteIdent(name)}`,
  tableLabel: (schema, name) => `${schema}.${name}`,
  splitTableName: (qualified) => splitQualified(qualified, 'bronze'),
  stringLiteral: (value) => {
    refuseNul(value, 'A text value');
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  },
  numberLiteral: finiteNumber,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  selectWithLimit: limitAtEnd,
  parameterMarker: () => '?',
  rowLimit: (rows) => ({ top: '', limit: `LIMIT ${wholeRows(rows)}` }),
  uniformSample: orderByRandom('rand()'),
  textLength: (expression) => `length(${expression})`,
  caseInsensitiveLike: bangEscapedLike('ILIKE'),
  likePrefix: bangEscapedPrefix,
  ...noRowLocks,
  procedureCall: () => noProcedures('Databricks SQL'),
  syntax: {
    nestedBlockComments: true,
    backslashEscapes: 'on-by-default',
    commentNestingVaries: true,
    postgresStrings: false,
    sparkStrings: true,
    bracketNames: null,
    backtickNames: true,
    sqliteParameters: false,
    atAndHashInWords: false,
    nonAsciiInNames: false,
    sparkNamesAndComments: true,
    unicodeSpaces: { characters: /\s/u, readAs: 'white-space' },
  },
  // A plain TIMESTAMP is zoned (TIMESTAMP_NTZ is not).
  declaredTypes: { unconstrainedNumeric: 'decimal', integerBits: 32, timestamp: 'timestamptz' },
  comparable: { legacyText: true, booleanMinMax: true },
  driverTimestampZone: 'local',
  tryCast: (expression, typeName) => `try_cast(${expression} AS ${typeName})`,
};
