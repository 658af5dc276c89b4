// The cold-start baseline: the MCP SDK's own server over stdio with one trivial tool and no
// engine, bundled the same way as pacs-mcp. The ratio to it is what our startup work costs.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'bare-baseline', version: '1.0.0' });
server.registerTool('echo', { description: 'Echoes its text.', inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
await server.connect(new StdioServerTransport());
process.stdin.on('end', () => process.exit(0));
