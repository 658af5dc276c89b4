import type { Engine } from '../engine.js';
import { STAGING_SYNONYMS } from '../imports/promotion-procedures.js';
import { listPromotionTargets } from '../imports/promotion-targets.js';
import { UserError } from '../util/user-error.js';
import { runDoctor, type DoctorReport } from './doctor.js';

/**
 * Doctor for one registered connection (the default training connection when none is named):
 * its allowlisted promotion procedures, and the training database on the same SQL Server that
 * those procedures read, come from the engine's registry.
 */
export async function doctorConnection(engine: Engine, connectionId?: string | null): Promise<DoctorReport> {
  const record = connectionId ? await engine.connections.get(connectionId) : await engine.connections.defaultTraining();
  const { connector } = await engine.source(record.id);
  if (connector.family !== 'database') throw new UserError('invalid', `Connection "${record.id}" (${record.kind}) is a warehouse; doctor checks PACS databases (SQL Server, PostgreSQL, SQLite).`);
  const promotionProcedures = (await listPromotionTargets(engine)).filter((t) => t.connection_id === record.id).map((t) => t.procedure_name);
  const server = String(record.config.server ?? '').toLowerCase();
  const training = (await engine.connections.list()).find((c) => c.kind === 'sqlserver' && c.role === 'training' && String(c.config.server ?? '').toLowerCase() === server);
  return runDoctor(record, connector, {
    promotionProcedures,
    trainingDatabase: record.kind === 'sqlserver' && training ? String(training.config.database) : null,
    trainingStagingTables: Object.values(STAGING_SYNONYMS),
  });
}
