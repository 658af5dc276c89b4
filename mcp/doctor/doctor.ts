import type { ConnectionRecord } from '../connections/connection-types.js';
import type { ColumnInfo, DatabaseConnector, DatabaseSetting, PrivilegeCheck } from '../connectors/connector.js';
import { DEMO_TABLES, type ColumnType } from '../demo/demo-schema.js';
import { postgresType, sqlServerType } from '../demo/schema-ddl.js';
import { dialectOf } from '../dialects/index.js';
import { PACS_USAGE, type OperationUsage } from './pacs-usage.js';

/**
 * `pacs-mcp doctor`: what county IT runs on first contact. Against a live PACS database it checks
 * every table, column and type the PACS operations use (resources/pacs-usage.json, derived from
 * the statements they send), the login's rights on them (read everywhere; write on a training
 * connection; EXECUTE on the promotion procedures and SELECT on what they read across databases
 * on a production one), and the database's settings and version; then it says which operations
 * will not work here, and why.
 */

/** What doctor needs to know besides the connection itself. */
export interface DoctorContext {
  /** The allowlisted promotion procedures of this connection (empty: none allowlisted yet). */
  promotionProcedures: string[];
  /** The database the promotion procedures read staging tables in (a training connection on the same server), if any. */
  trainingDatabase: string | null;
  /** The staging tables those procedures read there. */
  trainingStagingTables: readonly string[];
}

export type OperationStatus = 'works' | 'fails' | 'not_here';

export interface OperationVerdict {
  name: string;
  status: OperationStatus;
  /** Why it fails, or why it does not run on this connection. */
  reasons: string[];
}

export interface DoctorProblem {
  subject: string;
  problem: string;
  /** The operations it stops. */
  operations: string[];
}

export interface DoctorReport {
  connection_id: string;
  kind: string;
  role: string;
  connected: boolean;
  /** The connection test's message. */
  message: string;
  version: string | null;
  settings: DatabaseSetting[];
  checked: { tables: number; columns: number; rights: number };
  problems: DoctorProblem[];
  /** Worth knowing, stops nothing: narrower text columns, settings to change. */
  warnings: string[];
  operations: OperationVerdict[];
}

const KNOWN = new Map(DEMO_TABLES.map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.type]))]));

/** The type families a tool's comparisons and conversions depend on. */
type Family = 'text' | 'number' | 'datetime' | 'binary' | 'other';

function family(type: string, dialect: string): Family {
  const t = type.toLowerCase();
  if (dialect === 'tsql' && /^timestamp\b/.test(t)) return 'binary';
  if (/binary|bytea|blob|image|rowversion/.test(t)) return 'binary';
  if (/char|text|string|clob/.test(t)) return 'text';
  if (/date|time/.test(t)) return 'datetime';
  if (/int|numeric|decimal|money|real|float|double|number|bit|bool/.test(t)) return 'number';
  return 'other';
}

/** The type this connection's dialect gives a catalog column (the demo's DDL says the same). */
function expectedType(type: ColumnType, dialect: string): string {
  return (dialect === 'postgres' ? postgresType(type) : sqlServerType(type)).toLowerCase();
}

const lengthOf = (type: string) => {
  const match = /\((\d+)\)/.exec(type);
  return match ? Number(match[1]) : null;
};

/** Whether an operation runs on this connection at all, and if not, why. */
function applicability(op: OperationUsage, record: Pick<ConnectionRecord, 'role' | 'kind'>): string | null {
  if (op.role === 'training' && record.role !== 'training') return `it writes, so it runs on a training connection (this one is ${record.role})`;
  if (op.role === 'production') {
    if (record.role !== 'production') return `it promotes into a production connection (this one is ${record.role})`;
    const procedures = record.kind === 'sqlserver';
    if (op.procedures.length > 0 !== procedures) return procedures ? 'SQL Server promotions run procedures, not built-in statements' : `${record.kind} promotions run built-in statements, not procedures`;
  }
  return null;
}

