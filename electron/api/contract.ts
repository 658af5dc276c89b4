import type { z } from 'zod';
import { appInfo } from './schemas/app.js';
import { auditExport, auditList, auditVerify } from './schemas/audit.js';
import { claudePlan, claudeWrite, claudeBundle, claudeSaveBundle } from './schemas/claude.js';
import { connectionsConfirm, connectionsKinds, connectionsList, connectionsRemove, connectionsSave, connectionsTest } from './schemas/connections.js';
import { importFoldersGet, importFoldersSet } from './schemas/import-folders.js';
import { jobsGet, jobsList } from './schemas/jobs.js';
import { lakehouseSourceTables, lakehouseSync, lakehouseTables } from './schemas/lakehouse.js';
import { mcpModelValues, mcpRevealToken, mcpSetModelValues, mcpSetRunning, mcpStatus } from './schemas/mcp.js';
import { promotionList, promotionSet } from './schemas/promotion.js';
import { reviewersAdd, reviewersList, reviewersRemove } from './schemas/reviewers.js';
import { parcelsGet, parcelsSearch, parcelsTimeline } from './schemas/parcels.js';
import { snapshotsCreate, snapshotsDiff, snapshotsDiffRows, snapshotsDiffStatus, snapshotsExport, snapshotsList } from './schemas/snapshots.js';
import { sqlCancel, sqlColumns, sqlExport, sqlRun, sqlTables } from './schemas/sql.js';
import {
  stagingGet,
  stagingKinds,
  stagingList,
  stagingPreview,
  stagingPromote,
  stagingPush,
  stagingReject,
  stagingSignoff,
  stagingStart,
  stagingValidate,
} from './schemas/staging.js';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * The one API between the renderer and the main process: every method, its zod input and its
 * zod output. The preload (over IPC) and the loopback test bridge (over HTTP) both implement
 * it; main validates every input and output against it. Imports zod and the engine's zod-only
 * schema modules (a tool's answer is declared once), never engine code.
 */
export const API_CONTRACT = {
  app: { info: appInfo },
  jobs: { get: jobsGet, list: jobsList },
  connections: { kinds: connectionsKinds, list: connectionsList, save: connectionsSave, confirm: connectionsConfirm, remove: connectionsRemove, test: connectionsTest },
  staging: {
    kinds: stagingKinds,
    preview: stagingPreview,
    start: stagingStart,
    list: stagingList,
    get: stagingGet,
    validate: stagingValidate,
    signoff: stagingSignoff,
    push: stagingPush,
    promote: stagingPromote,
    reject: stagingReject,
  },
  snapshots: { list: snapshotsList, create: snapshotsCreate, diff: snapshotsDiff, diffStatus: snapshotsDiffStatus, diffRows: snapshotsDiffRows, export: snapshotsExport },
  parcels: { search: parcelsSearch, get: parcelsGet, timeline: parcelsTimeline },
  mcp: { status: mcpStatus, setRunning: mcpSetRunning, revealToken: mcpRevealToken, modelValues: mcpModelValues, setModelValues: mcpSetModelValues },
  claude: { plan: claudePlan, write: claudeWrite, bundle: claudeBundle, saveBundle: claudeSaveBundle },
  audit: { list: auditList, verify: auditVerify, export: auditExport },
  sql: { run: sqlRun, cancel: sqlCancel, tables: sqlTables, columns: sqlColumns, export: sqlExport },
  lakehouse: { sourceTables: lakehouseSourceTables, sync: lakehouseSync, tables: lakehouseTables },
  promotion: { list: promotionList, set: promotionSet },
  reviewers: { list: reviewersList, add: reviewersAdd, remove: reviewersRemove },
  importFolders: { get: importFoldersGet, set: importFoldersSet },
} as const satisfies Record<string, Record<string, MethodSpec>>;

export type ApiContract = typeof API_CONTRACT;
export type ApiGroup = keyof ApiContract;
export type ApiMethodOf<G extends ApiGroup> = keyof ApiContract[G] & string;

/** "group.method", the name a call travels under (IPC channel argument, HTTP path). */
export type ApiMethodName = { [G in ApiGroup]: `${G}.${ApiMethodOf<G>}` }[ApiGroup];

/** Every method name, in contract order. */
export const API_METHOD_NAMES = Object.entries(API_CONTRACT).flatMap(([group, methods]) =>
  Object.keys(methods).map((method) => `${group}.${method}`),
) as ApiMethodName[];

/** The spec of a method name, or undefined for a name the contract does not have. */
export function methodSpec(name: string): MethodSpec | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const group = name.slice(0, dot);
  const method = name.slice(dot + 1);
  if (!Object.hasOwn(API_CONTRACT, group)) return undefined;
  const methods = API_CONTRACT[group as ApiGroup] as Record<string, MethodSpec>;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}
