import type { AuditChannel } from '../audit/audit-log.js';
import { osUser } from '../util/os-user.js';

/** Who asked for a lifecycle step: the OS user, through which surface, and the MCP client if any. */
export interface Actor {
  user: string;
  channel: AuditChannel;
  clientName?: string;
}

export function actorFor(channel: AuditChannel, clientName?: string): Actor {
  return { user: osUser(), channel, clientName };
}

/** "jdoe (mcp: Claude Desktop)" — the form stored in a batch's history and status columns. */
export function actorLabel(actor: Actor): string {
  return `${actor.user} (${actor.channel}${actor.clientName ? `: ${actor.clientName}` : ''})`;
}
