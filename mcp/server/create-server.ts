import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuditChannel } from '../audit/audit-log.js';
import type { Engine } from '../engine.js';
import { registerPrompts } from '../prompts/index.js';
import { registerResources } from '../resources/index.js';
import { TOOLS } from '../tools/index.js';
import { VERSION } from '../version.js';
import { installToolHandlers } from './tool-dispatch.js';

const INSTRUCTIONS = `PACS MCP gives read access to a county's PACS property-appraisal data (parcels, value history, exemptions, appeals) and to staging, snapshot and lakehouse workflows.
- Domain tools default to the default training connection; list_connections shows all. Production connections are read-only, always.
- query_sql runs one read-only SELECT; results are capped by max_rows and say truncated: true when cut.
- Lakehouse loads (sync_table_to_bronze, upload_file, transform_to_silver) run as jobs: poll get_job with the job_id until succeeded or failed.
- analyze_schema, suggest_query and explain_data return evidence (roles, rates, joins, PACS meanings) to reason from.
- Passwords are never passed through this chat: users enter them in the PACS MCP app or the CLI.`;

/**
 * One MCP server over the shared engine. The engine may still be opening (a first run builds
 * the demo database): initialize and tools/list answer at once, tool calls wait for it.
 */
export function createMcpServer(engineReady: Promise<Engine>, channel: AuditChannel = 'mcp'): McpServer {
  const server = new McpServer(
    { name: 'pacs-mcp', title: 'PACS MCP Desktop', version: VERSION },
    { capabilities: { tools: { listChanged: false }, resources: {}, prompts: {}, logging: {} }, instructions: INSTRUCTIONS },
  );
  installToolHandlers(server.server, TOOLS, engineReady, channel);
  registerResources(server, engineReady, channel);
  registerPrompts(server, engineReady, channel);
  return server;
}
