import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI } from './paths.js';

export interface StdioSession {
  client: Client;
  /** The server process id (to kill it in crash tests). */
  pid: number | null;
  stderr: () => string;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Calls a tool that must succeed and returns its structuredContent. */
  ok<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** How to start the server: by default Node on the built CLI. */
export interface StdioLaunch {
  command: string;
  args: string[];
  cwd?: string;
}

/** Spawns the built server over stdio and connects the SDK client, the way Claude Desktop does. */
export async function connectStdio(env: Record<string, string>, clientName = 'pacs-test-client', launch: StdioLaunch = { command: process.execPath, args: [CLI, 'serve'] }): Promise<StdioSession> {
  const transport = new StdioClientTransport({ ...launch, env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d) => (stderr += d));
  const client = new Client({ name: clientName, version: '1.2.3' });
  await client.connect(transport);
  const call = (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 }) as Promise<CallToolResult>;
  return {
    client,
    pid: transport.pid,
    stderr: () => stderr,
    call,
    async ok(name, args) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
      return result.structuredContent as any;
    },
    close: () => client.close(),
  };
}

export function errorText(result: CallToolResult): string {
  return (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
}
