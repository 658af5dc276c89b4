import {
  applyClaudeConfigChange,
  buildServerEntry,
  claudeConfigCandidates,
  findClaudeConfig,
  planClaudeConfigChange,
} from '../../mcp/claude/index.js';
import type { ApiHandlers } from '../api/types.js';
import { findClaudeBundle, saveClaudeBundle } from './claude-bundle.js';
import type { ServiceContext } from './context.js';
import { uiAction } from './ui-audit.js';

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

  async bundle(_input, ctx) {
    const found = findClaudeBundle(ctx.claude);
    return { bundle: found && { file_name: found.file_name, size_bytes: found.size_bytes }, platform: ctx.claude.platform, arch: process.arch };
  },

  async saveBundle(_input, ctx) {
    const saved_path = await uiAction(ctx.engine, { action: 'claude-bundle.save', args: {} }, () => saveClaudeBundle(ctx.claude));
    return { saved_path };
  },
};
