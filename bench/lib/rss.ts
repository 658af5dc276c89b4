import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

/**
 * A process's peak resident set size so far (VmHWM in /proc/<pid>/status), in MB; undefined
 * when the process is gone or this is not Linux. VmHWM only grows, so reading it just before a
 * process ends gives its true peak.
 */
export function peakRssMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round((Number(kb) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** This process's peak RSS in MB (includes everything the bench process did before). */
export function selfPeakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/**
 * Polls a process's VmHWM until stopped, for processes that exit on their own (a peak in the last
 * poll interval before exit can be missed; keep the interval short relative to the work).
 */
export class PeakRssWatcher {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 20) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): number {
    const now = peakRssMb(this.pid);
    if (now !== undefined && now > this.peak) this.peak = now;
    return this.peak;
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  elapsed_ms: number;
  peak_rss_mb: number;
}

/** Runs a command to completion, timing it and watching its peak RSS. Rejects on a non-zero exit unless `allowFailure`. */
export function runMeasured(command: string, args: string[], options: SpawnOptions & { input?: string; allowFailure?: boolean } = {}): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    const watcher = new PeakRssWatcher(child.pid ?? -1);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', (err) => {
      watcher.stop();
      reject(err);
    });
    child.on('close', (code) => {
      const run = { code: code ?? -1, stdout, stderr, elapsed_ms: performance.now() - started, peak_rss_mb: watcher.stop() };
      if (run.code !== 0 && !options.allowFailure) reject(new Error(`${command} ${args.join(' ')} exited ${run.code}: ${stderr.slice(-2_000)}`));
      else resolve(run);
    });
    child.stdin!.end(options.input ?? '');
  });
}
