import path from 'node:path';
import { expect } from 'vitest';
import { AppServices } from '../../electron/services/index.js';
import type { Engine } from '../../mcp/engine.js';

/** The desktop app's API services over a real engine, as the test bridge hosts them. */
export function appServicesFor(engine: Engine, home: string): AppServices {
  return new AppServices({
    engine: Promise.resolve(engine),
    host: 'bridge',
    startMcpHost: false,
    claude: { platform: 'linux', env: {}, homedir: path.join(home, 'home'), packaged: false, execPath: process.execPath, serverScript: path.join(home, 'main.js') },
  });
}

/** Calls an API method that must succeed and returns its value. */
export async function callOk<T = any>(services: AppServices, method: string, input: unknown = {}): Promise<T> {
  const envelope = await services.call(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Calls an API method that must fail and returns its error. */
export async function callFails(services: AppServices, method: string, input: unknown) {
  const envelope = await services.call(method, input);
  expect(envelope.ok, `${method} should fail`).toBe(false);
  return (envelope as { ok: false; error: { code: string; message: string } }).error;
}
