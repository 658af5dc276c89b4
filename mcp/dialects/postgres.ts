import { bangEscapedLike, bangEscapedPrefix, finiteNumber, limitAtEnd, orderByRandom, procedureName, quoteWith, splitQualified, standardString, wholeRows, type Dialect } from './dialect.js';

const quoteIdent = quoteWith('"', '"');

/**
 * PostgreSQL. Literals assume standard_conforming_strings on (the default since 9.1): a
 * backslash in '…' is an ordinary character.
 */
export const postgres: Dialect = {
  name: 'postgres',
  connectionKind: 'postgres',
  label: 'PostgreSQL',
  hint: 'PostgreSQL (LIMIT n, "double quotes")',
  cautions: [
    'PostgreSQL has no MEDIAN: use percentile_cont(0.5) WITHIN GROUP (ORDER BY x).',
    'Unquoted names are folded to lower case: "Prop_ID" and prop_id are different columns.',
    'Dividing two integers drops the fraction: cast one to numeric first.',
  ],
  defaultSchema: 'public',
  identifierQuoting: '"double quotes"',
  quoteIdent,
  qualifiedTable: (schema, name) => `${quoteIdent(schema)}.${quoteIdent(name)}`,
  tableLabel: (schema, name) => `${schema}.${name}`,
  splitTableName: (qualified) => splitQualified(qualified, 'public'),
  stringLiteral: standardString,
  numberLiteral: finiteNumber,
  booleanLiteral: (value) => (value ? 'TRUE' : 'FALSE'),
  selectWithLimit: limitAtEnd,
  parameterMarker: (position) => `$${position}`,
  rowLimit: (rows) => ({ top: '', limit: `LIMIT ${wholeRows(rows)}` }),
  // TABLESAMPLE SYSTEM picks whole pages; random() orders single rows.
  uniformSample: orderByRandom('random()'),
  textLength: (expression) => `length(${expression})`,
  caseInsensitiveLike: bangEscapedLike('ILIKE'),
  likePrefix: bangEscapedPrefix,
  lockRowsRead: (alias) => ({ tableHint: '', suffix: ` FOR UPDATE OF ${alias}` }),
  rowLockedUpdate: '',
  procedureCall: (name, argNames) => `CALL ${procedureName(name, quoteIdent)}(${argNames.map(() => '?').join(', ')})`,
  syntax: {
    nestedBlockComments: true,
    backslashEscapes: 'off-by-default',
    commentNestingVaries: false,
    postgresStrings: true,
    sparkStrings: false,
    bracketNames: null,
    backtickNames: false,
    sqliteParameters: false,
    atAndHashInWords: false,
    nonAsciiInNames: true,
    sparkNamesAndComments: false,
    unicodeSpaces: null,
  },
  declaredTypes: { unconstrainedNumeric: 'text', integerBits: 32, timestamp: 'timestamp' },
  comparable: { legacyText: true, booleanMinMax: true },
  driverTimestampZone: 'local',
};
