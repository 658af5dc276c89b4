import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/paths.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
const INSPECTOR = path.join(ROOT, 'node_modules/.bin/mcp-inspector');

/** The official MCP Inspector in CLI mode, as `npx @modelcontextprotocol/inspector --cli …` runs it, with every toolset listed. */
function inspect(args: string[]) {
  const r = spawnSync(INSPECTOR, ['--cli', '-e', `PACS_MCP_HOME=${home.dir}`, '-e', 'PACS_MCP_SECRETS=memory', '-e', 'PACS_MCP_DEMO_SIZE=60', '-e', 'PACS_MCP_TOOLSETS=all', process.execPath, CLI, 'serve', ...args], {
    encoding: 'utf8',
    env: serverEnv(home.dir),
    timeout: 90_000,
  });
  if (r.status !== 0) throw new Error(`inspector failed (${r.status}): ${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout);
}

type ToolResult = { content?: { type: string; text?: string }[]; structuredContent?: Record<string, any>; isError?: boolean };

/** tools/call through the Inspector; arguments are given as the Inspector's `--tool-arg name=value` (values in JSON where not plain text). */
function callTool(name: string, args: Record<string, string | number | boolean | object> = {}): ToolResult {
  const flags = Object.entries(args).flatMap(([key, value]) => ['--tool-arg', `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`]);
  return inspect(['--method', 'tools/call', '--tool-name', name, ...flags]);
}

const text = (result: ToolResult) => (result.content ?? []).map((c) => c.text ?? '').join('\n');

/** Calls a tool that must succeed and returns its structuredContent. */
function ok(name: string, args: Record<string, string | number | boolean | object> = {}): Record<string, any> {
  const result = callTool(name, args);
  expect(result.isError, `${name}: ${text(result)}`).toBeFalsy();
  expect(result.structuredContent, name).toBeDefined();
  return result.structuredContent!;
}

const EXEMPTIONS_CSV = 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,HS\n';

describe('MCP Inspector CLI', () => {
  let tools: { name: string; inputSchema: { required?: string[] } }[];
  beforeAll(() => {
    tools = inspect(['--method', 'tools/list']).tools;
  });
  afterAll(home.cleanup);

  it('lists every tool', () => {
    expect(tools.length).toBeGreaterThanOrEqual(9);
  });

  it('calls every tool with valid arguments, and every one answers without an error', () => {
    // What the arguments of some tools refer to: a parcel, a protest, a batch, a snapshot, bronze tables, a job.
    const [parcel] = ok('search_parcels', { limit: 1 }).parcels;
    const [appeal] = ok('list_appeals', { open_only: true, unassigned_only: true, limit: 1 }).appeals;
    const batch = ok('stage_import', { kind: 'exemptions', file_content: EXEMPTIONS_CSV, file_name: 'inspector.csv' });
    const snapshot = ok('export_parcel_snapshot', { name: 'inspector', query: 'SELECT prop_id FROM property ORDER BY prop_id LIMIT 3' });
    ok('upload_file', { file_content: 'prop_id,code\n1, HS \n', file_name: 'inspector_upload.csv', dataset_name: 'inspector_upload' });
    const job = ok('sync_table_to_bronze', { table_name: 'property_val' });

    const validArguments: Record<string, Record<string, string | number | boolean | object>> = {
      list_connections: {},
      test_connection: { connection_id: 'demo' },
      list_source_tables: {},
      describe_table: { table_name: 'property_val', analyze: true },
      query_sql: { sql: 'SELECT hood_cd, COUNT(*) AS n FROM property_val GROUP BY hood_cd', summarize: true },
      suggest_query: { question: 'How many parcels per neighborhood?' },
      search_parcels: { limit: 2 },
      get_parcel: { prop_id: parcel.prop_id },
      get_parcel_timeline: { prop_id: parcel.prop_id },
      list_appeals: { limit: 5 },
      route_appeal: { prop_id: appeal.prop_id, year: appeal.year },
      get_job: { job_id: job.job_id },
      stage_import: { kind: 'exemptions', file_content: EXEMPTIONS_CSV, file_name: 'again.csv', validate: true },
      validate_import: { batch_id: batch.batch_id },
      list_import_batches: {},
      get_import_batch: { batch_id: batch.batch_id },
      export_parcel_snapshot: { name: 'inspector_search', search: { query: String(parcel.geo_id) }, max_parcels: 2 },
      list_snapshots: {},
      diff_snapshots: { base_snapshot_id: snapshot.snapshot_id, target_snapshot_id: snapshot.snapshot_id },
      export_diff_report: { base_snapshot_id: snapshot.snapshot_id, target_snapshot_id: snapshot.snapshot_id, format: 'csv' },
      sync_table_to_bronze: { table_name: 'property' },
      upload_file: { file_content: 'a,b\n1,2\n', file_name: 'second.csv' },
      transform_to_silver: { bronze_table: 'inspector_upload', transformations: { trim: true } },
      connect_source: { kind: 'sqlserver', connection_id: 'inspector_mssql', server: '127.0.0.1', database: 'pacs', user: 'appraiser' },
    };
    for (const tool of tools) {
      expect(validArguments[tool.name], `valid arguments for ${tool.name}`).toBeDefined();
      ok(tool.name, validArguments[tool.name]);
    }
    // One Inspector + server spawn per call, and there are over twenty tools.
  }, 600_000);

  it('a tool called without its required arguments answers with an error that names them', () => {
    for (const tool of tools.filter((t) => (t.inputSchema.required ?? []).length > 0).slice(0, 4)) {
      const result = callTool(tool.name);
      expect(result.isError, tool.name).toBe(true);
      for (const name of tool.inputSchema.required!) expect(text(result), tool.name).toContain(name);
    }
  }, 120_000);
});
