import path from 'node:path';
import { ClaudeConfigError } from './errors.js';
import { ALL_TOOLSETS, isToolsetName, TOOLSET_NAMES, TOOLSETS_ENV, toolsetsSetting } from '../toolsets.js';
import { assertNoSecrets } from './secret-guard.js';

/** One `mcpServers` entry of claude_desktop_config.json (stdio transport). */
export interface ClaudeServerEntry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * The switch that starts the installed app executable as the stdio MCP server instead of the
 * desktop window (electron/entry.ts).
 */
export const MCP_STDIO_SWITCH = '--mcp-stdio';

/** Whether this process was started as Claude Desktop's stdio server (argv as in `process.argv`). */
export function isMcpStdioLaunch(argv: readonly string[]): boolean {
  return argv.slice(1).includes(MCP_STDIO_SWITCH);
}

export interface BuildServerEntryOptions {
  /** True when running from the installed desktop app, false in development. */
  packaged: boolean;
  /** Packaged: the app executable. Development: the runtime running this code (process.execPath). */
  execPath: string;
  /** Absolute path of the built CLI script (dist/mcp/cli/main.js); what development runs under Node. */
  serverScript: string;
  /** Written as PACS_MCP_HOME so Claude's server uses the same data dir as the app. */
  dataDir?: string;
  /** Values the caller holds that must never appear in the entry (passwords, tokens). */
  knownSecrets?: readonly string[];
  /** Toolsets to list besides core (`all` for every one), written as PACS_MCP_TOOLSETS; none: core only. */
  toolsets?: readonly string[];
}

/**
 * The entry that makes Claude Desktop start this server over stdio. Packaged, the app executable
 * itself with MCP_STDIO_SWITCH: no separate Node install is needed, and the server runs from the
 * signed, integrity-checked app rather than from loose script files. In development, Node runs
 * the built CLI. Throws `ClaudeConfigError` if a path is relative or anything looks like a secret.
 */
export function buildServerEntry(options: BuildServerEntryOptions): ClaudeServerEntry {
  const { packaged, execPath, serverScript, dataDir, knownSecrets, toolsets = [] } = options;
  // Claude Desktop starts servers from a working directory of its own choosing.
  requireAbsolute('serverScript', serverScript);
  if (dataDir !== undefined) requireAbsolute('dataDir', dataDir);

  if (packaged) requireAbsolute('execPath', execPath);
  const env: Record<string, string> = {};
  if (dataDir !== undefined) env.PACS_MCP_HOME = dataDir;
  const setting = toolsetsEnv(toolsets);
  if (setting) env[TOOLSETS_ENV] = setting;

  const entry: ClaudeServerEntry = packaged
    ? { command: execPath, args: [MCP_STDIO_SWITCH] }
    : { command: developmentNodeCommand(execPath), args: [serverScript, 'serve'] };
  if (Object.keys(env).length > 0) entry.env = env;

  assertNoSecrets(entry, knownSecrets);
  return entry;
}

/** The PACS_MCP_TOOLSETS value for a choice of toolsets ('' when only core is chosen); unknown names are refused. */
export function toolsetsEnv(toolsets: readonly string[]): string {
  const names = toolsets.map((t) => t.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== ALL_TOOLSETS && !isToolsetName(n));
  if (unknown.length) {
    throw new ClaudeConfigError('invalid-entry', `Unknown toolset ${unknown.map((n) => `"${n}"`).join(', ')}. Toolsets: ${TOOLSET_NAMES.join(', ')} (or ${ALL_TOOLSETS}).`);
  }
  return names.includes(ALL_TOOLSETS) ? ALL_TOOLSETS : toolsetsSetting(names);
}

/**
 * An absolute Node path survives Claude Desktop's GUI-launched PATH (notably on macOS);
 * when this code runs under something else (Electron in development), fall back to `node`.
 */
function developmentNodeCommand(execPath: string): string {
  const isNodeBinary = /^node(\.exe)?$/i.test(path.win32.basename(execPath));
  return isNodeBinary && isAbsoluteOnAnyPlatform(execPath) ? execPath : 'node';
}

function requireAbsolute(name: string, value: string): void {
  if (!isAbsoluteOnAnyPlatform(value)) {
    throw new ClaudeConfigError('invalid-entry', `${name} must be an absolute path, got "${value}".`);
  }
}

// The entry may be built for Windows while the code runs elsewhere (tests), so accept either form.
function isAbsoluteOnAnyPlatform(value: string): boolean {
  return path.posix.isAbsolute(value) || path.win32.isAbsolute(value);
}
