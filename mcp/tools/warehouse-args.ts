import { z } from 'zod';

/** The arguments every lakehouse tool takes to pick its warehouse. */
export const warehouseArgs = {
  warehouse_connection_id: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Warehouse connection (kind lakehouse or databricks). Omit for this tenant\'s default warehouse, which is the local lakehouse unless configured otherwise.'),
  tenant_id: z.string().min(1).max(40).optional().describe('Tenant id; must be the tenant this server serves (omit to use it).'),
};
