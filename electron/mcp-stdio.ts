import { app } from 'electron';
import { serveStdio } from '../mcp/server/stdio.js';
import { logError } from '../mcp/util/log.js';

/**
 * The installed app started by Claude Desktop (MCP_STDIO_SWITCH): the MCP server over
 * stdin/stdout from the app's own integrity-checked code, so the executable never has to run
 * as plain Node. No window, no Dock icon, no GPU process; the desktop app may be open beside it.
 */
export function startMcpStdio(): void {
  app.dock?.hide();
  app.disableHardwareAcceleration();
  serveStdio().then(
    () => app.exit(0),
    (err) => {
      logError('the PACS MCP server stopped', err);
      app.exit(1);
    },
  );
}
