import { z } from 'zod';
import { querySqlInput, querySqlOutput } from '../../../mcp/tools/sql-schemas.js';
import { connectionId } from './common.js';

/** query_sql semantics: one read-only statement, a row cap that says when it cut, a timeout. */
export const sqlRun = {
  input: z.object({
    connection_id: connectionId.optional(),
    sql: z.string().trim().min(1, 'Write a SELECT to run.').max(100_000),
    max_rows: querySqlInput.shape.max_rows,
  }),
  output: querySqlOutput,
};
