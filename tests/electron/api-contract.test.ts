import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../electron/api/client.js';
import { API_CONTRACT, API_METHOD_NAMES, methodSpec } from '../../electron/api/contract.js';
import { dispatchApiCall } from '../../electron/api/dispatch.js';
import type { ApiEnvelope, ApiHandlers } from '../../electron/api/types.js';
import { API_HANDLERS } from '../../electron/services/index.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp.js';
import { UserError } from '../../mcp/util/user-error.js';
import { ROOT } from '../helpers/paths.js';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

describe('the typed API table', () => {
  it('has a zod input and output for every method, and every input is an object', () => {
    expect(API_METHOD_NAMES.length).toBeGreaterThan(30);
    for (const name of API_METHOD_NAMES) {
      const spec = methodSpec(name)!;
      expect(spec.input, name).toBeInstanceOf(z.ZodType);
      expect(spec.output, name).toBeInstanceOf(z.ZodType);
      expect(spec.input.safeParse('a string').success, name).toBe(false);
    }
  });

  it('is implemented method for method by the main process and by the preload/bridge client', () => {
    for (const [group, methods] of Object.entries(API_CONTRACT)) {
      expect(Object.keys((API_HANDLERS as Record<string, object>)[group]).sort(), group).toEqual(Object.keys(methods).sort());
    }
    const client = createApiClient(async () => ({ ok: true, value: null }));
    const clientNames = Object.entries(client).flatMap(([g, ms]) => Object.keys(ms).map((m) => `${g}.${m}`));
    expect(clientNames.sort()).toEqual([...API_METHOD_NAMES].sort());
  });

  it('resolves only names the table has (no prototype tricks)', () => {
    for (const name of ['__proto__.constructor', 'app.__proto__', 'constructor.name', 'app', '.info', 'app.info.x', 'toString.call', 'connections.hasOwnProperty']) {
      expect(methodSpec(name), name).toBeUndefined();
    }
    expect(methodSpec('app.info')).toBeDefined();
  });
});

