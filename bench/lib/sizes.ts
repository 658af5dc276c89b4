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

/** The sizes one case sees: every unscoped `--SIZE N`, then its own `--CASE.SIZE N` over them. */
export function sizesFor(caseName: string, sizes: Readonly<Record<string, number>>): Record<string, number> {
  const mine: Record<string, number> = {};
  for (const [key, value] of Object.entries(sizes)) if (!key.includes('.')) mine[key] = value;
  for (const [key, value] of Object.entries(sizes)) if (key.startsWith(`${caseName}.`)) mine[key.slice(caseName.length + 1)] = value;
  return mine;
}
