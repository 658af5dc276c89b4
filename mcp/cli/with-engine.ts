import { runAudited, type Caller } from '../audit/audited-call.js';
import { Engine } from '../engine.js';

/** Opens the engine for one CLI command and closes it after, whatever happens. */
export async function withEngine<T>(work: (engine: Engine) => Promise<T>, options: { initDemo?: boolean } = {}): Promise<T> {
  const engine = await Engine.open({ initDemo: options.initDemo });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** How CLI commands appear in the audit log. */
const CLI_CALLER: Caller = { channel: 'cli' };

/** Runs a CLI action through the engine's audited runner (channel cli), failed or not. */
export function cliAction<T>(engine: Engine, event: { action: string; args: unknown; connectionId?: string | null }, work: () => Promise<T>, rowCount?: (value: T) => number | null): Promise<T> {
  return runAudited(engine, { caller: CLI_CALLER, ...event }, work, (value) => ({ rowCount: rowCount?.(value) }));
}
