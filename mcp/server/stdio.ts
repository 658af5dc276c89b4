import { Engine } from '../engine.js';
import { toolsetChoiceFromEnv } from '../tools/index.js';
import { unknownToolsetsWarning } from '../toolsets.js';
import { logError, logInfo } from '../util/log.js';
import { createMcpServer } from './create-server.js';
import { StdioLineTransport } from './stdio-transport.js';

/** MCP over stdio, as Claude Desktop launches it. Returns when the client closes the pipe. */
export async function serveStdio(): Promise<void> {
  const engineReady = Engine.open({ channel: 'mcp' });
  engineReady.catch((err) => logError('could not open the PACS MCP data store', err));
  const toolsets = toolsetChoiceFromEnv();
  const warning = unknownToolsetsWarning(toolsets);
  if (warning) logInfo(warning);
  const server = createMcpServer(engineReady, 'mcp', toolsets);
  const transport = new StdioLineTransport();
  await server.connect(transport);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await closed;
  await server.close().catch(() => undefined);
  await engineReady.then((e) => e.close()).catch(() => undefined);
}
