// Runs in the page (plain Chromium, no Electron): the same typed API the preload exposes,
// over HTTP to the loopback bridge instead of IPC. Built by the bridge with esbuild.
import { createApiClient } from '../../electron/api/client.js';
import type { ApiEnvelope, PacsApi } from '../../electron/api/types.js';

declare const BRIDGE_TOKEN: string;

const pacs = createApiClient(async (method, input) => {
  const response = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pacs-bridge-token': BRIDGE_TOKEN },
    body: JSON.stringify(input ?? {}),
  });
  if (!response.ok) return { ok: false, error: { code: 'failed', message: `The test bridge answered HTTP ${response.status}.` } };
  return (await response.json()) as ApiEnvelope;
}) satisfies PacsApi;

Object.defineProperty(window, 'pacs', { value: Object.freeze(pacs), writable: false, configurable: false });
