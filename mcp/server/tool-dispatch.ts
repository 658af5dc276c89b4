import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpCaller, runAudited } from '../audit/audited-call.js';
import type { AuditChannel } from '../audit/audit-log.js';
import type { Engine } from '../engine.js';
import { callTool } from '../tools/call-tool.js';
import type { ToolModule } from '../tools/tool.js';
import { TOOLSETS_ENV } from '../toolsets.js';
import { logError } from '../util/log.js';
import { errorMessage, UserError } from '../util/user-error.js';
import { CancelledWhileWaitingError, toolCallLimiter } from './call-limiter.js';
import { resultText } from './result-text.js';
import { SUMMARY_FIELD, toolListing } from './tool-listing.js';

/**
 * tools/list and tools/call for our tool modules. We dispatch ourselves (rather than through
 * McpServer.registerTool) so that every call is audited, including ones with bad arguments,
 * and argument errors come back as isError results that say what to fix. `listed` are the tools
 * of the enabled toolsets; `known` every tool, so a call to one of another set says how to enable it.
 */
export function installToolHandlers(server: Server, listed: ToolModule[], engineReady: Promise<Engine>, channel: AuditChannel, known: readonly ToolModule[] = listed): void {
  const byName = new Map(listed.map((t) => [t.name, t]));
  server.registerCapabilities({ tools: { listChanged: false } });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolListing(listed) }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name } = request.params;
    const args = request.params.arguments ?? {};
    const tool = byName.get(name);
    const engine = await engineReady.catch((err: Error) => err);
    const unknownTool = () => {
      const elsewhere = known.find((t) => t.name === name);
      if (elsewhere) {
        return new McpError(
          ErrorCode.InvalidParams,
          `Tool "${name}" is in the "${elsewhere.toolset}" toolset, which this server does not list. The user adds it with ${TOOLSETS_ENV}=${elsewhere.toolset} (or all) in the server's environment, e.g. \`pacs-mcp claude-config --toolsets ${elsewhere.toolset} --write\`.`,
        );
      }
      return new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}". Call tools/list for the tools this server has.`);
    };
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
      const structured = output.structured as Record<string, unknown>;
      return { content: [{ type: 'text', text: resultText(output.text, structured) }], structuredContent: { [SUMMARY_FIELD]: output.text, ...structured } };
    } catch (err) {
      // A call that never got a slot is audited here, since callTool (which audits) never ran.
      if (err instanceof CancelledWhileWaitingError) {
        return runAudited(engine, { caller, action: name, args }, async () => {
          throw err;
        }).catch(toolErrorResult);
      }
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
