import type { z } from 'zod';
import type { Engine } from '../../mcp/engine.js';
import { ToolError, type ToolModule } from '../../mcp/tools/tool.js';
import { describeZodError } from '../../mcp/util/zod-errors.js';
import { ApiError } from '../api/dispatch.js';
import { UI_CLIENT } from './ui-audit.js';

/**
 * Runs an MCP tool's handler for a screen, so the app has exactly the tool's semantics (the SQL
 * console is query_sql, the parcel screen is search_parcels / get_parcel / get_parcel_timeline),
 * audited on the `ui` channel with the same outcomes the MCP dispatcher records.
 */
export async function runToolForUi<I extends z.ZodObject, O extends z.ZodObject>(engine: Engine, tool: ToolModule<I, O>, rawArgs: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<z.input<O>> {
  const started = performance.now();
  const audit = (outcome: 'ok' | 'error' | 'refused', details: { error?: string; connectionId?: string | null; rowCount?: number | null }) =>
    engine.audit.record({ channel: 'ui', ...UI_CLIENT, action: tool.name, args: rawArgs, outcome, durationMs: performance.now() - started, ...details });

  const parsed = tool.input.safeParse(rawArgs);
  if (!parsed.success) {
    const message = `Invalid input: ${describeZodError(parsed.error)}.`;
    await audit('error', { error: message });
    throw new ApiError('invalid_input', message);
  }
  const signal = options.signal ?? new AbortController().signal;
  try {
    const output = await tool.handler(parsed.data, { engine, signal, client: { name: UI_CLIENT.clientName, version: UI_CLIENT.clientVersion }, progress: async () => undefined });
    await audit('ok', { connectionId: output.connectionId, rowCount: output.rowCount });
    return output.structured;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const connectionId = typeof rawArgs.connection_id === 'string' ? rawArgs.connection_id : null;
    if (err instanceof ToolError) {
      await audit(err.outcome, { error: message, connectionId });
      throw new ApiError(err.outcome === 'refused' ? 'forbidden' : 'failed', message);
    }
    await audit('error', { error: message, connectionId });
    throw err;
  }
}
