import { Engine } from '../engine.js';
import type { AuditEvent } from '../audit/audit-log.js';

/** Opens the engine for one CLI command and closes it after, whatever happens. */
export async function withEngine<T>(work: (engine: Engine) => Promise<T>, options: { initDemo?: boolean } = {}): Promise<T> {
  const engine = await Engine.open({ initDemo: options.initDemo });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

/** Runs a CLI action (or, with `channel: 'ui'`, a desktop-app action) and writes its audit row, failed or not. */
export async function audited<T>(
  engine: Engine,
  event: Pick<AuditEvent, 'action' | 'args' | 'connectionId'> & Partial<Pick<AuditEvent, 'channel' | 'clientName' | 'clientVersion'>>,
  work: () => Promise<T>,
  rowCount?: (value: T) => number | null,
): Promise<T> {
  const started = performance.now();
  try {
    const value = await work();
    await engine.audit.record({ channel: 'cli', ...event, outcome: 'ok', rowCount: rowCount?.(value) ?? null, durationMs: performance.now() - started });
    return value;
  } catch (err) {
    await engine.audit.record({ channel: 'cli', ...event, outcome: 'error', error: (err as Error).message, durationMs: performance.now() - started });
    throw err;
  }
}
