import type { z } from 'zod';
import { runAudited, type Caller } from '../audit/audited-call.js';
import type { Engine } from '../engine.js';
import type { Viewer } from '../masking/model-view.js';
import { jsonSizeUpTo, MAX_ANSWER_CHARS } from '../util/result-bounds.js';
import { isSecretKey } from '../util/redact.js';
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
      refuseUnknownArguments(tool, rawArgs);
      const parsed = tool.input.safeParse(rawArgs);
      if (!parsed.success) throw new UserError('invalid', `Invalid arguments for ${tool.name}: ${describeZodError(parsed.error)}. Fix them and call again.`);
      const client = caller.clientName ? { name: caller.clientName, version: caller.clientVersion ?? '' } : undefined;
      const output = await tool.handler(parsed.data, { engine, signal: options.signal, client, progress: options.progress, viewer: viewerOf(caller) });
      assertAnswerFits(tool.name, output);
      return output;
    },
    (output) => ({ connectionId: output.connectionId, rowCount: output.rowCount }),
  );
}

/** How many unknown argument names an error spells out. */
const MAX_NAMED_UNKNOWN = 10;

/**
 * zod would drop an argument the tool does not take, so a misspelt `maxrows` would silently give
 * the default of `max_rows`: every argument must be one the tool lists. A password-like one is
 * refused with the reason, so the model never believes a secret was taken.
 */
function refuseUnknownArguments(tool: ToolModule<z.ZodObject, z.ZodObject>, rawArgs: Record<string, unknown>): void {
  const accepted = Object.keys(tool.input.shape);
  const unknown = Object.keys(rawArgs).filter((key) => !accepted.includes(key) && rawArgs[key] !== undefined);
  if (!unknown.length) return;
  const secretLike = unknown.filter(isSecretKey);
  if (secretLike.length) {
    throw new UserError(
      'refused',
      `Refused: ${secretLike.join(', ')} looks like a secret, and secrets are never accepted through this chat (they would end up in the conversation). ` +
        'Call again without it; a password is entered only by the user, in the PACS MCP app or with `pacs-mcp connections confirm ID`.',
    );
  }
  const looseName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const meant = [...new Set(unknown.map((key) => accepted.find((a) => looseName(a) === looseName(key))).filter((a): a is string => a !== undefined))];
  const named = unknown.slice(0, MAX_NAMED_UNKNOWN).map((k) => JSON.stringify(k.slice(0, 64)));
  if (unknown.length > MAX_NAMED_UNKNOWN) named.push(`${(unknown.length - MAX_NAMED_UNKNOWN).toLocaleString('en-US')} more`);
  throw new UserError(
    'invalid',
    `Invalid arguments for ${tool.name}: ${named.join(', ')} ${unknown.length === 1 ? 'is not an argument' : 'are not arguments'} of this tool` +
      `${meant.length ? ` (did you mean ${meant.join(', ')}?)` : ''}. It takes: ${accepted.join(', ') || 'no arguments'}. Fix them and call again.`,
  );
}

/** MCP clients pass what a tool returns to the model; the app's screens and the CLI show it to a person. */
export function viewerOf(caller: Caller): Viewer {
  return caller.channel === 'mcp' || caller.channel === 'http' ? 'model' : 'person';
}

/** An answer over MAX_ANSWER_CHARS is refused whole rather than written out. */
function assertAnswerFits(toolName: string, output: ToolOutput<unknown>): void {
  const size = output.text.length + jsonSizeUpTo(output.structured, MAX_ANSWER_CHARS - output.text.length);
  if (size <= MAX_ANSWER_CHARS) return;
  throw new UserError(
    'invalid',
    `The answer of ${toolName} came to more than ${MAX_ANSWER_CHARS / 1024 ** 2} MB, more than one answer may carry, so it was not sent. ` +
      'Ask for less: fewer rows or columns, or lengths or substrings of long text values instead of the values.',
  );
}
