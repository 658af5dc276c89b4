import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** How often a holder rewrites its heartbeat while it holds a lease. */
export const LEASE_HEARTBEAT_MS = 5_000;
/** A heartbeat older than this no longer vouches for its holder (used when the holder's identity cannot be checked). */
export const LEASE_STALE_MS = 60_000;

/**
 * One holder of leases in this process: the process (pid, host, start mark) and a token of its
 * own, so two engines open in one process never take each other's work for their own.
 */
export interface LeaseHolder {
  pid: number;
  host: string;
  /** The process's start time as the OS reports it (Linux), or null where it cannot be read. */
  started: string | null;
  token: string;
}

/** A lease as stored with the work it covers (a job row, an import batch, the demo build claim). */
export interface StoredLease {
  pid: number | null;
  host: string | null;
  started: string | null;
  token: string | null;
  heartbeatAt: string | null;
}

export type LeaseState = 'mine' | 'live' | 'dead';

export function newLeaseHolder(): LeaseHolder {
  return { pid: process.pid, host: os.hostname(), started: processStartMark(process.pid), token: randomUUID() };
}

/**
 * Whether the holder of a stored lease is still there. The same rule for every lease:
 * - the holder's own token: `mine` (the holder knows what it is working on);
 * - another host: live while its heartbeat is fresh (no pid can be checked from here);
 * - this host, the pid gone: dead;
 * - this host, the pid alive: live when the OS start time of that pid is the recorded one, dead
 *   when it differs (the pid was reused by a new process); where the start time cannot be read,
 *   live only while the heartbeat is fresh.
 */
export function leaseState(lease: StoredLease, holder: LeaseHolder, now = Date.now()): LeaseState {
  if (lease.token !== null && lease.token === holder.token) return 'mine';
  const fresh = lease.heartbeatAt !== null && now - Date.parse(lease.heartbeatAt) <= LEASE_STALE_MS;
  if (lease.host !== holder.host) return fresh ? 'live' : 'dead';
  if (lease.pid === null || !pidIsAlive(lease.pid)) return 'dead';
  const started = processStartMark(lease.pid);
  if (started !== null && lease.started !== null) return started === lease.started ? 'live' : 'dead';
  return fresh ? 'live' : 'dead';
}

/** Runs `beat` every LEASE_HEARTBEAT_MS until the returned function is called; never keeps the process alive. */
export function keepAlive(beat: () => Promise<unknown>, onError: (err: unknown) => void): () => void {
  const timer = setInterval(() => void beat().catch(onError), LEASE_HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export function pidIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The start time of a process as the kernel records it (field 22 of /proc/PID/stat, clock ticks
 * since boot): the same for as long as the process lives, different for a later process that
 * gets the same pid. Null where /proc is not there (Windows, macOS).
 */
export function processStartMark(pid: number): string | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = fields[19];
  return ticks && /^\d+$/.test(ticks) ? `linux:${ticks}` : null;
}
