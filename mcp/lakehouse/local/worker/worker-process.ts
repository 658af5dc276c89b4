import { fork } from 'node:child_process';
import type { Readable } from 'node:stream';
import { logError } from '../../../util/log.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

/**
 * The lakehouse query worker's process as the engine drives it. Under Node it is a forked child
 * with an IPC channel. The desktop app's executable cannot run a script as plain Node (its
 * run-as-Node fuse is off), so the app starts the worker as an Electron utility process instead
 * and installs that launcher at start-up (electron/lakehouse-worker.ts).
 */
export interface WorkerProcess {
  send(request: WorkerRequest): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  /** Called once when the process has ended, with how it ended, for the log. */
  onExit(listener: (how: string) => void): void;
  /** What the worker wrote to stderr (its stdout goes nowhere), or null where it cannot be read. */
  readonly stderr: Readable | null;
  /** Whether the worker keeps this process alive; only while a request waits for it. */
  hold(held: boolean): void;
  /** Asks the worker to close DuckDB and exit. */
  stop(): void;
  kill(): void;
}

export type WorkerLauncher = (script: string) => WorkerProcess;

/** A Node child process running the worker script, as Node (also under Electron where run-as-Node is allowed). */
export const forkWorker: WorkerLauncher = (script) => {
  const env = { ...process.env, ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}) };
  const child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', execArgv: [], env });
  return {
    send: (request) => {
      if (child.connected) child.send(request);
    },
    onReply: (listener) => child.on('message', listener),
    onExit: (listener) => {
      child.on('error', (err) => logError('the lakehouse query worker failed', err));
      child.once('exit', (code, signal) => listener(signal ? `the engine process was ended by ${signal}` : `the engine process exited with code ${code}`));
    },
    stderr: child.stderr,
    hold: (held) => {
      for (const handle of [child, child.channel, child.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[]) {
        if (held) handle?.ref?.();
        else handle?.unref?.();
      }
    },
    stop: () => {
      if (child.connected) child.disconnect();
    },
    kill: () => child.kill('SIGKILL'),
  };
};

let launcher: WorkerLauncher = forkWorker;

/** Replaces how workers are started in this process (the desktop app does, before any lakehouse is opened). */
export function useWorkerLauncher(next: WorkerLauncher): void {
  launcher = next;
}

export function launchWorker(script: string): WorkerProcess {
  return launcher(script);
}
