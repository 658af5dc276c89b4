import { bangEscapedLike, bangEscapedPrefix, finiteNumber, limitAtEnd, noProcedures, noRowLocks, orderByRandom, quoteWith, splitQualified, standardString, wholeRows, type Dialect } from './dialect.js';

const quoteIdent = quoteWith('"', '"');

/** SQLite: the demo database and county files. One schema, `main`, left implicit. */
export const sqlite: Dialect = {
  name: 'sqlite',
  connectionKind: 'sqlite',
  label: 'SQLite',
  hint: 'SQLite (LIMIT n, "double quotes")',
  cautions: [
    'SQLite has no MEDIAN or PERCENTILE_CONT: order the values and take the middle row.',
    "Dates are ISO text ('YYYY-MM-DD'): compare them as text, use date() and strftime() for parts.",
    'Dividing two integers drops the fraction: multiply by 1.0 first.',
  ],
  defaultSchema: 'main',
  identifierQuoting: '"double quotes"',
  quoteIdent,
  qualifiedTable: (schema, name) => (schema === 'main' || schema === '' ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`),
  tableLabel: (schema, name) => (schema === 'main' ? name : `${schema}.${name}`),
  splitTableName: (qualified) => splitQualified(qualified, 'main'),
  stringLiteral: standardString,
  numberLiteral: finiteNumber,
  booleanLiteral: (value) => (value ? '1' : '0'),
  selectWithLimit: limitAtEnd,
  parameterMarker: () => '?',
  rowLimit: (rows) => ({ top: '', limit: `LIMIT ${wholeRows(rows)}` }),
  uniformSample: orderByRandom('random()'),
  textLength: (expression) => `length(${expression})`,
  // LIKE ignores the case of ASCII letters in SQLite.
  caseInsensitiveLike: bangEscapedLike('LIKE'),
  likePrefix: bangEscapedPrefix,
  ...noRowLocks,
  procedureCall: () => noProcedures('A SQLite database'),
  syntax: {
    nestedBlockComments: false,
    backslashEscapes: 'never',
    commentNestingVaries: false,
    postgresStrings: false,
    sparkStrings: false,
    bracketNames: 'no-escape',
    backtickNames: true,
    sqliteParameters: true,
    atAndHashInWords: false,
    nonAsciiInNames: true,
    sparkNamesAndComments: false,
    unicodeSpaces: null,
  },
  // INTEGER holds 64 bits; a numeric without precision keeps whatever it was given.
  declaredTypes: { unconstrainedNumeric: 'text', integerBits: 64, timestamp: 'timestamp' },
  comparable: { legacyText: true, booleanMinMax: true },
  driverTimestampZone: 'local',
};
