import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient } from './api/client.js';
import { API_CHANNEL, type ApiEnvelope, type PacsApi } from './api/types.js';

// Sandboxed preload: no Node, only the typed API. The renderer sees `window.pacs` and nothing of
// ipcRenderer (no raw channel, no event objects), so it can call only what the contract lists.
const pacs = createApiClient((method, input) => ipcRenderer.invoke(API_CHANNEL, method, input) as Promise<ApiEnvelope>) satisfies PacsApi;

contextBridge.exposeInMainWorld('pacs', pacs);
