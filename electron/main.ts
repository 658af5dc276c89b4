import os from 'node:os';
import { app, BrowserWindow, session } from 'electron';
import { isMcpStdioLaunch } from '../mcp/claude/server-entry.js';
import { Engine } from '../mcp/engine.js';
import { useWorkerLauncher } from '../mcp/lakehouse/local/worker/worker-process.js';
import { logError } from '../mcp/util/log.js';
import { restrictNewFiles } from '../mcp/util/private-files.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { registerApiIpc } from './ipc.js';
import { utilityProcessWorker } from './lakehouse-worker.js';
import { startMcpStdio } from './mcp-stdio.js';
import { appPaths } from './paths.js';
import { hardenSession, installSecurityGuards } from './security.js';
import { AppServices } from './services/index.js';
import { createMainWindow } from './window.js';

// Before anything else: every renderer sandboxed, app:// registered, one window instance per user
// (Claude Desktop's stdio servers are separate processes of the same executable, not instances).
const stdioServer = isMcpStdioLaunch(process.argv);
app.enableSandbox();
restrictNewFiles();
useWorkerLauncher(utilityProcessWorker);
registerAppScheme();
installSecurityGuards();
const primaryInstance = stdioServer || app.requestSingleInstanceLock();

let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, appPaths.rendererDir);

  // The engine runs here, in the main process's async I/O (sqlite3 and the drivers work on
  // libuv's thread pool), so the UI thread of the renderer never waits on it.
  services = new AppServices({
    engine: Engine.open({ channel: 'ui' }),
    host: 'electron',
    claude: {
      platform: process.platform,
      env: process.env,
      homedir: os.homedir(),
      packaged: app.isPackaged,
      execPath: process.execPath,
      serverScript: appPaths.serverScript,
      bundleDir: appPaths.bundleDir,
    },
  });
  registerApiIpc(services);
  mainWindow = createMainWindow(appPaths.preload);
  mainWindow.on('closed', () => (mainWindow = null));
}

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.on('activate', () => {
  if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(appPaths.preload);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (closing || !services) return;
  closing = true;
  event.preventDefault();
  const current = services;
  void (async () => {
    await current.close().catch((err) => logError('stopping the MCP host failed', err));
    const ctx = await current.ready.catch(() => null);
    await ctx?.engine.close().catch((err) => logError('closing the engine failed', err));
    app.quit();
  })();
});

if (stdioServer) {
  startMcpStdio();
} else if (!primaryInstance) {
  // Another window of the app is open: it gets focus (second-instance), this process ends.
  app.quit();
} else {
  start().catch((err) => {
    logError('PACS MCP Desktop failed to start', err);
    app.exit(1);
  });
}
