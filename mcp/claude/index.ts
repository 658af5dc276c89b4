export { claudeConfigCandidates, findClaudeConfig } from './config-locations.js';
export type { FileExists, ListDir } from './config-locations.js';
export { buildServerEntry, isMcpStdioLaunch, MCP_STDIO_SWITCH, toolsetsEnv } from './server-entry.js';
export type { BuildServerEntryOptions, ClaudeServerEntry } from './server-entry.js';
export { assertNoSecrets } from './secret-guard.js';
export type { GuardedServerEntry } from './secret-guard.js';
export { applyClaudeConfigChange, DEFAULT_SERVER_NAME, planClaudeConfigChange } from './config-writer.js';
export type {
  ApplyClaudeConfigOptions,
  ClaudeConfigApplyResult,
  ClaudeConfigPlan,
  PlanClaudeConfigChangeOptions,
} from './config-writer.js';
export { ClaudeConfigError } from './errors.js';
export type { ClaudeConfigErrorCode } from './errors.js';
