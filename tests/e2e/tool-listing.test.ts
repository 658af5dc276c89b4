import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeToolListing, TOOL_LISTING_FILE } from '../../mcp/server/tool-listing.js';
import { TOOLS } from '../../mcp/tools/index.js';
import { ROOT } from '../helpers/paths.js';
import { RawStdioServer } from '../helpers/raw-stdio.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
let raw: RawStdioServer;
beforeAll(async () => {
  raw = new RawStdioServer(serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '20' }));
  await raw.initialize();
});
afterAll(async () => {
  await raw?.close();
  home.cleanup();
});

describe('tools/list of the built server comes from the listing the build wrote', () => {
  it('the build wrote it beside the CLI, for every tool', () => {
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/mcp/cli', TOOL_LISTING_FILE), 'utf8'));
    expect(file.tools.map((t: { name: string }) => t.name)).toEqual(TOOLS.map((t) => t.name));
  });

  it('answers exactly what converting the zod schemas of the source gives', async () => {
    const reply = await raw.request({ id: 'list', method: 'tools/list' });
    expect(reply.result.tools).toEqual(JSON.parse(JSON.stringify(computeToolListing(TOOLS))));
  });
});
