import type { Row } from '../../../connectors/connector.js';
import { runCappedSelect, streamSelect } from '../duckdb-query.js';
import { materializeParquet } from '../materialize-parquet.js';
import { ReaderSession, type SessionSpec } from '../reader-session.js';
import { serializeError, type StopRequest, type WorkerReply, type WorkerRequest } from './protocol.js';

/**
 * The lakehouse query worker: a child process that runs every DuckDB statement of one lakehouse
 * connection. If DuckDB aborts (a native crash), only this process ends; the engine answers the
 * call with an error and starts a new worker. Its stdout goes nowhere, so nothing a query makes
 * DuckDB print can reach the MCP channel.
 */

let current: ReaderSession | undefined;
let building: Promise<ReaderSession> | undefined;
const cancels = new Map<number, AbortController>();
const streams = new Map<number, AsyncIterator<Row[]>>();

/** The channel to the engine: an Electron utility process's parent port, else Node's IPC channel. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as { parentPort?: ParentPort }).parentPort;

function send(reply: WorkerReply): void {
  if (parentPort) parentPort.postMessage(reply);
  else process.send?.(reply);
}

async function session(spec: SessionSpec): Promise<ReaderSession> {
  if (current?.key === spec.key) return current;
  building ??= ReaderSession.build(spec).finally(() => (building = undefined));
  const next = await building;
  if (current !== next) {
    current?.retire();
    current = next;
  }
  return next;
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'cancel':
      cancels.get(request.id)?.abort();
      return;
    case 'query': {
      const controller = new AbortController();
      cancels.set(request.id, controller);
      try {
        const reader = await session(request.session);
        reader.acquire();
        try {
          const value = await runCappedSelect(reader.instance, request.sql, request.params, { maxRows: request.maxRows, timeoutMs: request.timeoutMs, signal: controller.signal });
          send({ type: 'result', id: request.id, value });
        } finally {
          reader.release();
        }
      } catch (err) {
        send({ type: 'error', id: request.id, error: serializeError(err, request.timeoutMs) });
      } finally {
        cancels.delete(request.id);
      }
      return;
    }
    case 'stream-open': {
      const controller = new AbortController();
      cancels.set(request.id, controller);
      try {
        const reader = await session(request.session);
        reader.acquire();
        const rows = streamSelect(reader.instance, request.sql, request.params, request.batchSize, controller.signal);
        const iterator = (async function* () {
          try {
            yield* rows;
          } finally {
            reader.release();
          }
        })();
        streams.set(request.id, iterator);
        send({ type: 'result', id: request.id, value: null });
      } catch (err) {
        cancels.delete(request.id);
        send({ type: 'error', id: request.id, error: serializeError(err) });
      }
      return;
    }
    case 'stream-next': {
      const iterator = streams.get(request.id);
      if (!iterator) return send({ type: 'batch', id: request.id, rows: null });
      try {
        const next = await iterator.next();
        if (next.done) {
          streams.delete(request.id);
          cancels.delete(request.id);
        }
        send({ type: 'batch', id: request.id, rows: next.done ? null : next.value });
      } catch (err) {
        streams.delete(request.id);
        cancels.delete(request.id);
        send({ type: 'error', id: request.id, error: serializeError(err) });
      }
      return;
    }
    case 'stream-close': {
      const iterator = streams.get(request.id);
      streams.delete(request.id);
      cancels.delete(request.id);
      await iterator?.return?.(undefined).catch(() => undefined);
      send({ type: 'result', id: request.id, value: null });
      return;
    }
    case 'materialize': {
      const controller = new AbortController();
      cancels.set(request.id, controller);
      try {
        send({ type: 'result', id: request.id, value: await materializeParquet(request.spec, controller.signal) });
      } catch (err) {
        send({ type: 'error', id: request.id, error: serializeError(err) });
      } finally {
        cancels.delete(request.id);
      }
      return;
    }
  }
}

function finish(): void {
  current?.retire();
  process.exit(0);
}

export function runLakehouseWorker(): void {
  if (parentPort) {
    // A utility process ends with the app; the app asks it to finish with a 'stop' message.
    parentPort.on('message', (event) => {
      const request = event.data as WorkerRequest | StopRequest;
      if (request.type === 'stop') finish();
      else void handle(request);
    });
    return;
  }
  process.on('message', (request: WorkerRequest) => void handle(request));
  // The engine is gone (or closed this worker): nothing is left to answer.
  process.on('disconnect', finish);
}
