import { actorFor } from '../../mcp/imports/actor.js';
import { listPromotionTargets, setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { UI_CALLER, uiAction } from './ui-audit.js';

const actor = () => actorFor('ui', UI_CALLER.clientName);

/**
 * Which procedure (or built-in statement set) promotes each import kind into a production
 * connection: a desktop-app action only, audited twice — the UI action (`promotion.set`) and the
 * engine's own `import.promotion_target` row.
 */
export const promotionService: ApiHandlers<ServiceContext>['promotion'] = {
  async list(_input, ctx) {
    return { targets: await listPromotionTargets(ctx.engine) };
  },

  async set(input, ctx) {
    return uiAction(ctx.engine, { action: 'promotion.set', args: input, connectionId: input.connection_id }, () =>
      setPromotionProcedure(ctx.engine, { connectionId: input.connection_id, kind: input.kind, procedure: input.procedure }, actor()),
    );
  },
};
