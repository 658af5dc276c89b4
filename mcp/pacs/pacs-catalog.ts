import catalogJson from '../../resources/pacs-catalog/catalog.json' with { type: 'json' };

/**
 * The real PACS schema as one county's database has it (resources/pacs-catalog: tables, SQL
 * Server types, keys, foreign keys, checks in words, indexes and notes on how PACS uses them).
 * The demo database is built from it, and where anything else disagrees with it, it wins.
 */

export interface CatalogColumn {
  name: string;
  /** SQL Server type as declared, lower case: `numeric(14,0)`, `varchar(10)`, `char(1)`, `datetime` … */
  type?: string;
  null?: boolean;
  default?: string | number;
  /** `seed,increment` of an IDENTITY column. */
  identity?: string;
  /** A computed column, described in words (it has no declared type). */
  computed?: string;
}

export interface CatalogForeignKey {
  columns: string[];
  references: { table: string; columns: string[] };
  target_in_catalog: boolean;
}

export interface CatalogTable {
  source: string;
  added?: string;
  columns: CatalogColumn[];
  primary_key?: { columns: string[]; clustered: boolean };
  unique?: { columns: string[]; clustered: boolean }[];
  foreign_keys?: CatalogForeignKey[];
  checks?: { columns: string[]; rule: string }[];
  indexes?: { columns: string[]; unique: boolean; clustered: boolean; include?: string[] }[];
}

export interface CatalogNote {
  topic: string;
  note: string;
  sources: string[];
}

export interface PacsCatalog {
  source: { repository: string; commit: string; folder: string };
  tables: Record<string, CatalogTable>;
  semantics: CatalogNote[];
}

export const PACS_CATALOG = catalogJson as unknown as PacsCatalog;

export function catalogTable(name: string): CatalogTable {
  const table = PACS_CATALOG.tables[name];
  if (!table) throw new Error(`The PACS catalog has no table ${name}.`);
  return table;
}
