import { join } from 'node:path';
import type { TokenSet } from '@latch/core';
import { expectNoSecrets } from '@latch/test-support';
import { EncryptedFileStore, storeKey } from '@latch/tokenstore';
import type { LatchRun } from './run-latch.js';

/** What `latch`'s encrypted file store holds for `issuer` and `profile`, read directly. */
export function fileSession(
  env: Record<string, string>,
  issuer: string,
  profile = 'default',
): Promise<TokenSet | undefined> {
  const dir = join(env.XDG_CONFIG_HOME ?? '', 'latch', 'tokens');
  return new EncryptedFileStore({ service: 'latch', dir }).load(storeKey({ issuer, profile }));
}

/** Fails when any token of `tokens` appears in a run's stdout or stderr. */
export function expectNoTokens(run: LatchRun | string, tokens: TokenSet | undefined): void {
  const text = typeof run === 'string' ? run : `${run.stdout}\n${run.stderr}`;
  const secrets = [tokens?.accessToken, tokens?.refreshToken, tokens?.idToken].filter(
    (value): value is string => value !== undefined,
  );
  // expectNoSecrets renders an error every way it can be rendered; the output is its message.
  expectNoSecrets(new Error(text), secrets);
}
