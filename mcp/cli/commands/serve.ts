import { intOption, parseOptions, type CliCommand } from '../command.js';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the MCP server (stdio by default; --http for streamable HTTP on 127.0.0.1)',
  usage: 'pacs-mcp serve [--http [--port N]]',
  async run(argv, io) {
    const { values } = parseOptions(argv, { http: { type: 'boolean' }, port: { type: 'string' } });
    if (values.http) {
      const { serveHttp } = await import('../../server/http.js');
      await serveHttp({ port: intOption(values.port, 'port', 0) ?? 0, log: (line) => io.stderr.write(`${line}\n`) });
      return 0;
    }
    const { serveStdio } = await import('../../server/stdio.js');
    await serveStdio();
    return 0;
  },
};
