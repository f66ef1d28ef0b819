import { type Issuer, startIssuer } from '@latch/issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from './demo-run.js';

describe('the demo (pnpm demo, unattended)', () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  it('logs in, uses, exchanges, refreshes and logs out without printing a token', async () => {
    const lines: string[] = [];
    const result = await runDemo(issuer, { unattended: true, print: (line) => lines.push(line) });
    const transcript = lines.join('\n');
    expect(result.exitCodes).toEqual({
      'login --device': 0,
      status: 3,
      token: 0,
      [`token --resource ${issuer.resources.data}`]: 0,
      logout: 0,
    });
    expect(transcript).toContain('user           demo@latch.test');
    expect(transcript).toContain('changed: yes');
    expect(transcript).toContain('Not logged in');
    expect(issuer.grants.count('refresh_token')).toBe(1);
    expect(issuer.grants.count('urn:ietf:params:oauth:grant-type:token-exchange')).toBe(1);
    expect(result.tokens).toHaveLength(3);
    for (const token of result.tokens) {
      expect(token.length).toBeGreaterThan(20);
      expect(transcript).not.toContain(token.slice(-12));
    }
  });
});
