import { z } from 'zod';
import { MODEL_VALUES } from '../../../mcp/masking/model-value-names.js';
import { noInput } from './common.js';

export const toolCallView = z.object({
  seq: z.number().int(),
  at: z.string(),
  channel: z.string(),
  client_name: z.string().nullable(),
  action: z.string(),
  connection_id: z.string().nullable(),
  outcome: z.string(),
  error: z.string().nullable(),
  row_count: z.number().nullable(),
  duration_ms: z.number(),
});

export const mcpStatusView = z.object({
  running: z.boolean(),
  url: z.string().nullable(),
  port: z.number().int().nullable(),
  started_at: z.string().nullable(),
  /** Why it is not running, when it failed to start. */
  error: z.string().nullable(),
  clients: z.array(z.object({ session_id: z.string(), client: z.string().nullable() })),
  /** Tool calls from the audit log: this app's HTTP host and Claude Desktop's stdio servers. */
  recent_calls: z.array(toolCallView),
});

export const mcpStatus = { input: noInput, output: mcpStatusView };

export const mcpSetRunning = { input: z.object({ running: z.boolean() }), output: mcpStatusView };

/** The bearer token other local MCP clients need; shown only on request, and audited. */
export const mcpRevealToken = { input: noInput, output: z.object({ token: z.string() }) };

/** What Claude sees of each connection's sensitive values: masked (pseudonyms, the default) or clear. */
const modelValuesView = z.object({ connections: z.array(z.object({ id: z.string(), kind: z.string(), role: z.string(), model_values: z.enum(MODEL_VALUES) })) });

export const mcpModelValues = { input: noInput, output: modelValuesView };

/** A person's choice, audited; no MCP tool can make it. */
export const mcpSetModelValues = { input: z.object({ connection_id: z.string().min(1).max(64), model_values: z.enum(MODEL_VALUES) }).strict(), output: modelValuesView };
