import { randomUUID } from 'node:crypto';
import {
  applyClaudeConfigChange,
  buildServerEntry,
  claudeConfigCandidates,
  findClaudeConfig,
  planClaudeConfigChange,
  type ClaudeConfigPlan,
} from '../../mcp/claude/index.js';
import { UserError } from '../../mcp/util/user-error.js';
import type { ApiHandlers } from '../api/types.js';
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
    if (!plan) throw new UserError('not_found', 'That prepared change is no longer available: prepare the change again and review it.');
    this.plans.delete(id);
    return plan;
  }
}

export const claudeService: ApiHandlers<ServiceContext>['claude'] = {
  async plan(_input, ctx) {
    const { platform, env, homedir, packaged, execPath, serverScript } = ctx.claude;
    const configPath = findClaudeConfig(platform, env, homedir);
    // The HTTP token must never end up in the file; the guard checks the entry against it.
    const knownSecrets = [await ctx.mcpHost.token().catch(() => null)].filter((s): s is string => Boolean(s));
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
  },

  async write(input, ctx) {
    const plan = ctx.claudePlans.take(input.plan_id);
    const result = await uiAction(ctx.engine, { action: 'claude-config.write', args: { config: plan.configPath, name: plan.serverName } }, () => applyClaudeConfigChange(plan));
    return { written: result.written, config_path: plan.configPath, backup_path: result.backupPath };
  },
};
