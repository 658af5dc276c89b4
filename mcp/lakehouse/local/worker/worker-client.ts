import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryCancelledError, type QueryResult, type Row } from '../../../connectors/connector.js';
import { logError } from '../../../util/log.js';
import { UserError } from '../../../util/user-error.js';
import type { SessionSpec } from '../reader-session.js';
import { deserializeError, type MaterializeResult, type MaterializeSpec, type WorkerReply, type WorkerRequest } from './protocol.js';
import { launchWorker, type WorkerProcess } from './worker-process.js';

/** The call whose statement was running when the lakehouse query worker died. */
export class LakehouseWorkerStopped extends UserError {
  constructor(how: string) {
    super(
      'unavailable',
      `The lakehouse query engine stopped while running this (${how}). PACS MCP started it again and everything else keeps working; ` +
        'the statement was not finished. If the same query stops it again, simplify it or ask the administrator to look at the PACS MCP log.',
    );
  }
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> & { id?: number } : never;

/** How long past its own timeout a statement may take before the worker is presumed hung and replaced. */
const HUNG_GRACE_MS = 15_000;
const WORKER_FILE = 'lakehouse-worker.js';

let scriptPath: string | undefined;

/**
 * Where the built worker script is: next to the CLI bundle (dist/mcp/cli/lakehouse-worker.js).
 * Found by walking up from this module, so the CLI, the desktop app's bundle and the tests
 * (which run this module from source) all find it.
 */
export function lakehouseWorkerScript(): string {
  if (scriptPath) return scriptPath;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, WORKER_FILE), path.join(dir, 'mcp', 'cli', WORKER_FILE), path.join(dir, 'dist', 'mcp', 'cli', WORKER_FILE)]) {
      if (!fs.existsSync(candidate)) continue;
      // In the packaged app the script and its dependencies are unpacked next to app.asar: run it from there, as Node.
      const unpacked = candidate.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
      return (scriptPath = unpacked !== candidate && fs.existsSync(unpacked) ? unpacked : candidate);
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`The lakehouse query worker (${WORKER_FILE}) is missing from this installation. Reinstall PACS MCP (or run npm run build).`);
    dir = parent;
  }
}

interface RunningWorker {
  process: WorkerProcess;
  exited: Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The engine's side of the lakehouse query worker: one child process, started on first use and
 * again after it dies. Every DuckDB statement of the lakehouse runs there. While nothing is
 * pending the child does not keep this process alive.
 */
export class LakehouseWorker {
  private child: RunningWorker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  private closed = false;

  constructor(private readonly onCrash: () => void = () => undefined) {}

  async query(session: SessionSpec, sql: string, params: unknown[], options: { maxRows: number; timeoutMs: number; signal?: AbortSignal }): Promise<QueryResult> {
    return (await this.call({ type: 'query', session, sql, params, maxRows: options.maxRows, timeoutMs: options.timeoutMs }, options.signal, options.timeoutMs)) as QueryResult;
  }

  async materialize(spec: MaterializeSpec, signal?: AbortSignal): Promise<MaterializeResult> {
    return (await this.call({ type: 'materialize', spec }, signal)) as MaterializeResult;
  }

  /** Rows in batches, each pulled from the worker only when the consumer asks for it. */
  async *stream(session: SessionSpec, sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    const id = this.nextId++;
    await this.call({ type: 'stream-open', id, session, sql, params, batchSize }, signal, undefined, id);
    let finished = false;
    try {
      for (;;) {
        if (signal?.aborted) throw new QueryCancelledError();
        const rows = (await this.call({ type: 'stream-next', id }, signal, undefined, id)) as Row[] | null;
        if (rows === null) {
          finished = true;
          return;
        }
        yield rows;
      }
    } finally {
      if (!finished) await this.call({ type: 'stream-close', id }, undefined, undefined, id).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    this.failPending(new Error('The lakehouse connection was closed.'));
    child.process.stop();
    const timer = setTimeout(() => child.process.kill(), 5_000);
    timer.unref();
    await child.exited;
    clearTimeout(timer);
  }

  /** Sends one request; the answer (or a crash of the worker) settles it. */
  private call(message: WithoutId<WorkerRequest>, signal?: AbortSignal, timeoutMs?: number, fixedId?: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The lakehouse connection is closed.'));
    if (signal?.aborted) return Promise.reject(new QueryCancelledError());
    const id = fixedId ?? message.id ?? this.nextId++;
    const child = this.ensureChild();
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = () => child.process.send({ type: 'cancel', id });
      // A statement the worker cannot stop (stuck in native code) costs the worker, not the engine.
      const watchdog =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              logError(`the lakehouse query worker did not stop a statement ${HUNG_GRACE_MS} ms after its timeout; replacing it`);
              child.process.kill();
            }, timeoutMs + HUNG_GRACE_MS);
      const settle = () => {
        clearTimeout(watchdog);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending.get(id) === entry) this.pending.delete(id);
        this.updateRef();
      };
      const entry: Pending = {
        resolve: (value) => {
          settle();
          resolve(value);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      this.pending.set(id, entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.updateRef();
      child.process.send({ ...message, id } as WorkerRequest);
    });
  }

  private ensureChild(): RunningWorker {
    if (this.child) return this.child;
    const worker = launchWorker(lakehouseWorkerScript());
    let markExited!: () => void;
    const child: RunningWorker = { process: worker, exited: new Promise<void>((resolve) => (markExited = resolve)) };
    worker.stderr?.setEncoding('utf8');
    worker.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4_000);
    });
    worker.onReply((reply) => this.onReply(reply));
    worker.onExit((how) => {
      markExited();
      // A worker that was closed, or already replaced, has nothing left to fail.
      if (this.child !== child) return;
      this.child = undefined;
      logError(`the lakehouse query worker stopped: ${how}${this.stderrTail ? `\n${this.stderrTail.trim()}` : ''}`);
      this.stderrTail = '';
      this.failPending(new LakehouseWorkerStopped(how));
      this.onCrash();
    });
    this.child = child;
    return child;
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'error') pending.reject(deserializeError(reply.error));
    else pending.resolve(reply.type === 'batch' ? reply.rows : reply.value);
  }

  private failPending(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const pending of all) pending.reject(error);
  }

  /** The worker keeps this process alive only while a request is waiting for it. */
  private updateRef(): void {
    this.child?.process.hold(this.pending.size > 0);
  }
}
