import fs from 'node:fs';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ToolModule } from '../tools/tool.js';
import { VERSION } from '../version.js';

/** Written next to the built CLI by scripts/build.mjs: tools/list without converting schemas at start-up. */
export const TOOL_LISTING_FILE = 'tool-listing.json';

export interface ToolListingFile {
  version: string;
  tools: Tool[];
}

function toJsonSchema(schema: z.ZodObject, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return { type: 'object', ...json } as Tool['inputSchema'];
}

/** The tools/list answer computed from the zod schemas (tens of milliseconds for the whole set). */
export function computeToolListing(tools: readonly ToolModule[]): Tool[] {
  return tools.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: toJsonSchema(t.input, 'input'),
    outputSchema: toJsonSchema(t.output, 'output'),
    annotations: { title: t.title, ...t.annotations },
  }));
}

/** The listing the build wrote for exactly these tools, if it is beside this code. */
function prebuiltToolListing(tools: readonly ToolModule[]): Tool[] | undefined {
  for (const candidate of [new URL(`./${TOOL_LISTING_FILE}`, import.meta.url), new URL(`../${TOOL_LISTING_FILE}`, import.meta.url)]) {
    let parsed: ToolListingFile;
    try {
      parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as ToolListingFile;
    } catch {
      continue;
    }
    const matches = parsed.version === VERSION && parsed.tools.length === tools.length && parsed.tools.every((t, i) => t.name === tools[i].name);
    if (matches) return parsed.tools;
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
