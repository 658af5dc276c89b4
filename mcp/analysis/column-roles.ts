import type { SqlDialect } from '../dialects/dialect.js';
import { lakeTypeFromDeclared, type LakeType } from '../lakehouse/lake-types.js';
import { glossaryColumn, type ColumnRole } from './pacs-glossary.js';

export interface ColumnFacts {
  name: string;
  type: string;
  primary_key: boolean;
  /** From statistics, when there are any. */
  rows?: number;
  non_null?: number;
  distinct?: number | null;
  avg_length?: number | null;
  min?: unknown;
  max?: unknown;
}

export interface RoleVerdict {
  roles: ColumnRole[];
  /** Why: one short phrase per role. */
  evidence: string[];
  sensitive: string | null;
}

const KEYISH = /(^id$|_id$|_key$|_num$|^id_)/i;
const DATEISH = /(_dt$|_date$|^date|date$|_at$|_on$|timestamp)/i;
const YEARISH = /(_yr$|_year$|^year$|^yr$)/i;
const MONEYISH = /(val$|_value$|^value$|market|price|amt$|amount|income|cost|_tax$|^tax_|levy|cap$|balance|paid)/i;
const CODEISH = /(_cd$|_code$|^code$|_type$|^type$|status|_class$|_kind$|_flag$|^state$|zip)/i;
const NAMEISH = /(^name$|_name$|_nm$|^first_name|^last_name)/i;

/**
 * The roles a column plays (key, year, date, money, code, flag, measure, name, text), from the
 * PACS glossary, its declared type, its name and, when given, its statistics. Deterministic:
 * the same schema and data give the same verdict.
 */
export function inferRoles(dialect: SqlDialect, facts: ColumnFacts): RoleVerdict {
  const roles = new Set<ColumnRole>();
  const evidence: string[] = [];
  const add = (role: ColumnRole, why: string) => {
    if (!roles.has(role)) {
      roles.add(role);
      evidence.push(`${role}: ${why}`);
    }
  };
  const type: LakeType = lakeTypeFromDeclared(dialect, facts.type);
  const glossary = glossaryColumn(facts.name);
  if (glossary) add(glossary.role, 'PACS glossary');
  if (facts.primary_key) add('key', 'part of the primary key');

  const numeric = type.kind === 'integer' || type.kind === 'bigint' || type.kind === 'decimal' || type.kind === 'double';
  const rows = facts.non_null ?? 0;
  const distinct = facts.distinct ?? null;
  const unique = distinct !== null && rows > 0 && distinct === rows && facts.non_null === facts.rows;

  if (type.kind === 'date' || type.kind === 'timestamp' || type.kind === 'timestamptz') add('date', `declared ${facts.type}`);
  else if (DATEISH.test(facts.name) && (type.kind === 'varchar' && looksLikeDate(facts.min) && looksLikeDate(facts.max))) add('date', 'name and values look like dates');
  if (YEARISH.test(facts.name) && (numeric || type.kind === 'varchar') && inYearRange(facts.min) && inYearRange(facts.max)) add('year', 'name and values 1800-2200');
  if (type.kind === 'boolean') add('flag', `declared ${facts.type}`);
  if (KEYISH.test(facts.name) && (numeric || type.kind === 'varchar')) add(facts.primary_key || unique ? 'key' : 'foreign_key', unique ? 'id name, unique values' : 'id-like name');
  if (unique && !roles.has('key') && !roles.has('foreign_key') && !roles.has('date') && numeric && rows >= 10) add('key', 'unique, never null');
  if (numeric && MONEYISH.test(facts.name) && !roles.has('key') && !roles.has('year')) add('money', 'numeric with a value/price/amount name');
  if (type.kind === 'varchar') {
    const short = facts.avg_length !== undefined && facts.avg_length !== null && facts.avg_length <= 12;
    const fewValues = distinct !== null && rows > 0 && (distinct <= 50 || distinct / rows <= 0.05);
    if (CODEISH.test(facts.name) || (short && fewValues && rows >= 20)) {
      if (distinct !== null && distinct <= 3 && short && /(flag|^is_|^has_|_prop$|_yn$)/i.test(facts.name)) add('flag', 'few short values');
      else add('code', CODEISH.test(facts.name) ? 'code-like name' : 'short text with few distinct values');
    }
    if (NAMEISH.test(facts.name)) add('name', 'name-like column');
  }
  if (numeric && roles.size === 0) add('measure', `numeric (${facts.type})`);
  if (roles.size === 0) add('text', facts.type ? `declared ${facts.type}` : 'untyped');
  return { roles: [...roles], evidence, sensitive: glossary?.sensitive ?? null };
}

function inYearRange(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1800 && n <= 2200;
}

function looksLikeDate(value: unknown): boolean {
  return value === null || value === undefined || /^\d{4}-\d{2}-\d{2}/.test(String(value));
}
