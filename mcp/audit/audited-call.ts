import { logError } from '../util/log.js';
import { errorMessage, failureOutcome } from '../util/user-error.js';
import type { AuditChannel, AuditCompletion, AuditLog } from './audit-log.js';
import { collectSourceUse } from './source-use.js';

/** Who is calling: the audit channel and, when known, the client program. */
export interface Caller {
  channel: AuditChannel;
  clientName?: string;
  clientVersion?: string;
}

export interface AuditedCall {
  caller: Caller;
  /** Tool name, resource or prompt, CLI command or desktop action. */
  action: string;
  args: unknown;
  /** The connection the call names, when it names one. */
  connectionId?: string | null;
}

/** What a finished call tells its audit row. */
export interface CallReport {
  connectionId?: string | null;
  rowCount?: number | null;
}

/** An MCP client as the audit names it (channel mcp over stdio, http over the app's host). */
export function mcpCaller(channel: AuditChannel, client: { name: string; version: string } | undefined): Caller {
  return { channel, clientName: client?.name, clientVersion: client?.version };
}

/**
 * Every call from every surface (MCP tools, resources and prompts, the desktop API, the CLI)
 * runs through here. A start row is written before the work, so a call whose process dies
 * stays visible, and a completion row after it, failed or not. The completion names the
 * connection the result reports, else the one the call named, else the first one it opened.
 * A refusal is audited as `refused`, any other failure as `error`; the error is rethrown as is.
 */
export async function runAudited<T>(engine: { audit: AuditLog }, call: AuditedCall, work: () => Promise<T>, report: (value: T) => CallReport = () => ({})): Promise<T> {
  const started = performance.now();
  const start = { ...call.caller, action: call.action, args: call.args, connectionId: call.connectionId ?? null };
  const entry = await engine.audit.begin(start).catch((err) => {
    logError(`audit write failed for ${call.action}`, err);
    return null;
  });
  const finish = (completion: AuditCompletion) =>
    (entry ? entry.complete(completion) : engine.audit.record({ ...start, ...completion, durationMs: performance.now() - started })).catch((err) =>
      logError(`audit write failed for ${call.action}`, err),
    );

  const used: string[] = [];
  let value: T;
  try {
    value = await collectSourceUse(used, work);
  } catch (err) {
    await finish({ outcome: failureOutcome(err), error: errorMessage(err), connectionId: call.connectionId ?? used[0] ?? null });
    throw err;
  }
  const reported = report(value);
  await finish({ outcome: 'ok', connectionId: reported.connectionId ?? call.connectionId ?? used[0] ?? null, rowCount: reported.rowCount ?? null });
  return value;
}
