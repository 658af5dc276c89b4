import { UserError } from '../util/user-error.js';

/**
 * How many tool calls run at once in this process, whatever transport or session they came
 * from; the rest wait their turn (a cancelled one leaves the queue). Each call's answer is
 * bounded, so this bounds what the process holds at any moment.
 */
export const MAX_CONCURRENT_TOOL_CALLS = 8;

/** A call its client cancelled before a slot was free: it never ran. */
export class CancelledWhileWaitingError extends UserError {
  constructor() {
    super('conflict', 'The call was cancelled by the client while it waited for other calls to finish; it did not run.');
    this.name = 'CancelledWhileWaitingError';
  }
}

export class CallLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit = MAX_CONCURRENT_TOOL_CALLS) {}

  /** Runs `work` once a slot is free; rejects with the signal's reason if cancelled while waiting. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new CancelledWhileWaitingError());
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.running += 1;
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }
}

/** The one limiter of this process: stdio and HTTP sessions share it. */
export const toolCallLimiter = new CallLimiter();
