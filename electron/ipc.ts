import type { IpcMain } from 'electron';
import { API_CHANNEL, type ApiEnvelope } from './api/types.js';
import { isTrustedSender } from './ipc-sender.js';
import type { AppServices } from './services/index.js';
import { logError } from '../mcp/util/log.js';

/**
 * The API's one IPC channel. The sender frame is checked first (the app's own top frame only);
 * then AppServices validates the method, the input and the output against the contract.
 */
export function registerApiIpc(services: Pick<AppServices, 'call'>, ipcMain: Pick<IpcMain, 'handle'>): void {
  ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown): Promise<ApiEnvelope> => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null)) {
      logError(`refused an API call from an untrusted frame (${frame?.url ?? 'gone'})`);
      return { ok: false, error: { code: 'forbidden', message: 'This frame may not call the PACS MCP API.' } };
    }
    return services.call(method, input);
  });
}
