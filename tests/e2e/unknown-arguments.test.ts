import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * A misspelt argument is refused, never dropped: through the MCP SDK client over stdio against
 * the built server with every toolset listed, every tool's advertised input schema closes its
 * arguments (additionalProperties: false) and a call with an argument the tool does not list is
 * an error naming it and the arguments the tool takes, before anything runs.
 */
const home = makeTempHome('pacs-unknown-args-');
let session: StdioSession;

beforeAll(async () => {
  session = await connectStdio(serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '30', PACS_MCP_TOOLSETS: 'all' }));
  await session.ok('list_connections');
}, 120_000);
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('unknown tool arguments', () => {
  it('every tool advertises that it takes only the arguments it lists, and refuses any other by name', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.length).toBeGreaterThan(20);
    for (const tool of tools) {
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      const result = await session.call(tool.name, { not_an_argument: 1 });
      expect(result.isError, tool.name).toBe(true);
      // An error has no structuredContent, so Claude Code, like Claude Desktop, reads the text block.
      expect(result.structuredContent, tool.name).toBeUndefined();
      const text = errorText(result);
      expect(text, tool.name).toContain(`Invalid arguments for ${tool.name}: "not_an_argument" is not an argument of this tool`);
      const accepted = Object.keys(tool.inputSchema.properties ?? {});
      expect(text, tool.name).toContain(`It takes: ${accepted.length ? accepted.join(', ') : 'no arguments'}.`);
    }
  });

  it('a misspelt max_rows is refused with the name it likely meant, not answered with the default', async () => {
    const sql = 'SELECT prop_id FROM property ORDER BY prop_id';
    const misspelt = await session.call('query_sql', { sql, maxrows: 3 });
    expect(misspelt.isError).toBe(true);
    expect(misspelt.structuredContent).toBeUndefined();
    expect(errorText(misspelt)).toMatch(/"maxrows" is not an argument of this tool \(did you mean max_rows\?\)\. It takes: connection_id, sql, .*max_rows/);

    const spelt = expectTextCarriesStructured(await session.call('query_sql', { sql, max_rows: 3 })).structured;
    expect(spelt.rows).toHaveLength(3);
  });

  it('names every unknown argument of one call, and nothing is done', async () => {
    const before = await session.ok('list_snapshots', {});
    const result = await session.call('export_parcel_snapshot', { name: 'typo check', prop_ids: [1], Connection_Id: 'demo', force: true });
    expect(result.isError).toBe(true);
    expect(errorText(result)).toMatch(/"Connection_Id", "force" are not arguments of this tool \(did you mean connection_id\?\)/);
    expect(await session.ok('list_snapshots', {})).toEqual(before);
  });
});
