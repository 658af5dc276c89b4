import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AuditChannel } from '../audit/audit-log.js';
import type { Engine } from '../engine.js';
import { ToolError, type ToolContext, type ToolModule } from '../tools/tool.js';
import { describeZodError } from '../util/zod-errors.js';
import { logError } from '../util/log.js';
import { toolCallLimiter } from './call-limiter.js';
import { toolListing } from './tool-listing.js';

/**
 * tools/list and tools/call for our tool modules. We dispatch ourselves (rather than through
 * McpServer.registerTool) so that every call is audited, including ones with bad arguments,
 * and argument errors come back as isError results that say what to fix.
 */
export function installToolHandlers(server: Server, tools: ToolModule[], engineReady: Promise<Engine>, channel: AuditChannel): void {
  const byName = new Map(tools.map((t) => [t.name, t]));
  server.registerCapabilities({ tools: { listChanged: false } });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolListing(tools) }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const started = performance.now();
    const { name, arguments: rawArgs } = request.params;
    const client = server.getClientVersion();
    const engine = await engineReady.catch((err: Error) => err);
    const audit = async (outcome: 'ok' | 'error' | 'refused', details: { error?: string; connectionId?: string | null; rowCount?: number | null }) => {
      if (engine instanceof Error) return;
      await engine.audit
        .record({ channel, clientName: client?.name, clientVersion: client?.version, action: name, args: rawArgs ?? {}, outcome, durationMs: performance.now() - started, ...details })
        .catch((err) => logError(`audit write failed for ${name}`, err));
    };

    const tool = byName.get(name);
    if (!tool) {
      await audit('error', { error: 'unknown tool' });
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}". Call tools/list for the tools this server has.`);
    }
    if (engine instanceof Error) return errorResult(`PACS MCP could not open its data store: ${engine.message}`);

    const parsed = tool.input.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const message = `Invalid arguments for ${name}: ${describeZodError(parsed.error)}. Fix them and call again.`;
      await audit('error', { error: message });
      return errorResult(message);
    }

    const progressToken = request.params._meta?.progressToken;
    const ctx: ToolContext = {
      engine,
      signal: extra.signal,
      client,
      progress: async (progress, total, message) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } }).catch(() => undefined);
      },
    };
    try {
      const output = await toolCallLimiter.run(() => tool.handler(parsed.data, ctx), extra.signal);
      await audit('ok', { connectionId: output.connectionId, rowCount: output.rowCount });
      return { content: [{ type: 'text', text: output.text }], structuredContent: output.structured as Record<string, unknown> };
    } catch (err) {
      const known = err instanceof ToolError;
      const message = err instanceof Error ? err.message : String(err);
      // Source errors (timeouts, refused connections, SQL errors) are expected: one line each.
      if (!known) logError(`tool ${name} failed: ${message}`, process.env.PACS_MCP_DEBUG ? err : undefined);
      const connectionId = typeof (rawArgs as Record<string, unknown> | undefined)?.connection_id === 'string' ? String((rawArgs as Record<string, unknown>).connection_id) : null;
      await audit(known ? err.outcome : 'error', { error: message, connectionId });
      return errorResult(message);
    }
  });
}

function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
