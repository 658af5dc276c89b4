import { intOption, parseOptions, UsageError, writeLine, type CliCommand, type CliIo } from '../command.js';
import { JURISDICTIONS, type Jurisdiction } from '../../pacs/jurisdiction.js';
import { cliAction, withEngine } from '../with-engine.js';

/** `pacs-mcp demo load --into ID`: copy the demo into an empty PostgreSQL / SQL Server database. */
async function loadInto(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(argv, { into: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.into) throw new UsageError('Name the training connection to load the demo into: pacs-mcp demo load --into ID');
  const connectionId = values.into;
  const { loadDemoIntoConnection } = await import('../../demo/load-demo-into-source.js');
  return withEngine(async (engine) => {
    const summary = await cliAction(
      engine,
      { action: 'demo.load', args: { into: connectionId }, connectionId },
      () => loadDemoIntoConnection(engine, connectionId, { onProgress: (table, rows) => !values.json && io.stderr.write(`  ${table}: ${rows} rows\n`) }),
      (s) => s.rows,
    );
    if (values.json) writeLine(io.stdout, JSON.stringify(summary));
    else writeLine(io.stdout, `Loaded the demo into "${summary.connection_id}" (database ${summary.database}): ${summary.tables} tables, ${summary.rows} rows in ${(summary.elapsed_ms / 1000).toFixed(1)} s.`);
    return 0;
  });
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: '(Re)build the demo PACS database and register it as connection "demo"',
  usage: ['pacs-mcp demo [--size N] [--seed S] [--jurisdiction WA|TX] [--json]', 'pacs-mcp demo load --into ID [--json]   (copy the demo into an empty PostgreSQL or SQL Server database of a training connection)'].join('\n'),
  async run(argv, io) {
    if (argv[0] === 'load') return loadInto(argv.slice(1), io);
    const { values } = parseOptions(argv, { size: { type: 'string' }, seed: { type: 'string' }, jurisdiction: { type: 'string' }, json: { type: 'boolean' } });
    const size = intOption(values.size, 'size', 10_000)!;
    const seed = intOption(values.seed, 'seed', 42)!;
    if (size < 1 || size > 5_000_000) throw new Error('--size must be between 1 and 5000000 parcels.');
    const jurisdiction = (values.jurisdiction ?? 'WA').toUpperCase() as Jurisdiction;
    if (!JURISDICTIONS.includes(jurisdiction)) throw new UsageError(`--jurisdiction must be one of ${JURISDICTIONS.join(', ')}.`);
    return withEngine(async (engine) => {
      let lastPct = -1;
      const summary = await cliAction(engine, { action: 'demo', args: { size, seed, jurisdiction }, connectionId: 'demo' }, () =>
        engine.rebuildDemo({
          size,
          seed,
          jurisdiction,
          onProgress: (done, total) => {
            const pct = Math.floor((done / total) * 100);
            if (!values.json && pct !== lastPct && pct % 10 === 0) io.stderr.write(`  ${pct}%\n`);
            lastPct = pct;
          },
        }),
      (s) => s.parcels);
      if (values.json) writeLine(io.stdout, JSON.stringify(summary));
      else writeLine(io.stdout, `Demo PACS database (${summary.jurisdiction} rules): ${summary.parcels} parcels, ${summary.property_val_rows} value rows, seed ${seed}, in ${(summary.elapsed_ms / 1000).toFixed(1)} s.\n  ${summary.file}\n  Registered as connection "demo" (role training).`);
      return 0;
    }, { initDemo: false });
  },
};
