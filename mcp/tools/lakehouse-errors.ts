import { ToolError } from './tool.js';

/** Errors the lakehouse raises for a request the user can fix: reported as what-to-do messages. */
const USER_CORRECTABLE = new Set([
  'SyncRequestError', 'TenantMismatchError', 'InvalidTenantError', 'InvalidNameError', 'JobConflictError', 'NotAWarehouseError',
  'ProductionReadOnlyError', 'UnknownConnectionError', 'UnknownJobError', 'DatabricksConfigError', 'DatabricksError',
  'TransformSpecError', 'UploadError', 'SchemaChangeError', 'CatalogScopeError', 'ReadOnlyViolation',
]);

const REFUSALS = new Set(['TenantMismatchError', 'ProductionReadOnlyError', 'CatalogScopeError', 'ReadOnlyViolation']);

export function asToolError(err: unknown): unknown {
  if (!(err instanceof Error) || !USER_CORRECTABLE.has(err.name)) return err;
  return new ToolError(err.message, REFUSALS.has(err.name) ? 'refused' : 'error');
}
