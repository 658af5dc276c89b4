import readline from 'node:readline';
import type { CliIo } from './command.js';

/** All of stdin, minus one trailing newline: `echo pw | pacs-mcp connections add … --password-stdin`. */
export async function readSecretFromStdin(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
export async function promptSecret(io: CliIo, question: string): Promise<string> {
  if (!io.stdin.isTTY) throw new Error('No terminal to ask for the password on. Pipe it in with --password-stdin.');
  const output = io.stderr as NodeJS.WritableStream & { write: (s: string) => boolean };
  const rl = readline.createInterface({ input: io.stdin, output, terminal: true });
  const rlWithOutput = rl as unknown as { _writeToOutput: (s: string) => void };
  output.write(question);
  rlWithOutput._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    output.write('\n');
  }
}
