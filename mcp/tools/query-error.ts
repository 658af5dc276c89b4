import { glossaryTable } from '../analysis/pacs-glossary.js';
import type { SourceConnector } from '../connectors/connector.js';
import { classifyDatabaseError, type DatabaseError } from '../dialects/database-errors.js';
import { dialectGuidance, dialectOf, type Dialect, type SqlDialect } from '../dialects/index.js';
import { ReadOnlyViolation } from '../guard/read-only-guard.js';
import { isUnparsable } from '../guard/rejection-reasons.js';
import { withholdDataValues } from '../masking/withheld-values.js';
import { UserError } from '../util/user-error.js';

/**
 * A database's refusal of SQL the caller wrote, passed on with what to do about it in the
 * connection's dialect: which tables exist, where the columns are listed, what this dialect
 * writes differently. Anything that is not a database's answer is returned unchanged.
 */
export async function queryErrorWithHint(err: unknown, connector: SourceConnector, connectionId: string, sql: string, options: { withholdValues: boolean }): Promise<unknown> {
  if (err instanceof UserError) return err;
  const dialect = dialectOf(connector.dialect);
  const found = classifyDatabaseError(err, dialect.name);
  if (!found) return err;
  const hint = await hintFor(found, dialect, connector, connectionId, sql);
  const words = options.withholdValues ? withholdDataValues(found.message, sql) : found.message;
  // The database's words are quoted: they may repeat values from the data or the SQL.
  return new UserError('invalid', `${dialect.label} could not run the query on "${connectionId}": ${JSON.stringify(words)}. ${hint}`, { cause: err });
}

/**
 * The guard's refusal of SQL it could not read, with what SQL from another dialect commonly
 * brings along (TOP on PostgreSQL, backticks on SQL Server …) when this statement has it, and,
 * for SQL that did not parse, how this connection's dialect writes it.
 */
export function refusalWithHints(err: unknown, dialectName: SourceConnector['dialect'], sql: string): unknown {
  if (!(err instanceof ReadOnlyViolation)) return err;
  const dialect = dialectOf(dialectName);
  const hints = syntaxHints(sql, dialect);
  if (isUnparsable(err.message)) hints.push(`This connection speaks ${dialectGuidance(dialect)}`);
  return hints.length ? new ReadOnlyViolation(`${err.message} ${hints.join(' ')}`, err.verdict) : err;
}

async function hintFor(error: DatabaseError, dialect: Dialect, connector: SourceConnector, connectionId: string, sql: string): Promise<string> {
  const speaks: SqlDialect = dialect.name;
  switch (error.kind) {
    case 'missing_table':
      return missingTableHint(error.subject, connector, connectionId);
    case 'missing_column':
      return (
        `describe_table lists a table's columns (connection "${connectionId}").` +
        (speaks === 'postgres' ? ' PostgreSQL folds unquoted names to lower case; a mixed-case name needs "double quotes".' : '') +
        ` Quote a name that is a keyword with ${dialect.identifierQuoting}.`
      );
    case 'syntax':
      return `${syntaxHints(sql, dialect).join(' ')} This connection speaks ${dialectGuidance(dialect)}`.trim();
    case 'missing_function':
      return `${dialect.label} has no such function. ${dialectGuidance(dialect)}`;
    case 'ambiguous_column':
      return 'Two joined tables have a column of that name: qualify it with its table alias (t.prop_id).';
    case 'grouping':
      return 'Every selected column must either be listed in GROUP BY or sit inside an aggregate such as SUM() or MAX().';
    case 'type_mismatch':
      return `Compare and combine values of one type: convert with CAST(value AS type)${speaks === 'postgres' ? ' or value::type' : ''}. ${dialect.hint}.`;
    case 'division_by_zero':
      return 'Guard the divisor: x / NULLIF(y, 0) gives NULL instead of failing.';
    default:
      return `This connection speaks ${dialectGuidance(dialect)}`;
  }
}

/** What SQL from another dialect commonly brings along, found in this statement. */
function syntaxHints(sql: string, dialect: Dialect): string[] {
  const hints: string[] = [];
  const speaks: SqlDialect = dialect.name;
  const limitsAtEnd = dialect.rowLimit(1).limit !== '';
  if (limitsAtEnd && /\bselect\s+(distinct\s+)?top\s*\(?\s*\d/i.test(sql)) hints.push(`${dialect.label} has no TOP: end the query with LIMIT n.`);
  if (!limitsAtEnd && /\blimit\s+\d+\s*(offset\s+\d+\s*)?;?\s*$/i.test(sql)) hints.push(`${dialect.label} has no LIMIT: write SELECT TOP (n) followed by the columns.`);
  if (dialect.identifierQuoting !== '`backticks`' && /`[^`]+`/.test(sql)) hints.push(`Quote names with ${dialect.identifierQuoting}, not backticks.`);
  if (speaks !== 'tsql' && speaks !== 'sqlite' && /\[[A-Za-z_][\w ]*\]/.test(sql)) hints.push(`Quote names with ${dialect.identifierQuoting}, not [brackets].`);
  if ((speaks === 'sqlite' || speaks === 'tsql') && /\bilike\b/i.test(sql)) hints.push(`${dialect.label} has no ILIKE: compare LOWER(x) LIKE LOWER(pattern).`);
  if ((speaks === 'sqlite' || speaks === 'tsql') && /::\s*[a-z]/i.test(sql)) hints.push(`${dialect.label} has no :: casts: write CAST(x AS type).`);
  return hints;
}

async function missingTableHint(missing: string | null, connector: SourceConnector, connectionId: string): Promise<string> {
  const tables = await connector.listTables().catch(() => null);
  if (!tables) return `list_source_tables lists the tables of "${connectionId}".`;
  const names = tables.map((t) => dialectOf(connector.dialect).tableLabel(t.schema, t.name));
  if (names.length === 0) return `Connection "${connectionId}" has no tables.`;
  if (names.length <= 40) return `The tables of "${connectionId}" are: ${names.join(', ')}.`;
  const wanted = (missing ?? '').replace(/["'`[\]]/g, '').split('.').pop()!.toLowerCase();
  // A word PACS uses for a table ("parcels" for property) counts as the closest match.
  const singular = wanted.replace(/s$/, '');
  const means = (name: string) => (glossaryTable(name.split('.').pop()!)?.words ?? []).some((w) => w === wanted || w === singular);
  const close = names
    .map((name) => ({ name, distance: editDistance(wanted, name.split('.').pop()!.toLowerCase()) - (name.toLowerCase().includes(wanted) && wanted ? 3 : 0) - (wanted && means(name) ? 20 : 0) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, 8)
    .map((c) => c.name);
  return `Closest of the ${names.length} tables of "${connectionId}": ${close.join(', ')}. list_source_tables lists them all (name_contains filters).`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
