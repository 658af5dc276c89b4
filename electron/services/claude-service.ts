import {
  applyClaudeConfigChange,
  buildServerEntry,
  claudeConfigCandidates,
  DEFAULT_SERVER_NAME,
  findClaudeConfig,
  planClaudeConfigChange,
} from '../../mcp/claude/index.js';
import { TOOLS } from '../../mcp/tools/index.js';
import { parseToolsets, TOOLSET_DESCRIPTIONS, TOOLSET_NAMES, TOOLSETS_ENV, type ToolsetName } from '../../mcp/toolsets.js';
import type { ApiHandlers } from '../api/types.js';
import { findClaudeBundle, saveClaudeBundle } from './claude-bundle.js';
import type { ServiceContext } from './context.js';
import { uiAction } from './ui-audit.js';

/** Every toolset with its tools, for the screen to offer. */
function toolsetChoices() {
  return TOOLSET_NAMES.map((name) => ({ name, description: TOOLSET_DESCRIPTIONS[name], tools: TOOLS.filter((t) => t.toolset === name || (t.alsoListedWith ?? []).includes(name)).map((t) => t.name), always: name === 'core' }));
}

/** The toolsets the entry already in the config lists, so preparing again keeps them. */
function writtenToolsets(configText: string | null): ToolsetName[] {
  if (!configText) return [];
  try {
    const config = JSON.parse(configText.replace(/^\uFEFF/, '')) as { mcpServers?: Record<string, { env?: Record<string, string> }> };
    return parseToolsets(config.mcpServers?.[DEFAULT_SERVER_NAME]?.env?.[TOOLSETS_ENV]).sets.filter((s) => s !== 'core');
  } catch {
    return [];
  }
}

export const claudeService: ApiHandlers<ServiceContext>['claude'] = {
  async plan(input, ctx) {
    const { platform, env, homedir, packaged, execPath, serverScript } = ctx.claude;
    const configPath = findClaudeConfig(platform, env, homedir);
    // The HTTP token must never end up in the file; the guard checks the entry against it.
    const knownSecrets = [await ctx.mcpHost.token().catch(() => null)].filter((s): s is string => Boolean(s));
    const build = (toolsets: readonly string[]) => buildServerEntry({ packaged, execPath, serverScript, dataDir: env.PACS_MCP_HOME ? ctx.engine.dataDir : undefined, knownSecrets, toolsets });
    let plan = await planClaudeConfigChange({ configPath, entry: build(input.toolsets ?? []), knownSecrets });
    const chosen = input.toolsets ?? writtenToolsets(plan.before);
    if (!input.toolsets && chosen.length) plan = await planClaudeConfigChange({ configPath, entry: build(chosen), knownSecrets });
    return {
      plan_id: ctx.claudePlans.add(plan),
      config_path: plan.configPath,
      candidates: claudeConfigCandidates(platform, env, homedir),
      exists: plan.exists,
      changed: plan.changed,
      diff: plan.diff,
      server_name: plan.serverName,
      entry: plan.entry,
      toolsets: toolsetChoices(),
      chosen_toolsets: ['core', ...chosen.filter((s) => s !== 'core')] as ToolsetName[],
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
