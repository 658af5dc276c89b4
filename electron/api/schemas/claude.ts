import { z } from 'zod';
import { TOOLSET_NAMES } from '../../../mcp/toolsets.js';
import { noInput } from './common.js';

export const claudeEntry = z.object({
  command: z.string(),
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()).optional(),
});

/** A toolset the entry can list, with the tools in it. */
export const toolsetChoice = z.object({ name: z.enum(TOOLSET_NAMES), description: z.string(), tools: z.array(z.string()), always: z.boolean() });

export const claudePlan = {
  input: z
    .object({
      /** Toolsets besides core to list in Claude (written as PACS_MCP_TOOLSETS); left out: those of the entry already written, if any. */
      toolsets: z.array(z.enum(TOOLSET_NAMES)).max(TOOLSET_NAMES.length).optional(),
    })
    .strict(),
  output: z.object({
    /** Handle of the prepared change: writing applies exactly this plan. */
    plan_id: z.string(),
    config_path: z.string(),
    /** Every place Claude Desktop may read its config from on this OS. */
    candidates: z.array(z.string()),
    exists: z.boolean(),
    changed: z.boolean(),
    diff: z.string(),
    server_name: z.string(),
    entry: claudeEntry,
    /** Every toolset, to choose from; `chosen` those this plan lists. */
    toolsets: z.array(toolsetChoice),
    chosen_toolsets: z.array(z.enum(TOOLSET_NAMES)),
  }),
};

export const claudeBundle = {
  input: noInput,
  output: z.object({
    /** The .mcpb that came with the app for this OS and architecture, or null when there is none. */
    bundle: z.object({ file_name: z.string(), size_bytes: z.number().int() }).nullable(),
    platform: z.string(),
    arch: z.string(),
  }),
};

export const claudeSaveBundle = {
  input: noInput,
  output: z.object({ saved_path: z.string() }),
};

export const claudeWrite = {
  input: z.object({ plan_id: z.string().min(1).max(100) }),
  output: z.object({ written: z.boolean(), config_path: z.string(), backup_path: z.string().nullable() }),
};
