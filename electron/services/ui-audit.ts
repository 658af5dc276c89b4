import { runAudited, type Caller } from '../../mcp/audit/audited-call.js';
import type { Engine } from '../../mcp/engine.js';
import { VERSION } from '../../mcp/version.js';

/** How the desktop app's own actions appear in the audit log (channel `ui`). */
export const UI_CALLER = { channel: 'ui', clientName: 'pacs-mcp-desktop', clientVersion: VERSION } as const satisfies Caller;

/** Runs a screen action through the engine's audited runner (channel ui), failed or not. */
export function uiAction<T>(engine: Engine, event: { action: string; args: unknown; connectionId?: string | null }, work: () => Promise<T>, rowCount?: (value: T) => number | null): Promise<T> {
  return runAudited(engine, { caller: UI_CALLER, ...event }, work, (value) => ({ rowCount: rowCount?.(value) }));
}
