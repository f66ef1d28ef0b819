import { readFileSync } from 'node:fs';
import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { example } from './usage.js';

let issuer: Issuer;

beforeAll(async () => {
  issuer = await startIssuer({ log: () => {} });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await issuer?.close();
});

it('the README example logs in against the embedded issuer', async () => {
  const approvals: Promise<void>[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => {
    const userCode = /enter the code (\S+)/.exec(line)?.[1];
    if (userCode) approvals.push(issuer.approveDevice(userCode));
  });

  const tokens = await example(issuer.url);

  await Promise.all(approvals);
  expect(approvals).toHaveLength(1);
  expect(tokens.tokenType).toBe('Bearer');
  expect(tokens.accessToken).toEqual(expect.any(String));
  expect(tokens.refreshToken).toEqual(expect.any(String));
  expect(tokens.expiresAt).toBeGreaterThan(Date.now());
});

it('the README shows this example verbatim', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const source = readFileSync(new URL('./usage.ts', import.meta.url), 'utf8');
  const block =
    /<!-- example:usage:start -->\n```ts\n([\s\S]*?)```\n<!-- example:usage:end -->/.exec(
      readme,
    )?.[1];
  expect(block).toBe(source);
});
