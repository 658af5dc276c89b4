import { clearValueConnections, setModelValues } from '../../mcp/masking/model-values.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { uiAction } from './ui-audit.js';

const RECENT_CALLS = 50;

async function recentToolCalls(ctx: ServiceContext) {
  // Tool calls arrive over this app's HTTP host (channel http) and Claude Desktop's stdio servers (mcp).
  return ctx.engine.store.all<{
    seq: number;
    at: string;
    channel: string;
    client_name: string | null;
    action: string;
    connection_id: string | null;
    outcome: string;
    error: string | null;
    row_count: number | null;
    duration_ms: number;
  }>(
    `SELECT seq, at, channel, client_name, action, connection_id, outcome, error, row_count, duration_ms
       FROM audit_log WHERE channel IN ('http', 'mcp') ORDER BY seq DESC LIMIT ${RECENT_CALLS}`,
  );
}

async function modelValues(ctx: ServiceContext) {
  const clear = await clearValueConnections(ctx.engine.store);
  const connections = (await ctx.engine.connections.list()).map((c) => ({ id: c.id, kind: c.kind, role: c.role, model_values: clear.has(c.id) ? ('clear' as const) : ('masked' as const) }));
  return { connections };
}

async function status(ctx: ServiceContext) {
  return { ...ctx.mcpHost.status(), recent_calls: await recentToolCalls(ctx) };
}

export const mcpService: ApiHandlers<ServiceContext>['mcp'] = {
  status: (_input, ctx) => status(ctx),

  async setRunning(input, ctx) {
    await uiAction(ctx.engine, { action: input.running ? 'mcp.start' : 'mcp.stop', args: {} }, () => (input.running ? ctx.mcpHost.start() : ctx.mcpHost.stop()));
    return status(ctx);
  },

  modelValues: (_input, ctx) => modelValues(ctx),

  async setModelValues(input, ctx) {
    const record = await ctx.engine.connections.get(input.connection_id);
    await uiAction(ctx.engine, { action: 'mcp.model_values', args: { id: record.id, model_values: input.model_values }, connectionId: record.id }, () =>
      setModelValues(ctx.engine.store, record.id, input.model_values),
    );
    return modelValues(ctx);
  },

  async revealToken(_input, ctx) {
    const token = await uiAction(ctx.engine, { action: 'mcp.reveal_token', args: {} }, () => ctx.mcpHost.token());
    return { token };
  },
};
