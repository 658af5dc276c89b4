import { VERSION } from '../../mcp/version.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';

export const appService: ApiHandlers<ServiceContext>['app'] = {
  async info(_input, ctx) {
    return {
      version: VERSION,
      data_dir: ctx.engine.dataDir,
      platform: ctx.claude.platform,
      packaged: ctx.claude.packaged,
      secrets_backend: ctx.engine.secrets.backend,
      host: ctx.host,
    };
  },
};
