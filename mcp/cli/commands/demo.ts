import { intOption, parseOptions, writeLine, type CliCommand } from '../command.js';
import { audited, withEngine } from '../with-engine.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: '(Re)build the demo PACS database and register it as connection "demo"',
  usage: 'pacs-mcp demo [--size N] [--seed S] [--json]',
  async run(argv, io) {
    const { values } = parseOptions(argv, { size: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } });
    const size = intOption(values.size, 'size', 10_000)!;
    const seed = intOption(values.seed, 'seed', 42)!;
    if (size < 1 || size > 5_000_000) throw new Error('--size must be between 1 and 5000000 parcels.');
    return withEngine(async (engine) => {
      let lastPct = -1;
      const summary = await audited(engine, { action: 'demo', args: { size, seed }, connectionId: 'demo' }, () =>
        engine.rebuildDemo({
          size,
          seed,
          onProgress: (done, total) => {
            const pct = Math.floor((done / total) * 100);
            if (!values.json && pct !== lastPct && pct % 10 === 0) io.stderr.write(`  ${pct}%\n`);
            lastPct = pct;
          },
        }),
      (s) => s.parcels);
      if (values.json) writeLine(io.stdout, JSON.stringify(summary));
      else writeLine(io.stdout, `Demo PACS database: ${summary.parcels} parcels, ${summary.property_val_rows} value rows, seed ${seed}, in ${(summary.elapsed_ms / 1000).toFixed(1)} s.\n  ${summary.file}\n  Registered as connection "demo" (role training).`);
      return 0;
    }, { initDemo: false });
  },
};
