import usageJson from '../../resources/pacs-usage.json' with { type: 'json' };

/**
 * What each PACS operation reads and writes on a PACS database, table by table and column by
 * column: derived from the statements the operations really send (tests/sql/tsql-statements.test.ts
 * records them and fails when this file is not what they use), so it cannot drift from the code.
 * `pacs-mcp doctor` checks a database against it; docs/pacs-compatibility.md is written from it.
 */

export const PACS_USAGE_FILE = 'resources/pacs-usage.json';

/** Where an operation runs: any PACS connection (it only reads), a training one (it writes), a production one (promotion). */
export type OperationRole = 'any' | 'training' | 'production';

export interface OperationUsage {
  /** The MCP tool name, or the CLI / desktop action (`import push`, `import promote`). */
  name: string;
  role: OperationRole;
  /** table → columns it reads. */
  reads: Record<string, string[]>;
  inserts: Record<string, string[]>;
  updates: Record<string, string[]>;
  deletes: string[];
  /** Stored procedures it calls, as `schema.name`. */
  procedures: string[];
}

export interface PacsUsage {
  generated_by: string;
  operations: OperationUsage[];
}

export const PACS_USAGE = usageJson as unknown as PacsUsage;
