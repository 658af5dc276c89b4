import { DBSQLClient } from '@databricks/sql';
const client = new DBSQLClient({ logger: { log: (l, m) => console.error('LOG', l, m.slice(0, 100)) } });
const t = Date.now();
try {
  await client.connect({ host: 'pacs-nowhere.invalid', path: '/sql/1.0/warehouses/x', token: 'dapi-test', telemetryEnabled: false });
  console.log('connected in', Date.now() - t, 'stats', JSON.stringify(client.getTelemetryStats?.()));
  try { await client.openSession({ configuration: { STATEMENT_TIMEOUT: '30' } }); } catch (e) { console.log('openSession error:', e.constructor.name, e.code, e.message.slice(0, 200)); }
} catch (e) { console.log('connect error', e.message); }
await client.close();
const c2 = new DBSQLClient({ logger: { log: () => {} } });
await c2.connect({ host: 'pacs-nowhere.invalid', path: '/x', token: 't' });
console.log('default stats', JSON.stringify(c2.getTelemetryStats?.()));
await c2.close();
