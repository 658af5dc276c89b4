// `npm run demo`: build, (re)build the demo PACS database, then talk to the server over stdio
// the way Claude Desktop does and print a few answers.
import { spawnSync } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const cli = 'dist/mcp/cli/main.js';
const step = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(['scripts/build.mjs']);
step([cli, 'demo', ...process.argv.slice(2)]);

const client = new Client({ name: 'pacs-demo', version: '1.0.0' });
await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'serve'], stderr: 'inherit' }));
const text = async (name, args) => {
  const result = await client.callTool({ name, arguments: args });
  console.log(`\n> ${name} ${JSON.stringify(args)}\n${result.content.map((c) => c.text).join('\n')}`);
  return result.structuredContent;
};
await text('list_connections', {});
const { parcels } = await text('search_parcels', { limit: 5 });
await text('get_parcel_timeline', { prop_id: parcels[0].prop_id, include_supplements: false });
await text('list_appeals', { open_only: true, limit: 5 });
await text('query_sql', { sql: 'SELECT hood_cd, COUNT(*) AS parcels, ROUND(AVG(market)) AS avg_market FROM property_val WHERE prop_val_yr = 2026 AND sup_num = 0 GROUP BY hood_cd ORDER BY parcels DESC', max_rows: 5 });
await client.close();
console.log('\nNext: `node dist/mcp/cli/main.js claude-config --write` to add this server to Claude Desktop.');
