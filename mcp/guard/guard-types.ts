export type { SqlDialect } from '../dialects/dialect.js';

export interface GuardVerdict {
  allowed: boolean;
  /** Why the SQL was refused, written for the person who asked, with what to do instead. */
  reason?: string;
  statementCount: number;
}
