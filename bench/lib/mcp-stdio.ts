import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { builtCli } from './paths.js';
import { peakRssMb } from './rss.js';

export interface BenchServer {
  client: Client;
  /** The server process (node running the built CLI). */
  pid: number;
  /** The server's peak RSS so far, in MB. */
  peakRssMb(): number;
  /** Calls a tool that must succeed; returns its structuredContent. */
  ok<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built server over stdio with the MCP SDK client, the way Claude Desktop does. */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [builtCli(), 'serve'], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => (stderr += d));
  const client = new Client({ name: 'pacs-bench', version: '1.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('bench: the server process has no pid');
  return {
    client,
    pid,
    peakRssMb: () => peakRssMb(pid) ?? Number.NaN,
    async ok(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 300_000 })) as CallToolResult;
      if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 1_000)}`);
      return result.structuredContent as any;
    },
    stderr: () => stderr,
    close: () => client.close(),
  };
}
