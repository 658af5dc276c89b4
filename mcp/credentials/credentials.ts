import { UserError } from '../util/user-error.js';

/**
 * The one place secrets are read and written. Backed by the OS keychain (Windows Credential
 * Manager, macOS Keychain, Secret Service on Linux) through @napi-rs/keyring's keytar API.
 * `PACS_MCP_SECRETS=memory` keeps them in this process only and exists for tests; such a store
 * starts with the secrets in `PACS_MCP_MEMORY_SECRETS` (a JSON object, account → secret), so the
 * processes a test spawns can share a key. There is no plaintext fallback.
 */
export interface SecretStore {
  readonly backend: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'PACS MCP Desktop';

export class KeychainUnavailableError extends UserError {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      'unavailable',
      `The OS keychain is not available (${detail}). PACS MCP keeps passwords only in the keychain: ` +
        'on Windows use Credential Manager, on macOS the login keychain, on Linux start a Secret Service ' +
        '(gnome-keyring or KWallet) and unlock it, then try again.',
    );
  }
}

class KeychainSecretStore implements SecretStore {
  readonly backend = 'keychain' as const;
  private keytar?: Promise<typeof import('@napi-rs/keyring/keytar.js')>;

  constructor(private readonly service: string) {}

  private load() {
    this.keytar ??= import('@napi-rs/keyring/keytar.js');
    return this.keytar;
  }

  private async call<T>(op: (k: typeof import('@napi-rs/keyring/keytar.js')) => Promise<T>): Promise<T> {
    try {
      return await op(await this.load());
    } catch (err) {
      throw new KeychainUnavailableError(err);
    }
  }

  get(account: string) {
    return this.call((k) => k.getPassword(this.service, account));
  }

  set(account: string, secret: string) {
    return this.call((k) => k.setPassword(this.service, account, secret));
  }

  delete(account: string) {
    return this.call((k) => k.deletePassword(this.service, account));
  }
}

class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const;
  private readonly secrets: Map<string, string>;

  constructor(seed: Record<string, string> = {}) {
    this.secrets = new Map(Object.entries(seed));
  }

  async get(account: string) {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string) {
    this.secrets.set(account, secret);
  }

  async delete(account: string) {
    return this.secrets.delete(account);
  }
}

export function createSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const choice = env.PACS_MCP_SECRETS ?? 'keychain';
  if (choice === 'memory') return new MemorySecretStore(memorySeed(env.PACS_MCP_MEMORY_SECRETS));
  if (choice !== 'keychain') {
    throw new Error(`PACS_MCP_SECRETS must be "keychain" (the default) or "memory" (tests only), not "${choice}".`);
  }
  return new KeychainSecretStore(env.PACS_MCP_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE);
}

function memorySeed(json: string | undefined): Record<string, string> {
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error('PACS_MCP_MEMORY_SECRETS must be a JSON object of account names to secret strings.');
  }
  return parsed as Record<string, string>;
}

/** Keychain account names: one per connection secret, one for install-wide keys. */
export const secretAccount = {
  connection: (connectionId: string) => `connection:${connectionId}`,
  install: (purpose: string) => `install:${purpose}`,
};
