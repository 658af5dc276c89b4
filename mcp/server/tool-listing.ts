import fs from 'node:fs';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolModule } from '../tools/tool.js';
import { VERSION } from '../version.js';

/** Written next to the built CLI by scripts/build.mjs: tools/list without converting schemas at start-up. */
export const TOOL_LISTING_FILE = 'tool-listing.json';

export interface ToolListingFile {
  version: string;
  /** Every tool, whatever toolsets a server lists; a server picks its own from these. */
  tools: Tool[];
}

/** Over MCP every structured result starts with the tool's sentence about it (tool-dispatch.ts). */
export const SUMMARY_FIELD = 'summary_text';
const summaryField = { [SUMMARY_FIELD]: z.string().describe('What the result means, in words (the first line of the text block).') };

const SAFE_INTEGER_BOUNDS = [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

/**
 * Drops what costs listing characters and tells a reader nothing: the ±2^53 bounds zod writes on
 * every integer, and (in output schemas, which clients only validate against) `additionalProperties: false`;
 * input schemas keep it at the top, where it tells the model an unknown argument is refused.
 */
function compact(node: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(node)) return node.map((n) => compact(n, io));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'minimum' || key === 'maximum') && SAFE_INTEGER_BOUNDS.includes(value as number)) continue;
    if (io === 'output' && key === 'additionalProperties' && value === false) continue;
    out[key] = compact(value, io);
  }
  return out;
}

function toJsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return { type: 'object', ...(compact(json, io) as Record<string, unknown>) } as Tool['inputSchema'];
}

/** The tools/list answer computed from the zod schemas (tens of milliseconds for the whole set). */
export function computeToolListing(tools: readonly ToolModule[]): Tool[] {
  return tools.map((t) => {
    if (SUMMARY_FIELD in t.output.shape) throw new Error(`${t.name}'s output may not have a field named ${SUMMARY_FIELD}: every MCP result gets one.`);
    return {
    name: t.name,
    title: t.title,
    description: t.description,
    // callTool refuses arguments a tool does not list; the schema says so (additionalProperties: false).
    inputSchema: toJsonSchema(t.input.strict(), 'input'),
    outputSchema: toJsonSchema(z.object(summaryField).extend(t.output.shape), 'output'),
    annotations: { title: t.title, ...t.annotations },
    };
  });
}

/** The build's listing of these tools (a subset of the file, in this order), if it is beside this code. */
function prebuiltToolListing(tools: readonly ToolModule[]): Tool[] | undefined {
  for (const candidate of [new URL(`./${TOOL_LISTING_FILE}`, import.meta.url), new URL(`../${TOOL_LISTING_FILE}`, import.meta.url)]) {
    let parsed: ToolListingFile;
    try {
      parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as ToolListingFile;
    } catch {
      continue;
    }
    if (parsed.version !== VERSION) continue;
    const byName = new Map(parsed.tools.map((t) => [t.name, t]));
    const listing = tools.map((t) => byName.get(t.name));
    if (listing.every((t): t is Tool => t !== undefined)) return listing;
  }
  return undefined;
}

const listings = new WeakMap<readonly ToolModule[], Tool[]>();

/**
 * tools/list for a set of tool modules, once per process (every HTTP session shares it). The
 * built server reads the listing the build computed; elsewhere it is computed on first use.
 */
export function toolListing(tools: readonly ToolModule[]): Tool[] {
  let listing = listings.get(tools);
  if (!listing) {
    listing = prebuiltToolListing(tools) ?? computeToolListing(tools);
    listings.set(tools, listing);
  }
  return listing;
}
