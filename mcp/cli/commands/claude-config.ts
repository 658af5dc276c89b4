import os from 'node:os';
import path from 'node:path';
import { applyClaudeConfigChange, buildServerEntry, findClaudeConfig, planClaudeConfigChange } from '../../claude/index.js';
import { dataDir } from '../../store/paths.js';
import { TOOLSET_DESCRIPTIONS, TOOLSET_NAMES } from '../../toolsets.js';
import { parseOptions, writeLine, type CliCommand } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

export const claudeConfigCommand: CliCommand = {
  name: 'claude-config',
  summary: 'Show (--print, default) or merge in (--write) the Claude Desktop entry for this server',
  usage: [
    'pacs-mcp claude-config [--print|--write] [--config PATH] [--name pacs-mcp] [--toolsets SET,SET|all]',
    'Toolsets Claude lists besides core (written as PACS_MCP_TOOLSETS in the entry):',
    ...TOOLSET_NAMES.filter((n) => n !== 'core').map((n) => `  ${n}: ${TOOLSET_DESCRIPTIONS[n]}`),
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseOptions(argv, { print: { type: 'boolean' }, write: { type: 'boolean' }, config: { type: 'string' }, name: { type: 'string' }, toolsets: { type: 'string' } });
    const configPath = values.config ? path.resolve(values.config) : findClaudeConfig(process.platform, io.env, os.homedir());
    // The CLI entry script itself (after bundling, import.meta.url may name a chunk instead).
    const serverScript = path.resolve(process.argv[1]);
    // The installed app writes its own entry (its executable as the server); the CLI always runs under Node.
    const toolsets = values.toolsets?.split(',') ?? [];
    const entry = buildServerEntry({ packaged: false, execPath: process.execPath, serverScript, dataDir: io.env.PACS_MCP_HOME ? dataDir(io.env) : undefined, toolsets });
    const plan = await planClaudeConfigChange({ configPath, serverName: values.name, entry });
    if (!values.write) {
      writeLine(io.stdout, `Claude Desktop config: ${configPath}${plan.exists ? '' : ' (does not exist yet)'}`);
      writeLine(io.stdout, plan.changed ? `Change that --write would make:\n${plan.diff}` : 'Already up to date: nothing to change.');
      return 0;
    }
    return withEngine(async (engine) => {
      const result = await cliAction(engine, { action: 'claude-config.write', args: { config: configPath, name: plan.serverName } }, () => applyClaudeConfigChange(plan));
      if (!result.written) writeLine(io.stdout, `Already up to date: ${configPath}`);
      else writeLine(io.stdout, `Wrote ${configPath}${result.backupPath ? ` (backup: ${result.backupPath})` : ''}. Restart Claude Desktop to load "${plan.serverName}".`);
      return 0;
    }, { initDemo: false });
  },
};
