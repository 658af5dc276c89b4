import { randomUUID } from 'node:crypto';
import {
  applyClaudeConfigChange,
  buildServerEntry,
  claudeConfigCandidates,
  ClaudeConfigError,
  findClaudeConfig,
  planClaudeConfigChange,
  type ClaudeConfigPlan,
} from '../../mcp/claude/index.js';
import { ApiError } from '../api/dispatch.js';
import type { ApiHandlers } from '../api/types.js';
import { findClaudeBundle, saveClaudeBundle } from './claude-bundle.js';
import type { ServiceContext } from './context.js';
import { uiAction } from './ui-audit.js';

const KEEP_PLANS = 10;

/** Prepared Claude Desktop config changes: the screen shows a plan's diff, then writes exactly that plan. */
export class ClaudePlanStore {
  private readonly plans = new Map<string, ClaudeConfigPlan>();

  add(plan: ClaudeConfigPlan): string {
    const id = randomUUID();
    this.plans.set(id, plan);
    for (const old of [...this.plans.keys()].slice(0, Math.max(0, this.plans.size - KEEP_PLANS))) this.plans.delete(old);
    return id;
  }

  take(id: string): ClaudeConfigPlan {
    const plan = this.plans.get(id);
    if (!plan) throw new ApiError('invalid_input', 'That prepared change is no longer available: prepare the change again and review it.');
    this.plans.delete(id);
    return plan;
  }
}

function asApiError(err: unknown): unknown {
  return err instanceof ClaudeConfigError ? new ApiError('failed', err.message) : err;
}

export const claudeService: ApiHandlers<ServiceContext>['claude'] = {
  async plan(_input, ctx) {
    const { platform, env, homedir, packaged, execPath, serverScript } = ctx.claude;
    const configPath = findClaudeConfig(platform, env, homedir);
    // The HTTP token must never end up in the file; the guard checks the entry against it.
    const knownSecrets = [await ctx.mcpHost.token().catch(() => null)].filter((s): s is string => Boolean(s));
    try {
      const entry = buildServerEntry({ packaged, execPath, serverScript, dataDir: env.PACS_MCP_HOME ? ctx.engine.dataDir : undefined, knownSecrets });
      const plan = await planClaudeConfigChange({ configPath, entry, knownSecrets });
      return {
        plan_id: ctx.claudePlans.add(plan),
        config_path: plan.configPath,
        candidates: claudeConfigCandidates(platform, env, homedir),
        exists: plan.exists,
        changed: plan.changed,
        diff: plan.diff,
        server_name: plan.serverName,
        entry: plan.entry,
      };
    } catch (err) {
      throw asApiError(err);
    }
  },

  async write(input, ctx) {
    const plan = ctx.claudePlans.take(input.plan_id);
    try {
      const result = await uiAction(ctx.engine, { action: 'claude-config.write', args: { config: plan.configPath, name: plan.serverName } }, () => applyClaudeConfigChange(plan));
      return { written: result.written, config_path: plan.configPath, backup_path: result.backupPath };
    } catch (err) {
      throw asApiError(err);
    }
  },

  async bundle(_input, ctx) {
    const found = findClaudeBundle(ctx.claude);
    return { bundle: found && { file_name: found.file_name, size_bytes: found.size_bytes }, platform: ctx.claude.platform, arch: process.arch };
  },

  async saveBundle(_input, ctx) {
    const saved_path = await uiAction(ctx.engine, { action: 'claude-bundle.save', args: {} }, () => saveClaudeBundle(ctx.claude));
    return { saved_path };
  },
};
