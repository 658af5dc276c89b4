import { needsSecret, parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { connectionKinds, connectionRoles } from '../../mcp/connections/connection-kinds.js';
import { pacsServerPresetDrafts } from '../../mcp/connections/pacs-server-preset.js';
import { summarize } from '../../mcp/connections/connection-registry.js';
import type { ConnectionRecord } from '../../mcp/connections/connection-types.js';
import { secretAccount } from '../../mcp/credentials/credentials.js';
import { testConnectionTool } from '../../mcp/tools/test-connection.js';
import { UserError } from '../../mcp/util/user-error.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { runToolForUi } from './run-tool.js';
import { uiAction } from './ui-audit.js';

async function view(ctx: ServiceContext, record: ConnectionRecord) {
  const secretNeeded = needsSecret(record.kind, record.config);
  // Only whether a password is stored: its value never leaves this function.
  const hasSecret = secretNeeded ? await ctx.engine.secrets.get(secretAccount.connection(record.id)).then((s) => s !== null, () => false) : false;
  const config = Object.fromEntries(Object.entries(record.config).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<string, string | number | boolean>;
  return { ...summarize(record), config, needs_secret: secretNeeded, has_secret: hasSecret, ambient_credentials: record.ambient_credentials, updated_at: record.updated_at };
}

export const connectionsService: ApiHandlers<ServiceContext>['connections'] = {
  async kinds() {
    return { kinds: connectionKinds(), roles: connectionRoles(), presets: pacsServerPresetDrafts() };
  },

  async list(_input, ctx) {
    const records = await ctx.engine.connections.list();
    return { connections: await Promise.all(records.map((r) => view(ctx, r))) };
  },

  async save(input, ctx) {
    const { engine } = ctx;
    const config = parseConnectionConfig(input.kind, input.config);
    if (input.secret.action === 'set' && !needsSecret(input.kind, config)) {
      throw new UserError('invalid', `A ${input.kind} connection${input.kind === 'sqlserver' ? ' with Windows authentication' : ''} uses no password: leave the password empty.`);
    }
    const account = secretAccount.connection(input.id);
    const record = await uiAction(
      engine,
      { action: 'connections.save', args: { id: input.id, kind: input.kind, role: input.role, config, keychain: input.secret.action, ambient_credentials: input.ambient_credentials }, connectionId: input.id },
      async () => {
        // The secret first: if the keychain refuses, no connection is saved pointing at a missing password.
        if (input.secret.action === 'set') await engine.secrets.set(account, input.secret.value);
        // Choosing Windows authentication in the form is the person allowing that sign-in.
        const ambient = input.ambient_credentials || (input.kind === 'sqlserver' && config.authentication === 'windows');
        const saved = await engine.connections.upsert({ id: input.id, kind: input.kind, role: input.role, description: input.description, config, is_default: input.is_default, ambient_credentials: ambient });
        if (input.secret.action === 'clear') await engine.secrets.delete(account);
        await engine.sources.evict(input.id);
        return saved;
      },
    );
    return { connection: await view(ctx, record) };
  },

  async confirm(input, ctx) {
    const { engine } = ctx;
    const record = await engine.connections.get(input.id);
    const windowsLogin = record.kind === 'sqlserver' && record.config.authentication === 'windows';
    const ambient = input.ambient_credentials ?? (windowsLogin ? true : undefined);
    const confirmed = await uiAction(engine, { action: 'connections.confirm', args: { id: record.id, ambient_credentials: ambient ?? record.ambient_credentials }, connectionId: record.id }, async () => {
      const saved = await engine.connections.confirm(record.id, { ambientCredentials: ambient });
      await engine.sources.evict(record.id);
      return saved;
    });
    return { connection: await view(ctx, confirmed) };
  },

  async remove(input, ctx) {
    const { engine } = ctx;
    const record = await engine.connections.get(input.id);
    await uiAction(engine, { action: 'connections.remove', args: { id: record.id }, connectionId: record.id }, async () => {
      await engine.sources.evict(record.id);
      await engine.connections.remove(record.id);
      if (needsSecret(record.kind, record.config)) await engine.secrets.delete(secretAccount.connection(record.id)).catch(() => false);
    });
    return { removed: true };
  },

  async test(input, ctx) {
    return runToolForUi(ctx.engine, testConnectionTool, { connection_id: input.id });
  },
};
