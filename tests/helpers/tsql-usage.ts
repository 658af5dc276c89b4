import type { OperationUsage, PacsUsage } from '../../mcp/doctor/pacs-usage.js';
import { checkStatement, emptyUsage, type StatementUsage } from './tsql-check.js';
import type { ScenarioResult } from './tsql-scenario.js';

/** Writes an operation may make to another connection than the one it reads: their own entry, for training connections. */
const OPTIONAL_WRITES: Record<string, string> = { export_parcel_snapshot: 'export_parcel_snapshot (write_to_training)' };

const sorted = (map: Map<string, Set<string>>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([table, columns]) => [table, [...columns].sort()]));

/** What each operation of the scenario read and wrote, as resources/pacs-usage.json holds it. */
export function usageOf(scenario: ScenarioResult): PacsUsage {
  const byOperation = new Map<string, StatementUsage>();
  const merge = (name: string, from: StatementUsage) => {
    let into = byOperation.get(name);
    if (!into) byOperation.set(name, (into = emptyUsage()));
    for (const key of ['reads', 'inserts', 'updates'] as const) {
      for (const [table, columns] of from[key]) for (const column of columns) (into[key].get(table) ?? into[key].set(table, new Set()).get(table)!).add(column);
    }
    for (const table of from.deletes) into.deletes.add(table);
    for (const procedure of from.procedures) into.procedures.add(procedure);
  };
  for (const s of scenario.statements) {
    const { usage } = checkStatement(s.tsql, s.declarations, s.params);
    merge(s.access === 'write' && OPTIONAL_WRITES[s.operation] ? OPTIONAL_WRITES[s.operation] : s.operation, usage);
  }
  const operations: OperationUsage[] = [...byOperation]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, u]) => {
      const roles = scenario.roles.get(name.replace(/ \(write_to_training\)$/, '')) ?? new Set();
      const writes = u.inserts.size + u.updates.size + u.deletes.size + u.procedures.size > 0;
      return {
        name,
        role: [...roles].every((r) => r === 'production') && roles.size > 0 ? 'production' : writes ? 'training' : 'any',
        reads: sorted(u.reads),
        inserts: sorted(u.inserts),
        updates: sorted(u.updates),
        deletes: [...u.deletes].sort(),
        procedures: [...u.procedures].sort(),
      };
    });
  return { generated_by: 'tests/sql/tsql-statements.test.ts (PACS_UPDATE_USAGE=1 rewrites it)', operations };
}
