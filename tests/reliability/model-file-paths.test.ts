import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * A prompt-injected model naming files: a .txt of recovery codes, a symlink `innocent.csv` to
 * ~/.ssh/id_ed25519, paths climbing out of the import folder, devices, pipes, network paths and
 * a file too large. None may be read, and no answer (result, error, bronze table) may carry a
 * byte of them. The import folders are the user's to set (app or CLI), never the model's.
 */

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n';
const CODES = 'recovery-code-1: 4F7Q-99ZK-XXRT\nrecovery-code-2: PQ81-ZZ0A-M3M3\n';

/** A user's home with secrets in it, a data dir whose import folder holds the traps, and a server on it. */
interface World {
  home: ReturnType<typeof makeTempHome>;
  dataDir: string;
  userHome: string;
  imports: string;
  env: Record<string, string>;
  session: StdioSession;
}

async function makeWorld(): Promise<World> {
  const home = makeTempHome('pacs-model-paths-');
  const dataDir = path.join(home.dir, 'data');
  const userHome = path.join(home.dir, 'user-home');
  const imports = path.join(dataDir, 'imports');
  fs.mkdirSync(path.join(userHome, '.ssh'), { recursive: true });
  fs.mkdirSync(path.join(userHome, 'Documents'), { recursive: true });
  fs.writeFileSync(path.join(userHome, '.ssh', 'id_ed25519'), KEY, { mode: 0o600 });
  fs.writeFileSync(path.join(userHome, 'recovery-codes.txt'), CODES);
  fs.writeFileSync(path.join(userHome, 'Documents', 'secrets.csv'), `name,code\n${CODES}`);
  const env = serverEnv(dataDir, { PACS_MCP_DEMO_SIZE: '30', HOME: userHome });
  const session = await connectStdio(env);
  await session.ok('list_connections');
  fs.mkdirSync(imports, { recursive: true });
  fs.symlinkSync(path.join(userHome, '.ssh', 'id_ed25519'), path.join(imports, 'innocent.csv'));
  fs.symlinkSync(path.join(userHome, '.ssh'), path.join(imports, 'linked'));
  fs.symlinkSync(path.join(userHome, 'recovery-codes.txt'), path.join(imports, 'codes.txt'));
  execFileSync('mkfifo', [path.join(imports, 'pipe.csv')]);
  fs.mkdirSync(path.join(imports, 'folder.csv'));
  // Sparse: over the size limit without using the disk.
  const big = fs.openSync(path.join(imports, 'huge.csv'), 'w');
  fs.ftruncateSync(big, 2 * 1024 ** 3 + 1);
  fs.closeSync(big);
  return { home, dataDir, userHome, imports, env, session };
}

async function closeWorld(world: World | undefined): Promise<void> {
  await world?.session.close();
  world?.home.cleanup();
}

/** Text of a tool result: the text block and the structured content. */
function everything(result: { content?: unknown; structuredContent?: unknown }): string {
  return JSON.stringify(result);
}

const attempts = ({ userHome, imports }: World): [string, RegExp][] => [
  [path.join(userHome, 'recovery-codes.txt'), /not inside an import folder/],
  [path.join(userHome, 'Documents', 'secrets.csv'), /not inside an import folder/],
  [path.join(imports, 'innocent.csv'), /not inside an import folder \(after following its links\)/],
  [path.join(imports, 'linked', 'id_ed25519'), /not inside an import folder/],
  [path.join(imports, 'codes.txt'), /not inside an import folder/],
  ['innocent.csv', /not inside an import folder/],
  ['../../user-home/recovery-codes.txt', /not inside an import folder/],
  [`${imports}/../../user-home/.ssh/id_ed25519`, /not inside an import folder/],
  ['/dev/zero', /not inside an import folder/],
  ['/proc/self/environ', /not inside an import folder/],
  [path.join(imports, 'pipe.csv'), /not a regular file/],
  [path.join(imports, 'folder.csv'), /not a regular file/],
  [path.join(imports, 'huge.csv'), /limited to 2048 MB/],
  ['\\\\fileserver\\share\\exemptions.csv', /network or device path/],
  ['//fileserver/share/exemptions.csv', /network or device path/],
  [path.join(imports, 'missing.csv'), /There is no file at/],
];

const calls: [label: string, tool: string, args: Record<string, unknown>][] = [
  ['stage_import', 'stage_import', { kind: 'exemptions' }],
  ['stage_import with validate', 'stage_import', { kind: 'exemptions', validate: true }],
  ['upload_file', 'upload_file', { dataset_name: 'stolen' }],
];