describe('dispatch: every call validated both ways', () => {
  type Ctx = { calls: unknown[] };
  const handlers = {
    ...API_HANDLERS,
    connections: {
      ...API_HANDLERS.connections,
      // A handler that (wrongly) returns a password: the output check must strip it.
      list: async () => ({ connections: [{ id: 'x', kind: 'postgres', role: 'training', description: '', is_default: false, target: 'h:1/db', read_only: false, config: { host: 'h' }, needs_secret: true, has_secret: true, origin: 'user', confirmed: true, ambient_credentials: false, updated_at: 'now', password: 'hunter2' }] }),
      remove: async () => {
        throw new UserError('refused', 'not allowed');
      },
      test: async () => ({ connection_id: 'x' }),
    },
  } as unknown as ApiHandlers<Ctx>;
  const call = (method: unknown, input: unknown): Promise<ApiEnvelope> => dispatchApiCall(handlers, { calls: [] }, method, input);

  it('refuses unknown methods and non-string names', async () => {
    expect(await call('nope.method', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await call('x'.repeat(500), {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses bad input with a message naming the field, before any handler runs', async () => {
    const bad = await call('connections.save', { id: '../etc', kind: 'oracle', role: 'training', config: {} });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!bad.ok && bad.error.message).toMatch(/id|kind/);
    const secretInConfig = await call('connections.save', { id: 'pg', kind: 'postgres', role: 'training', config: { host: 'h', database: 'd', user: 'u', password: 'x' } });
    expect(!secretInConfig.ok && secretInConfig.error.message).toMatch(/keychain/);
    const extraKey = await call('app.info', { injected: true });
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const promote = await call('staging.promote', { batch_id: 'b', target_connection_id: 'pacs_oltp', confirm_target: 'pacs_oltp ' });
    expect(!promote.ok && promote.error.message).toMatch(/Type the target connection id exactly/);
    const upload = await call('staging.preview', { file_name: '../../x.csv', content_base64: 'QUJD', kind: 'exemptions' });
    expect(!upload.ok && upload.error.message).toMatch(/file_name/);
  });

  it('strips from the output anything the contract does not name', async () => {
    const listed = await call('connections.list', {});
    expect(listed.ok).toBe(true);
    expect(JSON.stringify(listed)).not.toContain('hunter2');
  });

  it('turns an output that breaks the contract into an internal error, and UserErrors into the code of their kind', async () => {
    expect(await call('connections.test', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await call('connections.remove', { id: 'x' })).toEqual({ ok: false, error: { code: 'forbidden', message: 'not allowed' } });
  });
});

describe('layering', () => {
  it('the renderer never imports the engine, Node or Electron: only the API contract types', () => {
    for (const file of sourceFiles('renderer/src')) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          expect(['react', 'react-dom/client', '@tanstack/react-virtual', '@codemirror/autocomplete', '@codemirror/commands', '@codemirror/lang-sql', '@codemirror/language', '@codemirror/state', '@codemirror/view'], `${file}: ${spec}`).toContain(spec);
          continue;
        }
        const target = path.resolve(path.dirname(file), spec);
        const inRenderer = target.startsWith(path.join(ROOT, 'renderer') + path.sep);
        const isContract = target.startsWith(path.join(ROOT, 'electron', 'api') + path.sep);
        expect(inRenderer || isContract, `${path.relative(ROOT, file)} imports ${spec}`).toBe(true);
        if (isContract) expect(fs.readFileSync(file, 'utf8'), `${file} must import the contract as types only`).toMatch(new RegExp(`import type [^;]+'${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
      }
    }
  });

  it('the engine and the services never import electron; the contract reaches nothing but zod schemas', () => {
    for (const file of [...sourceFiles('mcp'), ...sourceFiles('electron/services'), ...sourceFiles('electron/api')]) {
      expect(importsOf(file), file).not.toContain('electron');
    }
    // The schemas reuse the engine's own zod definitions (a tool's answer is declared once), but
    // every module they reach, however indirectly, imports zod and nothing else.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec === 'zod') continue;
        expect(spec.startsWith('.'), `${path.relative(ROOT, file)} imports ${spec}`).toBe(true);
        visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    for (const file of sourceFiles('electron/api/schemas')) visit(file);
    const engineModules = [...seen].filter((f) => f.startsWith(path.join(ROOT, 'mcp') + path.sep)).map((f) => path.relative(ROOT, f));
    expect(engineModules).toEqual(expect.arrayContaining(['mcp/tools/parcel-schemas.ts', 'mcp/tools/sql-schemas.ts', 'mcp/connections/connection-kinds.ts']));
  });

  it('the built preload is one sandbox-safe file that requires nothing but electron', () => {
    const preload = path.join(ROOT, 'dist/electron/preload.cjs');
    expect(fs.existsSync(preload), 'run the build first (npm test does)').toBe(true);
    const requires = [...fs.readFileSync(preload, 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
  });

  it('the built index.html carries the same CSP as the header, and no inline script', () => {
    const html = fs.readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replace(/&#39;/g, "'");
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, ''));
    expect([...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].every((m) => /\bsrc=/.test(m[1]) && m[2].trim() === '')).toBe(true);
  });

  it('the window keeps every checklist webPreference', async () => {
    const text = fs.readFileSync(path.join(ROOT, 'electron/window.ts'), 'utf8');
    for (const setting of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'nodeIntegrationInWorker: false', 'nodeIntegrationInSubFrames: false', 'webSecurity: true', 'allowRunningInsecureContent: false', 'webviewTag: false', 'experimentalFeatures: false']) {
      expect(text).toContain(setting);
    }
    expect(fs.readFileSync(path.join(ROOT, 'electron/main.ts'), 'utf8')).toMatch(/app\.enableSandbox\(\)/);
  });
});
