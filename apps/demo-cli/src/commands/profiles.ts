import { DEFAULT_PROFILE_NAME } from '../config.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** `latch profiles`: the profiles of the config file, and which is the default. */
export async function profiles(ctx: CliContext): Promise<number> {
  const { file, config, out } = ctx;
  const current = config.profile ?? file.defaultProfile ?? DEFAULT_PROFILE_NAME;
  const list = Object.entries(file.profiles ?? {}).map(([name, p]) => ({
    name,
    issuer: p.issuer,
    clientId: p.clientId,
    current: name === current,
  }));
  out.result(
    { default: file.defaultProfile ?? DEFAULT_PROFILE_NAME, current, profiles: list },
    list.length === 0
      ? ['No profiles yet: `latch login` creates one.']
      : list.map((p) => `${p.current ? '*' : ' '} ${p.name.padEnd(16)} ${p.issuer}`),
  );
  return EXIT.ok;
}
