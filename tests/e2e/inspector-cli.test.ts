import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/paths.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
const INSPECTOR = path.join(ROOT, 'node_modules/.bin/mcp-inspector');

/** The official MCP Inspector in CLI mode, as `npx @modelcontextprotocol/inspector --cli …` runs it. */
function inspect(args: string[]) {
  const r = spawnSync(INSPECTOR, ['--cli', '-e', `PACS_MCP_HOME=${home.dir}`, '-e', 'PACS_MCP_SECRETS=memory', '-e', 'PACS_MCP_DEMO_SIZE=60', process.execPath, CLI, 'serve', ...args], {
    encoding: 'utf8',
    env: serverEnv(home.dir),
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`inspector failed (${r.status}): ${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout);
}

const callArgs: Record<string, string[]> = {
  test_connection: ['--tool-arg', 'connection_id=demo'],
  describe_table: ['--tool-arg', 'table_name=property'],
  query_sql: ['--tool-arg', 'sql=SELECT COUNT(*) AS n FROM property'],
  get_parcel: ['--tool-arg', 'prop_id=1'],
  get_parcel_timeline: ['--tool-arg', 'prop_id=1'],
  // It needs a file (file_path, or file_content with file_name): one of two, so neither is "required".
  stage_import: ['--tool-arg', 'file_content=prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,HS', '--tool-arg', 'file_name=upload.csv'],
  // Either file_content + file_name or file_path: neither is "required" on its own.
  upload_file: ['--tool-arg', 'file_content=prop_id,exmpt_type_cd\n1,HS\n', '--tool-arg', 'file_name=inspector.csv'],
};

describe('MCP Inspector CLI', () => {
  let tools: { name: string; inputSchema: { required?: string[] } }[];
  beforeAll(() => {
    tools = inspect(['--method', 'tools/list']).tools;
  });
  afterAll(home.cleanup);

  it('lists every tool', () => {
    expect(tools.length).toBeGreaterThanOrEqual(9);
  });

  it('calls every tool', async () => {
    const [{ prop_id }] = inspect(['--method', 'tools/call', '--tool-name', 'search_parcels', '--tool-arg', 'limit=1']).structuredContent.parcels;
    for (const tool of tools) {
      const args = (callArgs[tool.name] ?? []).map((a) => a.replace('prop_id=1', `prop_id=${prop_id}`));
      const result = inspect(['--method', 'tools/call', '--tool-name', tool.name, ...args]);
      expect(result.content?.length, tool.name).toBeGreaterThan(0);
      // Tools whose required arguments we did not supply still answer, with an isError that names them.
      if (!result.isError) expect(result.structuredContent, tool.name).toBeDefined();
      else expect((tool.inputSchema.required ?? []).length, `${tool.name}: ${JSON.stringify(result.content)}`).toBeGreaterThan(0);
    }
    // One inspector + server spawn per tool, and there are over twenty tools.
  }, 300_000);
});
