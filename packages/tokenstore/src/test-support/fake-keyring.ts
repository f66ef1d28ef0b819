import type { KeyringBackend } from '../keyring-backend.js';

/** One call a {@link FakeKeyring} received. */
export interface KeyringCall {
  readonly op: 'get' | 'set' | 'delete';
  readonly account: string;
  readonly bytes?: number;
}

/** Options of {@link fakeKeyring}. */
export interface FakeKeyringOptions {
  /** Refuse secrets longer than this, as the Windows Credential Manager does past 2,560 bytes. */
  readonly maxSecretBytes?: number;
  /** Fail the n-th `set` (1-based) and every one after it, like a keychain that went away. */
  readonly failFromSet?: number;
}

/** A keychain in memory that records its calls: for faults a real keychain cannot produce. */
export interface FakeKeyring extends KeyringBackend {
  /** Every secret, by `service\naccount`. */
  readonly secrets: Map<string, Uint8Array>;
  /** Every call, in order. */
  readonly calls: KeyringCall[];
}

export function fakeKeyring(options: FakeKeyringOptions = {}): FakeKeyring {
  const secrets = new Map<string, Uint8Array>();
  const calls: KeyringCall[] = [];
  let sets = 0;
  const id = (service: string, account: string) => `${service}\n${account}`;
  return {
    secrets,
    calls,
    async get(service, account) {
      calls.push({ op: 'get', account });
      return secrets.get(id(service, account)) ?? null;
    },
    async set(service, account, secret) {
      calls.push({ op: 'set', account, bytes: secret.length });
      sets++;
      if (options.failFromSet !== undefined && sets >= options.failFromSet) {
        throw new Error('Platform failure: DBus error: Did not receive a reply');
      }
      if (options.maxSecretBytes !== undefined && secret.length > options.maxSecretBytes) {
        throw new Error('Attribute too long for platform: the secret exceeds the credential limit');
      }
      secrets.set(id(service, account), Uint8Array.from(secret));
    },
    async delete(service, account) {
      calls.push({ op: 'delete', account });
      return secrets.delete(id(service, account));
    },
  };
}
