import type { Engine } from '../../mcp/engine.js';
import { logError } from '../../mcp/util/log.js';
import { dispatchApiCall } from '../api/dispatch.js';
import type { ApiEnvelope, ApiHandlers } from '../api/types.js';
import { appService } from './app-service.js';
import { auditService } from './audit-service.js';
import { ClaudePlanStore } from './claude-plan-store.js';
import { claudeService } from './claude-service.js';
import { connectionsService } from './connections-service.js';
import type { ClaudeSetup, ServiceContext } from './context.js';
import { DiffStore } from './diff-store.js';
import { importFoldersService } from './import-folders-service.js';
import { jobsService } from './jobs-service.js';
import { lakehouseService } from './lakehouse-service.js';
import { McpHostController } from './mcp-host-controller.js';
import { mcpService } from './mcp-service.js';
import { parcelsService } from './parcels-service.js';
import { promotionService } from './promotion-service.js';
import { reviewersService } from './reviewers-service.js';
import { snapshotsService } from './snapshots-service.js';
import { sqlService } from './sql-service.js';
import { stagingService } from './staging-service.js';

/** The implementation of every API method; the compiler checks it against the contract. */
export const API_HANDLERS = {
  app: appService,
  jobs: jobsService,
  connections: connectionsService,
  staging: stagingService,
  snapshots: snapshotsService,
  parcels: parcelsService,
  mcp: mcpService,
  claude: claudeService,
  audit: auditService,
  sql: sqlService,
  lakehouse: lakehouseService,
  promotion: promotionService,
  reviewers: reviewersService,
  importFolders: importFoldersService,
} satisfies ApiHandlers<ServiceContext>;

export interface AppServicesOptions {
  engine: Promise<Engine>;
  claude: ClaudeSetup;
  host: 'electron' | 'bridge';
  /** Start the local MCP HTTP host (default true). */
  startMcpHost?: boolean;
  /** Fixed port for the MCP host (tests); by default the remembered one. */
  mcpPort?: number;
}

/**
 * The main process side of the API, free of Electron so the loopback test bridge can run it too.
 * Calls wait for the engine (a first run builds the demo database) and are validated both ways.
 */
export class AppServices {
  readonly ready: Promise<ServiceContext>;

  constructor(private readonly options: AppServicesOptions) {
    this.ready = options.engine.then(async (engine) => {
      const ctx: ServiceContext = {
        engine,
        mcpHost: new McpHostController(engine, { port: options.mcpPort }),
        diffs: new DiffStore(),
        claudePlans: new ClaudePlanStore(),
        claude: options.claude,
        host: options.host,
      };
      if (options.startMcpHost ?? true) await ctx.mcpHost.start();
      return ctx;
    });
    this.ready.catch((err) => logError('the app engine failed to open', err));
  }

  async call(method: unknown, input: unknown): Promise<ApiEnvelope> {
    let ctx: ServiceContext;
    try {
      ctx = await this.ready;
    } catch (err) {
      return { ok: false, error: { code: 'unavailable', message: `PACS MCP could not open its data store: ${(err as Error).message}` } };
    }
    return dispatchApiCall(API_HANDLERS, ctx, method, input, { onUnexpectedError: (name, err) => logError(`API ${name} failed`, err) });
  }

  async close(): Promise<void> {
    const ctx = await this.ready.catch(() => null);
    if (!ctx) return;
    await ctx.mcpHost.stop();
  }
}
