import type { ApiGroup } from './contract.js';
import type { ApiEnvelope, PacsApi } from './types.js';

/** Sends one call ("group.method", input) and returns the envelope: IPC in the preload, HTTP in the test bridge. */
export type ApiTransport = (method: string, input: unknown) => Promise<ApiEnvelope>;

/**
 * Builds one method of the API over a transport. Typed by group and method name, so a caller
 * cannot bind a name the contract lacks; an error envelope becomes a rejection with its message.
 */
export function bindMethod<G extends ApiGroup, M extends keyof PacsApi[G] & string>(transport: ApiTransport, group: G, method: M): PacsApi[G][M] {
  const name = `${group}.${method}`;
  const call = async (input: unknown) => {
    const envelope = await transport(name, input ?? {});
    if (envelope.ok) return envelope.value;
    throw new Error(envelope.error.message);
  };
  return call as unknown as PacsApi[G][M];
}

/** The whole API over a transport, listed method by method and checked against the contract with `satisfies`. */
export function createApiClient(transport: ApiTransport) {
  const b = <G extends ApiGroup, M extends keyof PacsApi[G] & string>(group: G, method: M) => bindMethod(transport, group, method);
  return {
    app: { info: b('app', 'info') },
    jobs: { get: b('jobs', 'get'), list: b('jobs', 'list') },
    connections: { kinds: b('connections', 'kinds'), list: b('connections', 'list'), save: b('connections', 'save'), confirm: b('connections', 'confirm'), remove: b('connections', 'remove'), test: b('connections', 'test') },
    staging: {
      kinds: b('staging', 'kinds'),
      preview: b('staging', 'preview'),
      start: b('staging', 'start'),
      list: b('staging', 'list'),
      get: b('staging', 'get'),
      validate: b('staging', 'validate'),
      signoff: b('staging', 'signoff'),
      push: b('staging', 'push'),
      promote: b('staging', 'promote'),
      reject: b('staging', 'reject'),
    },
    snapshots: {
      list: b('snapshots', 'list'),
      create: b('snapshots', 'create'),
      diff: b('snapshots', 'diff'),
      diffStatus: b('snapshots', 'diffStatus'),
      diffRows: b('snapshots', 'diffRows'),
      export: b('snapshots', 'export'),
    },
    parcels: { search: b('parcels', 'search'), get: b('parcels', 'get'), timeline: b('parcels', 'timeline') },
    mcp: { status: b('mcp', 'status'), setRunning: b('mcp', 'setRunning'), revealToken: b('mcp', 'revealToken'), modelValues: b('mcp', 'modelValues'), setModelValues: b('mcp', 'setModelValues') },
    claude: { plan: b('claude', 'plan'), write: b('claude', 'write'), bundle: b('claude', 'bundle'), saveBundle: b('claude', 'saveBundle') },
    audit: { list: b('audit', 'list'), verify: b('audit', 'verify'), export: b('audit', 'export') },
    sql: { run: b('sql', 'run'), cancel: b('sql', 'cancel'), tables: b('sql', 'tables'), columns: b('sql', 'columns'), export: b('sql', 'export') },
    lakehouse: { sourceTables: b('lakehouse', 'sourceTables'), sync: b('lakehouse', 'sync'), tables: b('lakehouse', 'tables') },
    promotion: { list: b('promotion', 'list'), set: b('promotion', 'set') },
    reviewers: { list: b('reviewers', 'list'), add: b('reviewers', 'add'), remove: b('reviewers', 'remove') },
    importFolders: { get: b('importFolders', 'get'), set: b('importFolders', 'set') },
  } satisfies PacsApi;
}
