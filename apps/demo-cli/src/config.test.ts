import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import { DEFAULT_CLIENT_ID, resolveConfig } from './config.js';

const file = {
  defaultProfile: 'work',
  profiles: {
    work: { issuer: 'https://work.example.com', clientId: 'work-cli' },
    home: { issuer: 'https://home.example.com' },
  },
};

describe('resolveConfig', () => {
  it('takes flags over the environment over the config file', () => {
    const env = { LATCH_ISSUER: 'https://env.example.com', LATCH_PROFILE: 'home' };
    expect(resolveConfig(parseCliArgs(['status']), {}, file)).toMatchObject({
      profile: 'work',
      issuer: 'https://work.example.com',
      clientId: 'work-cli',
    });
    expect(resolveConfig(parseCliArgs(['status']), env, file)).toMatchObject({
      profile: 'home',
      issuer: 'https://env.example.com',
      clientId: DEFAULT_CLIENT_ID,
      sources: { profile: 'LATCH_PROFILE', issuer: 'LATCH_ISSUER' },
    });
    const flags = parseCliArgs(['status', '--issuer', 'https://flag.example.com']);
    expect(resolveConfig(flags, env, file)).toMatchObject({
      issuer: 'https://flag.example.com',
      sources: { issuer: 'flag' },
    });
  });

  it('leaves the issuer unset when nothing names one', () => {
    expect(resolveConfig(parseCliArgs(['status']), { LATCH_ISSUER: '' }, {}).issuer).toBe(
      undefined,
    );
  });
});
