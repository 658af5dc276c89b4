import type { Engine } from '../../mcp/engine.js';
import { audited } from '../../mcp/cli/with-engine.js';
import { VERSION } from '../../mcp/version.js';

/** How the desktop app's own actions appear in the audit log (channel `ui`). */
export const UI_CLIENT = { clientName: 'pacs-mcp-desktop', clientVersion: VERSION } as const;

/** Runs a screen action and writes its audit row (channel ui), failed or not. */
export function uiAction<T>(engine: Engine, event: { action: string; args: unknown; connectionId?: string | null }, work: () => Promise<T>, rowCount?: (value: T) => number | null): Promise<T> {
  return audited(engine, { channel: 'ui', ...UI_CLIENT, ...event }, work, rowCount);
}
