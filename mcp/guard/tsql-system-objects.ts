import type { SqlToken } from './sql-lexer.js';

/**
 * SQL Server's system objects reach far beyond the connection's database: DMVs and system
 * functions list the server's folders (a UNC path makes the server sign in to that host), read
 * its registry and files, linked servers run queries elsewhere, and `sys.sql_logins` holds password
 * hashes. query_sql allows the system objects a schema reader needs, by name, and nothing else:
 *  - in `sys`, the catalog views listed below;
 *  - every `INFORMATION_SCHEMA` view;
 *  - nothing named in `master`, `msdb`, `model`, `tempdb` (three-part names), and no four-part
 *    (linked server) name at all;
 *  - no backward-compatibility view (`syslogins`, `sysobjects`…, readable without a schema) and no
 *    unqualified `fn_…` system function.
 * Names are read from the tokens, so `[sys].[sql_logins]`, `sys . sql_logins` and
 * `"sys"."sql_logins"` are the same name.
 */

/** Catalog views that describe tables, columns, keys, indexes and views: what reading a schema needs. */
const SYS_CATALOG_VIEWS = new Set([
  'tables', 'columns', 'types', 'schemas', 'objects', 'indexes', 'index_columns', 'foreign_keys',
  'foreign_key_columns', 'key_constraints', 'views', 'all_columns', 'all_objects', 'all_views',
  'check_constraints', 'default_constraints', 'computed_columns', 'identity_columns',
  'extended_properties', 'partitions', 'synonyms', 'sequences', 'stats', 'stats_columns',
  'table_types', 'dm_db_partition_stats',
]);

/** Databases of the server itself. */
const SYSTEM_DATABASES = new Set(['master', 'msdb', 'model', 'tempdb', 'mssqlsystemresource']);

/** Backward-compatibility views, resolved in `sys` even when written without a schema. */
const COMPATIBILITY_VIEWS = new Set([
  'sysaltfiles', 'syscacheobjects', 'syscharsets', 'syscolumns', 'syscomments', 'sysconfigures',
  'sysconstraints', 'syscurconfigs', 'syscursorcolumns', 'syscursorrefs', 'syscursors',
  'syscursortables', 'sysdatabases', 'sysdepends', 'sysdevices', 'sysfilegroups', 'sysfiles',
  'sysforeignkeys', 'sysfulltextcatalogs', 'sysindexes', 'sysindexkeys', 'syslanguages',
  'syslockinfo', 'syslogins', 'sysmembers', 'sysmessages', 'sysobjects', 'sysoledbusers',
  'sysopentapes', 'sysperfinfo', 'syspermissions', 'sysprocesses', 'sysprotects',
  'sysreferences', 'sysremotelogins', 'sysservers', 'systypes', 'sysusers', 'sysxlogins',
  'syslinkedservers',
]);

interface NamePart {
  /** Lower case, quotes removed; '' for the empty part of `db..object`. */
  name: string;
}

function isNameToken(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted_identifier');
}

/** Multi-part names (`a.b.c`, `[a]..[c]`) in token order, with the index of the token after each. */
function multiPartNames(tokens: SqlToken[]): { parts: NamePart[]; next: SqlToken | undefined; previous: SqlToken | undefined }[] {
  const names: { parts: NamePart[]; next: SqlToken | undefined; previous: SqlToken | undefined }[] = [];
  let index = 0;
  while (index < tokens.length) {
    if (!isNameToken(tokens[index])) {
      index += 1;
      continue;
    }
    const start = index;
    const parts: NamePart[] = [{ name: tokens[index].normalized }];
    index += 1;
    while (tokens[index]?.text === '.' && tokens[index].kind === 'symbol') {
      index += 1;
      if (isNameToken(tokens[index])) {
        parts.push({ name: tokens[index].normalized });
        index += 1;
      } else if (tokens[index]?.text === '.') {
        parts.push({ name: '' });
      } else {
        break;
      }
    }
    names.push({ parts, next: tokens[index], previous: tokens[start - 1] });
  }
  return names;
}

/** The refusal for the first system object a T-SQL query names outside the allowlist, or undefined. */
export function findForbiddenTsqlSystemObject(tokens: SqlToken[]): string | undefined {
  for (const { parts, next, previous } of multiPartNames(tokens)) {
    const names = parts.map((p) => p.name);
    const written = names.join('.');
    if (parts.length >= 4) return linkedServer(written);
    if (parts.length === 3 && SYSTEM_DATABASES.has(names[0])) return systemDatabase(written, names[0]);
    const schemaAt = names.findIndex((name, i) => i < names.length - 1 && (name === 'sys' || name === 'information_schema'));
    if (schemaAt >= 0) {
      const object = names[schemaAt + 1];
      if (names[schemaAt] === 'sys' && !SYS_CATALOG_VIEWS.has(object)) return systemObject(written);
      continue;
    }
    const last = names[names.length - 1];
    if (COMPATIBILITY_VIEWS.has(last)) return systemObject(written);
    const calledBare = parts.length === 1 && next?.text === '(';
    const legacyCall = previous?.text === ':';
    if (last.startsWith('fn_') && (calledBare || legacyCall)) return systemFunction(written);
  }
  return undefined;
}

const ALLOWED_HINT =
  'To read the schema use INFORMATION_SCHEMA views or sys.tables, sys.columns, sys.types, sys.schemas, sys.objects, sys.indexes, sys.index_columns, sys.foreign_keys, ' +
  'sys.foreign_key_columns, sys.key_constraints, sys.views (and the other catalog views of tables, columns, keys and indexes).';

function systemObject(name: string): string {
  return (
    `query_sql does not read \`${name}\`: outside the catalog views that describe tables and columns, SQL Server's system objects reach the server's files, ` +
    `registry, logins and other servers. ${ALLOWED_HINT}`
  );
}

function systemFunction(name: string): string {
  return `query_sql does not call \`${name}\`: without a schema it is a SQL Server system function. If it is your own function, name its schema (dbo.${name}). ${ALLOWED_HINT}`;
}

function systemDatabase(name: string, database: string): string {
  return `query_sql does not read \`${name}\`: \`${database}\` is a database of the server itself, not PACS data. ${ALLOWED_HINT}`;
}

function linkedServer(name: string): string {
  return `query_sql does not read \`${name}\`: a four-part name reaches a linked server, another machine. Query this connection's database; for a column, use the table's alias (t.column).`;
}
