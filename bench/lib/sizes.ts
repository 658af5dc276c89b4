import type { BenchOptions } from './types.js';

/**
 * A case's workload size: the `--NAME N` flag if given, else the quick or full default.
 * Quick mode only proves the harness and the case work; its numbers mean nothing.
 */
export function sizeOf(options: BenchOptions, name: string, defaults: { full: number; quick: number }): number {
  const given = options.sizes?.[name];
  if (given !== undefined) return given;
  return options.quick ? defaults.quick : defaults.full;
}
