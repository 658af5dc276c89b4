// What listing the tools costs every conversation: the size of the tools/list answer the built
// server gives, with the default toolsets and with every toolset.
import { makeBenchHome } from '../lib/bench-home.js';
import { startBenchServer } from '../lib/mcp-stdio.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

/** A rough token count for JSON text: about four characters per token. */
const CHARS_PER_TOKEN = 4;

export async function run(_options: BenchOptions): Promise<BenchResult[]> {
  const home = await makeBenchHome({ demoSize: 20 });
  try {
    const results: BenchResult[] = [];
    for (const [label, setting] of [
      ['default toolsets (core)', undefined],
      ['PACS_MCP_TOOLSETS=all', 'all'],
    ] as const) {
      const env = { ...home.env };
      delete env.PACS_MCP_TOOLSETS;
      if (setting) env.PACS_MCP_TOOLSETS = setting;
      const server = await startBenchServer(env);
      try {
        const listing = await server.client.listTools();
        const chars = JSON.stringify({ tools: listing.tools }).length;
        const note = `${listing.tools.length} tools: ${listing.tools.map((t) => t.name).join(', ')}.`;
        results.push(
          { name: `tools/list size, ${label}`, unit: 'chars', value: chars, ...(setting ? {} : { target: '< 40,000 chars' }), note },
          { name: `tools/list size, ${label}, estimated tokens`, unit: 'tokens', value: Math.round(chars / CHARS_PER_TOKEN), note: `characters ÷ ${CHARS_PER_TOKEN}; the exact count depends on the model's tokenizer.` },
        );
      } finally {
        await server.close();
      }
    }
    return results;
  } finally {
    home.cleanup();
  }
}
