import type { Engine } from '../../mcp/engine.js';
import type { ClaudePlanStore } from './claude-plan-store.js';
import type { DiffStore } from './diff-store.js';
import type { McpHostController } from './mcp-host-controller.js';

/** Where the Claude Desktop entry points and where its config is looked for. */
export interface ClaudeSetup {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  /** True in the installed app: the entry runs the app executable with MCP_STDIO_SWITCH. */
  packaged: boolean;
  execPath: string;
  /** Absolute path of dist/mcp/cli/main.js, what the entry runs under Node in development. */
  serverScript: string;
  /** Where the Claude Desktop bundle (.mcpb) for this platform is looked for: the app's resources, or release/mcpb/ in development. */
  bundleDir?: string;
}

/** What every API handler gets: the open engine and the main process's own state. */
export interface ServiceContext {
  engine: Engine;
  mcpHost: McpHostController;
  diffs: DiffStore;
  claudePlans: ClaudePlanStore;
  claude: ClaudeSetup;
  host: 'electron' | 'bridge';
}
