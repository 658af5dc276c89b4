import { describe, expect, it } from 'vitest';
import { CallLimiter, CancelledWhileWaitingError, MAX_CONCURRENT_TOOL_CALLS, toolCallLimiter } from '../../mcp/server/call-limiter.js';

describe('tool calls per process are bounded', () => {
  it('never runs more than the limit at once; the others wait their turn and all finish', async () => {
    const limiter = new CallLimiter(3);
    let running = 0;
    let peak = 0;
    const work = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return 'done';
    };
    expect(await Promise.all(Array.from({ length: 20 }, () => limiter.run(work)))).toEqual(Array(20).fill('done'));
    expect(peak).toBe(3);
  });

  it('a call cancelled while waiting leaves the queue and never runs', async () => {
    const limiter = new CallLimiter(1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(CancelledWhileWaitingError);
    release();
    await first;
    expect(ran).toBe(false);
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('the server shares one limiter across sessions', () => {
    expect(toolCallLimiter.limit).toBe(MAX_CONCURRENT_TOOL_CALLS);
  });
});
