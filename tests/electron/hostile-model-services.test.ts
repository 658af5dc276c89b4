import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/index.js';
import { registerSourceForModel } from '../../mcp/connections/register-source.js';
import { Engine } from '../../mcp/engine.js';
import { resolveModelFilePath } from '../../mcp/imports/import-folders.js';
import { appServicesFor, callFails, callOk } from '../helpers/app-services.js';
import { silentServer, type SilentServer } from '../helpers/loopback.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * What the desktop app offers the user against a hostile model: confirming a connection the
 * model registered (until then nothing reaches its host), and choosing the folders a file named
 * in the chat may come from.
 */
const home = makeTempHome('pacs-app-hostile-');
let engine: Engine;
let services: AppServices;
let silent: SilentServer;

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '30' } as NodeJS.ProcessEnv });
  services = appServicesFor(engine, home.dir);
  silent = await silentServer();
});
afterAll(async () => {
  await services.close();
  await silent.close();
  await engine.close();
  home.cleanup();
});

describe('the app API against a hostile model', () => {
  it('lists a model-registered connection as unconfirmed, contacts it only after the user confirms it', async () => {
    await registerSourceForModel(engine, { id: 'gis', kind: 'postgres', role: 'other', config: { host: '127.0.0.1', port: silent.port, database: 'gis', user: 'reader', connect_timeout_ms: 1_000 } });
    const listed = (await callOk(services, 'connections.list')).connections.find((c: { id: string }) => c.id === 'gis');
    expect(listed).toMatchObject({ origin: 'model', confirmed: false, ambient_credentials: false });
    expect(await callOk(services, 'connections.test', { id: 'gis' })).toMatchObject({ ok: false, failure: 'unconfirmed' });
    expect(silent.accepted()).toBe(0);

    const confirmed = await callOk(services, 'connections.confirm', { id: 'gis' });
    expect(confirmed.connection).toMatchObject({ confirmed: true, ambient_credentials: false });
    expect(await callOk(services, 'connections.test', { id: 'gis' })).toMatchObject({ ok: false, failure: 'timeout' });
    expect(silent.accepted()).toBeGreaterThan(0);
    const audit = await engine.audit.recent(20, { action: 'connections.confirm' });
    expect(audit.map((a) => a.channel)).toEqual(['ui']);
  });

  it('sets the import folders the model may read from, and refuses a folder that does not exist', async () => {
    const before = await callOk(services, 'importFolders.get');
    expect(before.defaults).toBe(true);
    expect(before.folders).toContain(path.join(home.dir, 'imports'));
    const chosen = path.join(home.dir, 'county-exports');
    fs.mkdirSync(chosen);
    fs.writeFileSync(path.join(chosen, 'x.csv'), 'a\n1\n');
    await expect(resolveModelFilePath(engine, path.join(chosen, 'x.csv'), { maxBytes: 1024 })).rejects.toThrow(/not inside an import folder/);
    expect(await callOk(services, 'importFolders.set', { folders: [chosen] })).toEqual({ folders: [chosen], defaults: false });
    expect(await resolveModelFilePath(engine, path.join(chosen, 'x.csv'), { maxBytes: 1024 })).toBe(fs.realpathSync(path.join(chosen, 'x.csv')));
    expect((await callFails(services, 'importFolders.set', { folders: [path.join(home.dir, 'nowhere')] })).message).toMatch(/not an existing folder/);
    expect((await callFails(services, 'importFolders.set', { folders: ['relative/path'] })).message).toMatch(/not an absolute path/);
    expect(await callOk(services, 'importFolders.set', { folders: null })).toMatchObject({ defaults: true });
  });
});