export async function runDoctor(record: ConnectionRecord, connector: DatabaseConnector, context: DoctorContext): Promise<DoctorReport> {
  const report: DoctorReport = {
    connection_id: record.id,
    kind: record.kind,
    role: record.role,
    connected: false,
    message: '',
    version: null,
    settings: [],
    checked: { tables: 0, columns: 0, rights: 0 },
    problems: [],
    warnings: [],
    operations: [],
  };
  const applicable = PACS_USAGE.operations.filter((op) => applicability(op, record) === null);
  const test = await connector.test();
  report.connected = test.ok;
  report.message = test.message;
  report.version = test.server_version ?? null;
  if (!test.ok) {
    report.problems.push({ subject: 'connection', problem: `cannot connect: ${test.message}`, operations: applicable.map((op) => op.name) });
    report.operations = verdicts(record, report.problems);
    return report;
  }

  const dialect = connector.dialect;
  const schema = dialectOf(dialect).defaultSchema;
  const problem = (subject: string, text: string, ops: OperationUsage[]) => {
    if (ops.length) report.problems.push({ subject, problem: text, operations: ops.map((op) => op.name) });
  };
  const usersOf = (table: string, column?: string) =>
    applicable.filter((op) =>
      (['reads', 'inserts', 'updates'] as const).some((k) => (column ? op[k][table]?.includes(column) : op[k][table] !== undefined)) || (!column && op.deletes.includes(table)),
    );

  // Tables and columns, with the types the tools treat them as.
  const present = new Map((await connector.listTables()).filter((t) => t.schema.toLowerCase() === schema.toLowerCase()).map((t) => [t.name.toLowerCase(), t.name]));
  const tables = [...new Set(applicable.flatMap((op) => [...Object.keys(op.reads), ...Object.keys(op.inserts), ...Object.keys(op.updates), ...op.deletes]))].sort();
  const existing = new Set<string>();
  // The catalog views list only tables the login has some right on (INFORMATION_SCHEMA on SQL
  // Server and PostgreSQL): one not listed is missing, or hidden by a missing right.
  const unlisted: string[] = [];
  for (const table of tables) {
    const actual = present.get(table.toLowerCase());
    if (!actual) {
      unlisted.push(table);
      continue;
    }
    existing.add(table);
    report.checked.tables += 1;
    const live = new Map((await connector.describeTable(schema, actual)).map((c: ColumnInfo) => [c.name.toLowerCase(), c.type]));
    const columns = [...new Set(applicable.flatMap((op) => [...(op.reads[table] ?? []), ...(op.inserts[table] ?? []), ...(op.updates[table] ?? [])]))].sort();
    for (const column of columns) {
      report.checked.columns += 1;
      const liveType = live.get(column.toLowerCase());
      if (liveType === undefined) {
        problem(`${table}.${column}`, `column ${table}.${column} is missing`, usersOf(table, column));
        continue;
      }
      const catalogType = KNOWN.get(table)?.get(column);
      if (!catalogType) continue;
      const expected = expectedType(catalogType, dialect);
      if (family(liveType, dialect) !== family(expected, dialect)) {
        problem(`${table}.${column}`, `column ${table}.${column} is ${liveType}; the tools use it as ${expected} (${family(expected, dialect)})`, usersOf(table, column));
        continue;
      }
      const [liveLength, expectedLength] = [lengthOf(liveType), lengthOf(expected)];
      if (family(expected, dialect) === 'text' && liveLength !== null && expectedLength !== null && liveLength < expectedLength) {
        report.warnings.push(`${table}.${column} is ${liveType}, shorter than PACS's ${expected}: longer values are refused or never match.`);
      }
      if (dialect === 'tsql' && /^n(var)?char/.test(expected) && !/^n/.test(liveType.toLowerCase())) {
        report.warnings.push(`${table}.${column} is ${liveType} here but ${expected} in the PACS catalog: text parameters for it go as NVARCHAR, so its index cannot seek.`);
      }
    }
  }

  if (unlisted.length > 0) {
    const visible = await connector.privileges(unlisted.map((table) => ({ privilege: 'SELECT' as const, object: table })));
    unlisted.forEach((table, i) => {
      if (visible[i] === false) problem(table, `the login may not SELECT ${table}`, usersOf(table));
      else problem(table, `table ${table} is missing, or this login may not see it`, usersOf(table));
    });
  }

  // Rights: what each operation needs, on the tables that are there.
  const checks: { check: PrivilegeCheck; ops: OperationUsage[]; subject: string }[] = [];
  const need = (check: PrivilegeCheck, op: OperationUsage, subject: string) => {
    const found = checks.find((c) => c.check.privilege === check.privilege && c.check.object === check.object && c.check.database === check.database);
    if (found) found.ops.push(op);
    else checks.push({ check, ops: [op], subject });
  };
  for (const op of applicable) {
    for (const table of Object.keys(op.reads)) if (existing.has(table)) need({ privilege: 'SELECT', object: table }, op, table);
    for (const table of Object.keys(op.inserts)) if (existing.has(table)) need({ privilege: 'INSERT', object: table }, op, table);
    for (const table of Object.keys(op.updates)) if (existing.has(table)) need({ privilege: 'UPDATE', object: table }, op, table);
    for (const table of op.deletes) if (existing.has(table)) need({ privilege: 'DELETE', object: table }, op, table);
    for (const procedure of proceduresOf(op, record, context, report.warnings)) need({ privilege: 'EXECUTE', object: procedure }, op, procedure);
    if (op.role === 'production' && op.procedures.length > 0) {
      if (context.trainingDatabase === null) report.warnings.push('No training connection on this server is registered, so the promotion procedures\' cross-database reads were not checked.');
      else for (const table of context.trainingStagingTables) need({ privilege: 'SELECT', object: `dbo.${table}`, database: context.trainingDatabase }, op, `${context.trainingDatabase}.dbo.${table}`);
    }
  }
  const granted = await connector.privileges(checks.map((c) => c.check));
  report.checked.rights = checks.length;
  checks.forEach(({ check, ops, subject }, i) => {
    if (granted[i] === true) return;
    if (check.privilege === 'EXECUTE') {
      problem(subject, granted[i] === false ? `the login may not EXECUTE ${check.object}` : `procedure ${check.object} is not installed, or this login cannot see it`, ops);
    } else if (check.database) {
      problem(subject, granted[i] === false ? `the login may not SELECT ${subject} (the promotion procedures read it as the caller)` : `${subject} cannot be read from here: the login has no user in ${check.database}, or the table is missing`, ops);
    } else if (granted[i] === false) {
      problem(subject, `the login may not ${check.privilege} ${check.object}`, ops);
    }
  });

  const facts = await connector.facts();
  report.version = facts.version;
  report.settings = facts.settings;
  for (const setting of facts.settings) if (!setting.ok) report.warnings.push(`${setting.name} = ${setting.value}: ${setting.note ?? ''}`.trim());
  report.operations = verdicts(record, report.problems);
  return report;
}

/**
 * The procedures an operation calls here: a promotion's allowlisted ones (the template's names
 * while none is allowlisted), and a routing procedure only when the connection names one.
 */
function proceduresOf(op: OperationUsage, record: ConnectionRecord, context: DoctorContext, warnings: string[]): string[] {
  if (op.procedures.length === 0) return [];
  if (op.role === 'production') {
    if (context.promotionProcedures.length > 0) return context.promotionProcedures;
    warnings.push(`No promotion procedure is allowlisted for "${record.id}" yet (desktop app, Promotion); the installed template's ${op.procedures.join(' and ')} were checked.`);
    return op.procedures;
  }
  const configured = record.config.appeal_scheduling_procedure;
  return typeof configured === 'string' && configured ? [configured] : [];
}

function verdicts(record: ConnectionRecord, problems: DoctorProblem[]): OperationVerdict[] {
  return PACS_USAGE.operations.map((op) => {
    const notHere = applicability(op, record);
    if (notHere) return { name: op.name, status: 'not_here', reasons: [notHere] };
    const reasons = problems.filter((p) => p.operations.includes(op.name)).map((p) => p.problem);
    return { name: op.name, status: reasons.length ? 'fails' : 'works', reasons };
  });
}