/** Every attempt through `tool`: each is refused, says where files may come from, and echoes nothing of them. */
async function refusesEveryAttempt(world: World, tool: string, extra: Record<string, unknown>): Promise<void> {
  for (const [filePath, why] of attempts(world)) {
    const args = { ...extra, file_path: filePath };
    const result = await world.session.call(tool, args);
    expect(result.isError, `${tool} ${filePath}`).toBe(true);
    const text = errorText(result);
    expect(text, filePath).toMatch(why);
    expect(text).toContain(world.imports);
    expect(everything(result)).not.toContain('PRIVATE KEY');
    expect(everything(result)).not.toContain('4F7Q');
    // Where a link pointed is not told either.
    if (!filePath.includes('.ssh')) expect(everything(result)).not.toContain('.ssh');
  }
}

let world: World;
let env: Record<string, string>;
let session: StdioSession;
let userHome: string;
let imports: string;

beforeAll(async () => {
  world = await makeWorld();
  ({ env, session, userHome, imports } = world);
});
afterAll(async () => {
  await closeWorld(world);
});

describe('a file path from the model is read only inside the import folders the user set', () => {
  for (const [label, tool, extra] of calls) {
    it(`${label} refuses every attempt, says where files may come from, and echoes nothing of them`, async () => {
      await refusesEveryAttempt(world, tool, extra);
    });
  }

  it('nothing was staged or loaded from them: no batch, no bronze table, and the audit log says refused', async () => {
    // A world of its own, where only the refused attempts have happened (other tests stage real files).
    const own = await makeWorld();
    try {
      for (const [, tool, extra] of calls) await refusesEveryAttempt(own, tool, extra);
      expect((await own.session.ok('list_import_batches', {})).batches).toEqual([]);
      expect((await own.session.ok('list_source_tables', { connection_id: 'lakehouse' })).tables).toEqual([]);
      const audit = JSON.parse((await runCli(['audit', 'list', '--json', '--limit', '500'], own.env)).stdout) as { action: string; outcome: string; error: string | null }[];
      const refused = audit.filter((a) => ['stage_import', 'upload_file'].includes(a.action));
      expect(refused.length).toBeGreaterThanOrEqual(attempts(own).length * 3);
      expect(refused.every((a) => a.outcome === 'refused')).toBe(true);
      expect(JSON.stringify(audit)).not.toContain('PRIVATE KEY');
    } finally {
      await closeWorld(own);
    }
  });

  it('a file inside the folder that is not an import is refused without quoting it', async () => {
    fs.writeFileSync(path.join(imports, 'copied-key.txt'), KEY);
    fs.writeFileSync(path.join(imports, 'copied-codes.csv'), `"${CODES}`);
    for (const name of ['copied-key.txt', 'copied-codes.csv']) {
      const result = await session.call('stage_import', { kind: 'exemptions', file_path: path.join(imports, name) });
      expect(result.isError, name).toBe(true);
      expect(everything(result)).not.toContain('PRIVATE KEY');
      expect(everything(result)).not.toContain('b3BlbnNzaC1rZXktdjEA');
      expect(everything(result)).not.toContain('4F7Q');
    }
  });

  it('real files in the import folder work, by absolute or relative path, and through links that stay inside', async () => {
    const csv = 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,HS\n';
    fs.writeFileSync(path.join(imports, 'exemptions.csv'), csv);
    fs.symlinkSync(path.join(imports, 'exemptions.csv'), path.join(imports, 'latest.csv'));
    expect(await session.ok('stage_import', { kind: 'exemptions', file_path: path.join(imports, 'exemptions.csv') })).toMatchObject({ status: 'staged', staged_count: 1 });
    expect(await session.ok('stage_import', { kind: 'exemptions', file_path: 'exemptions.csv' })).toMatchObject({ staged_count: 1 });
    expect(await session.ok('stage_import', { kind: 'exemptions', file_path: 'latest.csv' })).toMatchObject({ staged_count: 1 });
  });

  it('the user sets the folders with the CLI; the model has no tool for it', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name).filter((n) => /folder|setting|config/i.test(n))).toEqual([]);
    const documents = path.join(userHome, 'Documents');
    const add = await runCli(['import-folders', 'add', documents], env);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(documents);
    fs.writeFileSync(path.join(documents, 'ok.csv'), 'prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,HS\n');
    expect(await session.ok('stage_import', { kind: 'exemptions', file_path: path.join(documents, 'ok.csv') })).toMatchObject({ staged_count: 1 });
    const remove = await runCli(['import-folders', 'remove', documents], env);
    expect(remove.code).toBe(0);
    const again = await session.call('stage_import', { kind: 'exemptions', file_path: path.join(documents, 'ok.csv') });
    expect(errorText(again)).toMatch(/not inside an import folder/);
    const notAFolder = await runCli(['import-folders', 'add', path.join(userHome, 'nowhere')], env);
    expect(notAFolder.code).not.toBe(0);
    expect(notAFolder.stderr).toMatch(/not an existing folder/);
    expect((await runCli(['import-folders', 'reset', '--json'], env)).stdout).toContain('"defaults":true');
  });
});
