import type { ToolModule } from './tool.js';
import { analyzeSchemaTool } from './analyze-schema.js';
import { connectPostgresTool } from './connect-postgres.js';
import { connectSqlServerTool } from './connect-sqlserver.js';
import { describeTableTool } from './describe-table.js';
import { diffSnapshotsTool } from './diff-snapshots.js';
import { explainDataTool } from './explain-data.js';
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
import { listTablesTool } from './list-tables.js';
import { querySqlTool } from './query-sql.js';
import { routeAppealTool } from './route-appeal.js';
import { searchParcelsTool } from './search-parcels.js';
import { stageImportTool } from './stage-import.js';
import { testConnectionTool } from './test-connection.js';
import { validateExemptionUploadTool } from './validate-exemption-upload.js';
import { validateImportTool } from './validate-import.js';
import { suggestQueryTool } from './suggest-query.js';
import { syncTableToBronzeTool } from './sync-table-to-bronze.js';
import { transformToSilverTool } from './transform-to-silver.js';
import { uploadFileTool } from './upload-file.js';

/** Every MCP tool, in the order tools/list shows them. Add a new tool module here. */
export const TOOLS: ToolModule[] = [
  // Sources
  listConnectionsTool,
  testConnectionTool,
  listSourceTablesTool,
  describeTableTool,
  querySqlTool,
  connectPostgresTool,
  connectSqlServerTool,
  // PACS
  searchParcelsTool,
  getParcelTool,
  getParcelTimelineTool,
  listAppealsTool,
  routeAppealTool,
  // Imports
  validateExemptionUploadTool,
  stageImportTool,
  validateImportTool,
  listImportBatchesTool,
  getImportBatchTool,
  // Snapshots
  exportParcelSnapshotTool,
  listSnapshotsTool,
  diffSnapshotsTool,
  exportDiffReportTool,
  // Lakehouse
  syncTableToBronzeTool,
  getJobTool,
  listTablesTool,
  uploadFileTool,
  transformToSilverTool,
  // Analysis (evidence for the host model: Claude Desktop has no sampling)
  analyzeSchemaTool,
  suggestQueryTool,
  explainDataTool,
] as unknown as ToolModule[];
