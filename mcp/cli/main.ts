#!/usr/bin/env node
import { restrictNewFiles } from '../util/private-files.js';
import { VERSION } from '../version.js';
import { UsageError, writeLine, type CliIo } from './command.js';
import { COMMANDS } from './commands/index.js';

function help(io: CliIo): void {
  writeLine(io.stdout, `pacs-mcp ${VERSION} — PACS MCP server and tools\n`);
  writeLine(io.stdout, 'Usage: pacs-mcp [command]   (no command: MCP over stdio, as Claude Desktop runs it)\n');
  for (const c of COMMANDS) writeLine(io.stdout, `  ${c.name.padEnd(14)} ${c.summary}`);
  writeLine(io.stdout, '\nData dir: PACS_MCP_HOME, else the OS app-data folder. `pacs-mcp COMMAND --help` for details.');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name = 'serve', ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    writeLine(io.stderr, `Unknown command "${name}". Run \`pacs-mcp --help\` for the list.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, `${command.summary}\n\n${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      writeLine(io.stderr, `${err.message}\n\nUsage:\n${command.usage}`);
      return 2;
    }
    writeLine(io.stderr, `Error: ${(err as Error).message}`);
    if (io.env.PACS_MCP_DEBUG) writeLine(io.stderr, (err as Error).stack ?? '');
    return 1;
  }
}

restrictNewFiles();
const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`Error: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  },
);
