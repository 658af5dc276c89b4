import { z } from 'zod';
import { connectionId, noInput } from './common.js';
import { IMPORT_KINDS } from './staging.js';

/** `dbo.pacs_mcp_promote_exemptions`: an optional schema and a name, plain identifiers only (the engine checks the same). */
export const PROCEDURE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/;

export const promotionTargetView = z.object({
  connection_id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  procedure_name: z.string(),
  updated_at: z.string(),
  updated_by: z.string(),
});

export const promotionList = {
  input: noInput,
  output: z.object({ targets: z.array(promotionTargetView) }),
};

export const promotionSet = {
  input: z.object({
    connection_id: connectionId,
    kind: z.enum(IMPORT_KINDS),
    procedure: z
      .string()
      .trim()
      .regex(PROCEDURE_NAME, 'A procedure name is schema.name (or name): letters, digits and "_" only, e.g. dbo.pacs_mcp_promote_exemptions — no spaces, quotes or SQL.'),
  }),
  output: promotionTargetView,
};
