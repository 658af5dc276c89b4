import type { ToolModule } from './tool.js';
import { parseToolsets, TOOLSETS_ENV, type ToolsetChoice } from '../toolsets.js';
import { connectSourceTool } from './connect-source.js';
import { describeTableTool } from './describe-table.js';
import { diffSnapshotsTool } from './diff-snapshots.js';
import { exportDiffReportTool } from './export-diff-report.js';
import { exportParcelSnapshotTool } from './export-parcel-snapshot.js';
import { getJobTool } from './get-job.js';
import { getParcelTimelineTool } from './get-parcel-timeline.js';
import { getImportBatchTool } from './get-import-batch.js';
import { getParcelTool } from './get-parcel.js';
import { listAppealsTool } from './list-appeals.js';
import { listConnectionsTool } from './list-connections.js';
import { listImportBatchesTool } from './list-import-batches.js';
import { listSnapshotsTool } from './list-snapshots.js';
import { listSourceTablesTool } from './list-source-tables.js';
import { querySqlTool } from './query-sql.js';
import { routeAppealTool } from './route-appeal.js';
import { searchParcelsTool } from './search-parcels.js';
import { stageImportTool } from './stage-import.js';
import { testConnectionTool } from './test-connection.js';
import { validateImportTool } from './validate-import.js';
import { suggestQueryTool } from './suggest-query.js';
import { syncTableToBronzeTool } from './sync-table-to-bronze.js';
import { transformToSilverTool } from './transform-to-silver.js';
import { uploadFileTool } from './upload-file.js';

/** Every MCP tool, in the order tools/list shows them; each names its toolset. Add a new tool module here. */
export const TOOLS: ToolModule[] = [
  // core: sources and read-only SQL, with the evidence to write it
  listConnectionsTool,
  testConnectionTool,
  listSourceTablesTool,
  describeTableTool,
  querySqlTool,
  suggestQueryTool,
  // core: PACS
  searchParcelsTool,
  getParcelTool,
  getParcelTimelineTool,
  listAppealsTool,
  routeAppealTool,
  // imports
  stageImportTool,
  validateImportTool,
  listImportBatchesTool,
  getImportBatchTool,
  // snapshots
  exportParcelSnapshotTool,
  listSnapshotsTool,
  diffSnapshotsTool,
  exportDiffReportTool,
  // lakehouse
  syncTableToBronzeTool,
  getJobTool,
  uploadFileTool,
  transformToSilverTool,
  // admin
  connectSourceTool,
] as unknown as ToolModule[];

const selections = new Map<string, ToolModule[]>();

/** The tools of the chosen toolsets, in TOOLS order; the same array for the same choice (tools/list caches by it). */
export function toolsOf(choice: ToolsetChoice): ToolModule[] {
  const key = choice.sets.join(',');
  let tools = selections.get(key);
  if (!tools) {
    tools = TOOLS.filter((t) => choice.sets.includes(t.toolset) || (t.alsoListedWith ?? []).some((set) => choice.sets.includes(set)));
    selections.set(key, tools);
  }
  return tools;
}

/** What `PACS_MCP_TOOLSETS` in this environment lists. */
export function toolsetChoiceFromEnv(env: NodeJS.ProcessEnv = process.env): ToolsetChoice {
  return parseToolsets(env[TOOLSETS_ENV]);
}
