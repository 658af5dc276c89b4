import type { PacsApi } from '../../electron/api/types.js';

declare global {
  interface Window {
    /** Exposed by the preload over IPC, or by the loopback test bridge over HTTP. */
    readonly pacs?: PacsApi;
  }
}

export type { PacsApi };
export type Out<G extends keyof PacsApi, M extends keyof PacsApi[G]> = PacsApi[G][M] extends (input: never) => Promise<infer R> ? R : never;
export type In<G extends keyof PacsApi, M extends keyof PacsApi[G]> = PacsApi[G][M] extends (input: infer I) => Promise<unknown> ? I : never;

function missingApi(): never {
  throw new Error('The PACS MCP API is not available in this window (no preload).');
}

/** The one way screens reach the engine: the typed API, never the engine itself. */
export const api: PacsApi = window.pacs ?? (new Proxy({}, { get: missingApi }) as PacsApi);
