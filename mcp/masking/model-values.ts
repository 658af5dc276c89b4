import type { SqliteDb, SqliteTx } from '../store/sqlite-db.js';
import type { ModelValues } from './model-value-names.js';

export { MODEL_VALUES, type ModelValues } from './model-value-names.js';

/** The choice per connection lives in the app store's settings, as `model_values:<id>` = clear. */
const PREFIX = 'model_values:';

export async function modelValuesOf(store: SqliteDb, connectionId: string): Promise<ModelValues> {
  const row = await store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [PREFIX + connectionId]);
  return row?.value === 'clear' ? 'clear' : 'masked';
}

/** Every connection whose values the model sees in clear. */
export async function clearValueConnections(store: SqliteDb): Promise<Set<string>> {
  const rows = await store.all<{ key: string; value: string }>("SELECT key, value FROM settings WHERE key LIKE 'model\\_values:%' ESCAPE '\\'");
  return new Set(rows.filter((r) => r.value === 'clear').map((r) => r.key.slice(PREFIX.length)));
}

/** Masked is the absence of a setting, so a connection removed and added again starts masked. */
export async function setModelValues(store: SqliteDb, connectionId: string, values: ModelValues): Promise<void> {
  if (values === 'clear') await store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [PREFIX + connectionId, 'clear']);
  else await store.run('DELETE FROM settings WHERE key = ?', [PREFIX + connectionId]);
}

/** When a connection is removed: what a person allowed for it does not carry over to one added later under its id. */
export async function forgetModelValues(tx: SqliteTx, connectionId: string): Promise<void> {
  await tx.run('DELETE FROM settings WHERE key = ?', [PREFIX + connectionId]);
}
