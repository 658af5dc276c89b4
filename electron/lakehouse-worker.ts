import { PassThrough } from 'node:stream';
import { app, utilityProcess, type UtilityProcess } from 'electron';
import type { StopRequest, WorkerReply, WorkerRequest } from '../mcp/lakehouse/local/worker/protocol.js';
import type { WorkerLauncher } from '../mcp/lakehouse/local/worker/worker-process.js';

/**
 * The lakehouse query worker as an Electron utility process. The app's executable never runs a
 * script as plain Node (its run-as-Node fuse is off), so the engine's usual fork cannot start the
 * worker here; a utility process runs the bundled worker script from the checked asar instead.
 * Utility processes can only start once the app is ready: requests sent before wait for it.
 */
export const utilityProcessWorker: WorkerLauncher = (script) => {
  const stderr = new PassThrough();
  stderr.setEncoding('utf8');
  const replyListeners: ((reply: WorkerReply) => void)[] = [];
  const exitListeners: ((how: string) => void)[] = [];
  const waiting: (WorkerRequest | StopRequest)[] = [];
  let child: UtilityProcess | undefined;
  let ended = false;
  const end = (how: string) => {
    if (ended) return;
    ended = true;
    for (const listener of exitListeners) listener(how);
  };

  void app.whenReady().then(() => {
    if (ended) return;
    const started = utilityProcess.fork(script, [], { stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'PACS MCP lakehouse queries' });
    started.stderr?.pipe(stderr);
    started.on('message', (reply: WorkerReply) => {
      for (const listener of replyListeners) listener(reply);
    });
    started.once('exit', (code) => end(`the engine process exited with code ${code}`));
    child = started;
    for (const message of waiting.splice(0)) started.postMessage(message);
  });

  const post = (message: WorkerRequest | StopRequest) => {
    if (ended) return;
    if (child) child.postMessage(message);
    else waiting.push(message);
  };
  return {
    send: post,
    onReply: (listener) => replyListeners.push(listener),
    onExit: (listener) => exitListeners.push(listener),
    stderr,
    // The app runs until it quits, whatever its event loop holds.
    hold: () => undefined,
    stop: () => post({ type: 'stop' }),
    kill: () => {
      if (child) child.kill();
      else end('the engine process was stopped before it started');
    },
  };
};
