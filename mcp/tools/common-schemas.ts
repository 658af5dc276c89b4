import { z } from 'zod';

export const connectionIdArg = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe('Connection id from list_connections. Omit to use the default training connection.');

export const connectionSummaryShape = z.object({
  id: z.string(),
  kind: z.string(),
  role: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  target: z.string(),
  read_only: z.boolean(),
  origin: z.string().describe('user: added by a person; model: registered through the chat.'),
  confirmed: z.boolean().describe('False until the user confirms a connection registered through the chat; until then it is not used or tested.'),
});

export const rowObject = z.record(z.string(), z.unknown());

/** What a result says about the sensitive values in it (masking/model-view.ts). */
export const maskingShape = z
  .object({
    values: z.enum(['masked', 'clear']),
    masked_columns: z.array(z.object({ column: z.string(), category: z.string() })),
    note: z.string().nullable(),
  })
  .describe('masked: sensitive values are deterministic pseudonyms (the same value always gives the same one); clear: the user allowed this connection\'s values in clear.');

/** Items to skip: how a list tool pages (`next` gives the value for the next page). */
export function offsetArg(max = 1_000_000) {
  return z.number().int().min(0).max(max).default(0).describe('Items to skip, for the next page.');
}

/** The exact call that returns the next page, or null on the last one. */
export const nextCallShape = z
  .object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()) })
  .nullable()
  .describe('The call for the next page (null: this is the last page).');

export type NextCall = { tool: string; arguments: Record<string, unknown> } | null;

/** `next` for a page that ended at `nextOffset` (null when there is nothing after it). */
export function nextCall(tool: string, args: Record<string, unknown>, nextOffset: number | null, offsetKey = 'offset'): NextCall {
  if (nextOffset === null) return null;
  const argumentsNow = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
  return { tool, arguments: { ...argumentsNow, [offsetKey]: nextOffset } };
}

/** The words for a page: "Items 51–100; more: call … with offset 100." */
export function pageWords(what: string, offset: number, shown: number, next: NextCall, offsetKey = 'offset'): string {
  const range = shown === 0 ? `No ${what}${offset > 0 ? ` after the first ${offset}` : ''}.` : `${what[0].toUpperCase()}${what.slice(1)} ${offset + 1}–${offset + shown}.`;
  return next ? `${range} More follow: call ${next.tool} again with the same arguments and ${offsetKey} ${String(next.arguments[offsetKey])} (see next).` : range;
}
