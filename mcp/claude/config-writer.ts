import fs from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../util/canonical-json.js';
import { FileInUseError, type RenameFile } from '../util/file-in-use.js';
import { backupConfigFile } from './config-backup.js';
import { writeFileAtomic } from './atomic-write.js';
import { ClaudeConfigError } from './errors.js';
import { unifiedDiff } from './line-diff.js';
import { assertNoSecrets } from './secret-guard.js';
import type { ClaudeServerEntry } from './server-entry.js';

export const DEFAULT_SERVER_NAME = 'pacs-mcp';

export interface PlanClaudeConfigChangeOptions {
  configPath: string;
  /** The key under `mcpServers`. */
  serverName?: string;
  entry: ClaudeServerEntry;
  /** Values that must never be written (checked on top of the name-based guard). */
  knownSecrets?: readonly string[];
}

/** What applying would do; show `diff` to the user before calling `applyClaudeConfigChange`. */
export interface ClaudeConfigPlan {
  /** Absolute path of the config file. */
  configPath: string;
  exists: boolean;
  /** The file's text when planned, or null when it did not exist. */
  before: string | null;
  /** The text that would be written (equal to `before` when nothing changes). */
  after: string;
  /** Unified diff of before → after; empty when unchanged. */
  diff: string;
  /** False when the file already holds this entry (formatting aside): nothing will be written. */
  changed: boolean;
  serverName: string;
  entry: ClaudeServerEntry;
}

export interface ApplyClaudeConfigOptions {
  /** Clock for the backup name. */
  now?: () => Date;
  /** The file system's rename and the platform whose rules apply (tests simulate Windows with them). */
  rename?: RenameFile;
  platform?: NodeJS.Platform;
  retryDelaysMs?: readonly number[];
}

export interface ClaudeConfigApplyResult {
  written: boolean;
  /** The copy of the previous file, or null when there was none or nothing was written. */
  backupPath: string | null;
}

type JsonObject = Record<string, unknown>;

const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads the Claude Desktop config and works out the text with exactly one
 * `mcpServers[serverName]` entry set, every other key, server and key order kept.
 * Throws `ClaudeConfigError` if the file cannot be read or parsed; such a file is never written.
 */
export async function planClaudeConfigChange(options: PlanClaudeConfigChangeOptions): Promise<ClaudeConfigPlan> {
  const configPath = path.resolve(options.configPath);
  const serverName = options.serverName ?? DEFAULT_SERVER_NAME;
  if (!SERVER_NAME.test(serverName)) {
    throw new ClaudeConfigError(
      'invalid-entry',
      `"${serverName}" cannot be used as a server name: use letters, digits, ".", "_" or "-".`,
    );
  }
  assertNoSecrets(options.entry, options.knownSecrets);
  const entry = copyEntry(options.entry);

  const raw = await readConfigFile(configPath);
  const before = raw?.toString('utf8') ?? null;
  const { after, changed } = mergeServerEntry(before, configPath, serverName, entry);
  const diff = unifiedDiff(withoutBom(before ?? ''), after, {
    from: before === null ? '(no file yet)' : `${configPath} (current)`,
    to: `${configPath} (after)`,
  });
  return { configPath, exists: before !== null, before, after, diff, changed, serverName, entry };
}

/**
 * Writes a planned change: backs up the existing file, then replaces it atomically.
 * Refuses (`ClaudeConfigError`, code `changed-since-plan`) if the file changed since the plan.
 */
