import type { z } from 'zod';
import type { Engine } from '../../mcp/engine.js';
import { callTool } from '../../mcp/tools/call-tool.js';
import type { ToolModule } from '../../mcp/tools/tool.js';
import { UI_CALLER } from './ui-audit.js';

/**
 * Runs an MCP tool for a screen, so the app has exactly the tool's semantics (the SQL console is
 * query_sql, the parcel screen is search_parcels / get_parcel / get_parcel_timeline), through the
 * same audited tool call as MCP, on the `ui` channel.
 */
export async function runToolForUi<I extends z.ZodObject, O extends z.ZodObject>(engine: Engine, tool: ToolModule<I, O>, rawArgs: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<z.input<O>> {
  const output = await callTool(engine, UI_CALLER, tool, rawArgs, { signal: options.signal ?? new AbortController().signal, progress: async () => undefined });
  return output.structured;
}
