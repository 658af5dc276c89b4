/**
 * What a column holds, judged by its name (PACS names and the usual aliases), and the PACS
 * columns the catalog names as sensitive, table by table. Categories follow the fields to mask in
 * QA exports and the catalog's "sensitive columns" note.
 */
export type SensitiveCategory =
  | 'name'
  | 'address'
  | 'phone'
  | 'email'
  | 'birth_date'
  | 'ssn'
  | 'licence'
  | 'income'
  | 'sale_price'
  | 'free_text'
  /** Passwords and password hashes: never shown. */
  | 'credential';

export type ColumnClass =
  | { kind: 'sensitive'; category: SensitiveCategory }
  /** Known not to identify a person: keys, codes, values, legal descriptions, ordinary dates. */
  | { kind: 'safe' }
  /** Neither: kept when the value is a number, date-free boolean or null; masked text under the QA policy. */
  | { kind: 'unknown' };

// Order matters: the first match wins, so `situs_num` is an address and `dl_num` a licence
// before `_num` could make either look like a plain number.
const SENSITIVE: [SensitiveCategory, RegExp][] = [
  ['credential', /passw(or)?d|(^|_)pwd($|_)/],
  ['ssn', /(^|_)(ssn|ss_?nums?|social_security)/],
  ['licence', /(^|_)dl_(nums?|state|expir_dt)($|_)|driver|licen[cs]e/],
  ['birth_date', /birth|(^|_)dob($|_)|over_65_date/],
  ['email', /e_?mail/],
  ['phone', /phone|(^|_)fax($|_)|(^|_)tel($|_)|mobile|(^|_)cell($|_)/],
  ['address', /addr|situs|street|mailing|(^|_)(city|zip|zip_?code|postal_?code)($|_)/],
  ['income', /income|rendition|expense/],
  ['sale_price', /(^|_)(sl|sale|sales)_price/],
  ['free_text', /comment|remark|(^|_)notes?($|_)|memo|(^|_)(sup|event)_desc$/],
  ['name', /(^|_)(first|last|middle)_?name|file_as_name|(^|_)name$|_names?$|_nms?$|^nm$|applicant|grantor|grantee|(^|_)dba|spouse|(^|_)cv$/],
];

/** Column names that look like a name or free text but are not about a person. */
const SAFE_EXACT = new Set(['hood_name', 'appraiser_nm', 'last_appraiser_nm', 'hearing_appraiser_nm', 'meeting_appraiser_nm', 'status_desc', 'exmpt_desc', 'imprv_desc', 'sup_group_desc', 'table_name', 'column_name']);

const SAFE = /^(prop_id|year|value|layer|geo_id|simple_geo_id|legal_desc|legal_acreage|block|tract_or_lot|sup_action|exemptions?|exemption_codes|owner_count|owner_confidential)$|(^|_)(id|ids|cd|cds|code|codes|type|status|flag|yr|year|num|pct|acreage|val|value|market|count|dt|date|panel|state|seq)$/;

export function classifyColumn(column: string): ColumnClass {
  const name = column.toLowerCase();
  if (SAFE_EXACT.has(name)) return { kind: 'safe' };
  for (const [category, pattern] of SENSITIVE) if (pattern.test(name)) return { kind: 'sensitive', category };
  if (SAFE.test(name)) return { kind: 'safe' };
  return { kind: 'unknown' };
}

/** Values that give themselves away whatever the column is called: masked under every policy. */
const VALUE_PATTERNS: [SensitiveCategory, RegExp][] = [
  ['ssn', /^\d{3}-\d{2}-\d{4}$/],
  ['email', /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/],
  ['phone', /^\(?\d{3}\)?[ .-]?\d{3}-\d{4}$/],
];

export function categoryOfValue(value: string): SensitiveCategory | undefined {
  const text = value.trim();
  for (const [category, pattern] of VALUE_PATTERNS) if (pattern.test(text)) return category;
  return undefined;
}

/** A row belongs to a confidential owner (TX Tax Code §25.025) when one of these columns is truthy. */
export const CONFIDENTIAL_OWNER_COLUMNS = ['confidential_flag', 'owner_confidential'];
/** A row is a confidential sale (TX §22.27) when one of these is truthy. */
export const CONFIDENTIAL_SALE_COLUMNS = ['confidential_sale'];

export function isTruthyFlag(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (typeof value === 'string') return ['T', 'Y', '1', 'TRUE', 'YES'].includes(value.trim().toUpperCase());
  return false;
}

/**
 * The sensitive columns of PACS tables, from the catalog's "sensitive columns" note: the one
 * machine-readable list of them. `classifyColumn` recognises each by its name, except where the
 * name alone says nothing (an income detail's `amount`): those are sensitive only in their table.
 */
export const PACS_SENSITIVE_COLUMNS: Readonly<Record<string, Readonly<Record<string, SensitiveCategory>>>> = {
  property_exemption: {
    prop_exmpt_ss_num: 'ssn',
    prop_exmpt_dl_num: 'licence',
    birth_dt: 'birth_date',
    spouse_birth_dt: 'birth_date',
    combined_disp_income: 'income',
    applicant_nm: 'name',
  },
  account: {
    dl_num: 'licence',
    dl_state: 'licence',
    dl_expir_dt: 'licence',
    first_name: 'name',
    last_name: 'name',
    file_as_name: 'name',
    confidential_file_as_name: 'name',
    confidential_first_name: 'name',
    confidential_last_name: 'name',
    email_addr: 'email',
  },
  owner: { birth_dt: 'birth_date', over_65_date: 'birth_date' },
  property_exemption_income: { comment: 'free_text' },
  property_exemption_income_detail: { amount: 'income' },
  address: { addr_line1: 'address', addr_line2: 'address', addr_line3: 'address' },
  phone: { phone_num: 'phone' },
  sale: { sl_price: 'sale_price' },
  pacs_user: { password_hash: 'credential', tnt_password: 'credential' },
  pacs_system: { penpad_password: 'credential', confidential_file_as_name: 'name', confidential_first_name: 'name', confidential_last_name: 'name' },
};

/** A column of a PACS table as the catalog lists it, else as its name says. */
export function classifyPacsColumn(table: string, column: string): ColumnClass {
  const listed = PACS_SENSITIVE_COLUMNS[table.toLowerCase()]?.[column.toLowerCase()];
  return listed ? { kind: 'sensitive', category: listed } : classifyColumn(column);
}