export async function applyClaudeConfigChange(
  plan: ClaudeConfigPlan,
  options: ApplyClaudeConfigOptions = {},
): Promise<ClaudeConfigApplyResult> {
  if (!plan.changed) return { written: false, backupPath: null };

  const raw = await readConfigFile(plan.configPath);
  const current = raw?.toString('utf8') ?? null;
  if (current !== plan.before) {
    throw new ClaudeConfigError(
      'changed-since-plan',
      `The Claude Desktop config at ${plan.configPath} changed after the change was prepared ` +
        '(Claude Desktop or an editor may have saved it). Nothing was written: review the change again and retry.',
      plan.configPath,
    );
  }
  // Only the merge of this plan's entry into the current file may be written, whatever `after` says.
  const expected = mergeServerEntry(current, plan.configPath, plan.serverName, copyEntry(plan.entry));
  if (expected.after !== plan.after) {
    throw new ClaudeConfigError('invalid-entry', 'The prepared change does not match its entry; prepare it again.', plan.configPath);
  }

  // Follow a symlinked config (dotfile managers) instead of replacing the link with a file.
  const target = raw ? await fs.realpath(plan.configPath) : plan.configPath;
  await fs.mkdir(path.dirname(target), { recursive: true });
  const mode = raw ? (await fs.stat(target)).mode & 0o7777 : undefined;
  const backupPath = raw ? await backupConfigFile(target, raw, (options.now ?? (() => new Date()))(), mode) : null;
  try {
    await writeFileAtomic(target, plan.after, {
      mode,
      rename: options.rename,
      platform: options.platform,
      delaysMs: options.retryDelaysMs,
      whatToClose: 'Quit Claude Desktop (it keeps its config open while it runs; on Windows check the tray icon too), then write the config again.',
    });
  } catch (error) {
    if (error instanceof FileInUseError) {
      throw new ClaudeConfigError('in-use', `${error.message}${backupPath ? ` Nothing was changed; the backup ${backupPath} is a copy of the current file.` : ' Nothing was changed.'}`, plan.configPath);
    }
    throw error;
  }
  return { written: true, backupPath };
}

function mergeServerEntry(
  before: string | null,
  configPath: string,
  serverName: string,
  entry: ClaudeServerEntry,
): { after: string; changed: boolean } {
  const config = before === null ? { mcpServers: {} } : parseConfig(before, configPath);
  const unchangedConfig = canonicalJson(config);
  // Assignment keeps an existing key in place and appends a new one: the original order stays.
  const servers = (config.mcpServers ??= {}) as JsonObject;
  servers[serverName] = entry;
  // Compared as values, so a file that only differs in formatting is not rewritten.
  if (before !== null && canonicalJson(config) === unchangedConfig) return { after: before, changed: false };
  return { after: JSON.stringify(config, null, 2) + '\n', changed: true };
}

function parseConfig(text: string, configPath: string): JsonObject {
  const body = withoutBom(text);
  // An empty file holds nothing to lose (and it is backed up first): treat it as `{}`.
  if (body.trim() === '') return {};
  let config: unknown;
  try {
    config = JSON.parse(body);
  } catch (error) {
    throw unparseable(configPath, `it is not valid JSON (${(error as Error).message})`);
  }
  if (!isJsonObject(config)) throw unparseable(configPath, 'its top level is not a JSON object');
  if (Object.hasOwn(config, 'mcpServers') && !isJsonObject(config.mcpServers)) {
    throw unparseable(configPath, '"mcpServers" is not a JSON object');
  }
  return config;
}

function unparseable(configPath: string, reason: string): ClaudeConfigError {
  return new ClaudeConfigError(
    'unparseable',
    `The Claude Desktop config file ${configPath} could not be parsed: ${reason}. It was left unchanged. ` +
      'Fix it (it must be a JSON object whose "mcpServers" is an object) or move it elsewhere, then try again.',
    configPath,
  );
}

async function readConfigFile(configPath: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(configPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    const reason = code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new ClaudeConfigError(
      'unreadable',
      `The Claude Desktop config file ${configPath} could not be read: ${reason}. Fix its location or permissions, then try again.`,
      configPath,
    );
  }
}

/** A plain copy, so later changes to the caller's object cannot alter the plan. */
function copyEntry(entry: ClaudeServerEntry): ClaudeServerEntry {
  return JSON.parse(JSON.stringify(entry)) as ClaudeServerEntry;
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
