import fs from 'node:fs';
import { it } from 'vitest';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
it('prep', async () => {
  const home = '/tmp/i4/b1m';
  fs.rmSync(home, { recursive: true, force: true }); fs.mkdirSync(home);
  await generateDemoDatabase(`${home}/demo-pacs.sqlite`, { size: 100_000 });
  const mod = await import('../../bench/cases/import-1m.js');
  // @ts-ignore test-only access
  console.log(await mod.__writeUploadCsv(`${home}/demo-pacs.sqlite`, `${home}/up.csv`, 1_000_000));
}, 600_000);
