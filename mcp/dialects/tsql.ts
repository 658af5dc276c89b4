import { finiteNumber, procedureName, quoteWith, splitQualified, standardString, wholeRows, type Dialect } from './dialect.js';

const quoteIdent = quoteWith('[', ']');

/** T-SQL, as SQL Server speaks it: PACS's own database. */
export const tsql: Dialect = {
  name: 'tsql',
  connectionKind: 'sqlserver',
  label: 'SQL Server',
  hint: 'T-SQL for SQL Server (TOP n, [brackets])',
  cautions: [
    'Cap rows with SELECT TOP (n); SQL Server has no LIMIT.',
    'SQL Server has no MEDIAN aggregate: PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) OVER () is a window function.',
    'Text length is LEN(), not LENGTH(); concatenate with + or CONCAT().',
    "Write Unicode text literals as N'…'.",
  ],
  defaultSchema: 'dbo',
  identifierQuoting: '[brackets]',
  quoteIdent,
  qualifiedTable: (schema, name) => `${quoteIdent(schema)}.${quoteIdent(name)}`,
  tableLabel: (schema, name) => `${schema}.${name}`,
  splitTableName: (qualified) => splitQualified(qualified, 'dbo'),
  stringLiteral: (value) => `N${standardString(value)}`,
  numberLiteral: finiteNumber,
  booleanLiteral: (value) => (value ? '1' : '0'),
  selectWithLimit: (selectList, from, rows, rest = '') => `SELECT TOP (${wholeRows(rows)}) ${selectList} FROM ${from}${rest ? ` ${rest}` : ''}`,
  parameterMarker: (position) => `@p${position}`,
  rowLimit: (rows) => ({ top: `TOP (${wholeRows(rows)})`, limit: '' }),
  // LEN is an integer; the cast keeps the fraction of an average.
  // TABLESAMPLE picks whole pages; NEWID() orders rows at random.
  uniformSample: (table, rows) => ({ sql: `SELECT TOP (${wholeRows(rows)}) * FROM ${table} ORDER BY NEWID()`, method: `uniform random sample (TOP (${wholeRows(rows)}) … ORDER BY NEWID())` }),
  textLength: (expression) => `CAST(LEN(${expression}) AS FLOAT)`,
  // PACS databases use case-insensitive collations (SQL_Latin1_General_CP1_CI_AS): LIKE already
  // ignores case, and the bare column keeps its index usable for a prefix (doctor reports the collation).
  caseInsensitiveLike: (column) => `${column} LIKE ?`,
  // % _ and [ as one-character classes: no ESCAPE clause needed.
  likePrefix: (text) => `${text.replace(/[[%_]/g, (c) => `[${c}]`)}%`,
  lockRowsRead: () => ({ tableHint: ' WITH (UPDLOCK, ROWLOCK)', suffix: '' }),
  rowLockedUpdate: ' WITH (ROWLOCK)',
  procedureCall: (name, argNames) => `EXEC ${procedureName(name, quoteIdent)} ${argNames.map((a) => `@${a} = ?`).join(', ')}`,
  syntax: {
    nestedBlockComments: true,
    backslashEscapes: 'never',
    commentNestingVaries: false,
    postgresStrings: false,
    sparkStrings: false,
    bracketNames: 'doubled-escape',
    backtickNames: false,
    sqliteParameters: false,
    atAndHashInWords: true,
    nonAsciiInNames: false,
    sparkNamesAndComments: false,
    unicodeSpaces: { characters: /\s/u, readAs: 'white-space' },
  },
  declaredTypes: { unconstrainedNumeric: 'decimal', integerBits: 32, timestamp: 'rowversion' },
  comparable: { legacyText: false, booleanMinMax: false },
  // The SQL Server driver builds a Date from DATETIME in UTC.
  driverTimestampZone: 'utc',
};
