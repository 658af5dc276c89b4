import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { featureUnavailable } from './feature-unavailable.js';

export const STAGING_AVAILABLE = false;

const unavailable = async (): Promise<never> => {
  throw featureUnavailable('staging');
};

export const stagingService: ApiHandlers<ServiceContext>['staging'] = {
  kinds: unavailable,
  preview: unavailable,
  start: unavailable,
  list: unavailable,
  get: unavailable,
  validate: unavailable,
  signoff: unavailable,
  push: unavailable,
  promote: unavailable,
  reject: unavailable,
};
