import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpCaller, runAudited } from '../audit/audited-call.js';
import type { AuditChannel } from '../audit/audit-log.js';
import type { Engine } from '../engine.js';
import { callTool } from '../tools/call-tool.js';
import type { ToolModule } from '../tools/tool.js';
import { logError } from '../util/log.js';
import { errorMessage, UserError } from '../util/user-error.js';
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
    const { name } = request.params;
    const args = request.params.arguments ?? {};
    const tool = byName.get(name);
    const engine = await engineReady.catch((err: Error) => err);
    const unknownTool = () => new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}". Call tools/list for the tools this server has.`);
    if (engine instanceof Error) {
      if (!tool) throw unknownTool();
      return toolErrorResult(new UserError('unavailable', `PACS MCP could not open its data store: ${engine.message}`));
    }
    const caller = mcpCaller(channel, server.getClientVersion());
    if (!tool) {
      return runAudited(engine, { caller, action: name, args }, async () => {
        throw unknownTool();
      });
    }

    const progressToken = request.params._meta?.progressToken;
    try {
      // Calls beyond the process's limit wait their turn; one cancelled while waiting never runs.
      const output = await toolCallLimiter.run(
        () =>
          callTool(engine, caller, tool, args, {
            signal: extra.signal,
            progress: async (progress, total, message) => {
              if (progressToken === undefined) return;
              await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } }).catch(() => undefined);
            },
          }),
        extra.signal,
      );
      return { content: [{ type: 'text', text: output.text }], structuredContent: output.structured as Record<string, unknown> };
    } catch (err) {
      // A failure that is not a UserError (a driver's SQL error, a bug) is logged too, one line each.
      if (!(err instanceof UserError)) logError(`tool ${name} failed: ${errorMessage(err)}`, process.env.PACS_MCP_DEBUG ? err : undefined);
      return toolErrorResult(err);
    }
  });
}

/**
 * The one place a failed tool call becomes its MCP result: an isError result whose text is the
 * message, which for a UserError says what to do (the audit row already tells a refusal apart).
 */
export function toolErrorResult(err: unknown): CallToolResult {
  return { content: [{ type: 'text', text: errorMessage(err) }], isError: true };
}
