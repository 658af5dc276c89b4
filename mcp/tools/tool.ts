import type { z } from 'zod';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { Engine } from '../engine.js';
import type { Viewer } from '../masking/model-view.js';
import type { ToolsetName } from '../toolsets.js';

export interface ToolContext {
  engine: Engine;
  /** Aborted when the client cancels the request (notifications/cancelled) or disconnects. */
  signal: AbortSignal;
  client?: { name: string; version: string };
  /** The model (MCP) or a person (the app's screens, the CLI): what the model sees is masked (masking/model-view.ts). */
  viewer: Viewer;
  /** Sends a progress notification when the client asked for progress. */
  progress(done: number, total?: number, message?: string): Promise<void>;
}

export interface ToolOutput<Structured> {
  structured: Structured;
  /**
   * What the result means, in a sentence or two of the tool's own words, with no value read from a
   * database (those are in `structured`). Over MCP it becomes the `summary_text` of structuredContent
   * and the first line of the text block, which then restates every field of `structured` as
   * fenced data (mcp/server/result-text.ts).
   */
  text: string;
  /** For the audit row. */
  connectionId?: string | null;
  rowCount?: number | null;
}

export interface ToolModule<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  /** Listed only when this set is enabled (`core` always is): see mcp/toolsets.ts. */
  toolset: ToolsetName;
  /** Other sets that list it too: a tool that serves more than one set (get_job follows snapshot and lakehouse jobs). */
  alsoListedWith?: readonly ToolsetName[];
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  /** A problem the caller can fix, or a refusal, is thrown as a UserError (util/user-error.ts). */
  handler(args: z.output<Input>, ctx: ToolContext): Promise<ToolOutput<z.input<Output>>>;
}

/** Identity helper so each tool module gets full type inference from its schemas. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(tool: ToolModule<Input, Output>): ToolModule<Input, Output> {
  return tool;
}

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
/** Reads a database the user configured: open world, because that source is outside this app. */
export const READS_SOURCE: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
