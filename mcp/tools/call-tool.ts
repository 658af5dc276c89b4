import type { z } from 'zod';
import { runAudited, type Caller } from '../audit/audited-call.js';
import type { Engine } from '../engine.js';
import type { Viewer } from '../masking/model-view.js';
import { UserError } from '../util/user-error.js';
import { describeZodError } from '../util/zod-errors.js';
import type { ToolContext, ToolModule, ToolOutput } from './tool.js';

export interface ToolCallOptions {
  signal: AbortSignal;
  progress: ToolContext['progress'];
}

/**
 * One tool call from any surface (MCP over stdio or HTTP, a desktop screen): the arguments are
 * checked against the tool's schema, the handler runs, and the call is audited, bad arguments
 * included. Failures are thrown for the surface to report.
 */
export function callTool<I extends z.ZodObject, O extends z.ZodObject>(
  engine: Engine,
  caller: Caller,
  tool: ToolModule<I, O>,
  rawArgs: Record<string, unknown>,
  options: ToolCallOptions,
): Promise<ToolOutput<z.input<O>>> {
  const named = typeof rawArgs.connection_id === 'string' ? rawArgs.connection_id : null;
  return runAudited(
    engine,
    { caller, action: tool.name, args: rawArgs, connectionId: named },
    async () => {
      const parsed = tool.input.safeParse(rawArgs);
      if (!parsed.success) throw new UserError('invalid', `Invalid arguments for ${tool.name}: ${describeZodError(parsed.error)}. Fix them and call again.`);
      const client = caller.clientName ? { name: caller.clientName, version: caller.clientVersion ?? '' } : undefined;
      return tool.handler(parsed.data, { engine, signal: options.signal, client, progress: options.progress, viewer: viewerOf(caller) });
    },
    (output) => ({ connectionId: output.connectionId, rowCount: output.rowCount }),
  );
}

/** MCP clients pass what a tool returns to the model; the app's screens and the CLI show it to a person. */
export function viewerOf(caller: Caller): Viewer {
  return caller.channel === 'mcp' || caller.channel === 'http' ? 'model' : 'person';
}
