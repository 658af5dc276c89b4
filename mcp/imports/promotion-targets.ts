import type { ConnectionRecord } from '../connections/connection-types.js';
import type { ImportEngine } from './import-engine.js';
import { actorLabel, type Actor } from './actor.js';
import { ImportStateError } from './import-errors.js';
import type { ImportKindName } from './import-kind.js';
import { importKind } from './import-kinds.js';

/** `dbo.pacs_mcp_promote_exemptions`: an optional schema and a name, plain identifiers only. */
const PROCEDURE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/;

export interface PromotionTarget {
  connection_id: string;
  kind: ImportKindName;
  procedure_name: string;
  updated_at: string;
  updated_by: string;
}

/**
 * How promotion reaches a target: on SQL Server an allowlisted stored procedure called with the
 * batch id as a parameter; on SQLite and PostgreSQL (demo targets) the kind's built-in allowlisted
 * statements, named like the procedure that would do the same on SQL Server.
 */
export function promotionMode(record: Pick<ConnectionRecord, 'kind'>): 'procedure' | 'builtin' | null {
  if (record.kind === 'sqlserver') return 'procedure';
  if (record.kind === 'sqlite' || record.kind === 'postgres') return 'builtin';
  return null;
}

/**
 * Allowlists the procedure (or built-in statement set) that promotes batches of `kind` into a
 * production connection. A desktop-app action: no MCP tool and no CLI command reaches it.
 */
export async function setPromotionProcedure(engine: ImportEngine, request: { connectionId: string; kind: ImportKindName; procedure: string }, actor: Actor): Promise<PromotionTarget> {
  const record = await engine.connections.get(request.connectionId);
  const kind = importKind(request.kind);
  if (record.role !== 'production') throw new ImportStateError(`Connection "${record.id}" is role ${record.role}; promotion procedures are configured only for production connections.`, 'invalid');
  const mode = promotionMode(record);
  if (!mode) throw new ImportStateError(`Connections of kind ${record.kind} cannot be promotion targets.`, 'invalid');
  const procedure = request.procedure.trim();
  if (!PROCEDURE_NAME.test(procedure)) throw new ImportStateError(`"${procedure}" is not a procedure name: use schema.name with letters, digits and underscores (e.g. dbo.pacs_mcp_promote_${kind.name}).`, 'invalid');
  if (mode === 'builtin' && procedure !== kind.promotion.builtinName) {
    throw new ImportStateError(`${record.kind} targets have no stored procedures; the allowlisted statement set for ${kind.name} is "${kind.promotion.builtinName}".`, 'invalid');
  }
  const at = new Date().toISOString();
  await engine.store.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO promotion_targets (connection_id, kind, procedure_name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (connection_id, kind) DO UPDATE SET procedure_name = excluded.procedure_name, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [record.id, kind.name, procedure, at, actorLabel(actor)],
    );
    await engine.audit.appendWithin(tx, { channel: actor.channel, clientName: actor.clientName, action: 'import.promotion_target', args: { connection_id: record.id, kind: kind.name, procedure }, connectionId: record.id, outcome: 'ok', durationMs: 0 });
  });
  return { connection_id: record.id, kind: kind.name, procedure_name: procedure, updated_at: at, updated_by: actorLabel(actor) };
}

export async function promotionTarget(engine: ImportEngine, connectionId: string, kind: ImportKindName): Promise<PromotionTarget | undefined> {
  return engine.store.get<PromotionTarget>('SELECT * FROM promotion_targets WHERE connection_id = ? AND kind = ?', [connectionId, kind]);
}

export async function listPromotionTargets(engine: ImportEngine): Promise<PromotionTarget[]> {
  return engine.store.all<PromotionTarget>('SELECT * FROM promotion_targets ORDER BY connection_id, kind');
}

/** `[dbo].[pacs_mcp_promote_exemptions]`: the allowlisted name, bracket-quoted for T-SQL. */
export function quotedProcedure(name: string): string {
  if (!PROCEDURE_NAME.test(name)) throw new ImportStateError(`"${name}" is not an allowlisted procedure name.`, 'invalid');
  return name.split('.').map((part) => `[${part}]`).join('.');
}
