import { z } from 'zod';
import { querySqlInput, querySqlOutput } from '../../../mcp/tools/sql-schemas.js';
import { cellValue, connectionId } from './common.js';

/** A handle the console picks for a run, so it can cancel that run. */
const runId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a run id of 8-64 letters, digits or "-"');

/** query_sql semantics: one read-only statement, a row cap that says when it cut, a timeout. */
export const sqlRun = {
  input: z.object({
    connection_id: connectionId.optional(),
    sql: z.string().trim().min(1, 'Write a SELECT to run.').max(100_000),
    max_rows: querySqlInput.shape.max_rows,
    run_id: runId.optional(),
  }),
  output: querySqlOutput,
};

/** Stops a running query of this console (the database is told to cancel it). */
export const sqlCancel = {
  input: z.object({ run_id: runId }),
  output: z.object({ cancelled: z.boolean() }),
};

/** The tables of a connection and its SQL dialect: the schema tree and name completion. */
export const sqlTables = {
  input: z.object({ connection_id: connectionId.optional() }),
  output: z.object({
    connection_id: z.string(),
    dialect: z.enum(['sqlite', 'postgres', 'tsql', 'duckdb', 'databricks']),
    tables: z.array(z.object({ schema: z.string(), name: z.string(), type: z.enum(['table', 'view']) })),
  }),
};

export const sqlColumns = {
  input: z.object({ connection_id: connectionId.optional(), table: z.string().min(1).max(256) }),
  output: z.object({
    schema: z.string(),
    table_name: z.string(),
    columns: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean(), primary_key: z.boolean() })),
  }),
};

export const SQL_EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** The result on screen as a spreadsheet-safe file. */
export const sqlExport = {
  input: z.object({
    connection_id: z.string().max(64),
    format: z.enum(SQL_EXPORT_FORMATS),
    columns: z.array(z.string().max(1_000)).min(1).max(1_000),
    rows: z.array(z.record(z.string(), cellValue)).max(10_000),
  }),
  output: z.object({ file_name: z.string(), mime: z.string(), content: z.string(), encoding: z.enum(['utf8', 'base64']) }),
};
